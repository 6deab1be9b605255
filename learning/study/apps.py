from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyConfig(AppConfig):
    name = "learning.study"
    label = "study"
    verbose_name = _("学习会")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.signals import phone_verified

        from . import exports
        from .access import link_member

        exports.register()

        phone_verified.connect(link_member, dispatch_uid="study-link-member")
