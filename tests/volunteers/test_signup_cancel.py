"""Cancelling a shift sign-up asks first, on a second screen that says what
will be lost; only the volunteer's own sign-up, and only before the deadline."""

import pytest
from django.urls import reverse

from tests.events.factories import days_from_now
from tests.volunteers.factories import VolunteerFactory, make_activity
from volunteers import services

pytestmark = pytest.mark.django_db


def _url(signup):
    return reverse("volunteers:cancel", args=[signup.pk])


def test_cancelling_a_shift_asks_on_a_second_screen_first(client, morning, volunteer):
    signup = services.sign_up(morning, volunteer, volunteer.user)
    client.force_login(volunteer.user)
    shift_page = client.get(reverse("volunteers:shift", args=[morning.pk])).content.decode()
    assert f'href="{_url(signup)}"' in shift_page  # a link, not a one-tap form
    page = client.get(_url(signup))
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "确定要取消这个班次吗？" in html and "上午班" in html
    assert "确认取消" in html and "返回，保留报名" in html
    assert "名额没被报满时，您可以重新报名" in html
    signup.refresh_from_db()
    assert signup.is_active  # looking costs nothing
    response = client.post(_url(signup))
    assert response["Location"] == reverse("volunteers:shift", args=[morning.pk])
    signup.refresh_from_db()
    assert signup.status == "cancelled"


def test_the_second_screen_says_a_full_shifts_place_goes_to_the_next_volunteer(client, morning):
    volunteers = [VolunteerFactory() for _ in range(6)]  # 5 places
    signups = [services.sign_up(morning, v, v.user) for v in volunteers]
    client.force_login(volunteers[0].user)
    html = client.get(_url(signups[0])).content.decode()
    assert "还有 1 人在候补" in html and "马上让给候补的下一位志愿者" in html
    client.force_login(volunteers[5].user)
    assert "您现在是候补第 1 位" in client.get(_url(signups[5])).content.decode()


def test_after_the_deadline_the_screen_says_why_and_offers_no_button(
    client, event_index, volunteer
):
    soon, later = days_from_now(1, 9), days_from_now(1, 11)
    activity = make_activity(
        event_index,
        start=soon,
        end=later,
        cancel_hours_before=48,
        shifts=[{"title": "上午班", "start": soon, "end": later}],
    )
    signup = services.sign_up(activity.shifts.get(), volunteer, volunteer.user)
    client.force_login(volunteer.user)
    html = client.get(_url(signup)).content.decode()
    assert "班次开始前 48 小时内不能自行取消" in html and ">确认取消</button>" not in html


def test_nobody_reaches_another_volunteers_cancel_screen(client, morning, volunteer):
    signup = services.sign_up(morning, volunteer, volunteer.user)
    client.force_login(VolunteerFactory().user)
    assert client.get(_url(signup)).status_code == 404
    assert client.post(_url(signup)).status_code == 404
    signup.refresh_from_db()
    assert signup.is_active
