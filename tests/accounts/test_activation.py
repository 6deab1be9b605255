"""Activation codes (激活码): issued for a number, kept hashed, one-time,
expiring, revoked by a newer one, throttled per address; redeeming one
sets the password of the number's account (created if missing) and marks
the number verified. Through the service and the real screens."""

import datetime

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts import proof, roles
from accounts.models import ActivationCode
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "hui-jia-de-lu-2026"


@pytest.fixture
def issuer(db):
    return UserFactory(roles=[roles.BRANCH_ADMINS])


def _issue(issuer, phone="13812345678", name="张秀英"):
    return proof.issue_activation_code(phone, actor=issuer, name=name)


def _post(client, code, password=NEW_PASSWORD, **extra):
    return client.post(
        reverse("accounts:activate", args=[code]),
        {"password1": password, "password2": password},
        **extra,
    )


def test_a_code_is_stored_only_as_a_keyed_hash(issuer):
    row, code = _issue(issuer)
    assert len(code) == proof.CODE_LENGTH and set(code) <= set(proof.ALPHABET)
    stored = ActivationCode.objects.filter(pk=row.pk).values().get()
    assert code not in str(stored) and proof.format_code(code) not in str(stored)
    assert row.issued_by == issuer and row.expires_at > timezone.now() + datetime.timedelta(days=29)


def test_the_slip_page_shows_whose_slip_it_is_masked_and_is_never_cached(client, issuer):
    _row, code = _issue(issuer)
    response = client.get(reverse("accounts:activate", args=[proof.format_code(code)]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "张*英" in html and "138****5678" in html
    assert "张秀英" not in html and "13812345678" not in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_redeeming_creates_the_account_verifies_the_number_and_logs_in(client, issuer):
    _row, code = _issue(issuer)
    response = _post(client, code.lower())  # case does not matter
    assert response.status_code == 302 and response["Location"] == reverse("accounts:me")
    user = get_user_model().objects.get(phone="13812345678")
    assert user.real_name == "张秀英" and user.phone_verified_at is not None
    assert user.check_password(NEW_PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)
    assert ActivationCode.objects.get().used_by == user


def test_a_used_code_is_refused_with_a_clear_message(client, issuer):
    _row, code = _issue(issuer)
    _post(client, code)
    client.logout()
    response = _post(client, code, password="another-pass-2026")
    assert response.status_code == 400
    assert "这个激活码已经用过了" in response.content.decode()
    assert get_user_model().objects.get(phone="13812345678").check_password(NEW_PASSWORD)


def test_an_expired_code_is_refused(client, issuer):
    row, code = _issue(issuer)
    ActivationCode.objects.filter(pk=row.pk).update(expires_at=timezone.now())
    response = client.get(reverse("accounts:activate", args=[code]))
    assert response.status_code == 400 and "已经过期" in response.content.decode()
    assert _post(client, code).status_code == 400
    assert not get_user_model().objects.filter(phone="13812345678").exists()


def test_a_new_slip_revokes_the_earlier_unused_one(client, issuer):
    _first, old = _issue(issuer)
    _second, new = _issue(issuer)
    response = _post(client, old)
    assert response.status_code == 400 and "已经作废" in response.content.decode()
    assert _post(client, new).status_code == 302
    assert ActivationCode.objects.filter(used_at=None, revoked_at=None).count() == 0


def test_the_database_keeps_one_open_code_per_number(issuer):
    from django.db import IntegrityError

    row, _code = _issue(issuer)
    with pytest.raises(IntegrityError):
        ActivationCode.objects.create(
            phone=row.phone, code_hash="x" * 64, expires_at=row.expires_at
        )


def test_a_forged_code_is_refused_and_many_wrong_codes_block_the_address(client, issuer, settings):
    settings.PROOF_FAILURES_PER_ADDRESS = 5
    _row, code = _issue(issuer)
    for n in range(5):
        response = client.get(reverse("accounts:activate", args=[f"ABCDEFGH{n:02d}"]))
        assert response.status_code == 400 and "激活码不正确" in response.content.decode()
    response = _post(client, code)
    assert response.status_code == 400 and "输错的次数太多" in response.content.decode()
    assert not get_user_model().objects.filter(phone="13812345678").exists()
    assert _post(client, code, REMOTE_ADDR="198.51.100.4").status_code == 302


def test_garbage_in_the_url_is_a_chinese_400_never_a_500(client):
    for garbage in ["%00", "x" * 300, "'; DROP TABLE--", "１２３"]:
        response = client.get(f"/accounts/activate/{garbage}/")
        assert response.status_code in (400, 404)


def test_an_impostors_account_with_the_number_is_taken_back_by_the_slip(client, issuer):
    impostor = UserFactory(phone="13812345678", real_name="冒名者")
    impostor_client = type(client)()
    impostor_client.force_login(impostor)
    _row, code = _issue(issuer)
    assert _post(client, code).status_code == 302
    impostor.refresh_from_db()
    assert impostor.real_name == "张秀英" and impostor.phone_verified_at is not None
    assert not impostor.check_password(PASSWORD)
    # The impostor's session ended with the password change.
    assert impostor_client.get(reverse("accounts:me")).status_code == 302


def test_a_weak_password_is_refused_in_chinese_and_the_code_stays_usable(client, issuer):
    _row, code = _issue(issuer)
    response = _post(client, code, password="13812345678x")
    html = response.content.decode()
    assert response.status_code == 400 and "密码不能用手机号码" in html
    response = _post(client, code, password="abc")
    assert "密码太短" in response.content.decode()
    assert _post(client, code).status_code == 302


def test_no_slip_is_issued_for_a_staff_number_and_none_resets_a_staff_password(client, issuer):
    staff = UserFactory(phone="13812345678", roles=[roles.EDITORS])
    with pytest.raises(proof.ProofError, match="管理人员"):
        _issue(issuer)
    staff.groups.clear()
    _row, code = _issue(issuer)
    staff.is_superuser = True
    staff.save()
    response = _post(client, code)
    assert response.status_code == 400 and "管理人员" in response.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


def test_the_account_logged_in_links_its_own_slip_without_a_new_password(client, issuer):
    user = UserFactory(phone="13812345678")
    client.force_login(user)
    _row, code = _issue(issuer)
    response = client.get(reverse("accounts:activate", args=[code]))
    assert "确认关联" in response.content.decode()
    response = client.post(reverse("accounts:activate", args=[code]))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified_at is not None and user.check_password(PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)


def test_typing_the_code_leads_to_the_slip_page(client, issuer):
    _row, code = _issue(issuer)
    response = client.get(reverse("accounts:activate_enter"), {"code": proof.format_code(code)})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:activate", args=[code])
    assert "激活码" in client.get(reverse("accounts:activate_enter")).content.decode()


def test_redeeming_twice_at_once_uses_the_code_once(issuer):
    _row, code = _issue(issuer)
    proof.redeem_activation_code(code, address="203.0.113.7", password=NEW_PASSWORD)
    with pytest.raises(proof.ProofError, match="用过"):
        proof.redeem_activation_code(code, address="203.0.113.7", password="other-pass-2026")


def test_the_login_page_tells_members_how_to_get_in(client, settings):
    settings.SMS_BACKEND = ""
    html = client.get(reverse("accounts:login")).content.decode()
    assert "激活码" in html and reverse("accounts:activate_enter") in html
    assert reverse("accounts:sms_password") not in html
    settings.SMS_BACKEND = "locmem"
    html = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:sms_password") in html
