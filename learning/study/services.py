"""Business rules for study sessions: the roll call, self check-in, leave,
reflections and crediting online study. One function per change of state;
each takes the acting user, raises ``StudyError`` (a ``DomainError`` with a
Chinese message), writes inside ``transaction.atomic()`` with the session row
locked, records every change of an attendance row in ``AttendanceChange``
(its values before and after) and the action in Wagtail's log (who did what;
labels in ``log_actions``).
"""

import datetime

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.codes import sign_code, unsign_code
from core.log_actions import log

from .errors import StudyError
from .models import (
    ATTENDED,
    NO_MODE,
    AttendanceMode,
    AttendanceStatus,
    ChangeSource,
    LeaveRequest,
    LeaveStatus,
    Member,
    Reflection,
    ReflectionStatus,
)

# The roll call's own functions live in roll_call.py; callers name them here.
from .roll_call import (  # noqa: F401
    check_actor,
    lock_session,
    roll_defaults,
    roll_opens,
    save_roll,
    set_one,
)

CHECK_IN_SALT = "study.check-in"


# --- 直播预告 -------------------------------------------------------------------------

PREVIEW_COUNT = 2


def broadcast_preview(now=None, count=PREVIEW_COUNT):
    """The next study sessions (or the one going on now) for the home page,
    each with its date, invited branches and the published courses it shows:
    ``[{"session", "occurrence", "on_air", "branches", "courses"}]``."""
    from events.models import EventKind, Occurrence

    now = now or timezone.now()
    occurrences = list(
        Occurrence.objects.visible()
        .upcoming(now)
        .filter(event__kind=EventKind.STUDY)
        .select_related("event__studysession")
        .prefetch_related("event__studysession__branches", "event__studysession__courses")[:count]
    )  # the sessions with the dates, branches and courses in one query each
    preview = []
    for occurrence in occurrences:
        session = getattr(occurrence.event, "studysession", None)
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
        lock_session(session)
        row = session.attendances.filter(member=member).first()
        if row is not None and row.status in ATTENDED and row.mode == AttendanceMode.ON_SITE:
            return row
        late = now > session.start + datetime.timedelta(minutes=15)
        status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
        row = set_one(
            session, member, status, AttendanceMode.ON_SITE, user, ChangeSource.CHECK_IN, now
        )
        log(row, "study.attendance.check_in", user)
    return row


# --- Leave -------------------------------------------------------------------------------


def request_leave(session, member, reason, now=None):
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise StudyError(_("请写明请假原因。"))
    if not is_invited(session, member):
        raise StudyError(_("您所在的支部不在本次学习会的参加名单中，无需请假。"))
    if session.has_started(now):
        raise StudyError(_("学习会已经开始，不能再请假。请联系支部远教管理员。"))
    with transaction.atomic():
        lock_session(session)
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
        log(leave, "study.leave.request", member.user)
    return leave


def decide_leave(leave, accept, actor, now=None):
    """Accept (the member is marked excused) or refuse a leave request of a
    member of one of the actor's branches."""
    now = now or timezone.now()
    session = leave.session
    with transaction.atomic():
        lock_session(session)
        leave = LeaveRequest.objects.select_related("member").get(pk=leave.pk)
        check_actor(
            actor, leave.member.branch_id, _("这条请假申请的党员不在您负责的支部，不能审批。")
        )
        if leave.status != LeaveStatus.PENDING:
            raise StudyError(_("这条请假申请已经审批过了。"))
        leave.status = LeaveStatus.ACCEPTED if accept else LeaveStatus.REFUSED
        leave.decided_at, leave.decided_by = now, actor
        leave.save(update_fields=["status", "decided_at", "decided_by"])
        verb = "accept" if accept else "refuse"
        log(leave, f"study.leave.{verb}", actor)
        if accept:
            set_one(
                session,
                leave.member,
                AttendanceStatus.EXCUSED,
                NO_MODE,
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
    check_actor(recorded_by, member.branch_id, _("这名党员不在您负责的支部，不能代录心得。"))
    if not session.has_started(now):
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
        log(reflection, "study.reflection.submit", recorded_by or member.user)
    return reflection


def moderate_reflection(reflection, approve, actor):
    """Publish or hide a reflection of a member of one of the actor's branches."""
    with transaction.atomic():
        reflection = (
            Reflection.objects.select_for_update(of=("self",))
            .select_related("member")
            .get(pk=reflection.pk)
        )
        check_actor(
            actor, reflection.member.branch_id, _("这篇心得的党员不在您负责的支部，不能审核。")
        )
        reflection.status = ReflectionStatus.APPROVED if approve else ReflectionStatus.REJECTED
        # Saving purges the page cache (Reflection is purge_when_saved).
        reflection.save(update_fields=["status"])
        verb = "approve" if approve else "reject"
        log(reflection, f"study.reflection.{verb}", actor)
    return reflection


# --- Online study credited -----------------------------------------------------------------


def take_roll(session, changes, actor, now=None):
    """The roll call screen's save (``save_roll``); once the session has
    ended, members who completed its courses online are credited too. Returns
    the number of rows written."""
    now = now or timezone.now()
    with transaction.atomic():
        written = save_roll(session, changes, actor, now=now)
        if session.end <= now:
            written += credit_online_completions(session, now=now, actor=actor)
    return written


def credit_online_completions(session, now=None, actor=None):
    """Members with accounts who watched all the session's courses to the end
    between the session's start and its make-up deadline, and are not yet
    present, become present online. Returns how many were credited.
    ``actor`` is who asked (None: the nightly command)."""
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
        lock_session(session)
        attended = set(
            session.attendances.filter(status__in=ATTENDED).values_list("member_id", flat=True)
        )
        for member in members.filter(user_id__in=list(done)):
            if member.pk in attended:
                continue
            set_one(
                session,
                member,
                AttendanceStatus.PRESENT,
                AttendanceMode.ONLINE,
                None,
                ChangeSource.ONLINE,
                now,
            )
            credited += 1
        if credited:
            log(session, "study.online.credit", actor, credited=credited)
    return credited
