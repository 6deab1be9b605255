"""Passwords: not the phone number in any shape, not the real name plus
digits, and every message in Chinese on the real screens."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.password_validation import PhoneAndNameValidator
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _user(**fields):
    return UserFactory.build(phone="13812345678", real_name="张秀英", **fields)


@pytest.mark.parametrize(
    "password",
    [
        "13812345678",
        "+8613812345678",
        "+86 138-1234-5678",
        "138-1234-5678",
        "13812345678a",
        "a13812345678",
        "１３８１２３４５６７８x",
        "12345678ab",  # most of the number and a little more
        "张秀英123456",
        "张秀英1949!",
        "123张秀英",
    ],
)
def test_passwords_made_of_the_phone_or_the_name_are_refused(password):
    with pytest.raises(ValidationError):
        PhoneAndNameValidator().validate(password, _user())


@pytest.mark.parametrize("password", ["hui-jia-de-lu-2026", "张秀英爱喝绿茶2024", "5678-blue-sky"])
def test_other_passwords_pass_the_phone_and_name_rule(password):
    PhoneAndNameValidator().validate(password, _user())


def test_every_password_message_is_chinese():
    messages = []
    for password in ["abc", "12345678", "password", "+86 138-1234-5678"]:
        try:
            password_validation.validate_password(password, _user())
        except ValidationError as error:
            messages += error.messages
    assert messages
    assert all(not message.isascii() for message in messages), messages
    assert "密码太短，至少要有 8 个字符。" in messages
    help_texts = password_validation.password_validators_help_texts()
    assert all(not text.isascii() for text in help_texts)


def test_changing_the_password_to_the_phone_number_is_refused_in_chinese(client):
    user = UserFactory(phone="13812345678")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "+86 138-1234-5678",
            "new_password2": "+86 138-1234-5678",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "密码不能用手机号码" in html
    assert "This password" not in html and "too short" not in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_too_short_password_gets_a_chinese_message_on_the_password_change_page(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "q9", "new_password2": "q9"},
    )
    html = response.content.decode()
    assert "密码太短" in html and "This password" not in html
