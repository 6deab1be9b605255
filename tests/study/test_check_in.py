"""Self check-in with the session's signed QR code."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.study import services
from learning.study.models import Attendance, AttendanceChange
from tests.accounts.factories import UserFactory
from tests.study.factories import MemberFactory, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(event_index, branch):
    """A session running now."""
    now = timezone.now()
    return make_session(
        event_index,
        [branch],
        title="正在进行的学习会",
        start=now - datetime.timedelta(minutes=5),
        end=now + datetime.timedelta(hours=1),
    )


@pytest.fixture
def member_user(branch):
    user = UserFactory(phone="13912340001")
    MemberFactory(branch=branch, phone="13912340001", name="李建国", user=user)
    return user


def url(session, code=None):
    return reverse("study:check_in", args=[session.pk, code or services.check_in_code(session)])


def test_a_member_scans_logs_in_and_is_marked_present_on_site(client, running, member_user):
    response = client.get(url(running))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"] or "login" in response["Location"]
    client.force_login(member_user)
    assert client.get(url(running)).status_code == 200
    response = client.post(url(running))
    assert response.status_code == 200
    assert "签到成功" in response.content.decode()
    row = Attendance.objects.get(session=running)
    assert (row.status, row.mode) == ("present", "onsite")
    assert row.member.user == member_user
    assert AttendanceChange.objects.get().source == "qr"


def test_the_code_of_another_session_is_refused_and_changes_nothing(
    client, running, event_index, branch, member_user
):
    other = make_session(event_index, [branch], title="另一场")
    client.force_login(member_user)
    response = client.post(url(running, services.check_in_code(other)))
    assert response.status_code == 400
    assert "另一场学习会" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_forged_code_is_refused(client, running, member_user):
    client.force_login(member_user)
    response = client.post(url(running, f"{running.pk}:forged"))
    assert "签到码无效" in response.content.decode()
    assert not Attendance.objects.exists()


def test_check_in_outside_the_window_is_refused(running, member_user):
    code = services.check_in_code(running)
    with pytest.raises(services.StudyError, match="签到时间已过"):
        services.check_in(
            running, code, member_user, now=running.end + datetime.timedelta(minutes=1)
        )
    with pytest.raises(services.StudyError, match="还没到签到时间"):
        services.check_in(
            running, code, member_user, now=running.start - datetime.timedelta(hours=1)
        )
    assert not Attendance.objects.exists()


def test_a_member_of_a_branch_not_invited_is_refused(client, running, other_branch):
    user = UserFactory(phone="13912340002")
    MemberFactory(branch=other_branch, phone="13912340002", user=user)
    client.force_login(user)
    response = client.post(url(running))
    assert "不在本次学习会的参加名单中" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_user_who_is_no_member_is_refused(client, running):
    client.force_login(UserFactory())
    response = client.post(url(running))
    assert "还没有关联党员登记" in response.content.decode()


def test_checking_in_late_is_recorded_as_late(running, member_user):
    row = services.check_in(
        running,
        services.check_in_code(running),
        member_user,
        now=running.start + datetime.timedelta(minutes=30),
    )
    assert row.status == "late"


def test_check_in_pages_are_never_cached(client, running, member_user):
    client.force_login(member_user)
    assert "no-store" in client.get(url(running))["Cache-Control"]
