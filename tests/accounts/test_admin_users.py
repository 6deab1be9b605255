import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def test_administrator_creates_a_user_by_phone_and_real_name(admin_client):
    editors = Group.objects.get(name=roles.EDITORS)
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "phone": "138 0000 1111",
            "real_name": "赵编辑",
            "email": "",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
            "groups": [editors.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(phone="13800001111")
    assert user.real_name == "赵编辑"
    assert user.check_password("a-long-password-1")
    assert list(user.groups.values_list("name", flat=True)) == [roles.EDITORS]


def test_admin_user_form_refuses_a_malformed_number(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {"phone": "555", "real_name": "某人", "password1": "p-1234567x", "password2": "p-1234567x"},
    )
    assert response.status_code == 200
    assert "请输入正确的 11 位中国大陆手机号码" in response.content.decode()
    assert not User.objects.filter(real_name="某人").exists()


def test_admin_user_edit_page_renders_our_fields(admin_client):
    member = UserFactory(real_name="钱会员")
    response = admin_client.get(reverse("wagtailusers_users:edit", args=[member.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="real_name"' in html
    assert 'name="first_name"' not in html


def test_staff_member_changes_their_own_name_on_the_admin_account_page(client):
    staff = UserFactory(real_name="旧名字", roles=[roles.EDITORS])
    client.force_login(staff)
    page = client.get(reverse("wagtailadmin_account"))
    assert page.status_code == 200
    assert 'name="name_email-real_name"' in page.content.decode()
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-real_name": "新名字",
            "name_email-email": "",
            "locale-preferred_language": "zh-hans",
            "locale-current_time_zone": "Asia/Shanghai",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.real_name == "新名字"
