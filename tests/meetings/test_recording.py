"""Recording a meeting and its attendance on the 登记会议 screen, through
``services.save_meeting``: scoped to the administrator's branches, with the
database keeping one row per member and the party group for 党小组会 only."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from learning.meetings import services
from learning.meetings.errors import MeetingError
from learning.meetings.models import Meeting, MeetingAttendance, MeetingKind
from tests.meetings.factories import MeetingAttendanceFactory, MeetingFactory
from tests.study.factories import MemberFactory, PartyGroupFactory

pytestmark = pytest.mark.django_db


def meeting_data(**fields):
    return {
        "day": "2026-03-10",
        "start_time": "09:30",
        "place": "社区党群服务中心",
        "host": "王书记",
        "recorder": "李委员",
        "topic": "研究第一季度工作",
        "minutes": "讨论了第一季度的工作安排。",
        "decisions": "",
        **fields,
    }


def new_url(branch, kind="committee", group=None):
    url = f"{reverse('meetings_admin:new')}?branch={branch.pk}&kind={kind}"
    return url + (f"&party_group={group.pk}" if group else "")


def test_a_secretary_records_a_committee_meeting_with_its_attendance(admin_client, branch, members):
    first = admin_client.get(reverse("meetings_admin:new"))
    assert first.status_code == 200 and "下一步" in first.content.decode()
    # From a branch's list, ?branch= alone preselects it on step one.
    preselected = admin_client.get(f"{reverse('meetings_admin:new')}?branch={branch.pk}")
    assert preselected.status_code == 200
    assert preselected.context["choose_form"]["branch"].value() == str(branch.pk)
    garbage = admin_client.get(f"{reverse('meetings_admin:new')}?branch=x&kind=committee")
    assert garbage.status_code == 400
    page = admin_client.get(new_url(branch))
    html = page.content.decode()
    assert all(m.name in html for m in members)
    absent, excused = members[0], members[1]
    data = meeting_data(
        **{
            f"status-{absent.pk}": "absent",
            f"mode-{absent.pk}": "",
            f"status-{excused.pk}": "excused",
            f"mode-{excused.pk}": "onsite",
            f"note-{excused.pk}": "住院",
        },
        **{f"status-{m.pk}": "present" for m in members[2:]},
        **{f"mode-{m.pk}": "phone" for m in members[2:]},
    )
    response = admin_client.post(new_url(branch), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings_admin:edit", args=[meeting.pk])
    assert (meeting.kind, meeting.branch, meeting.host) == ("committee", branch, "王书记")
    rows = {a.member_id: a for a in meeting.attendances.all()}
    assert len(rows) == 5
    assert (rows[absent.pk].status, rows[absent.pk].mode) == ("absent", "")
    # An excused member's mode is dropped: they were not there.
    assert (rows[excused.pk].status, rows[excused.pk].mode, rows[excused.pk].note) == (
        "excused",
        "",
        "住院",
    )
    assert {rows[m.pk].mode for m in members[2:]} == {"phone"}
    listing = admin_client.get(reverse("meetings_admin:index") + "?year=2026").content.decode()
    assert "研究第一季度工作" in listing


def test_an_invalid_meeting_keeps_everything_typed_and_saves_nothing(admin_client, branch, members):
    member = members[0]
    data = meeting_data(
        topic="",
        minutes="很长的会议记录，不能丢。",
        **{
            f"status-{member.pk}": "late",
            f"mode-{member.pk}": "online",
            f"note-{member.pk}": "堵车",
        },
    )
    response = admin_client.post(new_url(branch), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "很长的会议记录，不能丢。" in html and "王书记" in html and "堵车" in html
    line = next(x for x in response.context["lines"] if x["member"] == member)
    assert (line["status"], line["mode"]) == ("late", "online")
    assert not Meeting.objects.exists()


def test_someone_attending_without_a_mode_is_refused_and_the_form_kept(
    admin_client, branch, members
):
    member = members[0]
    data = meeting_data(**{f"status-{member.pk}": "present", f"mode-{member.pk}": ""})
    response = admin_client.post(new_url(branch), data)
    assert response.status_code == 400
    assert "请为出席或迟到的人选择参加方式" in response.content.decode()
    assert member.name in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_party_group_meeting_needs_a_group_of_the_branch(
    admin_client, branch, other_branch, members
):
    response = admin_client.get(new_url(branch, kind="group"))
    assert response.status_code == 400
    assert "党小组会必须选择党小组" in response.content.decode()
    foreign = PartyGroupFactory(branch=other_branch)
    assert admin_client.get(new_url(branch, "group", foreign)).status_code == 400
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(branch=branch, kind=MeetingKind.GROUP, party_group=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(branch=branch, kind=MeetingKind.COMMITTEE, party_group=foreign)


def test_a_party_group_meeting_lists_only_the_groups_members(admin_client, branch, members):
    group = PartyGroupFactory(branch=branch, name="第一党小组")
    inside = MemberFactory(branch=branch, party_group=group, name="组内党员")
    html = admin_client.get(new_url(branch, "group", group)).content.decode()
    assert "组内党员" in html
    assert not any(m.name in html for m in members)
    response = admin_client.post(
        new_url(branch, "group", group),
        meeting_data(**{f"status-{inside.pk}": "present", f"mode-{inside.pk}": "onsite"}),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.party_group == group
    assert list(meeting.attendances.values_list("member_id", flat=True)) == [inside.pk]


def test_the_database_keeps_one_attendance_row_per_member_and_meeting(branch):
    row = MeetingAttendanceFactory(meeting__branch=branch, member__branch=branch)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingAttendanceFactory(meeting=row.meeting, member=row.member)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingAttendanceFactory(meeting=row.meeting, status="absent", mode="onsite")


def test_saving_twice_updates_the_rows_instead_of_adding_more(branch, branch_admin, members):
    meeting = Meeting(
        branch=branch,
        kind="committee",
        **{k: v for k, v in meeting_data().items() if k not in ("day", "start_time")},
        day=datetime.date(2026, 3, 10),
    )
    services.save_meeting(meeting, {members[0].pk: ("present", "onsite", "")}, branch_admin)
    services.save_meeting(meeting, {members[0].pk: ("absent", "onsite", "")}, branch_admin)
    assert MeetingAttendance.objects.get().status == "absent"
    assert MeetingAttendance.objects.get().mode == ""


def test_another_branchs_meeting_is_not_found_and_cannot_be_recorded(
    admin_client, branch_admin, other_branch
):
    foreign = MeetingFactory(branch=other_branch)
    assert admin_client.get(reverse("meetings_admin:edit", args=[foreign.pk])).status_code == 404
    assert admin_client.post(reverse("meetings_admin:delete", args=[foreign.pk])).status_code == 404
    assert admin_client.get(new_url(other_branch)).status_code == 400
    assert admin_client.get(reverse("meetings_admin:index") + "?branch=x").status_code == 404
    with pytest.raises(MeetingError):
        services.save_meeting(
            Meeting(branch=other_branch, kind="committee", day=datetime.date(2026, 1, 5)),
            {},
            branch_admin,
        )
    assert Meeting.objects.count() == 1


def test_a_meeting_is_deleted_by_its_branchs_administrator(admin_client, branch):
    meeting = MeetingFactory(branch=branch)
    response = admin_client.post(reverse("meetings_admin:delete", args=[meeting.pk]))
    assert response.status_code == 302
    assert not Meeting.objects.exists()


def test_an_attachment_is_kept_as_a_private_document_and_a_bad_type_is_refused(
    admin_client, branch, members
):
    bad = SimpleUploadedFile("脚本.html", b"<script>alert(1)</script>")
    response = admin_client.post(new_url(branch), {**meeting_data(), "attachment": bad})
    assert response.status_code == 400
    assert not Meeting.objects.exists()
    assert "王书记" in response.content.decode()
    good = SimpleUploadedFile("会议记录.pdf", b"%PDF-1.4 minutes")
    response = admin_client.post(new_url(branch), {**meeting_data(), "attachment": good})
    assert response.status_code == 302
    document = Meeting.objects.get().attachments.get()
    assert document.collection.name == services.ATTACHMENTS_COLLECTION
    restriction = document.collection.get_view_restrictions().get()
    assert restriction.restriction_type == "groups"
    assert restriction.groups.filter(permissions__codename="view_register").exists()
