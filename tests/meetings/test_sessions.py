"""A study session marked as the month's 党课 or 主题党日: its roll call is
the meeting's attendance, and it cannot be entered twice."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail import hooks

from learning.meetings import figures, services
from learning.meetings.errors import MeetingError
from learning.meetings.models import Meeting
from learning.study import services as study_services
from tests.meetings.factories import MeetingAttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def lecture_url(branch):
    return f"{reverse('meetings_admin:new')}?branch={branch.pk}&kind=lecture"


def test_a_study_session_recorded_as_a_lecture_takes_its_roll_call_as_attendance(
    admin_client, branch, branch_admin, held_session, members
):
    study_services.take_roll(
        held_session,
        {members[0].pk: ("absent", "", ""), members[1].pk: ("excused", "", "")},
        branch_admin,
    )
    page = admin_client.get(lecture_url(branch)).content.decode()
    assert held_session.title in page
    response = admin_client.post(
        lecture_url(branch),
        {
            "session": held_session.pk,
            "place": "活动室",
            "host": "王书记",
            "topic": "党课：学习党章",
            # Lines posted with a session are not saved: the roll call counts.
            f"status-{members[0].pk}": "present",
            f"mode-{members[0].pk}": "onsite",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.day == held_session.local_day
    assert not meeting.attendances.exists()
    assert figures.attendance_counts([meeting])[meeting.pk] == {
        "expected": 5,
        "attended": 3,
        "excused": 1,
        "absent": 1,
    }
    # Offered no more for another 党课 or 主题党日.
    assert held_session.title not in admin_client.get(lecture_url(branch)).content.decode()


def test_a_session_cannot_stand_for_two_meetings_or_a_committee_meeting(
    branch, branch_admin, held_session
):
    MeetingFactory(branch=branch, kind="lecture", session=held_session)
    second = Meeting(branch=branch, kind="themeday", session=held_session, place="x", host="x")
    with pytest.raises(MeetingError, match="不能重复登记"):
        services.save_meeting(second, {}, branch_admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(branch=branch, kind="themeday", session=held_session)
    Meeting.objects.filter(session=held_session).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(branch=branch, kind="committee", session=held_session)


def test_the_members_year_counts_the_meetings_attended_through_the_hook(
    branch, branch_admin, held_session, members
):
    member = members[0]
    MeetingAttendanceFactory(meeting__branch=branch, member=member)
    MeetingAttendanceFactory(meeting__branch=branch, member=member, status="absent", mode="")
    MeetingAttendanceFactory(
        meeting__branch=branch,
        meeting__day=held_session.local_day.replace(year=2025),
        member=member,
    )
    study_services.take_roll(held_session, {}, branch_admin)
    MeetingFactory(branch=branch, kind="lecture", session=held_session, day=held_session.local_day)
    year = held_session.local_day.year
    expected = (1 if year == 2026 else 0) + 1
    figures_by_hook = [
        figure
        for function in hooks.get_hooks("register_member_year_figures")
        for figure in function([member], year).get(member.pk, [])
    ]
    ours = next(f for f in figures_by_hook if f["key"] == "meetings_attended")
    assert ours["value"] == expected
    assert str(ours["label"]) == "参加三会一课（次）"


def test_a_members_meeting_lines_are_in_their_data_download(client, branch):
    import json

    from tests.accounts.factories import UserFactory
    from tests.study.factories import MemberFactory

    user = UserFactory()
    member = MemberFactory(branch=branch, user=user)
    MeetingAttendanceFactory(meeting__branch=branch, member=member, note="准时")
    client.force_login(user)
    data = json.loads(client.get(reverse("accounts:my_data_download")).content)
    assert data["meetings"]["meeting_attendance"] == [
        {
            "date": "2026-03-10",
            "kind": "支部委员会",
            "topic": "研究第一季度工作",
            "status": "出席",
            "mode": "现场",
            "note": "准时",
        }
    ]
