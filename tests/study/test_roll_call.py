"""The roll call: starting values, one submission, re-saving, audit,
permissions and the printable sheet."""

import json

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts import roles
from learning.study import services
from learning.study.models import (
    Attendance,
    AttendanceChange,
    LeaveRequest,
    LeaveStatus,
    MemberStatus,
)
from tests.accounts.factories import UserFactory
from tests.study.factories import MemberFactory

pytestmark = pytest.mark.django_db


def roll_url(session):
    return reverse("study_admin:roll", args=[session.pk])


def test_a_first_save_records_everyone_present_on_site_except_the_changed(
    admin_client, held_session, members
):
    session = held_session
    absent = members[0]
    response = admin_client.post(
        roll_url(session), {f"status-{absent.pk}": "absent", f"mode-{absent.pk}": "onsite"}
    )
    assert response.status_code == 302
    rows = {a.member_id: (a.status, a.mode) for a in Attendance.objects.filter(session=session)}
    assert len(rows) == 5
    # An absent member has no mode, whatever the form sent.
    assert rows[absent.pk] == ("absent", "")
    assert all(rows[m.pk] == ("present", "onsite") for m in members[1:])


def test_homebound_members_start_as_home_visit_and_accepted_leave_as_excused(
    admin_client, held_session, branch, branch_admin
):
    session = held_session
    homebound = MemberFactory(branch=branch, status=MemberStatus.HOMEBOUND)
    away = MemberFactory(branch=branch)
    leave = LeaveRequest.objects.create(session=session, member=away, reason="出差")
    services.decide_leave(leave, True, branch_admin)
    admin_client.post(roll_url(session), {})
    assert Attendance.objects.get(session=session, member=homebound).mode == "home"
    excused = Attendance.objects.get(session=session, member=away)
    assert (excused.status, excused.mode) == ("excused", "")


def test_resaving_changes_only_what_changed_and_audits_each_change(
    admin_client, held_session, members, branch_admin
):
    session = held_session
    admin_client.post(roll_url(session), {})
    assert AttendanceChange.objects.count() == 5
    page = admin_client.get(roll_url(session))
    snapshot = page.context["snapshot"]
    target = members[2]
    admin_client.post(
        roll_url(session),
        {"snapshot": snapshot, f"status-{target.pk}": "late", f"mode-{target.pk}": "phone"},
    )
    assert Attendance.objects.filter(session=session).count() == 5
    change = AttendanceChange.objects.filter(attendance__member=target).first()
    assert (change.status_before, change.mode_before) == ("present", "onsite")
    assert (change.status_after, change.mode_after) == ("late", "phone")
    assert change.changed_by == branch_admin
    assert AttendanceChange.objects.count() == 6


def test_a_full_form_post_without_script_changes_only_differing_lines(
    admin_client, held_session, members
):
    session = held_session
    admin_client.post(roll_url(session), {})
    page = admin_client.get(roll_url(session))
    data = {"snapshot": page.context["snapshot"]}
    for line in page.context["lines"]:
        pk = line["member"].pk
        data.update({f"status-{pk}": line["status"], f"mode-{pk}": line["mode"], f"note-{pk}": ""})
    data[f"status-{members[1].pk}"] = "absent"
    admin_client.post(roll_url(session), data)
    assert AttendanceChange.objects.count() == 6


def test_two_administrators_editing_different_lines_both_keep_their_change(
    held_session, branch, members, branch_admin
):
    session = held_session
    other = UserFactory(roles=[roles.BRANCH_ADMINS])
    branch.administrators.add(other)
    services.save_roll(session, {members[0].pk: ("absent", "", "")}, branch_admin)
    services.save_roll(session, {members[1].pk: ("late", "onsite", "")}, other)
    rows = dict(Attendance.objects.filter(session=session).values_list("member_id", "status"))
    assert rows[members[0].pk] == "absent"
    assert rows[members[1].pk] == "late"
    assert len(rows) == 5


def test_an_unknown_status_is_refused_and_nothing_is_saved(admin_client, held_session, members):
    session = held_session
    response = admin_client.post(roll_url(session), {f"status-{members[0].pk}": "<b>x</b>"})
    assert response.status_code == 400
    assert "填写有误" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_member_of_a_branch_not_invited_cannot_be_put_on_the_roll(
    held_session, other_branch, branch_admin
):
    session = held_session
    outsider = MemberFactory(branch=other_branch)
    with pytest.raises(services.StudyError):
        services.save_roll(session, {outsider.pk: ("present", "onsite", "")}, branch_admin)
    assert not Attendance.objects.exists()


def test_the_database_refuses_a_second_row_for_the_same_member(held_session, members, branch_admin):
    session = held_session
    services.save_roll(session, {}, branch_admin)
    row = Attendance.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            session=session,
            member=row.member,
            branch=row.branch,
            day=row.day,
            status="absent",
            mode="",
        )


def test_saving_a_500_member_roll_takes_a_bounded_number_of_queries(
    admin_client, held_session, branch, django_assert_max_num_queries
):
    session = held_session
    MemberFactory.create_batch(495, branch=branch)
    with django_assert_max_num_queries(40):
        response = admin_client.post(roll_url(session), {})
    assert response.status_code == 302
    assert Attendance.objects.filter(session=session).count() == 500


@pytest.mark.parametrize("role", [None, roles.EDITORS])
def test_members_and_editors_cannot_reach_the_roll_call(client, session, role):
    user = UserFactory(roles=[role] if role else [])
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(roll_url(session)).status_code in (302, 403)
    assert client.post(roll_url(session), {}).status_code in (302, 403)
    assert not Attendance.objects.exists()


def test_the_printable_sheet_lists_every_invited_member_with_a_print_stylesheet(
    admin_client, session, members
):
    response = admin_client.get(reverse("study_admin:sheet", args=[session.pk]))
    html = response.content.decode()
    assert all(m.name in html for m in members)
    assert "roll-sheet.css" in html


def test_accepting_leave_marks_the_member_excused_with_an_audit_entry(
    admin_client, session, members
):
    """Before the session: the leave is recorded (excused, no mode), the
    roll itself is not taken."""
    leave = LeaveRequest.objects.create(session=session, member=members[0], reason="住院")
    admin_client.post(reverse("study_admin:leave", args=[leave.pk, "accept"]))
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.ACCEPTED
    row = Attendance.objects.get(session=session, member=members[0])
    assert (row.status, row.mode) == ("excused", "")
    assert row.changes.get().source == "leave"
    assert not session.roll_calls.exists()


def test_refusing_leave_changes_no_attendance(admin_client, session, members):
    leave = LeaveRequest.objects.create(session=session, member=members[0], reason="不想来")
    admin_client.post(reverse("study_admin:leave", args=[leave.pk, "refuse"]))
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.REFUSED
    assert not Attendance.objects.exists()


def test_the_snapshot_is_valid_json_of_every_line(admin_client, session, members):
    page = admin_client.get(roll_url(session))
    assert set(json.loads(page.context["snapshot"])) == {str(m.pk) for m in members}
