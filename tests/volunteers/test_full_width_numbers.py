"""Full-width digits in a volunteer's, a wish's or a desk sign-up's number
are the ASCII number: no second account, one stored form, the same volunteer."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.volunteers.factories import VolunteerFactory
from volunteers.models import ServiceArea, ShiftSignup, Wish

pytestmark = pytest.mark.django_db


def test_registering_with_a_full_width_number_finds_the_existing_account(client, home_page):
    UserFactory(phone="13800001234")
    response = client.post(
        reverse("volunteers:register"),
        {
            "real_name": "张秀英",
            "phone": "１３８０００01234",
            "password1": "hui-jia-de-lu-2026",
            "password2": "hui-jia-de-lu-2026",
            "areas": [ServiceArea.objects.get(name="关爱老人").pk],
            "availability": ["weekend"],
            "consent": "on",
        },
    )
    assert "这个手机号码已经有账户了" in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_a_wish_stores_a_full_width_contact_number_in_ascii(client, home_page):
    client.post(
        reverse("volunteers:wish_new"),
        {
            "title": "帮80岁独居老人买一次菜",
            "description": "王奶奶腿脚不便，希望有人帮忙买一周的蔬菜。",
            "beneficiary": "王秀兰",
            "place": "幸福里小区5号楼",
            "contact_name": "王建国",
            "contact_phone": "１３７ ００００ １１１１",
        },
    )
    assert Wish.objects.get().contact_phone == "13700001111"


def test_the_desk_finds_a_volunteer_by_a_full_width_number(client, morning, boss):
    volunteer = VolunteerFactory(phone="13712345678")
    client.force_login(boss)
    client.post(
        reverse("volunteer_admin:roster", args=[morning.pk]),
        {"action": "desk", "phone": "１３７－１２３４－５６７８"},
    )
    assert ShiftSignup.objects.get().volunteer == volunteer
