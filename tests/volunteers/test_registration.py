"""Registering as a volunteer on the public site, and the coordinators'
approval with a reason that the volunteer sees."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.urls import reverse

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.volunteers.factories import TeamFactory, VolunteerFactory, coordinator
from volunteers import personal_data, services
from volunteers.models import ServiceArea, Skill, Team, Volunteer

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "real_name": "张秀英",
        "phone": "138 0000 1234",
        "password1": "hui-jia-de-lu-2026",
        "password2": "hui-jia-de-lu-2026",
        "areas": [ServiceArea.objects.get(name="关爱老人").pk],
        "skills": [Skill.objects.get(name="急救").pk],
        "availability": ["weekend"],
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_service_areas_and_the_party_team_are_seeded_by_migration():
    names = list(ServiceArea.objects.values_list("name", flat=True))
    assert names == [
        "社会救助",
        "治安巡逻",
        "慈善公益",
        "矛盾调解",
        "关爱老人",
        "法律宣传",
        "环境保护",
        "文化体育",
    ]
    assert Team.objects.get(name="党员志愿服务队").is_party_team


def test_a_resident_without_an_account_registers_and_is_logged_in_pending(client, home_page):
    response = client.post(reverse("volunteers:register"), _form())
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.status == "pending"
    assert volunteer.phone == "13800001234"
    assert volunteer.consent_version and volunteer.consented_at
    assert [s.name for s in volunteer.skills.all()] == ["急救"]
    assert volunteer.user.check_password("hui-jia-de-lu-2026")
    page = client.get(reverse("volunteers:me"))
    assert "待审核" in page.content.decode()


def test_registration_refuses_a_missing_consent_and_keeps_what_was_typed(client, home_page):
    response = client.post(reverse("volunteers:register"), _form(consent=None, work_unit="x"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "请阅读并同意个人信息说明后再提交" in html
    assert 'value="张秀英"' in html
    assert not Volunteer.objects.exists()
    assert not get_user_model().objects.filter(phone="13800001234").exists()


def test_an_e_mail_address_is_optional_checked_and_kept_on_the_account(client, home_page):
    bad = client.post(reverse("volunteers:register"), _form(email="wang@"))
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "电子邮箱格式不正确" in html and 'value="张秀英"' in html
    assert not Volunteer.objects.exists()
    client.post(reverse("volunteers:register"), _form(email="wang@example.com"))
    volunteer = Volunteer.objects.get()
    assert volunteer.user.email == "wang@example.com"
    assert personal_data.export(volunteer.user)["volunteer"]["email"] == "wang@example.com"


def test_an_in_service_party_member_must_name_the_work_unit(client, home_page):
    response = client.post(reverse("volunteers:register"), _form(is_party_member="on"))
    assert "在职党员请填写工作单位" in response.content.decode()
    assert not Volunteer.objects.exists()
    client.post(reverse("volunteers:register"), _form(is_party_member="on", work_unit="市税务局"))
    assert Volunteer.objects.get().work_unit == "市税务局"


def test_the_database_refuses_a_party_member_without_a_work_unit():
    volunteer = VolunteerFactory()
    volunteer.is_party_member = True
    with pytest.raises(IntegrityError):
        volunteer.save()


def test_a_number_that_already_has_an_account_is_told_to_log_in(client, home_page):
    UserFactory(phone="13800001234")
    response = client.post(reverse("volunteers:register"), _form())
    assert "这个手机号码已经有账户了，请先登录" in response.content.decode()


def test_a_logged_in_member_registers_without_a_password(client, home_page):
    user = UserFactory(real_name="李建国")
    client.force_login(user)
    response = client.post(
        reverse("volunteers:register"), _form(phone=None, password1=None, password2=None)
    )
    assert response.status_code == 302
    assert Volunteer.objects.get().user == user


def test_a_coordinator_approves_and_the_volunteer_joins_the_preferred_team(home_page):
    team = TeamFactory()
    volunteer = VolunteerFactory(status="pending", preferred_team=team)
    boss = coordinator()
    services.approve_volunteer(volunteer, boss)
    volunteer.refresh_from_db()
    assert volunteer.status == "approved"
    assert volunteer.team == team
    assert volunteer.decided_by == boss


def test_a_rejection_needs_a_reason_which_the_volunteer_sees(client, home_page):
    volunteer = VolunteerFactory(status="pending")
    boss = coordinator()
    with pytest.raises(services.VolunteerError, match="请填写未通过的原因"):
        services.reject_volunteer(volunteer, boss, "  ")
    services.reject_volunteer(volunteer, boss, "请补充可服务时间")
    client.force_login(volunteer.user)
    html = client.get(reverse("volunteers:me")).content.decode()
    assert "未通过" in html and "请补充可服务时间" in html


def test_a_rejected_volunteer_applies_again_and_is_pending(client, home_page):
    volunteer = VolunteerFactory(status="rejected", decision_reason="信息不全")
    client.force_login(volunteer.user)
    form = client.get(reverse("volunteers:register")).content.decode()
    assert "信息不全" in form
    client.post(reverse("volunteers:register"), _form(phone=None, password1=None, password2=None))
    volunteer.refresh_from_db()
    assert volunteer.status == "pending" and volunteer.decision_reason == ""


def test_only_coordinators_review_and_never_their_own_registration(home_page):
    volunteer = VolunteerFactory(status="pending")
    with pytest.raises(services.VolunteerError, match="只有志愿者协调员"):
        services.approve_volunteer(volunteer, UserFactory(roles=[roles.EDITORS]))
    own = VolunteerFactory(status="pending", user=coordinator())
    with pytest.raises(services.VolunteerError, match="不能审核自己"):
        services.approve_volunteer(own, own.user)
    assert Volunteer.objects.filter(status="pending").count() == 2


def test_the_workbench_approves_through_the_admin(client, home_page):
    volunteer = VolunteerFactory(status="pending", real_name="王桂兰")
    client.force_login(coordinator())
    listing = client.get(reverse("volunteer_admin:workbench"))
    assert "王桂兰" in listing.content.decode()
    url = reverse("volunteer_admin:decide", args=["volunteer", volunteer.pk, "reject"])
    client.post(url, {"reason": ""})
    volunteer.refresh_from_db()
    assert volunteer.status == "pending"
    client.post(reverse("volunteer_admin:decide", args=["volunteer", volunteer.pk, "approve"]))
    volunteer.refresh_from_db()
    assert volunteer.status == "approved"


def test_the_workbench_is_closed_to_other_roles(client, home_page):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert client.get(reverse("volunteer_admin:workbench")).status_code in (302, 403)


def test_a_coordinator_enters_a_volunteer_in_the_admin_and_a_bad_number_is_refused(
    client, home_page
):
    client.force_login(coordinator(is_staff=True))
    url = reverse("volunteer_roster:add")
    fields = {"real_name": "周海涛", "areas": [ServiceArea.objects.first().pk]}
    response = client.post(url, {**fields, "phone": "12345"})
    assert response.status_code == 200
    assert "请输入正确的 11 位中国大陆手机号码" in response.content.decode()
    assert not Volunteer.objects.filter(real_name="周海涛").exists()
    assert client.post(url, {**fields, "phone": "13912340000"}).status_code == 302
    assert (
        Volunteer.objects.get(real_name="周海涛").status == "pending"
    )  # approved in the workbench
