"""What the ledger counts, and when (docs/study-rules.md), each case pinned
against a hand count: the figures go upward in the Excel export.

Hand counts are written next to each assertion."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from learning.study import ledger, services
from learning.study.models import Attendance, LeaveRequest
from tests.accounts.factories import UserFactory
from tests.events.factories import at
from tests.study.factories import BranchFactory, MemberFactory, make_session

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def fifteen(branch):
    """15 members of the first branch, eight with accounts (for QR check-in)."""
    members = MemberFactory.create_batch(15, branch=branch)
    for member in members[:8]:
        member.user = UserFactory(phone=member.phone)
        member.save()
    return members


def _started_session(event_index, branches, minutes_ago=10, **fields):
    """Began ten minutes ago: a QR check-in now is 出席 (not 迟到)."""
    start = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return make_session(
        event_index, branches, start=start, end=start + datetime.timedelta(hours=2), **fields
    )


def _check_in(session, member):
    return services.check_in(session, services.check_in_code(session), member.user)


def _this_year():
    return ledger.summary(*ledger.period(YEAR))


def _row(result, branch):
    return next(r for r in result.rows if r.branch_id == branch.pk)


def test_two_qr_check_ins_before_the_roll_is_saved_are_no_figures(
    event_index, branch, fifteen, community_admin, client
):
    """Hand count: 15 invited, 2 scanned the QR code, roll not saved →
    学习会 0, 应参加 0, 参学 0, 参学率 — (not 2 of 2 = 100.0 %);
    未点名 1 session with 应参加 15, 已签到 2."""
    session = _started_session(event_index, [branch], title="未点名的学习会")
    _check_in(session, fifteen[0])
    _check_in(session, fifteen[1])
    result = _this_year()
    row = _row(result, branch)
    assert (row.sessions, row.invited, row.attended, row.rate) == (0, 0, 0, None)
    assert (row.pending, row.pending_invited) == (1, 15)
    assert (result.total.sessions, result.total.invited, result.total.rate) == (0, 0, None)
    assert (result.total.pending, result.total.pending_invited) == (1, 15)
    [pending] = result.pending
    assert (pending.title, pending.invited, pending.checked_in) == ("未点名的学习会", 15, 2)

    client.force_login(community_admin)
    html = client.get(reverse("study_admin:ledger") + f"?year={YEAR}").content.decode()
    assert "还没有保存点名册（未点名）" in html
    assert "未点名的学习会" in html and "应参加 15 人，已签到 2 人" in html
    assert "100.0%" not in html

    sheet = load_workbook(
        io.BytesIO(client.get(reverse("study_admin:ledger_export") + f"?year={YEAR}").content)
    )["汇总"]
    lines = {r[0]: r for r in sheet.iter_rows(min_row=4, max_row=6, values_only=True)}
    assert lines[branch.name][1:4] == (0, 0, 0)  # 学习会, 应参加, 出席
    assert lines[branch.name][11:14] == (0, "—", 1)  # 参学人次, 参学率, 未点名
    notes = [c.value for c in sheet["A"] if c.value and "未点名的学习会" in str(c.value)]
    assert notes == [
        f"{timezone.localtime(session.start).year}年{timezone.localtime(session.start).month}月"
        f"{timezone.localtime(session.start).day}日 未点名的学习会："
        f"{branch.name}（应参加 15 人，已签到 2 人）"
    ]


def test_once_the_roll_is_saved_the_invited_are_the_denominator(
    event_index, branch, fifteen, branch_admin
):
    """Hand count: 15 invited; 2 scanned, the secretary saves the roll with
    one absent and one excused (no mode), the rest present on site →
    学习会 1, 应参加 15, 出席 13 (现场 13), 请假 1, 缺席 1, 参学 13,
    参学率 13 ÷ 15 = 86.7 %, 未点名 0."""
    session = _started_session(event_index, [branch])
    _check_in(session, fifteen[0])
    _check_in(session, fifteen[1])
    services.save_roll(
        session,
        {
            fifteen[13].pk: ("absent", "onsite", "没有来"),
            fifteen[14].pk: ("excused", "onsite", ""),
        },
        branch_admin,
    )
    row = _row(_this_year(), branch)
    assert (row.sessions, row.invited, row.present, row.late) == (1, 15, 13, 0)
    assert (row.excused, row.absent, row.onsite) == (1, 1, 13)
    assert (row.attended, row.rate, row.pending) == (13, Decimal("86.7"), 0)
    assert set(Attendance.objects.filter(status__in=["absent", "excused"]).values_list("mode")) == {
        ("",)
    }


def test_an_approved_leave_for_a_coming_session_is_no_session_held(
    event_index, branch, fifteen, branch_admin
):
    """Hand count: one session in three days, one leave approved → nothing:
    学习会 0, 应参加 0, 请假 0, 未点名 0 (it has not started)."""
    session = make_session(event_index, [branch])
    leave = LeaveRequest.objects.create(session=session, member=fifteen[0], reason="住院")
    services.decide_leave(leave, True, branch_admin)
    result = _this_year()
    row = _row(result, branch)
    assert (row.sessions, row.invited, row.excused, row.pending) == (0, 0, 0, 0)
    assert result.pending == []


def test_a_shared_session_counts_for_the_branch_whose_roll_is_saved(
    event_index, branch, other_branch, fifteen, branch_admin
):
    """Hand count: a session for both branches (15 + 4 members); only the
    first branch's administrator saved their roll → 第一党支部 1 session,
    应参加 15, 参学率 100.0; 第二党支部 0 sessions, 未点名 1 with 应参加 4;
    total 1 session, 应参加 15, 未点名 1."""
    MemberFactory.create_batch(4, branch=other_branch)
    session = _started_session(event_index, [branch, other_branch])
    services.save_roll(session, {}, branch_admin)
    result = _this_year()
    first, second = _row(result, branch), _row(result, other_branch)
    assert (first.sessions, first.invited, first.rate, first.pending) == (
        1,
        15,
        Decimal("100.0"),
        0,
    )
    assert (second.sessions, second.invited, second.pending, second.pending_invited) == (0, 0, 1, 4)
    assert (result.total.sessions, result.total.invited, result.total.pending) == (1, 15, 1)
    assert [b[1] for b in result.pending[0].branches] == [other_branch.name]


def test_a_members_line_counts_only_saved_rolls_and_the_page_says_what_is_left_out(
    event_index, branch, fifteen, branch_admin, admin_client
):
    """Hand count for 张三 (fifteen[0]): session 1 saved, present; session 2
    not saved, checked in by QR → 应参加 1, 参加 1, 参学率 100.0 (not 2 of 2);
    the branch has 1 session 未点名."""
    saved = _started_session(event_index, [branch], minutes_ago=300)
    services.save_roll(saved, {}, branch_admin)
    unsaved = _started_session(event_index, [branch])
    _check_in(unsaved, fifteen[0])
    figures = {m.pk: (m.invited, m.attended) for m in ledger.by_member(*ledger.period(YEAR))}
    assert figures[fifteen[0].pk] == (1, 1)
    assert figures[fifteen[1].pk] == (1, 1)
    response = admin_client.get(reverse("study_admin:ledger") + f"?year={YEAR}&branch={branch.pk}")
    assert "本支部另有 1 场学习会未点名" in response.content.decode()
    members = {m.pk: m for m in response.context["page_obj"].object_list}
    assert members[fifteen[0].pk].rate == Decimal("100.0")


def test_the_month_view_is_a_slice_of_the_year(event_index, branch, branch_admin, admin_client):
    """Hand count: 2 members; January (1 absent) 50.0 %, February 100.0 %;
    the February view shows 1 session, 应参加 2, 参学 2."""
    alice, bob = MemberFactory.create_batch(2, branch=branch)
    year = YEAR - 1
    for day, absent in ((datetime.date(year, 1, 8), bob), (datetime.date(year, 2, 8), None)):
        session = make_session(event_index, [branch], start=at(day, 9), end=at(day, 11))
        services.save_roll(session, {absent.pk: ("absent", "", "")} if absent else {}, branch_admin)
    monthly = ledger.summary(*ledger.period(year)).monthly[branch.pk]
    assert monthly[datetime.date(year, 1, 1)].rate == Decimal("50.0")
    assert monthly[datetime.date(year, 2, 1)].rate == Decimal("100.0")
    response = admin_client.get(reverse("study_admin:ledger") + f"?year={year}&month=2")
    row = next(r for r in response.context["rows"] if r.branch_id == branch.pk)
    assert (row.sessions, row.invited, row.attended) == (1, 2, 2)
    assert response.context["total"].sessions == 1


def _ledger_queries(client, year):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("study_admin:ledger") + f"?year={year}").status_code == 200
    return len(queries)


def test_the_ledger_takes_as_many_queries_for_three_branches_as_for_one(
    event_index, community_admin, client
):
    """The number of queries does not grow with sessions, branches, saved or
    unsaved rolls."""
    client.force_login(community_admin)
    year = YEAR - 1

    def add(branches, month):
        for branch in branches:
            MemberFactory.create_batch(2, branch=branch)
        day = datetime.date(year, month, 8)
        held = make_session(event_index, branches, start=at(day, 9), end=at(day, 11))
        services.save_roll(held, {}, None)
        make_session(event_index, branches, start=at(day, 14), end=at(day, 16))  # 未点名

    add([BranchFactory(name="甲支部")], 3)
    client.get(reverse("study_admin:ledger") + f"?year={year}")  # warm the permission cache
    few = _ledger_queries(client, year)
    add([BranchFactory(name="乙支部"), BranchFactory(name="丙支部")], 4)
    add([BranchFactory(name="丁支部")], 5)
    assert _ledger_queries(client, year) == few
