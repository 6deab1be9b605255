"""Tencent Cloud SMS (短信, API version 2021-01-11) through Tencent's official
Python SDK, ``tencentcloud-sdk-python-sms`` (pinned in requirements.txt).

The SDK is imported only when a message is sent, so a site without SMS
never loads it. Settings (from environment variables, see
docs/accounts.md): ``SMS_OPTIONS`` = secret_id, secret_key, app_id (the
SmsSdkAppId), sign_name (the approved signature, e.g. 幸福里社区),
template_id (an approved verification-code template with two parameters:
the code and the minutes it is valid), region (default ap-guangzhou),
timeout (seconds, default 10).
"""

from django.core.exceptions import ImproperlyConfigured

from . import SmsError
from .backends import BaseBackend

REQUIRED = ("secret_id", "secret_key", "app_id", "sign_name", "template_id")


class TencentBackend(BaseBackend):
    def __init__(self, **options):
        super().__init__(**options)
        missing = [name for name in REQUIRED if not options.get(name)]
        if missing:
            raise ImproperlyConfigured(
                "Tencent Cloud SMS needs "
                + ", ".join(f"SMS_{name.upper()}" for name in missing)
                + " (see docs/accounts.md)."
            )
        self.region = options.get("region") or "ap-guangzhou"
        self.timeout = int(options.get("timeout") or 10)

    def client(self):
        from tencentcloud.common import credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile
        from tencentcloud.sms.v20210111 import sms_client

        http = HttpProfile(reqTimeout=self.timeout)
        cred = credential.Credential(self.options["secret_id"], self.options["secret_key"])
        return sms_client.SmsClient(cred, self.region, ClientProfile(httpProfile=http))

    def request(self, phone, code, minutes):
        from tencentcloud.sms.v20210111 import models

        request = models.SendSmsRequest()
        request.SmsSdkAppId = str(self.options["app_id"])
        request.SignName = self.sign_name
        request.TemplateId = str(self.options["template_id"])
        request.TemplateParamSet = [str(code), str(minutes)]
        request.PhoneNumberSet = [f"+86{phone}"]
        return request

    def send_code(self, phone, code, minutes):
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
            TencentCloudSDKException,
        )

        try:
            response = self.client().SendSms(self.request(phone, code, minutes))
        except TencentCloudSDKException as error:
            raise SmsError(f"{error.get_code()}: {error.get_message()}") from error
        statuses = response.SendStatusSet or []
        if not statuses or statuses[0].Code != "Ok":
            detail = f"{statuses[0].Code}: {statuses[0].Message}" if statuses else "no status"
            raise SmsError(detail)
