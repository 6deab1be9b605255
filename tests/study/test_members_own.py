"""What members do themselves: leave, reflections (moderated, shown as
text), "我的学习会"; the session page and its place on the calendar;
online study credited as attendance."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services as event_services
from learning.courses.models import CourseProgress
from learning.study import services
from learning.study.models import (
    Attendance,
    LeaveRequest,
    Reflection,
    ReflectionStatus,
)
from tests.accounts.factories import UserFactory
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.study.factories import MemberFactory, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_user(branch):
    user = UserFactory(phone="13912340001")
    MemberFactory(branch=branch, phone="13912340001", name="李建国", user=user)
    return user


@pytest.fixture
def past_session(event_index, branch, members):
    now = timezone.now()
    return make_session(
        event_index,
        [branch],
        title="上周的学习会",
        start=now - datetime.timedelta(days=2),
        end=now - datetime.timedelta(days=2) + datetime.timedelta(hours=2),
    )


def test_a_member_asks_for_leave_and_sees_it_pending_in_my_study(client, session, member_user):
    client.force_login(member_user)
    response = client.post(reverse("study:leave", args=[session.pk]), {"reason": "在外地照顾老人"})
    assert response.status_code == 302
    leave = LeaveRequest.objects.get()
    assert leave.status == "pending"
    mine = client.get(reverse("study:mine")).content.decode()
    assert "在外地照顾老人" in mine and "待审批" in mine


def test_leave_without_a_reason_keeps_the_form_and_says_why(client, session, member_user):
    client.force_login(member_user)
    response = client.post(reverse("study:leave", args=[session.pk]), {"reason": ""})
    assert response.status_code == 400
    assert not LeaveRequest.objects.exists()


def test_leave_after_the_start_is_refused(past_session, member_user):
    member = services.member_for_user(member_user)
    with pytest.raises(services.StudyError, match="已经开始"):
        services.request_leave(past_session, member, "生病")


def test_a_reflection_with_script_is_moderated_then_shown_as_text(
    client, past_session, member_user, branch_admin, django_capture_on_commit_callbacks
):
    client.force_login(member_user)
    text = "<script>alert(1)</script>收获很大"
    client.post(reverse("study:reflection", args=[past_session.pk]), {"text": text, "rating": "5"})
    reflection = Reflection.objects.get()
    assert reflection.status == ReflectionStatus.PENDING
    client.logout()
    page = client.get(past_session.url).content.decode()
    assert "收获很大" not in page
    client.force_login(branch_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("study_admin:moderate", args=[reflection.pk, "approve"]))
    client.logout()
    page = client.get(past_session.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;收获很大" in page
    assert "<script>alert(1)" not in page


def test_approval_purges_the_cached_session_page(
    client, past_session, member_user, django_capture_on_commit_callbacks
):
    member = services.member_for_user(member_user)
    reflection = services.submit_reflection(past_session, member, "学了就要用", 4)
    assert "学了就要用" not in client.get(past_session.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate_reflection(reflection, approve=True, actor=None)
    assert "学了就要用" in client.get(past_session.url).content.decode()


def test_a_rating_outside_one_to_five_is_refused(past_session, member_user):
    member = services.member_for_user(member_user)
    with pytest.raises(services.StudyError, match="1 到 5"):
        services.submit_reflection(past_session, member, "好", 6)
    assert not Reflection.objects.exists()


def test_an_administrator_records_a_reflection_for_a_member_without_account(
    admin_client, past_session, members, branch_admin
):
    response = admin_client.post(
        reverse("study_admin:record_reflection", args=[past_session.pk]),
        {"member": members[0].pk, "text": "纸质心得誊录", "rating": "4"},
    )
    assert response.status_code == 302
    reflection = Reflection.objects.get()
    assert (reflection.member, reflection.recorded_by) == (members[0], branch_admin)


def test_the_session_is_on_the_calendar_as_a_study_event(client, session, event_index):
    assert session.kind == "study"
    assert session.occurrences.count() == 1
    assert session.place == "远教活动室"
    html = client.get(event_index.url).content.decode()
    assert session.title in html


def test_only_members_of_invited_branches_are_its_audience(session, member_user, other_branch):
    assert event_services.audience_allows(session, member_user)
    outsider = UserFactory(phone="13912340009")
    MemberFactory(branch=other_branch, phone="13912340009", user=outsider)
    assert not event_services.audience_allows(session, outsider)
    from events.models import EventPage

    assert not event_services.audience_allows(EventPage.objects.get(pk=session.pk), outsider)


def test_watching_the_courses_online_within_the_window_credits_present_online(
    home_page, past_session, member_user, branch_admin
):
    library = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=library)
    past_session.courses.add(course)
    past_session.save()
    services.save_roll(past_session, {}, branch_admin)
    member = services.member_for_user(member_user)
    Attendance.objects.filter(member=member).update(status="absent", mode="")
    late = CourseProgress.objects.create(
        user=member_user, course=course, completed_at=past_session.end + datetime.timedelta(days=30)
    )
    assert services.credit_online_completions(past_session) == 0
    late.completed_at = past_session.end + datetime.timedelta(days=1)
    late.save()
    assert services.credit_online_completions(past_session) == 1
    row = Attendance.objects.get(member=member)
    assert (row.status, row.mode) == ("present", "online")
    assert row.changes.first().source == "online"
    assert services.credit_online_completions(past_session) == 0


def test_a_coming_session_is_the_broadcast_preview_on_the_home_page(client, session):
    html = client.get("/").content.decode()
    assert "十一月远教学习会" in html


def test_the_daily_command_credits_online_study(home_page, past_session, member_user):
    from django.core.management import call_command

    library = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=library)
    past_session.courses.add(course)
    past_session.save()
    CourseProgress.objects.create(
        user=member_user, course=course, completed_at=past_session.end + datetime.timedelta(hours=3)
    )
    call_command("credit_online_study", stdout=open("/dev/null", "w"))  # noqa: SIM115
    row = Attendance.objects.get(member__user=member_user)
    assert (row.status, row.mode) == ("present", "online")
