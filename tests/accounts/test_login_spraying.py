"""Password spraying: many numbers tried from one address pause logins from
that address; one resident's typing mistakes do not."""

import pytest
from django.contrib.auth import SESSION_KEY

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _try(client, phone, password="Spring2026!", address="203.0.113.7"):  # noqa: S107
    return client.post(LOGIN, {"username": phone, "password": password}, REMOTE_ADDR=address)


def test_many_numbers_failing_from_one_address_pause_logins_from_it(client, settings):
    settings.LOGIN_SPRAY_LIMIT = 10
    target = UserFactory(phone="13900000999")
    for n in range(10):
        _try(client, f"1380000{n:04d}")
    response = _try(client, target.phone, PASSWORD)
    html = response.content.decode()
    assert "尝试登录的手机号码太多" in html
    assert SESSION_KEY not in client.session
    # Another address is not affected.
    response = _try(client, target.phone, PASSWORD, address="198.51.100.4")
    assert client.session[SESSION_KEY] == str(target.pk)


def test_the_admin_login_is_paused_the_same_way(client, settings):
    from django.urls import reverse

    settings.LOGIN_SPRAY_LIMIT = 3
    staff = UserFactory(is_superuser=True)
    for n in range(3):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": f"1380000{n:04d}", "password": "x"},
            REMOTE_ADDR="203.0.113.7",
        )
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": staff.phone, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    assert "尝试登录的手机号码太多" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_typing_mistakes_of_a_few_residents_behind_one_address_pause_nobody(client, settings):
    settings.LOGIN_SPRAY_LIMIT = 10
    residents = [UserFactory(phone=f"1391234{n:04d}") for n in range(4)]
    for resident in residents[:3]:
        for _ in range(4):  # four typos each: twelve failures, three numbers
            _try(client, resident.phone, "wrong")
    _try(client, residents[3].phone, PASSWORD)
    assert client.session[SESSION_KEY] == str(residents[3].pk)


def test_the_same_number_in_other_shapes_counts_as_one_number(client, settings):
    settings.LOGIN_SPRAY_LIMIT = 2
    user = UserFactory(phone="13912340000")
    for shape in ["13800001111", "138 0000 1111", "+86 138-0000-1111", "１３８００００１１１１"]:
        _try(client, shape)
    _try(client, user.phone, PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)
