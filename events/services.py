"""Business rules for events: one function per change of state.

Each takes the object and the acting user, raises ``RegistrationError`` (a
``core.errors.DomainError`` with a Chinese message) when a rule says no,
writes inside ``transaction.atomic()``, records the action in Wagtail's log
(labels in ``log_actions``) and sends mail only after commit.
Views, the admin and management commands all call these.

Places and the waiting list are the generic ``events.capacity`` functions,
applied to an ``Occurrence`` (the row that is locked).
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts.validators import normalize_mobile, validate_mobile
from core.codes import sign_code, unsign_code
from core.errors import DomainError
from core.log_actions import log
from core.text import clean_text

from . import capacity, notifications
from .capacity import RegistrationStatus
from .models import Audience, Registration

# The check-in QR code signs the registration's id under this salt. It used
# to sign the secret ``code`` (salt "events.check-in"), which let whoever
# scanned it open the confirmation page and cancel; such codes are refused.
CHECK_IN_SALT = "events.registration-check-in"
# Who may cancel for someone else (the organisers' roles, data migration 0002).
CANCEL_FOR_OTHERS = "events.change_registration"


class RegistrationError(DomainError):
    pass


# --- Who may register ------------------------------------------------------------


def audience_allows(event, user):
    """Whether a logged-in user belongs to the event's audience.

    Apps that know who is a party member or a volunteer register the Wagtail
    hook ``events_audience_allows``: ``fn(event, user) -> True | False | None``
    (None: "not mine to decide"). The first answer that is not None wins;
    without one, every logged-in user may register.
    """
    for fn in hooks.get_hooks("events_audience_allows"):
        answer = fn(event, user)
        if answer is not None:
            return bool(answer)
    return True


def _check_can_register(occurrence, user, now):
    event = occurrence.event
    if not event.live:
        raise RegistrationError(_("这个活动还没有发布或已经撤下，不能报名。"))
    state = occurrence.registration_state(now)
    if state == "none":
        raise RegistrationError(_("这个活动不需要报名，直接到场参加即可。"))
    if state == "cancelled":
        raise RegistrationError(_("这一场活动已经取消，不能报名。"))
    if state == "not_yet":
        raise RegistrationError(
            _("报名还没有开始，将于 %(time)s 开始。")
            % {"time": f"{timezone.localtime(occurrence.registration_opens):%Y年%m月%d日 %H:%M}"}
        )
    if state == "closed":
        raise RegistrationError(_("报名已经截止，不能再报名了。"))
    if user is None or not user.is_authenticated:
        if event.audience != Audience.EVERYONE:
            raise RegistrationError(
                _("这个活动只面向%(audience)s，请先登录再报名。")
                % {"audience": event.audience_label}
            )
    elif not audience_allows(event, user):
        raise RegistrationError(
            _("这个活动只面向%(audience)s，您的账户不在其中。如有疑问请联系社区工作人员。")
            % {"audience": event.audience_label}
        )


def register(
    occurrence, *, user=None, name="", phone="", email="", companions=0, actor=None, now=None
):
    """Register a logged-in ``user``, or a guest by ``name`` and ``phone``.

    Returns the registration, confirmed or on the waiting list. Raises
    RegistrationError (nothing saved) if registration is not open, the
    person is not in the audience, the number is invalid or already
    registered for this occurrence, or there are too many companions.
    """
    now = now or timezone.now()
    if user is not None and user.is_authenticated:
        phone = user.phone
        name = user.real_name or name or user.masked_phone
        email = user.email or email
    else:
        user = None
        phone = normalize_mobile(phone)
        try:
            validate_mobile(phone)
        except ValidationError as error:
            raise RegistrationError(
                _("请输入正确的 11 位中国大陆手机号码，例如 13812345678。")
            ) from error
        name = clean_text(name)
        if not name:
            raise RegistrationError(_("请填写姓名。"))
    companions = int(companions or 0)

    with transaction.atomic():
        occurrence = capacity.lock(occurrence)
        event = occurrence.event
        _check_can_register(occurrence, user, now)
        if companions < 0 or companions > event.max_companions:
            raise RegistrationError(
                _("每人最多可带 %(n)s 名同行人。") % {"n": event.max_companions}
                if event.max_companions
                else _("这个活动不能带同行人。")
            )
        duplicate = (
            _("您已经报名了这一场活动，不能重复报名。")
            if user
            else _("这个手机号码已经报名了这一场活动，不能重复报名。")
        )
        existing = occurrence.registrations.filter(status__in=capacity.ACTIVE)
        if existing.filter(phone=phone).exists() or (user and existing.filter(user=user).exists()):
            raise RegistrationError(duplicate)
        registration = Registration(
            user=user,
            name=name[:50],
            phone=phone,
            email=email,
            companions=companions,
            places=companions + 1,
        )
        try:
            capacity.allocate(occurrence, registration, duplicate)
        except capacity.CapacityError as error:
            raise RegistrationError(error.message) from error
        log(registration, "events.registration.create", user if actor is None else actor)
    return registration


def may_cancel(registration, user, secret=None):
    """Whether ``user`` may cancel ``registration``.

    * an organiser with ``events.change_registration``, always;
    * a registration made with an account: only that account, logged in;
    * a guest registration (name and phone, no account): whoever holds its
      confirmation secret (``secret``: the code in the confirmation link the
      guest was given). The check-in QR code does not carry that secret, so
      the door staff who scanned it cannot cancel.
    """
    if user is not None and user.is_authenticated:
        if user.has_perm(CANCEL_FOR_OTHERS):
            return True
        if registration.user_id is not None:
            return registration.user_id == user.pk
    elif registration.user_id is not None:
        return False
    return bool(secret) and secrets.compare_digest(str(secret), registration.code)


def cancel(registration, actor=None, now=None, *, secret=None, reason=""):
    """Cancel a registration before its occurrence starts; the waiting list
    moves up and the promoted are told by e-mail.

    ``actor`` is the person asking (see ``may_cancel``; a guest passes the
    confirmation ``secret``); ``actor=None`` is the system itself (commands,
    erasing an account), which needs no proof.
    """
    now = now or timezone.now()
    if actor is not None and not may_cancel(registration, actor, secret):
        if registration.user_id is not None and not actor.is_authenticated:
            raise RegistrationError(_("这是用账户报的名，请先登录报名时使用的账户，再取消。"))
        raise RegistrationError(_("只有报名者本人或活动工作人员可以取消这条报名。"))
    with transaction.atomic():
        occurrence = capacity.lock(registration.occurrence)
        if occurrence.start <= now:
            raise RegistrationError(_("活动已经开始，不能再取消报名。如不能参加请联系工作人员。"))
        try:
            promoted = capacity.withdraw(occurrence, registration, actor, reason)
        except capacity.CapacityError as error:
            raise RegistrationError(error.message) from error
        log(registration, "events.registration.cancel", actor)
        _notify_promoted(promoted)
    registration.refresh_from_db()
    return registration


def _notify_promoted(promoted):
    ids = [r.pk for r in promoted]
    if ids:
        transaction.on_commit(lambda: notifications.promoted(ids))


def _notify_moved_to_waiting(moved):
    ids = [r.pk for r in moved]
    if ids:
        transaction.on_commit(lambda: notifications.moved_to_waiting(ids))


def fit_capacity(occurrence, now):
    """After an occurrence's places changed (call inside ``atomic()`` with the
    row locked and the new capacity saved): fewer places than are confirmed
    move the latest confirmed to the head of the waiting list (before the
    date starts; they are told), more places move the waiting list up."""
    if occurrence.start > now:
        _notify_moved_to_waiting(capacity.shrink(occurrence))
    _notify_promoted(capacity.promote(occurrence))


# --- Check-in ----------------------------------------------------------------------


def check_in_code(registration):
    """What the QR code carries: the registration's id, signed. Its own
    token, not the secret ``code`` of the confirmation link: nobody can turn
    a scanned QR code into the link that cancels."""
    return sign_code(registration.pk, CHECK_IN_SALT)


def registration_for_check_in_code(signed):
    """The registration a scanned code belongs to; RegistrationError if the
    code was forged, damaged or belongs to nothing."""
    value = unsign_code(signed, CHECK_IN_SALT)
    registration = (
        Registration.objects.select_related("occurrence__event").filter(pk=int(value)).first()
        if value and value.isdigit() and len(value) < 19
        else None
    )
    if registration is None:
        raise RegistrationError(_("签到码无效：这不是本站为报名生成的二维码，或者内容已被改动。"))
    return registration


def check_in(registration, actor, now=None):
    """Mark a confirmed registration as present."""
    now = now or timezone.now()
    with transaction.atomic():
        capacity.lock(registration.occurrence)
        registration = Registration.objects.select_related("occurrence").get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise RegistrationError(_("这条报名已经取消，不能签到。"))
        if registration.status == RegistrationStatus.WAITING:
            raise RegistrationError(_("这位报名者还在候补名单中，没有名额，不能签到。"))
        if registration.checked_in_at:
            raise RegistrationError(
                _("已经签到过了（%(time)s）。")
                % {"time": f"{timezone.localtime(registration.checked_in_at):%m月%d日 %H:%M}"}
            )
        if registration.occurrence.local_start.date() > timezone.localtime(now).date():
            raise RegistrationError(_("活动当天才能签到。"))
        registration.checked_in_at = now
        registration.checked_in_by = actor
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        log(registration, "events.registration.check_in", actor)
    return registration


def undo_check_in(registration, actor):
    with transaction.atomic():
        capacity.lock(registration.occurrence)
        updated = Registration.objects.filter(pk=registration.pk).update(
            checked_in_at=None, checked_in_by=actor
        )
        log(registration, "events.registration.undo_check_in", actor)
    registration.refresh_from_db()
    return updated
