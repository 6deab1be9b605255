import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from volunteers.models import ServiceRecord, ShiftSignup, Volunteer, VolunteerActivity, Wish

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Volunteer, ServiceRecord, ShiftSignup, Wish)]


def test_the_demo_loads_twice_without_duplicates_and_the_pages_show_it(client):
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    volunteers, records, signups, wishes = first
    assert volunteers == 12 and records > 20 and signups == 7 and wishes == 3
    activity = VolunteerActivity.objects.get()
    assert activity.shifts.count() == 3 and activity.live
    html = client.get(activity.url).content.decode()
    assert "义诊引导岗" in html and "需要技能：急救" in html
    leaderboard = client.get("/volunteers/leaderboard/").content.decode()
    assert "王*兰" in leaderboard and "王秀兰" not in leaderboard
    client.force_login(Volunteer.objects.get(phone="15900000001").user)
    me = client.get(reverse("volunteers:me")).content.decode()
    assert "敬老院关爱志愿服务 · 上午陪伴班" in me
