"""我的志愿服务: training and commendations, stars, and the volunteer's part of
我的数据: the download and account deletion that keeps approved hours as
anonymised totals."""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts import personal_data
from tests.accounts.factories import PASSWORD, UserFactory
from tests.volunteers.factories import RecordFactory, TeamFactory, VolunteerFactory
from volunteers import reports, services
from volunteers.models import Commendation, ServiceRecord, ShiftSignup, Training, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(volunteer, boss, morning):
    """A volunteer in a team with approved and waiting hours, a training,
    a commendation and a coming shift."""
    volunteer.real_name = "孙丽华"
    volunteer.team = TeamFactory(name="关爱老人服务队")
    volunteer.save()
    for hours in (20, 20, 20, 20, 20, 5):  # 105 approved hours: one star
        services.approve_record(RecordFactory(volunteer=volunteer, hours=hours), boss)
    RecordFactory(volunteer=volunteer, hours=4, activity_name="待审核的服务")
    Training.objects.create(
        volunteer=volunteer,
        name="应急救护培训",
        content="心肺复苏",
        hours=4,
        organiser="区红十字会",
        date=datetime.date(2026, 10, 10),
    )
    Commendation.objects.create(
        volunteer=volunteer,
        title="优秀志愿者",
        awarded_by="街道党工委",
        date=datetime.date(2026, 7, 1),
    )
    services.sign_up(morning, volunteer, volunteer.user)
    return volunteer


def test_my_page_shows_hours_stars_shifts_training_and_commendations(client, busy):
    client.force_login(busy.user)
    html = client.get(reverse("volunteers:me")).content.decode()
    assert "105 小时" in html and "另有 4 小时待审核" in html
    assert "1 星级志愿者" in html
    assert "累计 300 小时升级" in html
    assert "重阳节敬老志愿服务 · 上午班" in html
    assert "培训：应急救护培训" in html and "表彰：优秀志愿者" in html


def test_stars_follow_approved_hours_only(busy):
    assert busy.approved_hours() == Decimal("105") and busy.stars() == 1


def test_the_database_refuses_a_training_without_hours(volunteer):
    with pytest.raises(IntegrityError), transaction.atomic():
        Training.objects.create(
            volunteer=volunteer, name="x", hours=0, organiser="y", date=datetime.date(2026, 1, 1)
        )


def test_coordinators_keep_training_records_in_the_admin(client, volunteer, boss):
    client.force_login(boss)
    response = client.post(
        reverse("volunteer_trainings:add"),
        {
            "volunteer": volunteer.pk,
            "name": "防诈骗宣传培训",
            "content": "常见骗局",
            "hours": "2",
            "organiser": "派出所",
            "date": "2026-11-01",
        },
    )
    assert response.status_code == 302
    assert Training.objects.get().name == "防诈骗宣传培训"


def test_the_data_download_holds_everything_kept(client, busy):
    client.force_login(busy.user)
    response = client.get(reverse("accounts:my_data_download"))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)["volunteer_service"]
    assert data["volunteer"]["real_name"] == "孙丽华"
    assert data["volunteer"]["phone"] == busy.phone
    assert data["volunteer"]["team"] == "关爱老人服务队"
    assert sorted(r["hours"] for r in data["service_records"]) == ["20.00"] * 5 + ["4.00", "5.00"]
    assert data["trainings"][0]["name"] == "应急救护培训"
    assert data["commendations"][0]["title"] == "优秀志愿者"
    assert data["shift_signups"][0]["shift"] == "上午班"


def _delete_account(client, user):
    client.force_login(user)
    return client.post(reverse("accounts:delete_account_confirm"), {"password": PASSWORD})


def test_deleting_the_account_erases_the_person_and_keeps_the_approved_totals(
    client, busy, morning
):
    year = ServiceRecord.objects.first().date.year
    team_before = {r["name"]: r["hours"] for r in reports.hours_by_team(year)}
    total_before = services.approved_hours_total()
    user_pk = busy.user.pk
    response = _delete_account(client, busy.user)
    assert response.url == reverse("accounts:deleted")

    assert not get_user_model().objects.filter(pk=user_pk).exists()
    busy.refresh_from_db()
    assert busy.status == "deleted" and busy.user is None
    assert busy.real_name == "已注销志愿者" and busy.phone == ""
    assert not busy.trainings.exists() and not busy.commendations.exists()
    # Approved hours stay in every total; the waiting record is gone.
    assert services.approved_hours_total() == total_before == Decimal("105")
    assert {r["name"]: r["hours"] for r in reports.hours_by_team(year)} == team_before
    assert set(busy.records.values_list("status", flat=True)) == {"approved"}
    # The coming shift is given up and carries no name.
    signup = ShiftSignup.objects.get(shift=morning)
    assert signup.status == "cancelled" and signup.phone == "" and signup.user is None
    assert morning.places_left() == morning.capacity
    assert "孙丽华" not in json.dumps(list(Volunteer.objects.values()), default=str)


def test_a_team_led_by_a_volunteer_who_leaves_has_no_leader(client, busy):
    busy.team.leader = busy
    busy.team.save()
    _delete_account(client, busy.user)
    busy.team.refresh_from_db()
    assert busy.team.leader is None


def test_staff_volunteers_and_other_people_cannot_delete_here(client, busy, boss):
    staff_volunteer = VolunteerFactory(user=UserFactory(roles=["编辑"]))
    response = _delete_account(client, staff_volunteer.user)
    assert response.status_code == 403
    assert Volunteer.objects.get(pk=staff_volunteer.pk).status == "approved"
    with pytest.raises(personal_data.PersonalDataError, match="没有注销他人账户的权限"):
        personal_data.erase_account(busy.user, boss)
    assert Volunteer.objects.get(pk=busy.pk).status == "approved"
