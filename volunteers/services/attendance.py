"""Check-in and check-out at a shift (by the shift's signed QR code or marked
by a coordinator), and the hours a check-out turns into a service record.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.codes import sign_code, unsign_code
from core.log_actions import log
from events import capacity
from events.capacity import RegistrationStatus

from ..models import RecordSource, Shift, ShiftSignup, quarter_hours
from .common import APPROVE_RECORDS, COORDINATE, VolunteerError, _fmt, _local, _require, may
from .people import volunteer_for
from .records import _approve, _create_record

SHIFT_CODE_SALT = "volunteers.shift-code"
# A volunteer may check in this long before the shift starts.
EARLY_CHECK_IN = datetime.timedelta(minutes=30)


def shift_code(shift):
    """What the shift's QR code carries (signed: a forged code is refused
    before the database is asked)."""
    return sign_code(shift.pk, SHIFT_CODE_SALT)


def shift_for_code(signed):
    value = unsign_code(signed, SHIFT_CODE_SALT)
    shift = (
        Shift.objects.select_related("activity").filter(pk=int(value)).first()
        if value and value.isdigit()
        else None
    )
    if shift is None:
        raise VolunteerError(_("二维码无效：这不是本站为班次生成的签到码，或者内容已被改动。"))
    return shift


def signup_for_scan(shift, volunteer):
    """The volunteer's confirmed sign-up for the scanned shift; a clear
    message when the code belongs to another shift."""
    if volunteer is None or not volunteer.is_approved:
        raise VolunteerError(_("只有通过审核的志愿者可以扫码签到。"))
    signup = shift.signups.filter(volunteer=volunteer, status=RegistrationStatus.CONFIRMED).first()
    if signup is not None:
        return signup
    other = (
        ShiftSignup.objects.filter(
            volunteer=volunteer,
            status=RegistrationStatus.CONFIRMED,
            # The local day: ``start.date()`` would be the UTC day, a day
            # early for a shift starting before 08:00 in Asia/Shanghai.
            shift__start__date=timezone.localtime(shift.start).date(),
        )
        .select_related("shift")
        .first()
    )
    if other is not None:
        raise VolunteerError(
            _("这是另一个班次（%(this)s）的二维码，您报名的是“%(mine)s”（%(when)s）。")
            % {"this": shift.title, "mine": other.shift.title, "when": other.shift.when}
        )
    raise VolunteerError(_("您没有报名这个班次（或还在候补名单中），不能签到。"))


def check_in(signup, actor, now=None, at=None):
    """Check a confirmed volunteer in: by their own scan (``at`` is now) or
    marked by a coordinator (who may give the time)."""
    now = now or timezone.now()
    at = at or now
    marking = actor.pk != signup.volunteer.user_id
    if marking:
        _require(actor, COORDINATE)
    with transaction.atomic():
        shift = capacity.lock(signup.shift)
        signup = ShiftSignup.objects.get(pk=signup.pk)
        if signup.status != RegistrationStatus.CONFIRMED:
            raise VolunteerError(_("只有已确认的报名才能签到。"))
        if signup.checked_in_at:
            raise VolunteerError(
                _("已经签到过了（%(time)s）。") % {"time": _fmt(signup.checked_in_at)}
            )
        if at > now:
            raise VolunteerError(_("签到时间不能晚于现在。"))
        if at < shift.start - EARLY_CHECK_IN or at > shift.end:
            raise VolunteerError(
                _("只能在班次开始前30分钟到班次结束之间签到（%(when)s）。") % {"when": shift.when}
            )
        signup.checked_in_at = at
        signup.checked_in_by = actor
        signup.save(update_fields=["checked_in_at", "checked_in_by"])
        log(signup, "volunteers.signup.check_in", actor)
    return signup


def shift_hours(shift, checked_in_at, checked_out_at):
    """Hours for one shift: check-in to check-out rounded to the quarter
    hour, never more than the shift's length plus the activity's tolerance."""
    worked = quarter_hours(checked_out_at - checked_in_at)
    tolerance = datetime.timedelta(minutes=shift.activity.checkout_tolerance_minutes)
    cap = Decimal((shift.length + tolerance).total_seconds()) / 3600
    return min(worked, cap).quantize(Decimal("0.01"))


def check_out(signup, actor, now=None, at=None):
    """Check out and turn the time into a service record. A coordinator's
    marking is approved at once (unless it is their own shift); the
    volunteer's own check-out waits for a coordinator."""
    now = now or timezone.now()
    at = at or now
    marking = actor.pk != signup.volunteer.user_id
    if marking:
        _require(actor, COORDINATE)
    with transaction.atomic():
        shift = capacity.lock(signup.shift)
        signup = ShiftSignup.objects.select_related("volunteer").get(pk=signup.pk)
        if not signup.checked_in_at:
            raise VolunteerError(_("还没有签到，不能签退。请先签到。"))
        if signup.checked_out_at:
            raise VolunteerError(
                _("已经签退过了（%(time)s）。") % {"time": _fmt(signup.checked_out_at)}
            )
        if at > now:
            raise VolunteerError(_("签退时间不能晚于现在。"))
        if at <= signup.checked_in_at:
            raise VolunteerError(_("签退时间必须晚于签到时间。"))
        hours = shift_hours(shift, signup.checked_in_at, at)
        if hours <= 0:
            raise VolunteerError(_("签到不足一刻钟，无法计入服务时长。如签到有误请联系协调员。"))
        signup.checked_out_at = at
        signup.checked_out_by = actor
        signup.save(update_fields=["checked_out_at", "checked_out_by"])
        log(signup, "volunteers.signup.check_out", actor)
        activity = shift.activity
        record = _create_record(
            signup.volunteer,
            actor,
            source=RecordSource.SHIFT,
            signup=signup,
            activity=activity,
            activity_name=f"{activity.title}（{shift.title}）",
            date=_local(signup.checked_in_at).date(),
            place=activity.place,
            content=activity.service_content,
            start=signup.checked_in_at,
            end=at,
            hours=hours,
            organiser=activity.organiser,
            person_in_charge=activity.person_in_charge,
            now=now,
        )
        if marking and may(actor, APPROVE_RECORDS):
            _approve(record, actor, now)
    return record


def mark_attendance(signup, actor, checked_in_at, checked_out_at, now=None):
    """A coordinator records both times for a volunteer who could not scan."""
    _require(actor, COORDINATE)
    if checked_out_at <= checked_in_at:
        raise VolunteerError(_("签退时间必须晚于签到时间。"))
    with transaction.atomic():
        check_in(signup, actor, now=now, at=checked_in_at)
        return check_out(signup, actor, now=now, at=checked_out_at)


def scan(shift, user, now=None):
    """The volunteer scanned the shift's code: check in, or out if already in.
    Returns ("in", signup) or ("out", record)."""
    signup = signup_for_scan(shift, volunteer_for(user))
    if signup.checked_in_at is None:
        return "in", check_in(signup, user, now=now)
    return "out", check_out(signup, user, now=now)
