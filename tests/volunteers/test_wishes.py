"""Micro-wishes (微心愿): posted, moderated, public, claimed, fulfilled, and
the time spent becomes a submitted service record."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.volunteers.factories import VolunteerFactory, VolunteerIndexPageFactory, WishFactory
from volunteers import services
from volunteers.models import ServiceRecord, Wish

pytestmark = pytest.mark.django_db

WISH = {
    "title": "帮80岁独居老人买一次菜",
    "description": "王奶奶腿脚不便，希望有人帮忙买一周的蔬菜。",
    "beneficiary": "王秀兰",
    "place": "幸福里小区5号楼",
    "contact_name": "王建国",
    "contact_phone": "137 0000 1111",
}


def test_a_wish_goes_from_posting_to_a_submitted_service_record(
    client, home_page, boss, django_capture_on_commit_callbacks
):
    section = VolunteerIndexPageFactory(parent=home_page)
    # A resident posts without an account; the wish waits for moderation.
    response = client.post(reverse("volunteers:wish_new"), WISH)
    assert response.status_code == 200 and "已提交" in response.content.decode()
    wish = Wish.objects.get()
    assert wish.status == "pending" and wish.contact_phone == "13700001111"
    assert client.get(reverse("volunteers:wish", args=[wish.pk])).status_code == 404
    assert WISH["title"] not in client.get(section.url + "wishes/").content.decode()

    # A coordinator publishes it through the workbench.
    client.force_login(boss)
    with django_capture_on_commit_callbacks(execute=True):  # purges the cached pages
        client.post(reverse("volunteer_admin:decide", args=["wish", wish.pk, "approve"]))
    wish.refresh_from_db()
    assert wish.status == "open" and wish.decided_by == boss
    client.logout()
    listing = client.get(section.url + "wishes/").content.decode()
    assert WISH["title"] in listing and "王*兰" in listing
    detail = client.get(reverse("volunteers:wish", args=[wish.pk])).content.decode()
    assert "13700001111" not in detail and "王建国" not in detail

    # A volunteer claims it and sees the contact.
    volunteer = VolunteerFactory(real_name="赵志强")
    client.force_login(volunteer.user)
    client.post(reverse("volunteers:wish_claim", args=[wish.pk]))
    wish.refresh_from_db()
    assert wish.status == "claimed" and wish.claimed_by == volunteer
    detail = client.get(reverse("volunteers:wish", args=[wish.pk])).content.decode()
    assert "王建国 13700001111" in detail

    # ... and marks it fulfilled with the time spent.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.post(
        reverse("volunteers:wish", args=[wish.pk]),
        {
            "date": f"{yesterday}",
            "start_time": "09:00",
            "end_time": "10:30",
            "content": "买菜送上门",
        },
    )
    wish.refresh_from_db()
    assert wish.status == "fulfilled" and wish.record is not None
    record = wish.record
    assert record.source == "wish" and record.status == "submitted"
    assert str(record.hours) == "1.50" and record.volunteer == volunteer
    assert record.activity_name == f"微心愿：{WISH['title']}" and record.place == WISH["place"]
    assert volunteer.approved_hours() == 0  # counts once a coordinator approves
    services.approve_record(record, boss)
    assert volunteer.approved_hours() == 1.5
    client.logout()
    assert "赵*强" in client.get(reverse("volunteers:wish", args=[wish.pk])).content.decode()


def test_a_rejected_wish_needs_a_reason_and_never_appears(boss):
    wish = WishFactory(status="pending")
    with pytest.raises(services.VolunteerError, match="请填写未通过的原因"):
        services.reject_wish(wish, boss, " ")
    services.reject_wish(wish, boss, "不属于微心愿范围")
    wish.refresh_from_db()
    assert wish.status == "rejected" and not wish.is_public


def test_only_approved_volunteers_claim_and_only_once(user):
    wish = WishFactory()
    with pytest.raises(services.VolunteerError, match="通过志愿者审核后才能认领"):
        services.claim_wish(wish, user)
    pending = VolunteerFactory(status="pending")
    with pytest.raises(services.VolunteerError, match="通过志愿者审核后才能认领"):
        services.claim_wish(wish, pending.user)
    first, second = VolunteerFactory(), VolunteerFactory()
    services.claim_wish(wish, first.user)
    with pytest.raises(services.VolunteerError, match="已经被认领"):
        services.claim_wish(wish, second.user)
    assert Wish.objects.get().claimed_by == first


def test_only_the_claimer_fulfils_and_bad_times_change_nothing(client):
    wish = WishFactory()
    claimer, other = VolunteerFactory(), VolunteerFactory()
    services.claim_wish(wish, claimer.user)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    times = {"date": yesterday, "start_time": datetime.time(9), "end_time": datetime.time(10)}
    with pytest.raises(services.VolunteerError, match="只有认领这个心愿的志愿者"):
        services.fulfil_wish(wish, other.user, content="", **times)
    client.force_login(claimer.user)
    response = client.post(
        reverse("volunteers:wish", args=[wish.pk]),
        {"date": f"{yesterday}", "start_time": "10:00", "end_time": "09:00", "content": "买菜"},
    )
    assert "结束时间必须晚于开始时间" in response.content.decode()
    assert "买菜</textarea>" in response.content.decode()  # nothing typed is lost
    wish.refresh_from_db()
    assert wish.status == "claimed" and not ServiceRecord.objects.exists()


def test_posting_a_wish_with_a_bad_phone_keeps_what_was_typed(client, home_page):
    response = client.post(reverse("volunteers:wish_new"), {**WISH, "contact_phone": "12345"})
    html = response.content.decode()
    assert response.status_code == 200 and "手机号码" in html
    assert f'value="{WISH["title"]}"' in html
    assert not Wish.objects.exists()
