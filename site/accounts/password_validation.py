"""Password rules of our own, with Chinese messages (settings
``AUTH_PASSWORD_VALIDATORS``).

* ``PhoneAndNameValidator``: a password made of the account's phone number
  (in any shape: +86, dashes, a letter added) or of the real name plus
  digits is the first thing anyone who knows the person tries.
* ``MinimumLengthValidator``: Django's, with its message in Chinese (the
  zh-hans catalogue of Django 5.2 lacks the message it now uses).
"""

import unicodedata

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .validators import normalize_mobile

# Characters left once the phone number is taken out, below which the
# password is "the number with something added".
_PHONE_REST = 4
# The shortest run of the number's digits that counts as "made of the number".
_PHONE_RUN = 6


def _fold(text):
    """Lower case, NFKC (full-width to ASCII), letters and digits only."""
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return "".join(ch for ch in text if ch.isalnum())


def _longest_common_run(phone, text):
    """The longest run of the phone's digits (at least _PHONE_RUN long) in text."""
    for length in range(len(phone), _PHONE_RUN - 1, -1):
        for start in range(len(phone) - length + 1):
            if phone[start : start + length] in text:
                return length
    return 0


class PhoneAndNameValidator:
    """Refuses passwords that contain the whole phone number, that are mostly
    a run of its digits, or that are the real name with only digits or signs
    added. Compares folded text (NFKC, lower case, letters and digits)."""

    def validate(self, password, user=None):
        if user is None:
            return
        folded = _fold(password)
        phone = normalize_mobile(getattr(user, "phone", ""))
        if phone:
            digits = "".join(ch for ch in folded if ch.isdigit())
            run = _longest_common_run(phone, folded)
            if phone in digits or (run and len(folded) - run < _PHONE_REST):
                raise ValidationError(
                    _("密码不能用手机号码或它的一部分，别人很容易猜到。"), code="password_is_phone"
                )
        name = _fold(getattr(user, "real_name", ""))
        if name and name in folded:
            rest = folded.replace(name, "")
            if not any(ch.isalpha() for ch in rest):
                raise ValidationError(
                    _("密码不能是姓名加数字，别人很容易猜到。"), code="password_is_name"
                )

    def get_help_text(self):
        return _("不要用手机号码，也不要用姓名加数字。")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                _("密码太短，至少要有 %(min_length)d 个字符。"),
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return _("至少 %(min_length)d 个字符。") % {"min_length": self.min_length}
