"""Writing the roll call: the session lock every change takes, one
member's row (for check-in, leave and online study) and the whole roll of
an administrator's branches (``save_roll``). The functions are named
through ``services`` by their callers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.log_actions import log

from . import scope
from .errors import StudyError
from .models import (
    ATTENDED,
    NO_MODE,
    Attendance,
    AttendanceChange,
    AttendanceMode,
    AttendanceStatus,
    ChangeSource,
    LeaveStatus,
    Member,
    RollCall,
    StudySession,
)


def lock_session(session):
    """Serialise every change of one session's roll (no-op on SQLite, whose
    IMMEDIATE transactions already serialise writers). Only the session's
    own row is locked (``of=("self",)``): the query joins the page tables
    it inherits from, and locking ``wagtailcore_page`` would make an editor
    publishing the page wait for the roll call."""
    StudySession.objects.select_for_update(of=("self",)).filter(pk=session.pk).values_list(
        "pk"
    ).first()


def check_actor(actor, branch_id, message):
    """An administrator acts only on members of their own branches (``actor``
    None is the system itself: the demo, the daily command)."""
    if actor is None:
        return
    allowed = scope.branch_ids_for(actor)
    if allowed is not None and branch_id not in allowed:
        raise StudyError(message)


# --- The roll call -----------------------------------------------------------------------


def roll_defaults(session, leaves=None):
    """Starting values of the roll for members without a row yet: present on
    site, excused (no mode) for an accepted leave, home visit for the
    homebound. ``leaves``: the session's leave requests of the members on
    the roll if the caller has read them already (the roll call screen lists
    them), else the accepted ones are read here."""
    if leaves is None:
        leaves = session.leaves.filter(status=LeaveStatus.ACCEPTED)
    excused = {leave.member_id for leave in leaves if leave.status == LeaveStatus.ACCEPTED}

    def default(member):
        if member.pk in excused:
            return AttendanceStatus.EXCUSED, NO_MODE
        if member.status == "homebound":
            return AttendanceStatus.PRESENT, AttendanceMode.HOME_VISIT
        return AttendanceStatus.PRESENT, AttendanceMode.ON_SITE

    return default


def roll_opens(session):
    """When the roll can first be saved: the session's start, in words."""
    start = timezone.localtime(session.start)
    return f"{start.year}年{start.month}月{start.day}日 {start:%H:%M}"


def _clean_changes(changes):
    """Known codes only; a mode only for those who attended (an excused or
    absent member's mode is dropped: they were not there)."""
    statuses, modes = set(AttendanceStatus.values), set(AttendanceMode.values)
    cleaned = {}
    for member_id, (status, mode, note) in changes.items():
        if status not in statuses or (mode and mode not in modes):
            raise StudyError(_("出勤情况或参加方式填写有误，请重新选择。"))
        cleaned[member_id] = (status, mode if status in ATTENDED else NO_MODE, note)
    return cleaned


def save_roll(session, changes, actor, source=ChangeSource.ROLL, now=None):
    """Write the roll of the session's branches that ``actor`` administers:
    ``changes`` maps member id → (status, mode, note) for the lines the
    administrator changed; invited members of those branches without a row
    get their starting values (``roll_defaults``), rows nobody changed stay
    as they are, and each of those branches gets its ``RollCall`` (from now
    on the session counts as held for it). Refused before the session
    starts. All in one transaction with the session locked, so two
    administrators saving at once neither lose nor duplicate anything; each
    actual change leaves an audit entry. Returns the number of rows written.
    """
    now = now or timezone.now()
    if not session.has_started(now):
        raise StudyError(
            _("学习会还没有开始，不能保存点名册。点名册在 %(when)s 学习会开始后开放。")
            % {"when": roll_opens(session)}
        )
    changes = _clean_changes(changes)
    branch_ids = session.branch_ids() if actor is None else scope.session_branch_ids(session, actor)
    if not branch_ids:
        raise StudyError(_("参加本次学习会的支部都不归您负责，不能点名。"))
    with transaction.atomic():
        lock_session(session)
        members = {
            m.pk: m
            for m in Member.objects.filter(active=True, branch__in=branch_ids).only(
                "pk", "name", "branch_id", "status"
            )
        }
        unknown = set(changes) - set(members)
        if unknown:
            raise StudyError(
                _("名单中有 %(n)s 人不属于您负责的、参加本次学习会的支部，未保存。")
                % {"n": len(unknown)}
            )
        no_mode = [
            members[pk].name
            for pk, (status, mode, _note) in changes.items()
            if status in ATTENDED and not mode
        ]
        if no_mode:
            raise StudyError(
                _("请为出席或迟到的人选择参加方式（现场、线上、送学上门或电话）：%(names)s。")
                % {"names": "、".join(no_mode)}
            )
        existing = {a.member_id: a for a in session.attendances.all()}
        default = roll_defaults(session)
        day = session.local_day
        to_create, to_update, audit = [], [], []
        for member_id, member in members.items():
            row = existing.get(member_id)
            if member_id in changes:
                status, mode, note = changes[member_id]
            elif row is None:
                status, mode = default(member)
                note = ""
            else:
                continue
            note = (note or "")[:200]
            if row is None:
                row = Attendance(
                    session=session,
                    member_id=member_id,
                    branch_id=member.branch_id,
                    day=day,
                    status=status,
                    mode=mode,
                    note=note,
                    updated_at=now,
                    updated_by=actor,
                )
                to_create.append(row)
                audit.append((row, "", ""))
            elif (row.status, row.mode, row.note) != (status, mode, note):
                audit.append((row, row.status, row.mode))
                row.status, row.mode, row.note = status, mode, note
                row.updated_at, row.updated_by = now, actor
                to_update.append(row)
        Attendance.objects.bulk_create(to_create, batch_size=500)
        Attendance.objects.bulk_update(
            to_update, ["status", "mode", "note", "updated_at", "updated_by"], batch_size=500
        )
        AttendanceChange.objects.bulk_create(
            [
                AttendanceChange(
                    attendance_id=row.pk,
                    changed_at=now,
                    changed_by=actor,
                    source=source,
                    status_before=status_before,
                    mode_before=mode_before,
                    status_after=row.status,
                    mode_after=row.mode,
                )
                for row, status_before, mode_before in audit
            ],
            batch_size=500,
        )
        _record_roll_calls(session, branch_ids, actor, now)
        log(session, "study.roll.save", actor, branches=sorted(branch_ids), changed=len(audit))
    return len(audit)


def _record_roll_calls(session, branch_ids, actor, now):
    """Each branch whose roll was just saved has its RollCall (inside the lock)."""
    taken = set(
        session.roll_calls.filter(branch__in=branch_ids).values_list("branch_id", flat=True)
    )
    RollCall.objects.bulk_create(
        [
            RollCall(session=session, branch_id=pk, taken_at=now, saved_at=now, saved_by=actor)
            for pk in branch_ids
            if pk not in taken
        ]
    )
    if taken:
        session.roll_calls.filter(branch__in=taken).update(saved_at=now, saved_by=actor)


def set_one(session, member, status, mode, actor, source, now):
    """Change one member's row (inside a transaction holding the lock)."""
    row = session.attendances.filter(member=member).first()
    if row is not None and (row.status, row.mode) == (status, mode):
        return row
    before = (row.status, row.mode) if row else ("", "")
    if row is None:
        row = Attendance.objects.create(
            session=session,
            member=member,
            branch_id=member.branch_id,
            day=session.local_day,
            status=status,
            mode=mode,
            updated_at=now,
            updated_by=actor,
        )
    else:
        row.status, row.mode, row.updated_at, row.updated_by = status, mode, now, actor
        row.save(update_fields=["status", "mode", "updated_at", "updated_by"])
    AttendanceChange.objects.create(
        attendance=row,
        changed_at=now,
        changed_by=actor,
        source=source,
        status_before=before[0],
        mode_before=before[1],
        status_after=status,
        mode_after=mode,
    )
    return row
