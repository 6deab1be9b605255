"""One number, one string: full-width digits (from a Chinese input method),
+86, dashes and invisible characters all normalise to the same 11 ASCII
digits, and any other digit is refused."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.exceptions import ValidationError

from accounts.fields import MobileNumberField
from accounts.validators import normalize_mobile, validate_mobile
from tests.accounts.factories import PASSWORD, UserFactory

FULL_WIDTH = "１３８１２３４５６７８"


@pytest.mark.parametrize(
    "typed",
    [
        FULL_WIDTH,
        "13８12345678",
        "＋８６ １３８－１２３４－５６７８",
        "138\u200b1234\u200b5678",  # zero-width spaces from a pasted message
        "138—1234—5678",
    ],
)
def test_every_shape_of_a_number_normalises_to_ascii_digits(typed):
    assert normalize_mobile(typed) == "13812345678"
    validate_mobile(normalize_mobile(typed))


@pytest.mark.parametrize("typed", ["١٣٨١٢٣٤٥٦٧٨", "1381234567٨", "1381234567８9"])
def test_digits_that_are_not_ascii_after_normalising_are_refused(typed):
    field = MobileNumberField()
    with pytest.raises(ValidationError) as error:
        field.clean(typed)
    assert "11 位中国大陆手机号码" in error.value.messages[0]


def test_the_model_refuses_a_number_with_unicode_digits():
    with pytest.raises(ValidationError):
        validate_mobile("١٣٨١٢٣٤٥٦٧٨")


@pytest.mark.django_db
def test_a_full_width_number_is_the_same_account(client):
    user = UserFactory(phone="13812345678")
    with pytest.raises(ValidationError):
        get_user_model().objects.create_user("١٣٨١٢٣٤٥٦٧٨", "x")
    assert get_user_model().objects.get_by_natural_key(FULL_WIDTH) == user
    client.post("/accounts/login/", {"username": FULL_WIDTH, "password": PASSWORD})
    assert client.session[SESSION_KEY] == str(user.pk)
