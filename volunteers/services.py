"""Business rules for volunteers: one function per change of state.

Each takes the object and the acting user, raises a ``VolunteerError`` (a
``core.errors.DomainError`` with a Chinese message) when a rule says no and
then changes nothing, and writes inside ``transaction.atomic()``. Views, the
admin, the demo and the benchmark all call these.

Shift places and the waiting list are the generic ``events.capacity``
functions applied to a ``Shift``. A volunteer's overlapping sign-ups are
refused under a lock on the volunteer's row, taken before the shift's: two
sign-ups of one volunteer arriving at the same moment are serialised
(PostgreSQL ``SELECT … FOR UPDATE``; SQLite's IMMEDIATE transactions take the
database's write lock at the start of every ``atomic()`` block).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import VOLUNTEER_COORDINATORS, has_role
from accounts.validators import normalize_mobile
from core import page_cache
from core.codes import sign_code, unsign_code
from core.dates import local_zone
from core.errors import DomainError
from events import capacity
from events.capacity import ACTIVE, RegistrationStatus

from . import notifications
from .models import (
    CONSENT_VERSION,
    Certificate,
    CorrectionRequest,
    CorrectionStatus,
    RecordChange,
    RecordSource,
    RecordStatus,
    ServiceRecord,
    Shift,
    ShiftSignup,
    Volunteer,
    VolunteerStatus,
    Wish,
    WishStatus,
    normalise_certificate_code,
    quarter_hours,
)

SHIFT_CODE_SALT = "volunteers.shift-code"
# A volunteer may check in this long before the shift starts.
EARLY_CHECK_IN = datetime.timedelta(minutes=30)
# Longest range one certificate may cover.
MAX_CERTIFICATE_DAYS = 366 * 10


class VolunteerError(DomainError):
    pass


def is_coordinator(user):
    return user is not None and has_role(user, VOLUNTEER_COORDINATORS)


def _require_coordinator(actor):
    if not is_coordinator(actor):
        raise VolunteerError(_("只有志愿者协调员可以进行这项操作。"))


def _purge_after_commit():
    transaction.on_commit(page_cache.purge)


def _tell_promoted_after_commit(promoted):
    """Those moved up from a waiting list are told by e-mail once the change
    is committed (as the events app does for its registrations)."""
    ids = [signup.pk for signup in promoted]
    if ids:
        transaction.on_commit(lambda: notifications.shift_promoted(ids))


def _local(value):
    return timezone.localtime(value)


def _fmt(value):
    return f"{_local(value):%m月%d日 %H:%M}"


# --- Registration and approval ------------------------------------------------------


def volunteer_for(user):
    """The user's volunteer row (not deleted), or None."""
    if user is None or not user.is_authenticated:
        return None
    return Volunteer.objects.filter(user=user).exclude(status=VolunteerStatus.DELETED).first()


def register_volunteer(
    user,
    *,
    real_name,
    phone,
    areas=(),
    skills=(),
    availability=(),
    preferred_team=None,
    is_party_member=False,
    work_unit="",
    show_on_leaderboard=False,
    consent=False,
    email="",
    now=None,
):
    """Register ``user`` as a volunteer (pending approval). A rejected
    volunteer may apply again; anyone else already registered may not."""
    now = now or timezone.now()
    real_name = " ".join(str(real_name or "").split())
    work_unit = " ".join(str(work_unit or "").split())
    if not consent:
        raise VolunteerError(_("请阅读并同意个人信息说明后再提交。"))
    if not real_name:
        raise VolunteerError(_("请填写真实姓名。"))
    if is_party_member and not work_unit:
        raise VolunteerError(_("在职党员请填写工作单位。"))
    if not areas:
        raise VolunteerError(_("请至少选择一个服务领域。"))
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().filter(user=user).first()
        if volunteer is not None and volunteer.status in (
            VolunteerStatus.PENDING,
            VolunteerStatus.APPROVED,
        ):
            raise VolunteerError(_("您已经登记过志愿者，不需要重复登记。"))
        if volunteer is None:
            volunteer = Volunteer(user=user)
        volunteer.real_name = real_name[:50]
        volunteer.phone = normalize_mobile(phone or user.phone)
        volunteer.availability = ",".join(availability)
        volunteer.preferred_team = preferred_team
        volunteer.is_party_member = bool(is_party_member)
        volunteer.work_unit = work_unit[:100] if is_party_member else ""
        volunteer.show_on_leaderboard = bool(show_on_leaderboard)
        volunteer.consent_version = CONSENT_VERSION
        volunteer.consented_at = now
        volunteer.status = VolunteerStatus.PENDING
        volunteer.reviewed_by = None
        volunteer.reviewed_at = None
        volunteer.review_reason = ""
        volunteer.created_at = now
        volunteer.save()
        volunteer.areas.set(areas)
        volunteer.skills.set(skills)
        changed = []
        if not user.real_name:
            user.real_name = volunteer.real_name
            changed.append("real_name")
        email = str(email or "").strip()
        if email and email != user.email:
            user.email = email  # for notices such as a shift's waiting list moving up
            changed.append("email")
        if changed:
            user.save(update_fields=changed)
    return volunteer


def approve_volunteer(volunteer, actor, now=None):
    return _review(volunteer, actor, VolunteerStatus.APPROVED, "", now)


def reject_volunteer(volunteer, actor, reason, now=None):
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise VolunteerError(_("请填写未通过的原因，志愿者会看到它。"))
    return _review(volunteer, actor, VolunteerStatus.REJECTED, reason[:200], now)


def _review(volunteer, actor, status, reason, now):
    _require_coordinator(actor)
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if volunteer.user_id == actor.pk:
            raise VolunteerError(_("不能审核自己的志愿者登记。"))
        if volunteer.status != VolunteerStatus.PENDING:
            raise VolunteerError(
                _("这份登记已经处理过了（%(status)s）。")
                % {"status": volunteer.get_status_display()}
            )
        volunteer.status = status
        volunteer.review_reason = reason
        volunteer.reviewed_by = actor
        volunteer.reviewed_at = now or timezone.now()
        if status == VolunteerStatus.APPROVED and volunteer.team_id is None:
            volunteer.team_id = volunteer.preferred_team_id
        volunteer.save()
        if status == VolunteerStatus.APPROVED:
            _purge_after_commit()  # the public count of volunteers changed
    return volunteer


# --- Shifts -------------------------------------------------------------------------


def shift_problems(shift, volunteer, now=None):
    """Why this volunteer cannot sign up for this shift now (list of messages,
    empty when they can). Used to show eligible shifts; ``sign_up`` checks
    again under the lock."""
    now = now or timezone.now()
    problems = []
    if volunteer is None or not volunteer.is_approved:
        problems.append(_("通过志愿者审核后才能报名班次。"))
    if not shift.activity.live:
        problems.append(_("这个活动还没有发布或已经撤下。"))
    if shift.start <= now:
        problems.append(_("班次已经开始，不能再报名。"))
    if volunteer is not None:
        missing = shift.missing_skills(volunteer)
        if missing:
            problems.append(
                _("这个班次需要以下技能：%(skills)s。")
                % {"skills": "、".join(skill.name for skill in missing)}
            )
    return problems


def sign_up(shift, volunteer, actor, now=None):
    """Sign ``volunteer`` up for ``shift`` (confirmed, or on the waiting list
    when it is full). ``actor`` is the volunteer or a coordinator at the desk."""
    now = now or timezone.now()
    if actor is None or not actor.is_authenticated:
        raise VolunteerError(_("请先登录。"))
    on_behalf = actor.pk != volunteer.user_id
    if on_behalf:
        _require_coordinator(actor)
    with transaction.atomic():
        # The volunteer first, then the shift: every sign-up of one volunteer
        # waits here for the previous one, so two overlapping shifts cannot
        # both pass the overlap check.
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        shift = capacity.lock(shift)
        problems = shift_problems(shift, volunteer, now)
        if problems:
            raise VolunteerError(problems[0])
        clash = (
            ShiftSignup.objects.filter(
                volunteer=volunteer,
                status__in=ACTIVE,
                shift__start__lt=shift.end,
                shift__end__gt=shift.start,
            )
            .exclude(shift=shift)
            .select_related("shift__activity")
            .first()
        )
        if clash is not None:
            raise VolunteerError(
                _(
                    "这个班次与您已报名的“%(activity)s %(title)s”（%(when)s）时间重叠，不能同时报名。"
                )
                % {
                    "activity": clash.shift.activity.title,
                    "title": clash.shift.title,
                    "when": clash.shift.when,
                }
            )
        duplicate = _("已经报名了这个班次，不能重复报名。")
        if shift.signups.filter(volunteer=volunteer, status__in=ACTIVE).exists():
            raise VolunteerError(duplicate)
        signup = ShiftSignup(
            volunteer=volunteer,
            user=volunteer.user,
            name=volunteer.real_name,
            phone=volunteer.phone,
            email=volunteer.user.email if volunteer.user else "",
            signed_up_by=actor if on_behalf else None,
        )
        try:
            capacity.allocate(shift, signup, duplicate)
        except capacity.CapacityError as error:
            raise VolunteerError(error.message) from error
    return signup


def desk_sign_up(shift, phone, actor, now=None):
    """A coordinator signs up an approved volunteer found by mobile number."""
    _require_coordinator(actor)
    volunteer = Volunteer.objects.filter(
        phone=normalize_mobile(phone), status=VolunteerStatus.APPROVED
    ).first()
    if volunteer is None:
        raise VolunteerError(
            _("没有找到用这个手机号码登记并已通过审核的志愿者。请先为他登记志愿者并审核通过。")
        )
    return sign_up(shift, volunteer, actor, now)


def fit_shift_capacities(activity, now=None):
    """After publishing: each coming shift's confirmed sign-ups fit its
    places (the latest confirmed move to the head of the waiting list and
    are told), and added places move the waiting list up."""
    now = now or timezone.now()
    for shift in activity.shifts.filter(start__gt=now):
        with transaction.atomic():
            shift = capacity.lock(shift)
            moved = capacity.shrink(shift)
            ids = [signup.pk for signup in moved]
            if ids:
                transaction.on_commit(lambda ids=ids: notifications.shift_moved_to_waiting(ids))
            _tell_promoted_after_commit(capacity.promote(shift))


def cancel_problem(signup, actor, now=None, shift=None):
    """Why ``actor`` cannot cancel ``signup`` now (a message), or "". The
    volunteer may cancel until the activity's deadline before the shift, a
    coordinator until the shift starts."""
    now = now or timezone.now()
    shift = shift or signup.shift
    coordinator = is_coordinator(actor) and actor.pk != signup.volunteer.user_id
    if not coordinator and (actor is None or actor.pk != signup.volunteer.user_id):
        return _("只能取消自己的报名。")
    if shift.start <= now:
        return _("班次已经开始，不能再取消。")
    if not coordinator and now >= shift.cancel_deadline():
        return _("班次开始前 %(hours)s 小时内不能自行取消，请联系志愿者协调员。") % {
            "hours": shift.activity.cancel_hours_before
        }
    return ""


def cancel_sign_up(signup, actor, now=None):
    """Cancel a sign-up; the waiting list moves up (see ``cancel_problem``
    for who may, until when)."""
    now = now or timezone.now()
    if problem := cancel_problem(signup, actor, now):
        raise VolunteerError(problem)
    with transaction.atomic():
        shift = capacity.lock(signup.shift)
        if problem := cancel_problem(signup, actor, now, shift):
            raise VolunteerError(problem)
        _withdraw(shift, signup, actor)
    signup.refresh_from_db()
    return signup


def release_sign_up(signup, actor, reason):
    """Give up a sign-up whatever the deadline, because the volunteer leaves
    (their account is erased); the waiting list moves up and is told."""
    with transaction.atomic():
        _withdraw(capacity.lock(signup.shift), signup, actor, reason)


def _withdraw(shift, signup, actor, reason=""):
    try:
        promoted = capacity.withdraw(shift, signup, actor, reason)
    except capacity.CapacityError as error:
        raise VolunteerError(error.message) from error
    _tell_promoted_after_commit(promoted)


# --- Check-in, check-out and hours from shifts -------------------------------------


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
        _require_coordinator(actor)
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
        _require_coordinator(actor)
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
        if marking and is_coordinator(actor):
            _approve(record, actor, now)
    return record


def mark_attendance(signup, actor, checked_in_at, checked_out_at, now=None):
    """A coordinator records both times for a volunteer who could not scan."""
    _require_coordinator(actor)
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


# --- Service records ------------------------------------------------------------------


RECORD_FIELDS = ("activity_name", "date", "place", "content", "hours", "status")


def _snapshot(record, fields=RECORD_FIELDS):
    data = {}
    for name in fields:
        value = getattr(record, name)
        data[name] = str(value) if value is not None else None
    return data


def _log(record, actor, action, before, after, reason="", now=None):
    changed_before = {k: v for k, v in before.items() if after.get(k) != v}
    changed_after = {k: after[k] for k in changed_before}
    RecordChange.objects.create(
        record=record,
        changed_by=actor,
        changed_at=now or timezone.now(),
        action=action,
        before=changed_before,
        after=changed_after,
        reason=reason,
    )


def _create_record(volunteer, actor, now=None, **fields):
    now = now or timezone.now()
    record = ServiceRecord(
        volunteer=volunteer,
        volunteer_user=volunteer.user,
        recorded_by=actor,
        recorded_at=now,
        status=RecordStatus.SUBMITTED,
        **fields,
    )
    record.save()
    _log(record, actor, "created", {}, _snapshot(record), now=now)
    return record


def parse_hours(value):
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise VolunteerError(_("时长请填写数字，例如 2 或 1.5。")) from error
    if not hours.is_finite() or hours <= 0:
        raise VolunteerError(_("服务时长必须大于 0。"))
    if hours > 24:
        raise VolunteerError(_("一条记录的服务时长不能超过 24 小时。"))
    return hours.quantize(Decimal("0.01"))


def submit_record(
    volunteer,
    actor,
    *,
    activity_name,
    date,
    start_time,
    end_time,
    place,
    content,
    organiser,
    person_in_charge,
    source=RecordSource.MANUAL,
    now=None,
):
    """Service outside a shift, submitted by the volunteer (or entered by a
    coordinator for them). Hours come from the times, rounded to the quarter
    hour. Waits for a coordinator's approval."""
    now = now or timezone.now()
    if volunteer is None or volunteer.status != VolunteerStatus.APPROVED:
        raise VolunteerError(_("通过志愿者审核后才能申报服务时长。"))
    if actor.pk != volunteer.user_id:
        _require_coordinator(actor)
    zone = local_zone()
    start = datetime.datetime.combine(date, start_time, tzinfo=zone)
    end = datetime.datetime.combine(date, end_time, tzinfo=zone)
    if end <= start:
        raise VolunteerError(_("结束时间必须晚于开始时间（跨过午夜的服务请分两条申报）。"))
    if start > now or end > now:
        raise VolunteerError(_("不能申报还没有发生的服务，请检查日期和时间。"))
    hours = quarter_hours(end - start)
    if hours <= 0:
        raise VolunteerError(_("服务时长不足一刻钟，无法申报。"))
    values = {
        "activity_name": activity_name,
        "place": place,
        "content": content,
        "organiser": organiser,
        "person_in_charge": person_in_charge,
    }
    for name, value in values.items():
        values[name] = " ".join(str(value or "").split())
        if not values[name]:
            raise VolunteerError(
                _("请填写完整：活动名称、地点、服务内容、组织单位和负责人都要填。")
            )
    with transaction.atomic():
        return _create_record(
            volunteer,
            actor,
            source=source,
            date=date,
            start=start,
            end=end,
            hours=hours,
            now=now,
            **values,
        )


def _check_approver(record, actor):
    _require_coordinator(actor)
    if actor.pk == record.volunteer_user_id or actor.pk == record.volunteer.user_id:
        raise VolunteerError(_("不能审核自己的服务记录，请由其他协调员审核。"))


def _approve(record, actor, now=None):
    before = _snapshot(record)
    record.status = RecordStatus.APPROVED
    record.approved_by = actor
    record.approved_at = now or timezone.now()
    record.reject_reason = ""
    record.save()
    _log(record, actor, "approved", before, _snapshot(record), now=now)
    _purge_after_commit()


def approve_record(record, actor, now=None):
    with transaction.atomic():
        record = (
            ServiceRecord.objects.select_for_update().select_related("volunteer").get(pk=record.pk)
        )
        _check_approver(record, actor)
        if record.status != RecordStatus.SUBMITTED:
            raise VolunteerError(
                _("这条记录已经处理过了（%(status)s）。") % {"status": record.get_status_display()}
            )
        _approve(record, actor, now)
    return record


def reject_record(record, actor, reason, now=None):
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise VolunteerError(_("请填写未通过的原因，志愿者会看到它。"))
    with transaction.atomic():
        record = (
            ServiceRecord.objects.select_for_update().select_related("volunteer").get(pk=record.pk)
        )
        _check_approver(record, actor)
        if record.status != RecordStatus.SUBMITTED:
            raise VolunteerError(
                _("这条记录已经处理过了（%(status)s）。") % {"status": record.get_status_display()}
            )
        before = _snapshot(record)
        record.status = RecordStatus.REJECTED
        record.approved_by = actor
        record.approved_at = now or timezone.now()
        record.reject_reason = reason[:200]
        record.save()
        _log(record, actor, "rejected", before, _snapshot(record), reason[:200], now)
    return record


def change_record(record, actor, reason, *, hours=None, date=None, now=None):
    """A coordinator changes the hours or date of a record; the history
    keeps who, when, why and the values before and after."""
    now = now or timezone.now()
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise VolunteerError(_("修改服务记录必须写明原因。"))
    with transaction.atomic():
        record = (
            ServiceRecord.objects.select_for_update().select_related("volunteer").get(pk=record.pk)
        )
        _check_approver(record, actor)
        if hours is not None:
            hours = parse_hours(hours)
        if date is not None and date > timezone.localtime(now).date():
            raise VolunteerError(_("服务日期不能是将来的日期。"))
        before = _snapshot(record)
        if hours is not None:
            record.hours = hours
        if date is not None:
            record.date = date
        after = _snapshot(record)
        if after == before:
            raise VolunteerError(_("没有需要修改的内容。"))
        record.save(update_fields=["hours", "date"])
        _log(record, actor, "changed", before, after, reason[:200], now)
        if record.is_approved:
            _purge_after_commit()
    return record


def request_correction(record, user, message, proposed_hours=None, proposed_date=None, now=None):
    now = now or timezone.now()
    if user is None or record.volunteer.user_id != user.pk:
        raise VolunteerError(_("只能为自己的服务记录申请更正。"))
    message = " ".join(str(message or "").split())
    if not message:
        raise VolunteerError(_("请说明哪里不对、应该是什么。"))
    proposed_hours = parse_hours(proposed_hours) if proposed_hours not in (None, "") else None
    if proposed_date is not None and proposed_date > timezone.localtime(now).date():
        raise VolunteerError(_("服务日期不能是将来的日期。"))
    with transaction.atomic():
        if record.corrections.filter(status=CorrectionStatus.PENDING).exists():
            raise VolunteerError(_("这条记录已有一份待处理的更正申请，请等待协调员处理。"))
        return CorrectionRequest.objects.create(
            record=record,
            proposed_hours=proposed_hours,
            proposed_date=proposed_date,
            message=message[:500],
            requested_at=now,
        )


def _pending_correction(correction, actor):
    correction = CorrectionRequest.objects.select_for_update().get(pk=correction.pk)
    _check_approver(correction.record, actor)
    if correction.status != CorrectionStatus.PENDING:
        raise VolunteerError(_("这份更正申请已经处理过了。"))
    return correction


def accept_correction(correction, actor, reason="", now=None):
    now = now or timezone.now()
    with transaction.atomic():
        correction = _pending_correction(correction, actor)
        reason = " ".join(str(reason or "").split()) or _("志愿者申请更正：%(m)s") % {
            "m": correction.message[:150]
        }
        if correction.proposed_hours is not None or correction.proposed_date is not None:
            change_record(
                correction.record,
                actor,
                reason,
                hours=correction.proposed_hours,
                date=correction.proposed_date,
                now=now,
            )
        correction.status = CorrectionStatus.ACCEPTED
        correction.decided_by = actor
        correction.decided_at = now
        correction.decision_reason = reason[:200]
        correction.save()
    return correction


def refuse_correction(correction, actor, reason, now=None):
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise VolunteerError(_("请填写不予更正的原因，志愿者会看到它。"))
    with transaction.atomic():
        correction = _pending_correction(correction, actor)
        correction.status = CorrectionStatus.REFUSED
        correction.decided_by = actor
        correction.decided_at = now or timezone.now()
        correction.decision_reason = reason[:200]
        correction.save()
    return correction


# --- Certificates ---------------------------------------------------------------------


def issue_certificate(volunteer, user, date_from, date_to, issuer, now=None):
    """A certificate of approved hours between two dates (inclusive), with a
    verification code; its figures are fixed when it is issued."""
    now = now or timezone.now()
    if user is None or (user.pk != volunteer.user_id and not is_coordinator(user)):
        raise VolunteerError(_("只能为自己开具志愿服务证明。"))
    if date_from is None or date_to is None:
        raise VolunteerError(_("请填写起止日期。"))
    if date_to < date_from:
        raise VolunteerError(_("截止日期不能早于起始日期。"))
    if date_to > timezone.localtime(now).date():
        raise VolunteerError(_("截止日期不能是将来的日期。"))
    if (date_to - date_from).days > MAX_CERTIFICATE_DAYS:
        raise VolunteerError(_("一份证明最多覆盖十年。"))
    records = list(
        volunteer.records.filter(
            status=RecordStatus.APPROVED, date__gte=date_from, date__lte=date_to
        ).order_by("date", "pk")
    )
    if not records:
        raise VolunteerError(_("这段时间内没有已认定的服务时长，无法开具证明。"))
    rows = [
        {
            "date": f"{r.date:%Y-%m-%d}",
            "activity": r.activity_name,
            "place": r.place,
            "content": r.content,
            "hours": str(r.hours),
            "organiser": r.organiser,
            "person_in_charge": r.person_in_charge,
        }
        for r in records
    ]
    return Certificate.objects.create(
        volunteer=volunteer,
        date_from=date_from,
        date_to=date_to,
        total_hours=sum((r.hours for r in records), Decimal("0")),
        record_count=len(records),
        holder_name=volunteer.real_name,
        issuer=issuer,
        rows=rows,
        issued_at=now,
    )


def verify_certificate(code):
    """The certificate with this code, or None (a forged or mistyped code)."""
    code = normalise_certificate_code(code)
    if len(code) != 12:
        return None
    return Certificate.objects.filter(code=code).first()


# --- Micro-wishes ---------------------------------------------------------------------


def post_wish(*, title, description, beneficiary, place, contact_name, contact_phone, user=None):
    values = {
        "title": title,
        "description": description,
        "beneficiary": beneficiary,
        "place": place,
        "contact_name": contact_name,
    }
    for name, value in values.items():
        values[name] = " ".join(str(value or "").split())
        if not values[name]:
            raise VolunteerError(_("请把心愿、说明、受助人、地点和联系人都填写完整。"))
    return Wish.objects.create(
        posted_by=user if user is not None and user.is_authenticated else None,
        contact_phone=normalize_mobile(contact_phone),
        **values,
    )


def _locked_wish(wish):
    return Wish.objects.select_for_update().get(pk=wish.pk)


def _moderate_wish(wish, actor, status, now, reject_reason=""):
    _require_coordinator(actor)
    if status == WishStatus.REJECTED and not reject_reason:
        raise VolunteerError(_("请填写未通过的原因。"))
    with transaction.atomic():
        wish = _locked_wish(wish)
        if wish.status != WishStatus.PENDING:
            raise VolunteerError(_("这个心愿已经审核过了。"))
        wish.status = status
        wish.moderated_by = actor
        wish.moderated_at = now or timezone.now()
        wish.reject_reason = reject_reason
        wish.save()
        if status == WishStatus.OPEN:
            _purge_after_commit()
    return wish


def publish_wish(wish, actor, now=None):
    return _moderate_wish(wish, actor, WishStatus.OPEN, now)


def reject_wish(wish, actor, reason, now=None):
    reason = " ".join(str(reason or "").split())
    return _moderate_wish(wish, actor, WishStatus.REJECTED, now, reject_reason=reason[:200])


def claim_wish(wish, user, now=None):
    volunteer = volunteer_for(user)
    if volunteer is None or not volunteer.is_approved:
        raise VolunteerError(_("通过志愿者审核后才能认领心愿。"))
    with transaction.atomic():
        wish = _locked_wish(wish)
        if wish.status != WishStatus.OPEN:
            raise VolunteerError(_("这个心愿已经被认领或已经实现了。"))
        wish.status = WishStatus.CLAIMED
        wish.claimed_by = volunteer
        wish.claimed_at = now or timezone.now()
        wish.save()
        _purge_after_commit()
    return wish


def fulfil_wish(wish, user, *, date, start_time, end_time, content, now=None):
    """The claiming volunteer marks the wish fulfilled; the time becomes a
    submitted service record, approved like any other."""
    now = now or timezone.now()
    volunteer = volunteer_for(user)
    with transaction.atomic():
        wish = _locked_wish(wish)
        if (
            wish.status != WishStatus.CLAIMED
            or volunteer is None
            or wish.claimed_by_id != volunteer.pk
        ):
            raise VolunteerError(_("只有认领这个心愿的志愿者可以标记实现。"))
        record = submit_record(
            volunteer,
            user,
            activity_name=_("微心愿：%(title)s") % {"title": wish.title},
            date=date,
            start_time=start_time,
            end_time=end_time,
            place=wish.place,
            content=content or wish.description,
            organiser=_("社区微心愿"),
            person_in_charge=wish.moderated_by.get_full_name() if wish.moderated_by else _("社区"),
            source=RecordSource.WISH,
            now=now,
        )
        wish.status = WishStatus.FULFILLED
        wish.fulfilled_at = now
        wish.record = record
        wish.save()
        _purge_after_commit()
    return wish


def public_figures():
    """What the section page and the home page show everyone: approved
    volunteers, approved hours and wishes waiting for a volunteer."""
    return {
        "volunteer_count": Volunteer.objects.approved().count(),
        "hours_total": approved_hours_total(),
        "open_wishes": Wish.objects.filter(status=WishStatus.OPEN).count(),
    }


def approved_hours_total(volunteers=None):
    records = ServiceRecord.objects.filter(status=RecordStatus.APPROVED)
    if volunteers is not None:
        records = records.filter(volunteer__in=volunteers)
    return records.aggregate(total=Sum("hours"))["total"] or Decimal("0")
