"""Public views. The section page, leaderboard and wish list are routes of
the Wagtail page ``VolunteerIndexPage`` (cached whole for anonymous
visitors, nothing personal in them). Everything personal or with a form is
here under /volunteer/, never cached.

Split by aggregate: ``public`` (the section page's routes), ``people``
(registration and the volunteer's own pages), ``shifts``, ``service_records``,
``certificates`` and ``wishes``; ``common`` holds what they share. This module
re-exports the views, so ``urls.py`` and ``VolunteerIndexPage`` use
``views.landing`` and the like.
"""

from .certificates import certificate, certificate_list, certificate_pdf, verify
from .common import PER_PAGE
from .people import me, my_shifts, register
from .public import LEADERBOARD_SIZE, landing, leaderboard, leaderboard_rows, wish_list
from .service_records import record_detail, record_new, records
from .shifts import activity_status, open_shifts, scan, shift_detail, shift_sign_up, signup_cancel
from .wishes import wish_claim, wish_detail, wish_new

__all__ = [
    "LEADERBOARD_SIZE",
    "PER_PAGE",
    "activity_status",
    "certificate",
    "certificate_list",
    "certificate_pdf",
    "landing",
    "leaderboard",
    "leaderboard_rows",
    "me",
    "my_shifts",
    "open_shifts",
    "record_detail",
    "record_new",
    "records",
    "register",
    "scan",
    "shift_detail",
    "shift_sign_up",
    "signup_cancel",
    "verify",
    "wish_claim",
    "wish_detail",
    "wish_list",
    "wish_new",
]
