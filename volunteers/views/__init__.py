"""Everything personal or with a form, under /volunteer/, never cached
(each view is ``core.http.private``). The section page, leaderboard and wish
list are routes of the Wagtail page ``VolunteerIndexPage`` (models/pages.py),
cached whole for anonymous visitors, nothing personal in them.

Split by aggregate: ``people`` (registration and the volunteer's own pages),
``shifts``, ``service_records``, ``certificates`` and ``wishes``; ``common``
holds what they share. This module re-exports the views, so ``urls.py`` uses
``views.register`` and the like.
"""

from .certificates import certificate, certificate_list, certificate_pdf, verify
from .common import PER_PAGE
from .people import me, my_shifts, register
from .service_records import record_detail, record_new, records
from .shifts import activity_status, open_shifts, scan, shift_detail, shift_sign_up, signup_cancel
from .wishes import wish_claim, wish_detail, wish_new

__all__ = [
    "PER_PAGE",
    "activity_status",
    "certificate",
    "certificate_list",
    "certificate_pdf",
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
    "wish_new",
]
