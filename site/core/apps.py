from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("公共组件")

    def ready(self):
        from . import converters, page_cache, spreadsheet

        converters.register()
        page_cache.connect_purge_signals()
        spreadsheet.guard_wagtail_exports()
