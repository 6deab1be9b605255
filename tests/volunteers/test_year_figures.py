"""The volunteers' answer to ``register_member_year_figures`` (the 民主评议's
view of a member's year): approved hours in the year for a whole list of
party members at once, each matched by account or mobile number. Members are
duck-typed: volunteers know nothing of learning."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.volunteers.factories import RecordFactory, VolunteerFactory, coordinator
from volunteers.wagtail_hooks import volunteer_year_figures

pytestmark = pytest.mark.django_db


def member(pk, phone="", user_id=None):
    return SimpleNamespace(pk=pk, phone=phone, user_id=user_id, branch_id=1)


def approved(volunteer, hours, day=datetime.date(2025, 6, 1), status="approved"):
    return RecordFactory(
        volunteer=volunteer,
        hours=Decimal(hours),
        date=day,
        status=status,
        decided_by=coordinator() if status == "approved" else None,
        decided_at=timezone.now() if status == "approved" else None,
    )


def test_hours_for_many_members_at_once_by_account_or_mobile_number():
    by_account = VolunteerFactory(phone="13900000001")
    by_phone = VolunteerFactory(phone="13900000002")
    approved(by_account, "2.5")
    approved(by_account, "1")
    approved(by_account, "9", day=datetime.date(2024, 6, 1))  # another year
    approved(by_phone, "4")
    approved(by_phone, "7", status="submitted")  # not approved
    members = [
        member(1, phone="13800000000", user_id=by_account.user_id),
        member(2, phone="139 0000 0002"),  # the same mobile number, typed with spaces
        member(3, phone="13700000000"),  # no volunteer
    ]
    with CaptureQueriesContext(connection) as queries:
        found = volunteer_year_figures(members, 2025)
    assert {pk: [f["value"] for f in figures] for pk, figures in found.items()} == {
        1: [Decimal("3.5")],
        2: [Decimal("4")],
    }
    assert found[1][0]["key"] == "volunteer_hours"
    assert len(queries.captured_queries) == 2
