"""放映: starting a screening of a study session, recording the courses it
plays as the screening page reports them, and ending it (which adds a run
to the equipment book).

Every report is idempotent (a start carries the page's token, a course its
order, an end is done once) and checked: the course is one of the session's
or one picked by its 点播本 number, the screening is the reporter's own and
still open, and no time lies after now or before the screening began; the
seconds played cannot exceed the time that passed.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.log_actions import log
from learning.courses.models import CoursePage
from learning.courses.models.progress import COMPLETION_SHARE
from learning.study import scope

from ..errors import ViewingError
from ..models import RunSource, Screening, ScreeningCourse, ShowingMode
from .runs import record_run, require

SCREEN_SESSION = "viewing.screen_session"
# Clocks of the page and the server, and timeupdate's granularity.
SECONDS_TOLERANCE = 5.0
PURPOSE_LENGTH = 200


def may_screen(actor, session):
    """The actor holds the permission and administers one of the session's
    branches (every branch for a community-level administrator)."""
    if actor is None:
        return True
    if not actor.has_perm(SCREEN_SESSION):
        return False
    return scope.sessions_for(actor).filter(pk=session.pk).exists()


def _require_session(actor, session):
    require(actor, SCREEN_SESSION, _("您没有放映学习会的权限。"))
    if not may_screen(actor, session):
        raise ViewingError(_("只能放映您负责的支部参加的学习会。"))


def _bounded(moment, now, earliest):
    if moment is None:
        return now
    if moment > now:
        raise ViewingError(_("时间不能晚于现在。"))
    if moment < earliest:
        raise ViewingError(_("时间不能早于放映开始。"))
    return moment


def course_by_number(number):
    """The published course with this 点播本 number, or a ViewingError."""
    text = str(number).strip()
    course = None
    if text.isdigit() and len(text) <= 9:
        course = (
            CoursePage.objects.live()
            .filter(catalogue_number=int(text))
            .select_related("video")
            .first()
        )
    if course is None:
        raise ViewingError(_("点播本里没有第 %(n)s 号课程，请核对编号。") % {"n": text[:9]})
    if course.video_id is None:
        raise ViewingError(_("第 %(n)s 号课程没有视频，不能放映。") % {"n": text})
    return course


def start_screening(actor, session, token=None, now=None):
    """Open a screening of ``session`` (the same one again for the same
    ``token``). Returns the screening."""
    _require_session(actor, session)
    now = now or timezone.now()
    with transaction.atomic():
        if token is not None:
            found = Screening.objects.filter(token=token).first()
            if found is not None:
                if found.session_id != session.pk:
                    raise ViewingError(_("放映记录不属于这个学习会。"))
                return found
        screening = Screening(session=session, started_at=now, started_by=actor)
        if token is not None:
            screening.token = token
        try:
            with transaction.atomic():
                screening.save()
        except IntegrityError:  # the same token, saved meanwhile
            return Screening.objects.get(token=token, session=session)
        log(screening, "viewing.screening.start", actor)
    return screening


def _locked_open(actor, screening):
    screening = Screening.objects.select_for_update().select_related("session").get(pk=screening.pk)
    _require_session(actor, screening.session)
    if actor is not None and screening.started_by_id not in (None, actor.pk):
        raise ViewingError(_("这是别人开始的放映。"))
    return screening


def report_course(
    actor, screening, *, order, course, seconds, picked=False, done=False, at=None, now=None
):
    """The page plays (or has played, ``done``) ``course`` as the
    ``order``-th item: create or update that row. ``seconds`` actually
    played only grows; ``at`` is when (now by default)."""
    now = now or timezone.now()
    if not isinstance(order, int) or not 1 <= order <= 500:
        raise ViewingError(_("放映顺序不正确。"))
    seconds = float(seconds)
    if not seconds >= 0 or seconds == float("inf"):
        raise ViewingError(_("播放秒数不正确。"))
    with transaction.atomic():
        screening = _locked_open(actor, screening)
        if screening.finished:
            raise ViewingError(_("这次放映已经结束。"))
        at = _bounded(at, now, screening.started_at)
        if not picked and not screening.session.courses.filter(pk=course.pk).exists():
            raise ViewingError(_("这门课程不是这次学习会的课程。"))
        if picked and course.catalogue_number is None:
            raise ViewingError(_("只能点播点播本里的课程。"))
        row = ScreeningCourse.objects.filter(screening=screening, order=order).first()
        if row is None:
            row = ScreeningCourse(
                screening=screening,
                order=order,
                course=course,
                picked=picked,
                started_at=at,
                duration_seconds=course.duration_seconds,
            )
        elif row.course_id != course.pk:
            raise ViewingError(_("这个顺序已经记录了另一门课程。"))
        if row.ended_at is None:
            if seconds > (at - row.started_at).total_seconds() + SECONDS_TOLERANCE:
                raise ViewingError(_("播放秒数超过了实际经过的时间。"))
            row.seconds_played = max(row.seconds_played, seconds)
            if done:
                row.ended_at = at
        row.completed = bool(
            row.duration_seconds and row.seconds_played >= row.duration_seconds * COMPLETION_SHARE
        )
        row.save()
    return row


def _purpose(screening):
    titles = [
        shown.course.title for shown in screening.shown.select_related("course").order_by("order")
    ]
    text = f"{_('放映')}：{screening.session.title}"
    if titles:
        text += f"（{'、'.join(titles)}）"
    return text if len(text) <= PURPOSE_LENGTH else text[: PURPOSE_LENGTH - 1] + "…"


def end_screening(actor, screening, at=None, now=None):
    """Close the screening and every course still open, and record the run
    of the equipment. Ending an ended screening changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        screening = _locked_open(actor, screening)
        if screening.finished:
            return screening
        at = _bounded(at, now, screening.started_at)
        # The book and the table need an end after the start.
        at = max(at, screening.started_at + datetime.timedelta(seconds=1))
        screening.shown.filter(ended_at__isnull=True).update(ended_at=at)
        screening.ended_at = at
        screening.save(update_fields=["ended_at"])
        record_run(
            actor,
            source=RunSource.SCREENING,
            screening=screening,
            started_at=screening.started_at,
            ended_at=at,
            purpose=_purpose(screening),
            mode=ShowingMode.COMPUTER,
            now=max(now, at),
        )
        log(screening, "viewing.screening.end", actor, courses=screening.shown.count())
    return screening
