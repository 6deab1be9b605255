"""Study hours (学时) against a hand-made year: sessions attended on saved
rolls for their scheduled length, courses completed online for their
duration (not twice when the session showed them), the targets by role,
and where members and secretaries see them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.courses.models import CourseProgress
from learning.study import hours, roll_call, services
from learning.study.models import (
    Attendance,
    ChangeSource,
    MemberRole,
    StudyHoursSettings,
)
from tests.accounts.factories import UserFactory
from tests.clock import freeze
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import at
from tests.study.factories import MemberFactory, make_session

pytestmark = pytest.mark.django_db

YEAR = 2025
NOW = at(datetime.date(YEAR, 11, 20), 12)


def _day(month, day):
    return datetime.date(YEAR, month, day)


@pytest.fixture
def year(home_page, event_index, branch, community_admin):
    """alice (党员, with an account) and sam (支部书记):

    * 3月10日 09:00–11:00 (120 min), roll saved: alice 出席·现场, sam 缺席;
    * 5月12日 14:00–15:30 (90 min) showing course C1 (30 min), roll saved:
      alice 出席·线上, sam 迟到·电话;
    * 6月2日 09:00–10:30, roll never saved: alice's row (a QR check-in) counts nowhere;
    * alice completes online C1 (shown at the May session she is counted
      for: not again), C2 (45 min, 7月) and C3 (20 min, 2024-12-31 23:30:
      another year).

    alice: 120 + 90 + 45 = 255 min; sam: 90 min."""
    alice = MemberFactory(branch=branch, name="爱丽丝")
    alice.user = UserFactory(phone=alice.phone)
    alice.save()
    sam = MemberFactory(branch=branch, name="山姆", role=MemberRole.SECRETARY)
    library = CourseIndexPageFactory(parent=home_page)
    c1, c2, c3 = (
        CoursePageFactory(parent=library, duration=datetime.timedelta(minutes=m))
        for m in (30, 45, 20)
    )
    march = make_session(event_index, [branch], start=at(_day(3, 10), 9), end=at(_day(3, 10), 11))
    services.save_roll(
        march, {alice.pk: ("present", "onsite", ""), sam.pk: ("absent", "", "")}, community_admin
    )
    may = make_session(
        event_index, [branch], start=at(_day(5, 12), 14), end=at(_day(5, 12), 15, 30)
    )
    may.courses.set([c1])
    may.save()
    services.save_roll(
        may, {alice.pk: ("present", "online", ""), sam.pk: ("late", "phone", "")}, community_admin
    )
    june = make_session(event_index, [branch], start=at(_day(6, 2), 9), end=at(_day(6, 2), 10, 30))
    roll_call.set_one(june, alice, "present", "onsite", None, ChangeSource.CHECK_IN, NOW)
    for course, when in [
        (c1, at(_day(5, 13), 20)),
        (c2, at(_day(7, 1), 20)),
        (c3, at(datetime.date(YEAR - 1, 12, 31), 23, 30)),
    ]:
        CourseProgress.objects.create(user=alice.user, course=course, completed_at=when)
    return alice, sam


def test_hours_count_attended_sessions_and_courses_completed_online_once(year):
    alice, sam = year
    found = hours.year_hours([alice, sam], YEAR, NOW)
    a, s = found[alice.pk], found[sam.pk]
    assert (a.sessions, a.session_minutes, a.courses, a.course_minutes) == (2, 210, 1, 45)
    assert (a.minutes, a.hours, a.target) == (255, Decimal("5.6"), 32)  # 255 / 45 = 5.67
    assert (s.sessions, s.session_minutes, s.courses, s.minutes) == (1, 90, 0, 90)
    assert (s.hours, s.target, s.missing) == (Decimal("2.0"), 56, Decimal("54.0"))
    assert a.short and s.short


def test_the_community_sets_the_targets_and_the_length_of_a_study_hour(year):
    alice, sam = year
    rules = StudyHoursSettings.load()
    rules.member_target, rules.committee_target, rules.minutes_per_hour = 4, 60, 60
    rules.save()
    found = hours.year_hours([alice, sam], YEAR, NOW)
    assert (found[alice.pk].hours, found[alice.pk].target) == (Decimal("4.2"), 4)
    assert not found[alice.pk].short and found[alice.pk].missing == Decimal("0.0")
    assert (found[sam.pk].hours, found[sam.pk].target) == (Decimal("1.5"), 60)


def test_a_session_not_yet_held_gives_no_hours(year, event_index, branch, community_admin):
    alice, _ = year
    later = make_session(event_index, [branch], start=at(_day(12, 1), 9), end=at(_day(12, 1), 11))
    Attendance.objects.create(
        session=later, member=alice, branch=branch, day=_day(12, 1), status="present", mode="onsite"
    )
    assert hours.year_hours([alice], YEAR, NOW)[alice.pk].sessions == 2


def test_members_see_their_hours_in_my_study(client, year, monkeypatch):
    alice, _ = year
    freeze(monkeypatch, NOW)
    client.force_login(alice.user)
    response = client.get(reverse("study:mine"))
    page = response.content.decode()
    assert "已完成 5.6 学时，年度目标 32 学时" in page
    assert "还差 26.4 学时" in page
    assert "private" in response["Cache-Control"]


def test_the_ledger_shows_each_members_hours_without_a_query_per_member(
    client, community_admin, branch, year, monkeypatch
):
    freeze(monkeypatch, NOW)
    client.force_login(community_admin)
    url = reverse("study_admin:ledger") + f"?year={YEAR}&branch={branch.pk}"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return response, len(captured)

    queries()  # the first request warms per-process caches (site, settings)
    response, few = queries()
    assert "5.6 / 32" in response.content.decode()
    assert "2.0 / 56" in response.content.decode()
    MemberFactory.create_batch(40, branch=branch)
    _, many = queries()
    assert many == few


def test_the_short_list_opens_in_the_last_quarter_for_the_branch_administrator(
    client, branch_admin, other_branch, year, monkeypatch
):
    alice, sam = year
    MemberFactory(branch=other_branch, name="别的支部")
    client.force_login(branch_admin)
    url = reverse("study_admin:short") + f"?year={YEAR}"
    freeze(monkeypatch, at(_day(9, 30), 12))
    closed = client.get(url).content.decode()
    assert "从10月1日（第四季度）起列出" in closed and "山姆" not in closed
    freeze(monkeypatch, NOW)
    response = client.get(url)
    names = [m.name for m in response.context["page_obj"].object_list]
    assert names == ["山姆", "爱丽丝"]  # fewest hours first; only the admin's branch
    assert "54.0" in response.content.decode()
