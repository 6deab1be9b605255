"""Sending verification codes by SMS, through a pluggable backend, the way
Django sends e-mail (settings ``SMS_BACKEND``):

* ``""`` (the default): no SMS. The site offers no SMS step at all; numbers
  are proven only with an activation code from the branch administrator.
* ``console``: prints the message (development).
* ``locmem``: keeps messages in ``accounts.sms.outbox`` (tests).
* ``tencent``: Tencent Cloud SMS through its official SDK
  (``tencentcloud-sdk-python-sms``), configured by environment variables.
* or the dotted path of a class with ``send_code(phone, code, minutes)``.

Providers in mainland China send only approved templates with a signature,
so a backend sends a *verification code*, not free text.
"""

from django.conf import settings
from django.utils.module_loading import import_string

outbox = []

ALIASES = {
    "console": "accounts.sms.backends.ConsoleBackend",
    "locmem": "accounts.sms.backends.LocmemBackend",
    "tencent": "accounts.sms.tencent.TencentBackend",
}


class SmsError(Exception):
    """The provider did not accept the message."""


def sms_enabled():
    return bool(getattr(settings, "SMS_BACKEND", ""))


def get_backend():
    name = settings.SMS_BACKEND
    return import_string(ALIASES.get(name, name))(**getattr(settings, "SMS_OPTIONS", {}))


def send_code(phone, code, minutes):
    """Send ``code`` to ``phone``; raises SmsError when it cannot be sent."""
    get_backend().send_code(phone, code, minutes)
