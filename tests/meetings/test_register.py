"""The 三会一课 register: held against due per kind and period on a
hand-made year, overdue and due-soon flags, frequencies as editable data,
the screens (branch year, community overview, print, Excel)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from learning.meetings import register
from learning.meetings.models import MeetingRequirement
from tests.meetings.factories import MeetingAttendanceFactory, MeetingFactory
from tests.study.factories import PartyGroupFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 20)


def day(month, date=10):
    return datetime.date(2026, month, date)


@pytest.fixture
def year(branch):
    """2026 up to 20 May: a general meeting in Q1; committees in January,
    February and April; one party group met in January only."""
    group = PartyGroupFactory(branch=branch, name="第一党小组")
    MeetingFactory(branch=branch, kind="general", day=day(2))
    for month in (1, 2, 4):
        MeetingFactory(branch=branch, kind="committee", day=day(month))
    MeetingFactory(branch=branch, kind="group", party_group=group, day=day(1))
    MeetingFactory(branch=branch, kind="committee", day=datetime.date(2025, 3, 1))
    return group


def lines_by_kind(branch):
    return {line.kind: line for line in register.branch_years([branch], 2026, TODAY)[branch.pk]}


def states(line):
    return [cell[2] for cell in line.cells]


def test_the_defaults_are_those_of_the_branch_work_regulations(db):
    assert {(r.kind, r.period, r.count) for r in MeetingRequirement.objects.all()} == {
        ("general", "quarter", 1),
        ("committee", "month", 1),
        ("group", "month", 1),
        ("lecture", "quarter", 1),
        ("themeday", "month", 1),
        ("life", "year", 1),
    }


def test_a_hand_made_year_gives_held_due_and_overdue_periods(branch, year):
    MeetingRequirement.objects.filter(kind="committee").update(remind_days=14)
    lines = lines_by_kind(branch)
    general = lines["general"]
    assert (general.held, general.due, general.overdue) == (1, 4, 0)
    assert states(general) == ["done", "open", "future", "future"]
    committee = lines["committee"]
    assert (committee.held, committee.due, committee.overdue) == (3, 12, 1)
    # May ends in 11 days, within the 14 days' notice: due soon.
    assert states(committee)[:6] == ["done", "done", "overdue", "done", "due_soon", "future"]
    group = lines["group"]
    assert group.party_group == year
    assert (group.held, group.due, group.overdue) == (1, 12, 3)
    lecture = lines["lecture"]
    assert (lecture.held, lecture.overdue) == (0, 1)
    assert states(lines["life"]) == ["open"]
    assert dict(register.summary(list(lines.values())))["支部委员会"] == 3


def test_a_kind_not_required_is_never_overdue(branch, year):
    MeetingRequirement.objects.filter(kind="lecture").update(count=0)
    lecture = lines_by_kind(branch)["lecture"]
    assert (lecture.due, lecture.overdue) == (0, 0)


def test_each_party_group_owes_its_own_meetings(branch, year):
    PartyGroupFactory(branch=branch, name="第二党小组")
    groups = [
        line
        for line in register.branch_years([branch], 2026, TODAY)[branch.pk]
        if line.kind == "group"
    ]
    assert [(g.party_group.name, g.held, g.overdue) for g in groups] == [
        ("第一党小组", 1, 3),
        ("第二党小组", 0, 4),
    ]


def test_a_study_session_recorded_as_a_lecture_counts_for_its_quarter(branch, held_session):
    MeetingFactory(branch=branch, kind="lecture", session=held_session, day=held_session.local_day)
    session_day = held_session.local_day
    lines = {
        line.kind: line
        for line in register.branch_years([branch], session_day.year, session_day)[branch.pk]
    }
    quarter = (session_day.month - 1) // 3
    assert lines["lecture"].held == 1
    assert lines["lecture"].cells[quarter][1:3] == (1, "done")


def test_the_community_administrator_changes_a_frequency(client, community_admin, branch, year):
    requirement = MeetingRequirement.objects.get(kind="general")
    client.force_login(community_admin)
    response = client.post(
        reverse("meetings_requirement:edit", args=[requirement.pk]),
        {"period": "month", "count": 1, "remind_days": 5},
    )
    assert response.status_code == 302
    assert lines_by_kind(branch)["general"].due == 12


def test_a_branch_administrator_cannot_change_the_frequencies(admin_client, year):
    requirement = MeetingRequirement.objects.get(kind="general")
    response = admin_client.post(
        reverse("meetings_requirement:edit", args=[requirement.pk]),
        {"period": "year", "count": 0, "remind_days": 5},
    )
    assert response.status_code in (302, 403)
    requirement.refresh_from_db()
    assert (requirement.period, requirement.count) == ("quarter", 1)


def test_the_register_screen_flags_what_is_missing(admin_client, branch, year):
    response = admin_client.get(reverse("meetings_admin:register") + "?year=2026")
    html = response.content.decode()
    assert response.status_code == 200
    assert "支部委员会3次" in html
    assert "（缺，已过期）" in html
    assert "第一党小组" in html


def test_the_overview_lists_only_the_administrators_branches(
    admin_client, branch, other_branch, year
):
    MeetingFactory(branch=other_branch, kind="general", day=day(1))
    html = admin_client.get(reverse("meetings_admin:overview") + "?year=2026").content.decode()
    assert branch.name in html and other_branch.name not in html
    response = admin_client.get(
        reverse("meetings_admin:register") + f"?branch={other_branch.pk}&year=2026"
    )
    assert response.status_code == 404
    export = admin_client.get(
        reverse("meetings_admin:export") + f"?branch={other_branch.pk}&year=2026"
    )
    assert export.status_code == 404


def test_the_yearly_book_prints_and_exports_with_attendance_figures(admin_client, branch, year):
    meeting = MeetingFactory(
        branch=branch, kind="general", day=day(3, 28), topic='=HYPERLINK("http://x")'
    )
    MeetingAttendanceFactory(meeting=meeting, member__branch=branch)
    MeetingAttendanceFactory(meeting=meeting, member__branch=branch, status="excused", mode="")
    query = f"?branch={branch.pk}&year=2026"
    printed = admin_client.get(reverse("meetings_admin:print") + query)
    assert printed.status_code == 200
    assert "no-store" in printed["Cache-Control"]
    assert "三会一课记录本" in printed.content.decode()
    response = admin_client.get(reverse("meetings_admin:export") + query)
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("日期", "时间", "会议类型")
    assert len(rows) == 1 + 6
    # In date order: 1, 1, 2, 2 (general), 3/28 (this one), 4.
    assert [row[0].month for row in rows[1:]] == [1, 1, 2, 2, 3, 4]
    last = rows[5]
    assert last[0].date() == day(3, 28)
    assert last[2] == "支部党员大会"
    assert last[7:11] == (2, 1, 1, 0)
    # A topic that looks like a formula stays text.
    assert last[11] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=6, column=12).data_type == "s"


def test_the_yearly_book_has_a_progress_sheet_and_a_sheet_per_kind(admin_client, branch, year):
    present = MeetingAttendanceFactory(
        meeting__branch=branch, meeting__kind="general", meeting__day=day(3, 28)
    )
    meeting = present.meeting
    MeetingAttendanceFactory(
        meeting=meeting, member__branch=branch, member__name="请假甲", status="excused", mode=""
    )
    MeetingAttendanceFactory(
        meeting=meeting, member__branch=branch, member__name="缺席乙", status="absent", mode=""
    )
    query = f"?branch={branch.pk}&year=2026"
    response = admin_client.get(reverse("meetings_admin:export") + query)
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "全年会议",
        "完成情况",
        "支部党员大会",
        "支部委员会",
        "党小组会",
        "党课",
        "主题党日",
        "组织生活会",
    ]
    general = list(book["支部党员大会"].iter_rows(values_only=True))
    assert general[0][:3] == ("序号", "日期", "时间")
    # The fixture's February meeting, then this one: numbered, with who was missing.
    assert [row[0] for row in general[1:]] == [1, 2]
    second = dict(zip(general[0], general[2], strict=True))
    assert second["日期"].date() == day(3, 28)
    assert (second["应到"], second["实到"]) == (3, 1)
    assert (second["请假人员"], second["缺席人员"]) == ("请假甲", "缺席乙")
    groups = list(book["党小组会"].iter_rows(values_only=True))
    assert groups[0][3] == "党小组" and groups[1][3] == "第一党小组"
    progress = list(book["完成情况"].iter_rows(values_only=True))
    committee = next(row for row in progress if row[0] == "支部委员会")
    # Held in January, February and April: 3 of 12 due; March (over) missed,
    # as every month over by the day of the export.
    assert committee[2:5] == ("每月1次", 12, 3)
    missed = committee[6].split("、")
    assert "3月" in missed and "4月" not in missed and committee[5] == len(missed)
    assert progress[-1][0].startswith("支部党员大会2次、支部委员会3次、党小组会1次")
