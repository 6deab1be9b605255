"""SMS codes: a pluggable backend (locmem here), codes kept hashed, expiring,
a few tries each, sending limits per number and per address; setting a
password with an SMS code, verifying one's own number; the Tencent Cloud
backend builds the provider's request; nothing of it without SMS_BACKEND."""

import datetime
import subprocess
import sys

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from accounts import proof, sms
from accounts.models import SmsCode
from accounts.sms.tencent import TencentBackend
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.7"
NEW_PASSWORD = "hui-jia-de-lu-2026"


@pytest.fixture
def sms_on(settings):
    settings.SMS_BACKEND = "locmem"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def _last_code():
    return sms.outbox[-1].code


def test_without_a_backend_there_is_no_sms_step(client, settings):
    settings.SMS_BACKEND = ""
    assert client.get(reverse("accounts:sms_password")).status_code == 404
    with pytest.raises(proof.ProofError, match="没有开通短信验证"):
        proof.send_sms_code("13812345678", address=ADDRESS)


def test_a_resident_sets_a_password_with_an_sms_code(client, sms_on):
    response = client.post(
        reverse("accounts:sms_password"), {"step": "phone", "phone": "138 1234 5678"}
    )
    assert response.status_code == 302
    assert sms_on[-1].phone == "13812345678" and "分钟内有效" in sms_on[-1].text
    page = client.get(reverse("accounts:sms_password")).content.decode()
    assert "138****5678" in page
    response = client.post(
        reverse("accounts:sms_password"),
        {
            "step": "code",
            "code": _last_code(),
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(phone="13812345678")
    assert user.phone_verified_at is not None and user.check_password(NEW_PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)


def test_a_code_is_kept_only_as_a_hash(sms_on):
    row = proof.send_sms_code("13812345678", address=ADDRESS)
    assert _last_code() not in row.code_hash and len(row.code_hash) == 64


def test_a_wrong_code_counts_and_five_wrong_codes_kill_the_code(sms_on):
    proof.send_sms_code("13812345678", address=ADDRESS)
    right = _last_code()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(proof.ProofError, match="验证码不正确"):
            proof.claim_phone_by_sms("13812345678", wrong, NEW_PASSWORD, address=ADDRESS)
    with pytest.raises(proof.ProofError, match="验证码已失效"):
        proof.claim_phone_by_sms("13812345678", right, NEW_PASSWORD, address=ADDRESS)
    assert SmsCode.objects.get().attempts == 5
    assert not get_user_model().objects.exists()


def test_an_expired_code_is_refused(sms_on):
    proof.send_sms_code("13812345678", address=ADDRESS)
    SmsCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(proof.ProofError, match="验证码已失效"):
        proof.claim_phone_by_sms("13812345678", _last_code(), NEW_PASSWORD, address=ADDRESS)


def test_a_code_is_used_once(sms_on):
    proof.send_sms_code("13812345678", address=ADDRESS)
    code = _last_code()
    proof.claim_phone_by_sms("13812345678", code, NEW_PASSWORD, address=ADDRESS)
    with pytest.raises(proof.ProofError, match="验证码已失效"):
        proof.claim_phone_by_sms("13812345678", code, "other-pass-2026", address=ADDRESS)


def test_sending_is_limited_per_number_and_per_address(sms_on, settings):
    settings.SMS_PER_NUMBER_PER_DAY = 2
    settings.SMS_PER_ADDRESS_PER_HOUR = 3
    proof.send_sms_code("13812345678", address=ADDRESS)
    with pytest.raises(proof.ProofError, match="秒后再重新获取"):
        proof.send_sms_code("13812345678", address=ADDRESS)
    from django.core.cache import cache

    cache.clear()  # a minute later
    proof.send_sms_code("13812345678", address="198.51.100.4")
    cache.clear()
    with pytest.raises(proof.ProofError, match="今天获取验证码的次数已用完"):
        proof.send_sms_code("13812345678", address="198.51.100.5")
    proof.send_sms_code("13900000001", address=ADDRESS)
    proof.send_sms_code("13900000002", address=ADDRESS)
    with pytest.raises(proof.ProofError, match="这个网络获取验证码太频繁"):
        proof.send_sms_code("13900000003", address=ADDRESS)
    assert len(sms_on) == 4


def test_a_provider_failure_is_a_chinese_message_and_frees_the_number(sms_on, settings):
    settings.SMS_BACKEND = "tests.accounts.test_sms.FailingBackend"
    with pytest.raises(proof.ProofError, match="短信发送失败"):
        proof.send_sms_code("13812345678", address=ADDRESS)
    settings.SMS_BACKEND = "locmem"
    proof.send_sms_code("13812345678", address=ADDRESS)  # no one-minute wait after a failure
    assert len(sms_on) == 1


class FailingBackend:
    def __init__(self, **options):
        pass

    def send_code(self, phone, code, minutes):
        raise sms.SmsError("InvalidParameterValue.TemplateParameterFormatError")


def test_a_logged_in_account_verifies_its_own_number(client, sms_on):
    user = UserFactory(phone="13812345678")
    client.force_login(user)
    url = reverse("accounts:verify_phone")
    assert "发送验证码到 138****5678" in client.get(url).content.decode()
    client.post(url, {"step": "send"})
    response = client.post(url, {"step": "code", "code": "bad"})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    response = client.post(url, {"step": "code", "code": _last_code()})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified_at is not None


def test_a_new_volunteer_is_asked_to_verify_the_number_when_sms_is_on(client, home_page, sms_on):
    from volunteers.models import ServiceArea

    response = client.post(
        reverse("volunteers:register"),
        {
            "real_name": "张秀英",
            "phone": "13800001234",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "areas": [ServiceArea.objects.get(name="关爱老人").pk],
            "availability": ["weekend"],
            "consent": "on",
        },
    )
    assert response["Location"].startswith(reverse("accounts:verify_phone"))
    assert get_user_model().objects.get(phone="13800001234").phone_verified_at is None


def test_the_console_backend_prints_the_message(settings, capsys):
    settings.SMS_BACKEND = "console"
    settings.SMS_OPTIONS = {"sign_name": "幸福里社区"}
    sms.send_code("13812345678", "123456", 10)
    assert "【幸福里社区】您的验证码是 123456，10 分钟内有效" in capsys.readouterr().out


def test_the_tencent_backend_sends_the_template_with_code_and_minutes(monkeypatch):
    options = {
        "secret_id": "id",
        "secret_key": "key",
        "app_id": "1400000000",
        "sign_name": "幸福里社区",
        "template_id": "123456",
    }
    backend = TencentBackend(**options)
    sent = []

    class Client:
        def SendSms(self, request):
            from tencentcloud.sms.v20210111 import models

            sent.append(request)
            response = models.SendSmsResponse()
            response._deserialize({"SendStatusSet": [{"Code": "Ok", "Message": "send success"}]})
            return response

    monkeypatch.setattr(backend, "client", lambda: Client())
    backend.send_code("13812345678", "654321", 10)
    request = sent[0]
    assert request.PhoneNumberSet == ["+8613812345678"]
    assert request.TemplateParamSet == ["654321", "10"]
    assert (request.SmsSdkAppId, request.SignName, request.TemplateId) == (
        "1400000000",
        "幸福里社区",
        "123456",
    )


def test_the_tencent_backend_reports_a_refused_message(monkeypatch):
    from tencentcloud.sms.v20210111 import models

    backend = TencentBackend(
        secret_id="i", secret_key="k", app_id="1", sign_name="s", template_id="t"
    )

    class Client:
        def SendSms(self, request):
            response = models.SendSmsResponse()
            response._deserialize(
                {"SendStatusSet": [{"Code": "LimitExceeded.PhoneNumberDailyLimit", "Message": "x"}]}
            )
            return response

    monkeypatch.setattr(backend, "client", lambda: Client())
    with pytest.raises(sms.SmsError, match="PhoneNumberDailyLimit"):
        backend.send_code("13812345678", "654321", 10)


def test_the_tencent_backend_needs_its_settings():
    with pytest.raises(ImproperlyConfigured, match="SMS_SECRET_ID"):
        TencentBackend(sign_name="s")


def test_the_site_never_loads_the_sdk_unless_sms_is_sent():
    code = (
        "import sys; sys.path.insert(0, 'site');"
        "import accounts.sms, accounts.sms.tencent;"
        "assert not any(m.startswith('tencentcloud') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
