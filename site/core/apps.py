from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("公共组件")

    def ready(self):
        from . import (
            converters,
            exports,
            page_purge,
            permission_names,
            spreadsheet,
            view_restrictions,
            wagtail_labels,
        )

        converters.register()
        page_purge.connect_purge_signals()
        spreadsheet.guard_wagtail_exports()
        wagtail_labels.install()
        exports.connect_signals()  # a deleted job (an erased account) takes its file
        view_restrictions.install()  # public() reads the restrictions once a request
        # After every migrate: permission names in Chinese (permission_names.py).
        post_migrate.connect(
            permission_names.name_permissions, dispatch_uid="core-permission-names"
        )
