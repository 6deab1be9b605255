from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import account as wagtail_account

from core.sections import account_sections

from .forms import PhoneLoginForm, RealNameForm
from .sms import sms_enabled


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = PhoneLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(sms_enabled=sms_enabled(), **kwargs)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
def me(request):
    """The member's own page: who they are and links to everything that is theirs."""
    return TemplateResponse(
        request,
        "accounts/me.html",
        {"sections": account_sections(request), "sms_enabled": sms_enabled()},
    )


class _RealNamePanel(wagtail_account.BaseSettingsPanel):
    name = "name_email"
    title = _("姓名和电子邮箱")
    order = 100
    form_class = RealNameForm


class AdminAccountView(wagtail_account.AccountView):
    """Wagtail's account page, with our name panel in place of first/last name."""

    def get_panels(self):
        return [
            _RealNamePanel(self.request, panel.user, panel.profile)
            if isinstance(panel, wagtail_account.NameEmailSettingsPanel)
            else panel
            for panel in super().get_panels()
        ]
