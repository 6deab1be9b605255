from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from .fields import MobileNumberField


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
