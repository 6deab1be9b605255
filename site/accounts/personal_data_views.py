"""我的数据 (/accounts/me/data/): what the site holds about the person, a
download of all of it, and deleting the account in two steps (what happens,
then the password again)."""

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.http import private

from . import personal_data


def _render(request, template, context=None, status=200):
    context = {
        "staff": personal_data.is_staff_account(request.user),
        **(context or {}),
    }
    return TemplateResponse(request, template, context, status=status)


class PasswordAgainForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("请再输入一次登录密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("请输入密码。")},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("密码不正确，账户没有注销。请重新输入。"))
        return password


@private
@login_required
def my_data(request):
    return _render(
        request,
        "accounts/my_data.html",
        {"held": personal_data.summary(request.user)},
    )


@private
@login_required
def download(request):
    now = timezone.now()
    response = HttpResponse(
        personal_data.export_json(request.user, now),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="my-data-{timezone.localtime(now):%Y%m%d}.json"'
    )
    return response


@private
@login_required
def delete_account(request):
    """Step 1: what deletion erases, what stays anonymised and why."""
    return _render(
        request,
        "accounts/delete_account.html",
        {"rules": personal_data.rules()},
        status=403 if personal_data.is_staff_account(request.user) else 200,
    )


@private
@login_required
@require_http_methods(["GET", "POST"])
def delete_account_confirm(request):
    """Step 2: the password again, then everything is erased."""
    if personal_data.is_staff_account(request.user):
        return _render(request, "accounts/delete_account.html", status=403)
    form = PasswordAgainForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            personal_data.erase_account(request.user, request.user)
        except personal_data.PersonalDataError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            return redirect("accounts:deleted")
    return _render(
        request,
        "accounts/delete_account_confirm.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@private
def deleted(request):
    return TemplateResponse(request, "accounts/deleted.html")
