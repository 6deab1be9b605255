import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def test_member_logs_in_with_phone_number_and_password(client):
    user = UserFactory(phone="13812345678")
    response = client.post(LOGIN, {"username": "138 1234 5678", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:me")
    assert client.session[SESSION_KEY] == str(user.pk)


def test_login_gives_the_visitor_a_new_session(client):
    UserFactory(phone="13812345678")
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    client.post(LOGIN, {"username": "13812345678", "password": PASSWORD})
    assert client.session.session_key != before


def test_malformed_phone_number_is_refused_with_chinese_message_and_kept(client):
    response = client.post(LOGIN, {"username": "12345", "password": "whatever"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "请输入正确的 11 位中国大陆手机号码" in html
    assert 'value="12345"' in html  # what the visitor typed is still there
    assert SESSION_KEY not in client.session
    assert not AccessAttempt.objects.exists()  # not even counted as a password failure


def test_wrong_password_is_refused_in_chinese(client):
    UserFactory(phone="13812345678")
    response = client.post(LOGIN, {"username": "13812345678", "password": "wrong"})
    assert response.status_code == 200
    assert "手机号码或密码不正确" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_repeated_wrong_passwords_lock_the_login_even_for_the_right_password(client):
    UserFactory(phone="13812345678")
    for _ in range(5):
        client.post(LOGIN, {"username": "13812345678", "password": "wrong"})
    response = client.post(LOGIN, {"username": "13812345678", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_lockout_does_not_spill_over_to_other_numbers(client):
    UserFactory(phone="13812345678")
    other = UserFactory(phone="13912345678")
    for _ in range(5):
        client.post(LOGIN, {"username": "13812345678", "password": "wrong"})
    response = client.post(LOGIN, {"username": "13912345678", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(other.pk)


def test_wagtail_admin_login_takes_a_phone_number(client):
    UserFactory(phone="13812345678", is_superuser=True)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "138-1234-5678", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_anonymous_visitor_cannot_reach_the_admin(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_member_without_a_role_cannot_reach_the_admin(client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_my_page_requires_login_and_shows_only_a_masked_number(client):
    assert client.get("/accounts/me/").status_code == 302
    user = UserFactory(phone="13812345678", real_name="王芳")
    client.force_login(user)
    html = client.get("/accounts/me/").content.decode()
    assert "王芳" in html
    assert "138****5678" in html
    assert "13812345678" not in html


def test_logout_ends_the_session(client, user):
    client.force_login(user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
