import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.validators import normalize_mobile
from core.privacy import mask_name, mask_phone

User = get_user_model()


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("008613812345678", "13812345678"),
    ],
)
def test_phone_numbers_are_stored_without_spaces_dashes_or_country_code(typed, stored):
    assert normalize_mobile(typed) == stored


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["12812345678", "1381234567", "138123456789", "abcdefghijk", ""])
def test_user_with_a_malformed_mobile_number_is_refused(bad):
    with pytest.raises(ValidationError) as excinfo:
        User.objects.create_user(phone=bad, password="x")
    assert "手机号码" in str(excinfo.value)
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_phone_number_belongs_to_one_user_only():
    User.objects.create_user(phone="13812345678", password="x", real_name="张三")
    with pytest.raises(IntegrityError):
        User.objects.create_user(phone="138 1234 5678", password="y", real_name="李四")


@pytest.mark.django_db
def test_duplicate_phone_number_gets_a_chinese_form_message():
    User.objects.create_user(phone="13812345678", password="x")
    duplicate = User(phone="13812345678", real_name="李四")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean(exclude=["password"])
    assert "该手机号码已注册" in str(excinfo.value)


def test_masking_hides_the_middle_of_phone_numbers_and_names():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧**娜"
    assert mask_name("李") == "李"


@pytest.mark.django_db
def test_user_is_shown_by_real_name_or_masked_phone():
    named = User.objects.create_user(phone="13812345678", password="x", real_name="王芳")
    unnamed = User.objects.create_user(phone="13912345678", password="x")
    assert str(named) == "王芳"
    assert str(unnamed) == "139****5678"
