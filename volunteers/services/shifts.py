"""Signing up for shifts, cancelling, and the waiting list moving up.

Shift places and the waiting list are the generic ``events.capacity``
functions applied to a ``Shift``. A volunteer's overlapping sign-ups are
refused under a lock on the volunteer's row, taken before the shift's: two
sign-ups of one volunteer arriving at the same moment are serialised
(PostgreSQL ``SELECT … FOR UPDATE``; SQLite's IMMEDIATE transactions take the
database's write lock at the start of every ``atomic()`` block).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.validators import normalize_mobile
from core.log_actions import log
from events import capacity
from events.capacity import ACTIVE

from .. import notifications
from ..models import ShiftSignup, Volunteer, VolunteerStatus
from .common import COORDINATE, VolunteerError, _require, _tell_promoted_after_commit, may


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
        _require(actor, COORDINATE)
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
        log(signup, "volunteers.signup.create", actor)
    return signup


def desk_sign_up(shift, phone, actor, now=None):
    """A coordinator signs up an approved volunteer found by mobile number."""
    _require(actor, COORDINATE)
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
    coordinator = may(actor, COORDINATE) and actor.pk != signup.volunteer.user_id
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
    log(signup, "volunteers.signup.cancel", actor)
    _tell_promoted_after_commit(promoted)
