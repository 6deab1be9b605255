"""放映: the services record what a screening played, credit the on-site
members at read time, add a run to the book at the end, and refuse reports
that are forged, odd or from someone else."""

import datetime
import uuid

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from learning.viewing.errors import ViewingError
from learning.viewing.models import Run, RunSource, Screening, ShowingMode
from learning.viewing.services.screening import (
    course_by_number,
    end_screening,
    report_course,
    start_screening,
)
from learning.viewing.services.screening_credit import credited, watched_on_site, year_counts
from tests.accounts.factories import UserFactory
from tests.courses.factories import CoursePageFactory
from tests.viewing.factories import attend

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def _screen(actor, session, courses, t0, played=(580, 300)):
    """A screening from ``t0``: each course played for ten minutes of wall
    time, ``played`` seconds of it actually playing; then the end."""
    screening = start_screening(actor, session, now=t0)
    for order, (course, seconds) in enumerate(zip(courses, played, strict=True), start=1):
        begin = t0 + (order - 1) * 10 * MINUTE
        report_course(actor, screening, order=order, course=course, seconds=0, at=begin)
        report_course(
            actor, screening, order=order, course=course, seconds=seconds, done=True,
            at=begin + 10 * MINUTE,
        )  # fmt: skip
    return end_screening(actor, screening, at=t0 + len(courses) * 10 * MINUTE + MINUTE)


def test_a_screening_records_the_courses_and_credits_only_the_on_site_members(
    branch_admin, held_session, shown_courses, members
):
    t0 = timezone.now() - 40 * MINUTE
    screening = _screen(branch_admin, held_session, shown_courses, t0)
    first, second = screening.shown.order_by("order")
    assert (first.course, first.seconds_played, first.completed) == (shown_courses[0], 580, True)
    assert (second.course, second.seconds_played, second.completed) == (
        shown_courses[1],
        300,
        False,
    )
    assert first.ended_at == t0 + 10 * MINUTE and second.ended_at == t0 + 20 * MINUTE

    # The roll call is saved after the screening: the credit follows it.
    assert year_counts(members, t0.year) == {}
    attend(held_session, members[0])  # 出席 · 现场
    attend(held_session, members[1], status="late")  # 迟到 · 现场
    attend(held_session, members[2], mode="online")  # 出席 · 线上
    attend(held_session, members[3], status="absent", mode="")
    courses, rows = credited(screening)
    assert [row.course for row in courses] == [shown_courses[0]]  # not the one under 90 %
    assert {row.member for row in rows} == {members[0], members[1]}
    year = timezone.localdate(held_session.start).year
    assert year_counts(members, year) == {members[0].pk: 1, members[1].pk: 1}
    assert year_counts(members, year - 1) == {}
    assert [row.course for row in watched_on_site(members[0])] == [shown_courses[0]]
    assert not watched_on_site(members[2]).exists() and not watched_on_site(members[3]).exists()


def test_the_end_records_a_run_in_the_book_once(branch_admin, held_session, shown_courses):
    t0 = timezone.now() - 40 * MINUTE
    screening = _screen(branch_admin, held_session, shown_courses, t0)
    run = Run.objects.get()
    assert run.screening == screening and run.source == RunSource.SCREENING
    assert run.mode == ShowingMode.COMPUTER and run.operator == branch_admin
    assert (run.started_at, run.ended_at) == (t0, t0 + 21 * MINUTE)
    assert held_session.title in run.purpose and shown_courses[1].title in run.purpose
    end_screening(branch_admin, screening)  # again: nothing more
    assert Run.objects.count() == 1 and screening.run == run
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"viewing.screening.start", "viewing.screening.end", "viewing.run.record"} <= actions


def test_a_start_sent_twice_finds_the_same_screening(branch_admin, held_session):
    token = uuid.uuid4()
    first = start_screening(branch_admin, held_session, token)
    assert start_screening(branch_admin, held_session, token) == first
    assert Screening.objects.count() == 1


def test_a_report_sent_twice_changes_nothing_and_seconds_only_grow(
    branch_admin, held_session, shown_courses
):
    t0 = timezone.now() - 20 * MINUTE
    screening = start_screening(branch_admin, held_session, now=t0)
    course = shown_courses[0]
    report_course(branch_admin, screening, order=1, course=course, seconds=0, at=t0)
    for _ in range(2):
        report_course(
            branch_admin, screening, order=1, course=course, seconds=590, done=True,
            at=t0 + 10 * MINUTE,
        )  # fmt: skip
    report_course(branch_admin, screening, order=1, course=course, seconds=10, done=True)
    row = screening.shown.get()
    assert (row.seconds_played, row.ended_at, row.completed) == (590, t0 + 10 * MINUTE, True)


def test_the_permission_and_the_branch_scope_refuse_others(
    held_session, shown_courses, other_branch, community_admin
):
    outsider = UserFactory()
    with pytest.raises(ViewingError, match="权限"):
        start_screening(outsider, held_session)
    from accounts import roles

    other_admin = UserFactory(roles=[roles.BRANCH_ADMINS])
    other_branch.administrators.add(other_admin)
    with pytest.raises(ViewingError, match="支部"):
        start_screening(other_admin, held_session)
    assert not Screening.objects.exists()
    # The community's administrator screens every session; a branch
    # administrator cannot report into it.
    screening = start_screening(community_admin, held_session)
    with pytest.raises(ViewingError):
        report_course(other_admin, screening, order=1, course=shown_courses[0], seconds=0)
    with pytest.raises(ViewingError):
        end_screening(other_admin, screening)
    assert not screening.shown.exists() and Screening.objects.get().ended_at is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"course": "other"}, "不是这次学习会的课程"),
        ({"seconds": 900}, "超过了实际经过的时间"),
        ({"seconds": -1}, "播放秒数不正确"),
        ({"seconds": float("nan")}, "播放秒数不正确"),
        ({"order": 0}, "放映顺序不正确"),
        ({"at": "future"}, "不能晚于现在"),
        ({"at": "before"}, "不能早于放映开始"),
    ],
)
def test_forged_or_odd_reports_are_refused(
    branch_admin, held_session, shown_courses, library, change, message
):
    t0 = timezone.now() - 10 * MINUTE
    screening = start_screening(branch_admin, held_session, now=t0)
    fields = {"order": 1, "course": shown_courses[0], "seconds": 0, "at": t0}
    fields.update(change)
    if fields["course"] == "other":
        fields["course"] = CoursePageFactory(parent=library, title="不在这次学习会的课程")
    if fields["at"] == "future":
        fields["at"] = timezone.now() + MINUTE
    elif fields["at"] == "before":
        fields["at"] = t0 - MINUTE
    elif "seconds" in change:
        fields["at"] = t0 + 10 * MINUTE
    with pytest.raises(ViewingError, match=message):
        report_course(branch_admin, screening, **fields)
    assert not screening.shown.exists()


def test_a_row_keeps_its_course_and_an_ended_screening_takes_no_more(
    branch_admin, held_session, shown_courses
):
    screening = start_screening(branch_admin, held_session, now=timezone.now() - 5 * MINUTE)
    report_course(branch_admin, screening, order=1, course=shown_courses[0], seconds=0)
    with pytest.raises(ViewingError, match="另一门课程"):
        report_course(branch_admin, screening, order=1, course=shown_courses[1], seconds=0)
    end_screening(branch_admin, screening)
    with pytest.raises(ViewingError, match="已经结束"):
        report_course(branch_admin, screening, order=2, course=shown_courses[1], seconds=0)


def test_a_course_picked_by_its_number_is_recorded_and_credited(
    branch_admin, held_session, shown_courses, library, members, mp4_bytes
):
    from tests.viewing.factories import course_video

    picked = CoursePageFactory(
        parent=library, title="点播：红色家风", video=course_video(mp4_bytes),
        duration=datetime.timedelta(seconds=60),
    )  # fmt: skip
    assert course_by_number(str(picked.catalogue_number)) == picked
    with pytest.raises(ViewingError, match="点播本里没有第 9999 号课程"):
        course_by_number("9999")
    with pytest.raises(ViewingError, match="没有视频"):
        course_by_number(shown_courses[0].catalogue_number)
    with pytest.raises(ViewingError, match="点播本里没有"):
        course_by_number("12a")
    t0 = timezone.now() - 5 * MINUTE
    screening = start_screening(branch_admin, held_session, now=t0)
    report_course(branch_admin, screening, order=1, course=picked, seconds=0, picked=True, at=t0)
    report_course(
        branch_admin, screening, order=1, course=picked, seconds=58, picked=True, done=True,
        at=t0 + MINUTE,
    )  # fmt: skip
    end_screening(branch_admin, screening)
    attend(held_session, members[0])
    assert [row.course for row in watched_on_site(members[0])] == [picked]
    assert screening.shown.get().picked
