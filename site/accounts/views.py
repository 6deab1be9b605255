from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.admin.userbar import Userbar
from wagtail.admin.views import account as wagtail_account
from wagtail.models import Page

from core.http import private
from core.personal_parts import answer_parts
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


@private
@login_required
def me(request):
    """The member's own page: who they are and links to everything that is theirs."""
    return TemplateResponse(
        request,
        "accounts/me.html",
        {"sections": account_sections(request), "sms_enabled": sms_enabled()},
    )


@private
@require_GET
def personal(request):
    """The personal part of a cached public page, for whoever is asking
    (``core/js/personal.js``): logged in or not, their name, for an editor
    who may edit the page (``?page=<id>``) Wagtail's user bar for it (which
    the shared page cannot carry), and the answers of the page's own personal
    parts (``?part=<url>``, ``core.personal_parts``)."""
    user = request.user
    parts = answer_parts(request, request.GET.getlist("part"))
    if not user.is_authenticated:
        return JsonResponse({"authenticated": False, "parts": parts})
    data = {"authenticated": True, "name": user.real_name, "userbar": None, "parts": parts}
    page_id = request.GET.get("page", "")
    if page_id.isdigit() and len(page_id) <= 18 and user.has_perm("wagtailadmin.access_admin"):
        page = Page.objects.filter(pk=page_id).first()
        if page is not None and page.permissions_for_user(user).can_edit():
            data["userbar"] = _userbar(request, page.specific)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _userbar(request, page):
    """Wagtail's user bar for ``page``, as ``{% wagtailuserbar %}`` would
    render it in the page's own template for this request: its items (管理,
    在管理后台查看, 编辑此页, 添加子页面, the content checks) as Wagtail and
    the ``construct_wagtail_userbar`` hooks decide, its template, its icons
    and its scripts (by ``src``, from our own origin)."""
    return str(Userbar(object=page).render_html({"request": request, "page": page}))


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
