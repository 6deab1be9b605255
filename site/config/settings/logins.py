"""Login throttling settings (django-axes and our password-spraying pause,
accounts/throttle.py), read from the environment. ``base`` imports every
name of this module."""

from datetime import timedelta

from .env import env_int

__all__ = [
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_TIME",
    "AXES_LOCKOUT_PARAMETERS",
    "AXES_RESET_ON_SUCCESS",
    "AXES_USERNAME_FORM_FIELD",
    "AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT",
    "AXES_LOCKOUT_TEMPLATE",
    "AXES_IPWARE_PROXY_COUNT",
    "AXES_IPWARE_META_PRECEDENCE_ORDER",
    "AXES_VERBOSE",
    "LOGIN_SPRAY_LIMIT",
    "LOGIN_SPRAY_MINUTES",
]

# Login throttling (django-axes): five failures for one phone number from one
# address lock that pair out for 15 minutes. Locking by number alone would let
# anyone lock a member out; by address alone would lock a whole housing estate
# behind one NAT.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the login forms' field (the user model's is "phone")
# During a lockout every attempt shows the lockout page, and does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_VERBOSE = False
# Password spraying (one password tried against many numbers from one
# address) is not caught per (address, number): at LOGIN_SPRAY_LIMIT
# different numbers with a failed login from one address within
# LOGIN_SPRAY_MINUTES (counted over one to two windows), every login from
# that address is refused until the window passes. Typing mistakes repeat
# one number and count once, so a housing estate behind one NAT address
# needs ten different residents failing within a quarter of an hour to
# be paused, and then only for minutes (accounts/throttle.py).
LOGIN_SPRAY_LIMIT = env_int("LOGIN_SPRAY_LIMIT", 10)
LOGIN_SPRAY_MINUTES = env_int("LOGIN_SPRAY_MINUTES", 15)
