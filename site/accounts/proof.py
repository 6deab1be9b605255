"""Proof of possession of a phone number: activation codes and SMS codes.

A phone number identifies a person; it never proves one. An account is
linked to what was recorded under its number (a party member's record,
earlier guest registrations) only once its holder has shown one of:

* an **activation code** (激活码) that a branch administrator issued for the
  number and handed over on a slip: ``issue_activation_code``,
  ``open_activation_code`` (what the slip is, before redeeming),
  ``redeem_activation_code``;
* an **SMS code** sent to the number, where an SMS provider is configured:
  ``send_sms_code``, ``claim_phone_by_sms`` (sets a password, like a slip),
  ``verify_own_phone`` (an account that is logged in).

Redeeming either marks the account's number verified and sends
``accounts.signals.phone_verified`` in the same transaction. Codes are kept
only as keyed hashes (HMAC-SHA256 with the secret key), expire, and are
one-time; wrong codes are counted per address (and per SMS code). The
password of a staff account is never reset this way.
"""

import datetime
import hmac
import secrets
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from core.errors import DomainError

from . import sms
from .models import ActivationCode, SmsCode
from .signals import phone_verified
from .throttle import WindowCounter
from .validators import normalize_mobile, validate_mobile

# No 0/O, 1/I/L, U: nothing an elderly reader or a typist can confuse.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 30**10 ≈ 5.9e14 (49 bits)
SMS_DIGITS = 6


class ProofError(DomainError):
    pass


def _setting(name, default):
    return getattr(settings, name, default)


def failed_proofs():
    """Wrong activation or SMS codes per address, per hour."""
    return WindowCounter("proof-failures", _setting("PROOF_FAILURES_PER_ADDRESS", 20), 3600)


def _hash(kind, value):
    return salted_hmac("accounts.phone-proof", f"{kind}:{value}", algorithm="sha256").hexdigest()


def normalize_code(text):
    """What was typed or scanned, as stored: NFKC, upper case, no spaces or dashes."""
    text = unicodedata.normalize("NFKC", str(text or "")).upper()
    return "".join(ch for ch in text if ch.isalnum())


def format_code(code):
    """K7M29QXP4R -> K7M2-9QXP-4R, easier to read aloud and type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def check_password_for(phone, name, password):
    """Django's and our password validators, for the account the number
    will have (its number and name), as ProofError with Chinese messages."""
    probe = get_user_model()(phone=phone, real_name=name or "")
    try:
        password_validation.validate_password(password, probe)
    except ValidationError as error:
        raise ProofError(" ".join(error.messages), code="password") from error


# --- Verification -----------------------------------------------------------------


def _claim(phone, *, via, password=None, name="", user=None, now):
    """Inside a transaction: the account for ``phone`` (created if missing),
    its password set when one is given, its number marked verified, and
    ``phone_verified`` sent. ``user``: the account logged in, if any."""
    User = get_user_model()
    account = User.objects.select_for_update().filter(phone=phone).first()
    if account is not None and not account.is_active:
        raise ProofError(_("这个手机号码的账户已停用，请联系社区工作人员。"))
    own = user is not None and account is not None and user.pk == account.pk
    if account is not None and account.is_privileged and not own:
        raise ProofError(
            _("这个手机号码属于管理人员的账户，不能用验证码重设密码。请本人登录后再使用。")
        )
    if password is None and not own:
        raise ProofError(_("请设置登录密码。"), code="password")
    if account is None:
        account = User.objects.create_user(phone, password, real_name=name)
    elif password is not None:
        account.set_password(password)
    if name and not own:
        account.real_name = name
    account.phone_verified_at = now
    account.save()
    phone_verified.send(sender=User, user=account, via=via)
    return account


def withdraw_verification(user):
    """An administrator decided this account does not belong to the person
    with its number (e.g. unlinked it from a member): it must prove the
    number again before anything is linked to it."""
    get_user_model().objects.filter(pk=user.pk).update(phone_verified_at=None)
    user.phone_verified_at = None


# --- Activation codes ----------------------------------------------------------------


def issue_activation_code(phone, *, actor, name="", now=None):
    """A new one-time code for ``phone``; an earlier unused one is revoked.
    Returns ``(code row, the code in clear)``: the clear code exists only
    in this answer (print it now)."""
    now = now or timezone.now()
    phone = normalize_mobile(phone)
    try:
        validate_mobile(phone)
    except ValidationError as error:
        raise ProofError(error.messages[0]) from error
    account = get_user_model().objects.filter(phone=phone).first()
    if account is not None and account.is_privileged:
        raise ProofError(
            _("%(phone)s 是管理人员账户的手机号码，不能发放激活码；请本人用自己的密码登录。")
            % {"phone": account.masked_phone}
        )
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    days = _setting("ACTIVATION_CODE_DAYS", 30)
    with transaction.atomic():
        ActivationCode.objects.filter(phone=phone, used_at=None, revoked_at=None).update(
            revoked_at=now
        )
        row = ActivationCode.objects.create(
            phone=phone,
            name=(name or "")[:50],
            code_hash=_hash("activation", code),
            created_at=now,
            expires_at=now + datetime.timedelta(days=days),
            issued_by=actor,
        )
    return row, code


def open_activation_code(code, *, address, now=None):
    """The open code ``code`` stands for, or ProofError saying why not (a
    wrong code counts against the address)."""
    now = now or timezone.now()
    counter = failed_proofs()
    if counter.blocked(address):
        raise ProofError(_("输错的次数太多了，请一小时后再试，或联系支部远教管理员。"))
    row = ActivationCode.objects.filter(code_hash=_hash("activation", normalize_code(code))).first()
    if row is None:
        counter.hit(address)
        raise ProofError(_("激活码不正确。请对照纸条再输入一次，注意区分字母和数字。"))
    if row.used_at is not None:
        raise ProofError(
            _(
                "这个激活码已经用过了。请直接用手机号码和密码登录；忘记密码请找支部远教管理员重新领取。"
            )
        )
    if row.revoked_at is not None:
        raise ProofError(_("这个激活码已经作废（后来又发了新的）。请使用最新的纸条。"))
    if row.expires_at <= now:
        raise ProofError(_("这个激活码已经过期。请找支部远教管理员重新领取。"))
    return row


def redeem_activation_code(code, *, address, password=None, user=None, now=None):
    """Use the code: the account for its number gets ``password`` (created
    if missing), its number is verified and linked. Returns the account.
    ``user``: the account logged in, which may link without a new password
    if the code is for its own number."""
    now = now or timezone.now()
    row = open_activation_code(code, address=address, now=now)
    if password is not None:
        check_password_for(row.phone, row.name, password)
    with transaction.atomic():
        row = ActivationCode.objects.select_for_update().get(pk=row.pk)
        if not row.is_open(now):
            raise ProofError(_("这个激活码刚刚已被使用或作废。"))
        account = _claim(
            row.phone, via="activation", password=password, name=row.name, user=user, now=now
        )
        row.used_at, row.used_by = now, account
        row.save(update_fields=["used_at", "used_by"])
    return account


# --- SMS codes ------------------------------------------------------------------------


def sms_minutes():
    return _setting("SMS_CODE_MINUTES", 10)


def send_sms_code(phone, *, address, now=None):
    """Send a new code to ``phone`` (after the sending limits: one a minute
    and a few a day per number, a few an hour per address)."""
    now = now or timezone.now()
    if not sms.sms_enabled():
        raise ProofError(_("本站没有开通短信验证。请向支部远教管理员领取激活码。"))
    phone = normalize_mobile(phone)
    try:
        validate_mobile(phone)
    except ValidationError as error:
        raise ProofError(error.messages[0]) from error
    day_ago, hour_ago = now - datetime.timedelta(days=1), now - datetime.timedelta(hours=1)
    if SmsCode.objects.filter(phone=phone, created_at__gt=day_ago).count() >= _setting(
        "SMS_PER_NUMBER_PER_DAY", 5
    ):
        raise ProofError(_("这个号码今天获取验证码的次数已用完，请明天再试。"))
    if SmsCode.objects.filter(address=address, created_at__gt=hour_ago).count() >= _setting(
        "SMS_PER_ADDRESS_PER_HOUR", 20
    ):
        raise ProofError(_("这个网络获取验证码太频繁，请一小时后再试。"))
    interval = _setting("SMS_RESEND_SECONDS", 60)
    # Atomic in the shared cache: simultaneous requests send one message.
    if not cache.add(f"sms-interval:{phone}", 1, timeout=interval):
        raise ProofError(_("验证码已发送，请 %(n)s 秒后再重新获取。") % {"n": interval})
    code = f"{secrets.randbelow(10**SMS_DIGITS):0{SMS_DIGITS}d}"
    with transaction.atomic():
        SmsCode.objects.filter(expires_at__lt=day_ago).delete()
        row = SmsCode.objects.create(
            phone=phone,
            code_hash=_hash("sms", f"{phone}:{code}"),
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=sms_minutes()),
            address=address if address != "unknown" else None,
        )
    try:
        sms.send_code(phone, code, sms_minutes())
    except sms.SmsError as error:
        SmsCode.objects.filter(pk=row.pk).update(expires_at=now)
        cache.delete(f"sms-interval:{phone}")
        raise ProofError(_("短信发送失败，请稍后再试。")) from error
    return row


def _consume_sms_code(phone, code, *, address, now):
    """Mark the number's current code used if ``code`` is it; otherwise
    count the failure (on the code and the address) and refuse."""
    counter = failed_proofs()
    if counter.blocked(address):
        raise ProofError(_("输错的次数太多了，请一小时后再试。"))
    wrong = None
    with transaction.atomic():
        row = (
            SmsCode.objects.select_for_update()
            .filter(phone=phone, used_at=None, expires_at__gt=now)
            .order_by("-created_at", "-pk")
            .first()
        )
        if row is None or row.attempts >= _setting("SMS_CODE_ATTEMPTS", 5):
            wrong = _("验证码已失效，请重新获取。")
        elif not hmac.compare_digest(
            row.code_hash, _hash("sms", f"{phone}:{normalize_code(code)}")
        ):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            wrong = _("验证码不正确，请核对短信后重新输入。")
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
    if wrong is not None:
        counter.hit(address)
        raise ProofError(wrong, code="sms_code")
    return row


def claim_phone_by_sms(phone, code, password, *, address, now=None):
    """The SMS equivalent of a slip: the account for ``phone`` gets
    ``password`` (created if missing), and its number is verified."""
    now = now or timezone.now()
    phone = normalize_mobile(phone)
    check_password_for(phone, "", password)
    _consume_sms_code(phone, code, address=address, now=now)
    with transaction.atomic():
        return _claim(phone, via="sms", password=password, now=now)


def verify_own_phone(user, code, *, address, now=None):
    """A logged-in account proves its own number with an SMS code."""
    now = now or timezone.now()
    _consume_sms_code(user.phone, code, address=address, now=now)
    with transaction.atomic():
        return _claim(user.phone, via="sms", user=user, now=now)
