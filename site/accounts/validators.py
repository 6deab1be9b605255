"""Mainland China mobile numbers: 11 ASCII digits, starting 13–19.

People type numbers in many shapes: with spaces or dashes, with +86 or
0086, with full-width digits from a Chinese input method (１３８…), or pasted
with invisible characters. ``normalize_mobile`` turns every such shape into
the one stored form (NFKC folds full-width digits and signs to ASCII,
format characters such as zero-width spaces are dropped), and
``validate_mobile`` accepts ASCII digits only, so one number is always one
string and a unique constraint on it means what it says. (``\\d`` would
accept any Unicode digit, e.g. ``١``, and a number typed two ways would be
two people.)
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)
# Spaces and the dashes people put between groups of digits (after NFKC).
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−()]")


def normalize_mobile(value):
    """The stored form of a typed number: NFKC, no separators or format
    characters, without a leading +86/0086. Validate it afterwards."""
    value = unicodedata.normalize("NFKC", str(value or ""))
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Cf")
    value = _SEPARATORS.sub("", value)
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return value


def validate_mobile(value):
    if not isinstance(value, str) or not MOBILE_RE.fullmatch(value):
        raise ValidationError(
            _("请输入正确的 11 位中国大陆手机号码，例如 13812345678。"),
            code="invalid_mobile",
        )
