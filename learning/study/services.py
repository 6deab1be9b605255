"""Business rules for study sessions: the roll call, self check-in, leave,
reflections and crediting online study. One function per change of state;
each raises ``StudyError`` (a ``DomainError`` with a Chinese message), writes
inside ``transaction.atomic()`` with the session row locked, and records
every change of an attendance row in ``AttendanceChange``.
"""

import datetime

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.codes import sign_code, unsign_code
from core.errors import DomainError

from .models import (
    Attendance,
    AttendanceChange,
    AttendanceMode,
    AttendanceStatus,
    ChangeSource,
    LeaveRequest,
    LeaveStatus,
    Member,
    Reflection,
    ReflectionStatus,
    StudySession,
)

CHECK_IN_SALT = "study.check-in"


class StudyError(DomainError):
    pass


# --- 直播预告 -------------------------------------------------------------------------

PREVIEW_COUNT = 2


def broadcast_preview(now=None, count=PREVIEW_COUNT):
    """The next study sessions (or the one going on now) for the home page,
    each with its date, invited branches and the published courses it shows:
    ``[{"session", "occurrence", "on_air", "branches", "courses"}]``."""
    from events.models import EventKind, Occurrence

    now = now or timezone.now()
    occurrences = list(
        Occurrence.objects.visible().upcoming(now).filter(event__kind=EventKind.STUDY)[:count]
    )
    sessions = StudySession.objects.in_bulk([occurrence.event_id for occurrence in occurrences])
    preview = []
    for occurrence in occurrences:
        session = sessions.get(occurrence.event_id)
        if session is None:  # an event of kind 学习会 that is not a session page
            continue
        occurrence.event = session
        preview.append(
            {
                "session": session,
                "occurrence": occurrence,
                "on_air": occurrence.start <= now,
                "branches": list(session.branches.all()),
                "courses": list(session.shown_courses()),
            }
        )
    return preview


# --- Who is who ----------------------------------------------------------------------


def member_for_user(user):
    """The party member linked to a logged-in user, or None. Only a link
    made after proof of the number counts (``link_accounts``, or the
    ``phone_verified`` signal): a number alone never makes anyone a member."""
    if not user.is_authenticated:
        return None
    return Member.objects.filter(user=user, active=True).select_related("branch").first()


def link_accounts(members):
    """Link members without an account to the account with the same mobile
    number, if that account has proven it holds the number (activation
    code or SMS). Returns how many were linked."""
    from django.contrib.auth import get_user_model

    unlinked = dict(members.filter(user=None).values_list("phone", "pk"))
    if not unlinked:
        return 0
    users = get_user_model().objects.filter(
        phone__in=list(unlinked), party_member=None, phone_verified_at__isnull=False
    )
    linked = 0
    for user_id, phone in users.values_list("pk", "phone"):
        linked += Member.objects.filter(pk=unlinked[phone], user=None).update(user_id=user_id)
    return linked


def is_invited(session, member):
    return member is not None and member.active and member.branch_id in session.branch_ids()


def _lock(session):
    """Serialise every change of one session's roll (no-op on SQLite, whose
    IMMEDIATE transactions already serialise writers)."""
    StudySession.objects.select_for_update().filter(pk=session.pk).values_list("pk").first()


# --- The roll call -----------------------------------------------------------------------


def roll_defaults(session):
    """Starting values of the roll for members without a row yet: present on
    site, excused for an accepted leave, home visit for the homebound."""
    excused = set(
        session.leaves.filter(status=LeaveStatus.ACCEPTED).values_list("member_id", flat=True)
    )

    def default(member):
        if member.pk in excused:
            return AttendanceStatus.EXCUSED, AttendanceMode.ON_SITE
        if member.status == "homebound":
            return AttendanceStatus.PRESENT, AttendanceMode.HOME_VISIT
        return AttendanceStatus.PRESENT, AttendanceMode.ON_SITE

    return default


def save_roll(session, changes, actor, source=ChangeSource.ROLL, now=None):
    """Write the roll: ``changes`` maps member id → (status, mode, note) for
    the lines the administrator changed; invited members without a row get
    their starting values (``roll_defaults``), rows nobody changed stay as
    they are. All in one transaction with the session locked, so two
    administrators saving at once neither lose nor duplicate anything; each
    actual change leaves an audit entry. Returns the number of rows written.
    """
    now = now or timezone.now()
    statuses, modes = set(AttendanceStatus.values), set(AttendanceMode.values)
    for status, mode, _note in changes.values():
        if status not in statuses or mode not in modes:
            raise StudyError(_("出勤情况或参加方式填写有误，请重新选择。"))
    with transaction.atomic():
        _lock(session)
        members = {m.pk: m for m in session.invited_members().only("pk", "branch_id", "status")}
        unknown = set(changes) - set(members)
        if unknown:
            raise StudyError(
                _("名单中有 %(n)s 人不属于参加本次学习会的支部，未保存。") % {"n": len(unknown)}
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
    return len(audit)


def _set_one(session, member, status, mode, actor, source, now):
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


# --- Self check-in by QR code ------------------------------------------------------------


def check_in_code(session):
    return sign_code(session.pk, CHECK_IN_SALT)


def check_in(session, signed, user, now=None):
    """A member scanned the session's code: mark them present on site."""
    now = now or timezone.now()
    value = unsign_code(signed, CHECK_IN_SALT)
    if value is None:
        raise StudyError(_("签到码无效：这不是本站生成的二维码，或者内容已被改动。"))
    if value != str(session.pk):
        raise StudyError(_("这个二维码属于另一场学习会，不能在这里签到。"))
    opens, closes = session.check_in_window()
    if now < opens:
        raise StudyError(_("还没到签到时间：学习会开始前半小时才能扫码签到。"))
    if now > closes:
        raise StudyError(_("签到时间已过：学习会已经结束，请联系远教管理员补登。"))
    member = member_for_user(user)
    if member is None:
        raise StudyError(
            _("您的账户还没有关联党员登记，不能签到。请用支部远教管理员发的激活码激活账户。")
        )
    if not is_invited(session, member):
        raise StudyError(_("您所在的支部不在本次学习会的参加名单中，不能签到。"))
    with transaction.atomic():
        _lock(session)
        row = session.attendances.filter(member=member).first()
        attended = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
        if row is not None and row.status in attended and row.mode == AttendanceMode.ON_SITE:
            return row
        late = now > session.start + datetime.timedelta(minutes=15)
        status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
        return _set_one(
            session, member, status, AttendanceMode.ON_SITE, user, ChangeSource.CHECK_IN, now
        )


# --- Leave -------------------------------------------------------------------------------


def request_leave(session, member, reason, now=None):
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise StudyError(_("请写明请假原因。"))
    if not is_invited(session, member):
        raise StudyError(_("您所在的支部不在本次学习会的参加名单中，无需请假。"))
    if now >= session.start:
        raise StudyError(_("学习会已经开始，不能再请假。请联系支部远教管理员。"))
    with transaction.atomic():
        _lock(session)
        leave, created = LeaveRequest.objects.get_or_create(
            session=session, member=member, defaults={"reason": reason, "created_at": now}
        )
        if not created:
            if leave.status != LeaveStatus.PENDING:
                raise StudyError(
                    _("您的请假申请已经审批（%(s)s），不能修改。")
                    % {"s": leave.get_status_display()}
                )
            leave.reason = reason
            leave.save(update_fields=["reason"])
    return leave


def decide_leave(leave, accept, actor, now=None):
    """Accept (the member is marked excused) or refuse a leave request."""
    now = now or timezone.now()
    session = leave.session
    with transaction.atomic():
        _lock(session)
        leave = LeaveRequest.objects.select_related("member").get(pk=leave.pk)
        if leave.status != LeaveStatus.PENDING:
            raise StudyError(_("这条请假申请已经审批过了。"))
        leave.status = LeaveStatus.ACCEPTED if accept else LeaveStatus.REFUSED
        leave.decided_at, leave.decided_by = now, actor
        leave.save(update_fields=["status", "decided_at", "decided_by"])
        if accept:
            _set_one(
                session,
                leave.member,
                AttendanceStatus.EXCUSED,
                AttendanceMode.ON_SITE,
                actor,
                ChangeSource.LEAVE,
                now,
            )
    return leave


# --- Reflections -------------------------------------------------------------------------


def submit_reflection(session, member, text, rating, recorded_by=None, now=None):
    """A member's reflection (or one recorded on their behalf); moderated
    before it is shown. Resubmitting replaces the text and asks again."""
    now = now or timezone.now()
    text = (text or "").strip()
    if not text:
        raise StudyError(_("请填写学习心得。"))
    if len(text) > 2000:
        raise StudyError(_("学习心得最多 2000 字。"))
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise StudyError(_("请给本次学习打 1 到 5 分。"))
    if not is_invited(session, member):
        raise StudyError(_("只有参加本次学习会的支部党员可以提交心得。"))
    if now < session.start:
        raise StudyError(_("学习会开始后才能提交心得。"))
    with transaction.atomic():
        reflection, created = Reflection.objects.select_for_update().get_or_create(
            session=session,
            member=member,
            defaults={
                "text": text,
                "rating": rating,
                "recorded_by": recorded_by,
                "created_at": now,
            },
        )
        if not created:
            reflection.text, reflection.rating = text, rating
            reflection.status = ReflectionStatus.PENDING
            reflection.recorded_by, reflection.created_at = recorded_by, now
            reflection.save()
    return reflection


def moderate_reflection(reflection, approve):
    with transaction.atomic():
        reflection = Reflection.objects.select_for_update().get(pk=reflection.pk)
        reflection.status = ReflectionStatus.APPROVED if approve else ReflectionStatus.REJECTED
        # Saving purges the page cache (Reflection is purge_when_saved).
        reflection.save(update_fields=["status"])
    return reflection


# --- Online study credited -----------------------------------------------------------------


def credit_online_completions(session, now=None):
    """Members with accounts who watched all the session's courses to the end
    between the session's start and its make-up deadline, and are not yet
    present, become present online. Returns how many were credited."""
    from learning.courses.models import CourseProgress

    now = now or timezone.now()
    course_ids = list(session.courses.values_list("pk", flat=True))
    if not course_ids:
        return 0
    deadline = min(now, session.makeup_deadline())
    link_accounts(session.invited_members())
    members = session.invited_members().exclude(user=None)
    done = (
        CourseProgress.objects.filter(
            course_id__in=course_ids,
            completed_at__gte=session.start,
            completed_at__lte=deadline,
            user__party_member__in=members.values("pk"),
        )
        .values("user_id")
        .annotate(n=Count("course_id", distinct=True))
        .filter(n=len(course_ids))
        .values_list("user_id", flat=True)
    )
    credited = 0
    with transaction.atomic():
        _lock(session)
        attended = set(
            session.attendances.filter(
                status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE]
            ).values_list("member_id", flat=True)
        )
        for member in members.filter(user_id__in=list(done)):
            if member.pk in attended:
                continue
            _set_one(
                session,
                member,
                AttendanceStatus.PRESENT,
                AttendanceMode.ONLINE,
                None,
                ChangeSource.ONLINE,
                now,
            )
            credited += 1
    return credited
