"""The coordinators' shift roster in the admin: check-in and check-out
marked for a volunteer, both times entered afterwards, garbage refused
without an error page, masked numbers without the permission."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from volunteers import services
from volunteers.models import ServiceRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(client, boss, today_shift):
    client.force_login(boss)
    return reverse("volunteer_admin:roster", args=[today_shift.pk])


def test_a_coordinator_checks_a_volunteer_in_and_out_and_the_hours_are_approved(
    client, roster, signup
):
    html = client.get(roster).content.decode()
    assert signup.name in html and signup.phone in html  # coordinators see full numbers
    assert 'aria-label="班次签到二维码：志愿者扫码签到、签退"' in html
    assert services.shift_code(signup.shift) in html
    client.post(roster, {"action": "check_in", "signup": signup.pk})
    signup.refresh_from_db()
    assert signup.checked_in_at is not None
    signup.checked_in_at -= datetime.timedelta(hours=2)
    signup.save()
    response = client.post(roster, {"action": "check_out", "signup": signup.pk}, follow=True)
    record = ServiceRecord.objects.get()
    assert record.status == "approved" and record.hours == Decimal("2")
    assert f"计 {record.hours} 小时" in response.content.decode()


def test_a_coordinator_enters_both_times_afterwards_rounded_and_capped(
    client, roster, signup, today_shift
):
    local = timezone.localtime(today_shift.start)
    client.post(
        roster,
        {
            "action": "mark",
            "signup": signup.pk,
            "checked_in_at": f"{local - datetime.timedelta(minutes=20):%Y-%m-%dT%H:%M}",
            "checked_out_at": f"{local + datetime.timedelta(minutes=52):%Y-%m-%dT%H:%M}",
        },
    )
    assert ServiceRecord.objects.get().hours == Decimal("1.25")  # 72 min -> 1¼ h


def test_a_check_out_without_check_in_is_refused_on_the_roster(client, roster, signup):
    response = client.post(roster, {"action": "check_out", "signup": signup.pk}, follow=True)
    assert "还没有签到，不能签退" in response.content.decode()
    assert not ServiceRecord.objects.exists()


@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999", "-1"])
def test_garbage_sign_up_ids_are_not_found_not_an_error(client, roster, value):
    assert client.post(roster, {"action": "check_in", "signup": value}).status_code == 404


def test_end_before_start_on_the_roster_changes_nothing(client, roster, signup, today_shift):
    local = timezone.localtime(today_shift.start)
    response = client.post(
        roster,
        {
            "action": "mark",
            "signup": signup.pk,
            "checked_in_at": f"{local + datetime.timedelta(hours=1):%Y-%m-%dT%H:%M}",
            "checked_out_at": f"{local:%Y-%m-%dT%H:%M}",
        },
        follow=True,
    )
    assert "签退时间必须晚于签到时间" in response.content.decode()
    signup.refresh_from_db()
    assert signup.checked_in_at is None and not ServiceRecord.objects.exists()


def test_the_roster_is_closed_to_volunteers_and_editors(client, today_shift, volunteer):
    url = reverse("volunteer_admin:roster", args=[today_shift.pk])
    for user in (volunteer.user, UserFactory(roles=["编辑"], is_staff=True)):
        client.force_login(user)
        assert client.get(url).status_code in (302, 403)
