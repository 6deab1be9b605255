from django import forms
from django.utils.translation import gettext_lazy as _

from .validators import normalize_mobile, validate_mobile


class MobileNumberField(forms.CharField):
    """A form field for a mainland mobile number, as people type it: spaces,
    dashes and +86 are accepted and removed; anything else gets a clear
    Chinese message. Use it wherever a form asks for a phone number."""

    default_validators = [validate_mobile]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("手机号码"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        return attrs

    def to_python(self, value):
        return normalize_mobile(super().to_python(value))
