from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("账户")


class PhoneUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users, with user forms that know phone numbers and real names."""

    user_viewset = "accounts.viewsets.PhoneUserViewSet"
