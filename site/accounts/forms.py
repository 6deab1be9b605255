from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from .fields import MobileNumberField
from .throttle import client_address, login_spraying


class _PhoneLoginFields(forms.Form):
    """Log in with a mobile number. A malformed number is refused with its own
    message before any password is checked (and before it counts as a failure)."""

    username = MobileNumberField(
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("手机号码或密码不正确。请注意密码区分大小写。"),
        "inactive": _("该账户已停用，请联系社区工作人员。"),
    }

    def clean(self):
        if self.errors:
            # A malformed number never reaches authenticate().
            return self.cleaned_data
        if self.request is not None and login_spraying().blocked(client_address(self.request)):
            # Password spraying: many numbers failed from this address. Refused
            # before the password is tried, so a lucky guess is not found.
            raise forms.ValidationError(
                _(
                    "这个网络地址最近尝试登录的手机号码太多，为保护大家的账户，"
                    "登录已暂停，请 %(n)s 分钟后再试。"
                )
                % {"n": login_spraying().window // 60},
                code="spraying",
            )
        return super().clean()


class PhoneLoginForm(_PhoneLoginFields, AuthenticationForm):
    """The public login form."""


class AdminPhoneLoginForm(_PhoneLoginFields, WagtailLoginForm):
    """The Wagtail admin's login form, with the same phone-number check."""


class _PhoneUserFields(forms.ModelForm):
    """Wagtail's user forms, with our fields instead of first and last names."""

    first_name = None
    last_name = None
    phone = MobileNumberField()
    email = forms.EmailField(required=False, label=_("电子邮箱"))


class PhoneUserCreationForm(_PhoneUserFields, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = {"phone", "real_name", "email", "is_superuser", "groups"}


class PhoneUserEditForm(_PhoneUserFields, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = {"phone", "real_name", "email", "is_active", "is_superuser", "groups"}


class RealNameForm(forms.ModelForm):
    """The admin's own "name and e-mail" panel, for our user model."""

    class Meta:
        from django.contrib.auth import get_user_model

        model = get_user_model()
        fields = ["real_name", "email"]


# --- Proof of possession (activation slips, SMS codes) -------------------------------


class ActivationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("激活码"),
        max_length=40,
        help_text=_("纸条上的 10 位字母和数字，例如 K7M2-9QXP-4R，不区分大小写。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
        error_messages={"required": _("请输入激活码。")},
    )


class NewPasswordForm(forms.Form):
    """A new password for the account a number will have (checked with every
    password validator against that number and name, messages in Chinese)."""

    password1 = forms.CharField(
        label=_("设置密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少 8 位，不要只用数字，不要用手机号码或姓名加数字。"),
        error_messages={"required": _("请设置密码。")},
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("请再次输入密码。")},
    )

    def __init__(self, *args, phone="", name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.phone, self.name = phone, name

    def clean(self):
        from django.contrib.auth import get_user_model, password_validation

        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif first:
            probe = get_user_model()(phone=self.phone, real_name=self.name or "")
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SmsPhoneForm(forms.Form):
    phone = MobileNumberField(error_messages={"required": _("请填写手机号码。")})


class SmsCodeForm(forms.Form):
    code = forms.CharField(
        label=_("短信验证码"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("请输入短信里的 6 位验证码。")},
    )


class SmsPasswordForm(SmsCodeForm, NewPasswordForm):
    field_order = ["code", "password1", "password2"]
