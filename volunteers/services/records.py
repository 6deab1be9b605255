"""Service records (服务记录): submitting hours outside a shift, approving or
rejecting them, a coordinator's changes (each logged with before and after
values), volunteers' correction requests, and the approved-hours totals.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import local_zone
from core.log_actions import log
from core.text import clean_text

from ..models import (
    CorrectionRequest,
    CorrectionStatus,
    RecordChange,
    RecordSource,
    RecordStatus,
    ServiceRecord,
    VolunteerStatus,
    quarter_hours,
)
from .common import APPROVE_RECORDS, COORDINATE, VolunteerError, _purge_after_commit, _require

RECORD_FIELDS = ("activity_name", "date", "place", "content", "hours", "status")


def _snapshot(record, fields=RECORD_FIELDS):
    data = {}
    for name in fields:
        value = getattr(record, name)
        data[name] = str(value) if value is not None else None
    return data


# RecordChange keeps the values before and after (the history a coordinator
# reads on the record's screen); Wagtail's log says who did what, in the
# admin's history reports.
LOGGED_AS = {
    "created": "volunteers.record.create",
    "approved": "volunteers.record.approve",
    "rejected": "volunteers.record.reject",
    "changed": "volunteers.record.change",
}


def _log(record, actor, action, before, after, reason="", now=None):
    log(record, LOGGED_AS[action], actor)
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
        _require(actor, COORDINATE)
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
        values[name] = clean_text(value)
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
    _require(actor, APPROVE_RECORDS)
    if actor.pk == record.volunteer_user_id or actor.pk == record.volunteer.user_id:
        raise VolunteerError(_("不能审核自己的服务记录，请由其他协调员审核。"))


def _approve(record, actor, now=None):
    before = _snapshot(record)
    record.status = RecordStatus.APPROVED
    record.decided_by = actor
    record.decided_at = now or timezone.now()
    record.decision_reason = ""
    record.save()
    _log(record, actor, "approved", before, _snapshot(record), now=now)
    _purge_after_commit()


def approve_record(record, actor, now=None):
    with transaction.atomic():
        record = (
            ServiceRecord.objects.select_for_update(of=("self",))
            .select_related("volunteer")
            .get(pk=record.pk)
        )
        _check_approver(record, actor)
        if record.status != RecordStatus.SUBMITTED:
            raise VolunteerError(
                _("这条记录已经处理过了（%(status)s）。") % {"status": record.get_status_display()}
            )
        _approve(record, actor, now)
    return record


def reject_record(record, actor, reason, now=None):
    reason = clean_text(reason)
    if not reason:
        raise VolunteerError(_("请填写未通过的原因，志愿者会看到它。"))
    with transaction.atomic():
        record = (
            ServiceRecord.objects.select_for_update(of=("self",))
            .select_related("volunteer")
            .get(pk=record.pk)
        )
        _check_approver(record, actor)
        if record.status != RecordStatus.SUBMITTED:
            raise VolunteerError(
                _("这条记录已经处理过了（%(status)s）。") % {"status": record.get_status_display()}
            )
        before = _snapshot(record)
        record.status = RecordStatus.REJECTED
        record.decided_by = actor
        record.decided_at = now or timezone.now()
        record.decision_reason = reason[:200]
        record.save()
        _log(record, actor, "rejected", before, _snapshot(record), reason[:200], now)
    return record


def change_record(record, actor, reason, *, hours=None, date=None, now=None):
    """A coordinator changes the hours or date of a record; the history
    keeps who, when, why and the values before and after."""
    now = now or timezone.now()
    reason = clean_text(reason)
    if not reason:
        raise VolunteerError(_("修改服务记录必须写明原因。"))
    with transaction.atomic():
        record = (
            ServiceRecord.objects.select_for_update(of=("self",))
            .select_related("volunteer")
            .get(pk=record.pk)
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
    message = clean_text(message)
    if not message:
        raise VolunteerError(_("请说明哪里不对、应该是什么。"))
    proposed_hours = parse_hours(proposed_hours) if proposed_hours not in (None, "") else None
    if proposed_date is not None and proposed_date > timezone.localtime(now).date():
        raise VolunteerError(_("服务日期不能是将来的日期。"))
    with transaction.atomic():
        if record.corrections.filter(status=CorrectionStatus.PENDING).exists():
            raise VolunteerError(_("这条记录已有一份待处理的更正申请，请等待协调员处理。"))
        correction = CorrectionRequest.objects.create(
            record=record,
            proposed_hours=proposed_hours,
            proposed_date=proposed_date,
            message=message[:500],
            requested_at=now,
        )
        log(correction, "volunteers.correction.request", user)
    return correction


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
        reason = clean_text(reason) or _("志愿者申请更正：%(m)s") % {"m": correction.message[:150]}
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
        log(correction, "volunteers.correction.accept", actor)
    return correction


def refuse_correction(correction, actor, reason, now=None):
    reason = clean_text(reason)
    if not reason:
        raise VolunteerError(_("请填写不予更正的原因，志愿者会看到它。"))
    with transaction.atomic():
        correction = _pending_correction(correction, actor)
        correction.status = CorrectionStatus.REFUSED
        correction.decided_by = actor
        correction.decided_at = now or timezone.now()
        correction.decision_reason = reason[:200]
        correction.save()
        log(correction, "volunteers.correction.refuse", actor)
    return correction


def approved_hours_total(volunteers=None):
    records = ServiceRecord.objects.all()
    if volunteers is not None:
        records = records.filter(volunteer__in=volunteers)
    return records.approved_hours()
