"""Demo 放映: the latest past study session with courses was screened in
the room, its courses played through (a run in the book, the on-site
members credited). Idempotent: a session screened already is left alone."""

import datetime

from django.utils import timezone

from learning.study.models import StudySession

from .models import Screening
from .services.screening import end_screening, report_course, start_screening


def load(home, stdout):
    now = timezone.now()
    session = (
        StudySession.objects.live()
        .filter(end__lt=now, courses__isnull=False)
        .order_by("-start")
        .first()
    )
    if session is None:
        stdout.write("  没有已结束且有课程的学习会，跳过放映记录")
        return
    if Screening.objects.filter(session=session).exists():
        return
    at = session.start + datetime.timedelta(minutes=5)
    screening = start_screening(None, session, now=at)
    for order, course in enumerate(session.courses.order_by("pk"), start=1):
        length = datetime.timedelta(seconds=course.duration_seconds or 600)
        if at + length + datetime.timedelta(minutes=1) > now:
            break
        report_course(None, screening, order=order, course=course, seconds=0, at=at)
        at += length
        report_course(
            None,
            screening,
            order=order,
            course=course,
            seconds=length.total_seconds(),
            done=True,
            at=at,
        )
    end_screening(None, screening, at=at + datetime.timedelta(minutes=1))
    stdout.write(f"  放映记录：{session.title}")
