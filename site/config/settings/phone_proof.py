"""Settings of the proof that an account holds a phone number
(accounts/proof.py, docs/accounts.md): activation slips and SMS codes, read
from the environment. ``base`` imports every name of this module."""

from .env import env, env_int

__all__ = [
    "ACTIVATION_CODE_DAYS",
    "PROOF_FAILURES_PER_ADDRESS",
    "SMS_BACKEND",
    "SMS_OPTIONS",
    "SMS_CODE_MINUTES",
    "SMS_CODE_ATTEMPTS",
    "SMS_RESEND_SECONDS",
    "SMS_PER_NUMBER_PER_DAY",
    "SMS_PER_ADDRESS_PER_HOUR",
]

ACTIVATION_CODE_DAYS = env_int("ACTIVATION_CODE_DAYS", 30)
PROOF_FAILURES_PER_ADDRESS = env_int("PROOF_FAILURES_PER_ADDRESS", 20)  # wrong codes an hour
# SMS: "" = none (numbers are proven with activation slips only), "console",
# "locmem", "tencent" (Tencent Cloud SMS, official SDK) or a dotted path.
SMS_BACKEND = env("SMS_BACKEND", "")
SMS_OPTIONS = {
    "secret_id": env("SMS_SECRET_ID", ""),
    "secret_key": env("SMS_SECRET_KEY", ""),
    "app_id": env("SMS_APP_ID", ""),
    "sign_name": env("SMS_SIGN_NAME", ""),
    "template_id": env("SMS_TEMPLATE_ID", ""),
    "region": env("SMS_REGION", ""),
    "timeout": env_int("SMS_TIMEOUT", 10),
}
SMS_CODE_MINUTES = env_int("SMS_CODE_MINUTES", 10)
SMS_CODE_ATTEMPTS = 5
SMS_RESEND_SECONDS = env_int("SMS_RESEND_SECONDS", 60)
SMS_PER_NUMBER_PER_DAY = env_int("SMS_PER_NUMBER_PER_DAY", 5)
SMS_PER_ADDRESS_PER_HOUR = env_int("SMS_PER_ADDRESS_PER_HOUR", 20)
