"""The ledger against hand-computed figures, its Excel export read back,
and the plan's flags for months without a session."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from learning.study import ledger, services
from learning.study.models import StudyPlan
from tests.events.factories import at
from tests.study.factories import BranchFactory, MemberFactory, make_session

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 10)


@pytest.fixture
def big_branch(db):
    return BranchFactory(name="社区第一党支部")


@pytest.fixture
def march_roll(event_index, big_branch, community_admin):
    """121 members on the roll: 110 present on site, 3 late, 2 at home,
    2 by phone (117 attended), 3 excused, 1 absent → 96.7 %."""
    members = MemberFactory.create_batch(121, branch=big_branch)
    session = make_session(
        event_index, [big_branch], title="三月学习会", start=at(MARCH, 9), end=at(MARCH, 11)
    )
    changes = {}
    for m in members[110:113]:
        changes[m.pk] = ("late", "onsite", "")
    for m in members[113:115]:
        changes[m.pk] = ("present", "home", "")
    for m in members[115:117]:
        changes[m.pk] = ("present", "phone", "")
    for m in members[117:120]:
        changes[m.pk] = ("excused", "", "")
    changes[members[120].pk] = ("absent", "", "")
    services.save_roll(session, changes, community_admin)
    return session, members


def test_branch_figures_match_the_hand_count(march_roll, big_branch):
    result = ledger.summary(*ledger.period(2026, 3))
    rows, total = result.rows, result.total
    row = next(r for r in rows if r.branch_id == big_branch.pk)
    assert (row.sessions, row.invited, row.present, row.late) == (1, 121, 114, 3)
    assert (row.excused, row.absent) == (3, 1)
    assert (row.onsite, row.home, row.phone, row.online) == (113, 2, 2, 0)
    assert row.attended == 117
    assert row.rate == Decimal("96.7")
    assert total.attended == 117


def test_a_session_shared_by_two_branches_counts_once_in_the_total(
    event_index, branch, other_branch
):
    MemberFactory.create_batch(2, branch=branch)
    MemberFactory.create_batch(3, branch=other_branch)
    session = make_session(
        event_index, [branch, other_branch], start=at(MARCH, 9), end=at(MARCH, 11)
    )
    services.save_roll(session, {}, None)
    result = ledger.summary(*ledger.period(2026))
    rows, total = result.rows, result.total
    assert [r.sessions for r in rows if r.invited] == [1, 1]
    assert (total.sessions, total.invited, total.attended) == (1, 5, 5)


def test_months_group_separately_and_members_have_their_rate(event_index, branch, branch_admin):
    alice, bob = MemberFactory.create_batch(2, branch=branch)
    for day, absent in ((datetime.date(2026, 1, 8), bob), (datetime.date(2026, 2, 8), None)):
        session = make_session(event_index, [branch], start=at(day, 9), end=at(day, 11))
        changes = {absent.pk: ("absent", "", "")} if absent else {}
        services.save_roll(session, changes, branch_admin)
    monthly = ledger.summary(*ledger.period(2026)).monthly[branch.pk]
    assert monthly[datetime.date(2026, 1, 1)].rate == Decimal("50.0")
    assert monthly[datetime.date(2026, 2, 1)].rate == Decimal("100.0")
    figures = {m.pk: (m.invited, m.attended) for m in ledger.by_member(*ledger.period(2026))}
    assert figures[alice.pk] == (2, 2)
    assert figures[bob.pk] == (2, 1)


def test_the_excel_ledger_opens_with_title_period_headers_and_totals(
    client, community_admin, march_roll, big_branch
):
    client.force_login(community_admin)
    response = client.get(reverse("study_admin:ledger_export") + "?year=2026")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["汇总"]
    assert "学习台账" in sheet["A1"].value
    assert "2026年1月—12月" in sheet["A2"].value
    assert sheet["A3"].value == "支部"
    assert sheet["M3"].value == "参学率（%）"
    lines = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert lines["社区第一党支部"][2] == 121
    assert lines["社区第一党支部"][11] == 117
    assert lines["社区第一党支部"][12] == pytest.approx(96.7)
    assert lines["合计"][11] == 117
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.column_dimensions["A"].width == 22
    assert book["3月"]["A1"].value.endswith("（3月）")


def test_the_ledger_page_shows_the_rate_and_a_chart(client, community_admin, march_roll):
    client.force_login(community_admin)
    response = client.get(reverse("study_admin:ledger") + "?year=2026")
    html = response.content.decode()
    assert "96.7%" in html
    assert "<svg" in html and "polyline" in html


def test_members_and_editors_cannot_see_the_ledger(client, march_roll):
    from accounts import roles
    from tests.accounts.factories import UserFactory

    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert client.get(reverse("study_admin:ledger")).status_code in (302, 403)
    assert client.get(reverse("study_admin:ledger_export")).status_code in (302, 403)


def test_the_plan_flags_a_branch_with_no_session_in_a_past_month(
    client, community_admin, event_index, branch, other_branch
):
    client.force_login(community_admin)
    year = timezone.localdate().year - 1
    day = datetime.date(year, 5, 12)
    StudyPlan.objects.create(branch=other_branch, month=datetime.date(year, 5, 20))
    make_session(event_index, [branch], start=at(day, 9), end=at(day, 11))
    response = client.get(reverse("study_admin:plan") + f"?year={year}")
    rows = {r["branch"].pk: r for r in response.context["rows"]}
    may_index = 4
    assert rows[branch.pk]["cells"][may_index]["held"] == 1
    assert not rows[branch.pk]["cells"][may_index]["flagged"]
    assert rows[other_branch.pk]["cells"][may_index]["flagged"]
    assert rows[other_branch.pk]["cells"][may_index]["plan"].month == datetime.date(year, 5, 1)
    assert rows[branch.pk]["gaps"] == 11


def test_the_ledger_lists_a_branchs_members_with_rate_and_courses_completed(
    admin_client, home_page, event_index, branch, branch_admin
):
    from learning.courses.models import CourseProgress
    from tests.accounts.factories import UserFactory
    from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory

    alice, bob = MemberFactory.create_batch(2, branch=branch)
    alice.user = UserFactory(phone=alice.phone)
    alice.save()
    library = CourseIndexPageFactory(parent=home_page)
    for when in [at(datetime.date(2026, 1, 20), 20), at(datetime.date(2025, 12, 1))]:
        CourseProgress.objects.create(
            user=alice.user, course=CoursePageFactory(parent=library), completed_at=when
        )
    day = datetime.date(2026, 1, 8)
    session = make_session(event_index, [branch], start=at(day, 9), end=at(day, 11))
    services.save_roll(session, {bob.pk: ("absent", "", "")}, branch_admin)
    response = admin_client.get(reverse("study_admin:ledger") + f"?year=2026&branch={branch.pk}")
    members = {m.pk: m for m in response.context["page_obj"].object_list}
    assert (members[alice.pk].attended, members[alice.pk].rate) == (1, Decimal("100.0"))
    assert (members[bob.pk].attended, members[bob.pk].rate) == (0, Decimal("0.0"))
    assert members[alice.pk].completed == 1  # the one of 2025 is outside the year
    assert members[bob.pk].completed == 0
    assert "党员明细" in response.content.decode()
