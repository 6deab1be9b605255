from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    label = "volunteers"
    verbose_name = _("志愿服务")

    def ready(self):
        from django.core import checks

        from . import certificates, exports, signals

        signals.connect()
        exports.register()
        checks.register(certificates.check_font)
