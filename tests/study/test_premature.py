"""No state before it exists: a roll is saved only once the session has
begun, the plan does not count what is still to come, a member sees no
attendance for a session that has not happened and no 请假 for one that has
begun, and nobody has a mode (现场…) who was not there."""

import datetime
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from learning.study import services
from learning.study.models import Attendance, AttendanceChange, RollCall
from tests.accounts.factories import UserFactory
from tests.study.factories import MemberFactory, make_session

pytestmark = pytest.mark.django_db


def roll_url(session):
    return reverse("study_admin:roll", args=[session.pk])


def test_a_roll_cannot_be_saved_before_the_session_starts(session, members, branch_admin):
    with pytest.raises(services.StudyError, match="学习会还没有开始，不能保存点名册"):
        services.save_roll(session, {}, branch_admin)
    assert not Attendance.objects.exists()
    assert not RollCall.objects.exists()


def test_the_roll_page_says_when_it_opens_and_refuses_an_early_post(admin_client, session, members):
    start = timezone.localtime(session.start)
    page = admin_client.get(roll_url(session)).content.decode()
    assert (
        f"点名册在 {start.year}年{start.month}月{start.day}日 {start:%H:%M} 学习会开始后开放"
        in page
    )
    assert "保存点名册" not in page
    response = admin_client.post(roll_url(session), {})
    assert response.status_code == 400
    assert "学习会还没有开始" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_roll_opens_at_the_start(session, members, branch_admin):
    services.save_roll(session, {}, branch_admin, now=session.start)
    assert Attendance.objects.filter(session=session).count() == 5
    assert RollCall.objects.get(session=session).saved_by == branch_admin


def test_the_plan_counts_a_coming_session_as_scheduled_not_held(
    community_admin, client, event_index, branch
):
    start = timezone.now() + datetime.timedelta(minutes=30)
    make_session(event_index, [branch], start=start, end=start + datetime.timedelta(hours=1))
    client.force_login(community_admin)
    today = timezone.localdate()
    response = client.get(reverse("study_admin:plan") + f"?year={today.year}")
    row = next(r for r in response.context["rows"] if r["branch"] == branch)
    cell = row["cells"][timezone.localtime(start).month - 1]
    assert (cell["held"], cell["scheduled"], cell["flagged"]) == (0, 1, False)
    assert "已安排 1 场" in response.content.decode()


def test_the_plan_marks_a_held_session_whose_roll_is_not_saved(
    community_admin, client, event_index, branch
):
    start = timezone.now() - datetime.timedelta(minutes=5)
    make_session(event_index, [branch], start=start, end=start + datetime.timedelta(hours=1))
    client.force_login(community_admin)
    response = client.get(reverse("study_admin:plan") + f"?year={timezone.localdate().year}")
    row = next(r for r in response.context["rows"] if r["branch"] == branch)
    cell = row["cells"][timezone.localtime(start).month - 1]
    assert (cell["held"], cell["unsaved"], cell["scheduled"]) == (1, 1, 0)
    assert "1 场未点名" in response.content.decode()


@pytest.fixture
def member_user(branch):
    user = UserFactory(phone="13912340001")
    MemberFactory(branch=branch, phone="13912340001", name="李建国", user=user)
    return user


def test_my_study_shows_no_attendance_for_a_session_that_has_not_happened(
    client, session, member_user
):
    """A row written early (as rolls could be until now) stays invisible."""
    member = services.member_for_user(member_user)
    Attendance.objects.create(
        session=session,
        member=member,
        branch=member.branch,
        day=session.local_day,
        status="present",
        mode="onsite",
    )
    client.force_login(member_user)
    html = client.get(reverse("study:mine")).content.decode()
    assert "现场" not in html
    assert "还没有出勤记录" in html
    assert reverse("study:leave", args=[session.pk]) in html  # still to come: leave offered


def test_a_session_that_has_begun_offers_no_leave(client, held_session, member_user):
    client.force_login(member_user)
    mine = client.get(reverse("study:mine")).content.decode()
    assert reverse("study:leave", args=[held_session.pk]) not in mine
    assert "正在进行" in mine
    response = client.get(reverse("study:leave", args=[held_session.pk]))
    assert response.status_code == 403
    assert "学习会已经开始，不能再请假" in response.content.decode()
    assert "<textarea" not in response.content.decode()
    client.logout()
    page = client.get(held_session.url).content.decode()
    assert reverse("study:leave", args=[held_session.pk]) not in page
    assert reverse("study:reflection", args=[held_session.pk]) in page


def test_a_coming_session_page_offers_leave_but_not_yet_a_reflection(client, session):
    page = client.get(session.url).content.decode()
    assert reverse("study:leave", args=[session.pk]) in page
    assert reverse("study:reflection", args=[session.pk]) not in page


def test_a_session_page_is_not_cached_in_the_minutes_before_its_start(
    client, event_index, branch, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    start = timezone.now() + datetime.timedelta(minutes=2)
    soon = make_session(event_index, [branch], start=start, end=start + datetime.timedelta(hours=1))
    later = make_session(event_index, [branch])  # in three days
    client.get(soon.url)
    assert "X-Page-Cache" not in client.get(soon.url)  # never stored: it changes at the start
    client.get(later.url)
    assert client.get(later.url)["X-Page-Cache"] == "hit"


def test_printed_rolls_show_no_mode_for_the_absent_and_excused(admin_client, held_session, members):
    absent, excused = members[0], members[1]
    services.save_roll(
        held_session,
        {
            absent.pk: ("absent", "onsite", ""),
            excused.pk: ("excused", "onsite", ""),
            members[2].pk: ("late", "phone", ""),
        },
        None,
    )
    html = admin_client.get(reverse("study_admin:sheet", args=[held_session.pk])).content.decode()
    cells = {
        name: re.findall(r"<td>(.*?)</td>", row)
        for name in (absent.name, excused.name, members[2].name)
        for row in re.findall(r"<tr>.*?</tr>", html, flags=re.S)
        if f"<td>{name}</td>" in row
    }
    assert cells[absent.name][3:5] == ["缺席", ""]
    assert cells[excused.name][3:5] == ["请假", ""]
    assert cells[members[2].name][3:5] == ["迟到", "电话"]


def test_the_blank_sign_in_sheet_carries_no_saved_notes_or_statuses(
    admin_client, held_session, members
):
    services.save_roll(held_session, {members[0].pk: ("absent", "", "住院治疗")}, None)
    url = reverse("study_admin:sheet", args=[held_session.pk])
    filled = admin_client.get(url).content.decode()
    assert "住院治疗" in filled and "缺席" in filled.split("<tbody>")[1]
    blank = admin_client.get(url + "?blank=1").content.decode()
    body = blank.split("<tbody>")[1].split("</tbody>")[0]
    assert "住院治疗" not in body
    assert "缺席" not in body and "出席" not in body
    assert all(m.name in body for m in members)


def test_the_database_refuses_a_mode_for_someone_who_was_not_there(held_session, members):
    for status, mode in (("absent", "onsite"), ("excused", "home"), ("present", "")):
        with pytest.raises(IntegrityError), transaction.atomic():
            Attendance.objects.create(
                session=held_session,
                member=members[0],
                branch=members[0].branch,
                day=held_session.local_day,
                status=status,
                mode=mode,
            )


def test_attended_without_a_mode_is_refused_naming_the_member(held_session, members):
    with pytest.raises(services.StudyError, match=members[0].name):
        services.save_roll(held_session, {members[0].pk: ("present", "", "")}, None)
    assert not Attendance.objects.exists()


def test_the_change_log_shows_words_not_codes(admin_client, held_session, members):
    services.save_roll(held_session, {}, None)
    services.save_roll(held_session, {members[0].pk: ("absent", "", "")}, None)
    html = admin_client.get(roll_url(held_session)).content.decode()
    log = html.split("最近修改记录")[1].split("</table>")[0]
    assert "出席 · 现场 → 缺席" in log
    assert "（新记录） → 出席 · 现场" in log
    for code in ("present", "onsite", "absent", "excused"):
        assert code not in log
    change = AttendanceChange.objects.filter(status_after="absent").get()
    assert str(change) == "出席 · 现场 → 缺席"
