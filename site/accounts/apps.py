from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("账户")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from .throttle import count_failed_login

        user_login_failed.connect(count_failed_login, dispatch_uid="accounts-login-spraying")


class PhoneUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users, with user forms that know phone numbers and real names."""

    user_viewset = "accounts.viewsets.PhoneUserViewSet"
