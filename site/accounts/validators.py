"""Mainland China mobile numbers: 11 digits, starting 13–19."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_SEPARATORS = re.compile(r"[\s\-－—]")


def normalize_mobile(value):
    """Strip spaces and dashes and a leading +86/0086, as people type them."""
    value = _SEPARATORS.sub("", str(value or "")).strip()
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return value


def validate_mobile(value):
    if not MOBILE_RE.match(value or ""):
        raise ValidationError(
            _("请输入正确的 11 位中国大陆手机号码，例如 13812345678。"),
            code="invalid_mobile",
        )
