"""The development and test backends (no network)."""

import sys
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass
class SmsMessage:
    phone: str
    code: str
    minutes: int
    text: str


class BaseBackend(ABC):
    """What every SMS backend does: render the code's text and send it."""

    def __init__(self, sign_name="", **options):
        self.sign_name = sign_name
        self.options = options

    def text(self, code, minutes):
        """The message as the provider's template would render it."""
        body = _("您的验证码是 %(code)s，%(minutes)s 分钟内有效。请勿告诉他人。") % {
            "code": code,
            "minutes": minutes,
        }
        return f"【{self.sign_name}】{body}" if self.sign_name else body

    @abstractmethod
    def send_code(self, phone, code, minutes):
        """Send the code to the number; raise ``SmsError`` when it fails."""


class ConsoleBackend(BaseBackend):
    stream = None

    def send_code(self, phone, code, minutes):
        stream = self.stream or sys.stdout
        stream.write(f"SMS to {phone}: {self.text(code, minutes)}\n")
        stream.flush()


class LocmemBackend(BaseBackend):
    def send_code(self, phone, code, minutes):
        from . import outbox

        outbox.append(SmsMessage(phone, code, minutes, self.text(code, minutes)))
