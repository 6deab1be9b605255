"""Business rules for volunteers: one function per change of state.

Each takes the object and the acting user, raises a ``VolunteerError`` (a
``core.errors.DomainError`` with a Chinese message) when a rule says no and
then changes nothing, and writes inside ``transaction.atomic()``. Views, the
admin, the demo and the benchmark all call these.

The package is split by aggregate: ``people`` (registration and review),
``shifts`` (sign-up, cancelling, the waiting list), ``attendance`` (check-in
and check-out), ``records`` (service hours, changes, corrections, totals),
``certificates`` and ``wishes``; ``common`` holds what they share. This module
re-exports their public names, so callers write ``from volunteers import
services`` and ``services.sign_up(...)``; the modules import from each other
directly.
"""

from .attendance import (
    EARLY_CHECK_IN,
    SHIFT_CODE_SALT,
    check_in,
    check_out,
    mark_attendance,
    scan,
    shift_code,
    shift_for_code,
    shift_hours,
    signup_for_scan,
)
from .certificates import MAX_CERTIFICATE_DAYS, issue_certificate, verify_certificate
from .common import (
    APPROVE_RECORDS,
    COORDINATE,
    MODERATE_WISHES,
    REVIEW_VOLUNTEERS,
    VolunteerError,
)
from .people import approve_volunteer, register_volunteer, reject_volunteer, volunteer_for
from .records import (
    RECORD_FIELDS,
    accept_correction,
    approve_record,
    approved_hours_total,
    change_record,
    parse_hours,
    refuse_correction,
    reject_record,
    request_correction,
    submit_record,
)
from .shifts import (
    cancel_problem,
    cancel_sign_up,
    desk_sign_up,
    fit_shift_capacities,
    release_sign_up,
    shift_problems,
    sign_up,
)
from .wishes import claim_wish, fulfil_wish, post_wish, publish_wish, reject_wish

__all__ = [
    "APPROVE_RECORDS",
    "COORDINATE",
    "EARLY_CHECK_IN",
    "MAX_CERTIFICATE_DAYS",
    "MODERATE_WISHES",
    "RECORD_FIELDS",
    "REVIEW_VOLUNTEERS",
    "SHIFT_CODE_SALT",
    "VolunteerError",
    "accept_correction",
    "approve_record",
    "approve_volunteer",
    "approved_hours_total",
    "cancel_problem",
    "cancel_sign_up",
    "change_record",
    "check_in",
    "check_out",
    "claim_wish",
    "desk_sign_up",
    "fit_shift_capacities",
    "fulfil_wish",
    "issue_certificate",
    "mark_attendance",
    "parse_hours",
    "post_wish",
    "publish_wish",
    "refuse_correction",
    "register_volunteer",
    "reject_record",
    "reject_volunteer",
    "reject_wish",
    "release_sign_up",
    "request_correction",
    "scan",
    "shift_code",
    "shift_for_code",
    "shift_hours",
    "shift_problems",
    "sign_up",
    "signup_for_scan",
    "submit_record",
    "verify_certificate",
    "volunteer_for",
]
