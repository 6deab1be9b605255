"""The demo community's register gives the figures of its paper book:
党员大会4次、支委会12次、党小组会15次 — computed from the records."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from learning.meetings import register
from learning.meetings.models import Meeting, MeetingAttendance
from learning.study.models import Branch
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_register_computes_the_books_figures(client):
    call_command("load_demo", stdout=io.StringIO())
    counts = (Meeting.objects.count(), MeetingAttendance.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Meeting.objects.count(), MeetingAttendance.objects.count()) == counts
    branch = Branch.objects.get(name="幸福里小区党支部")
    year = timezone.localdate().year - 1
    lines = register.branch_years([branch], year)[branch.pk]
    held = register.held_by_kind(lines)
    assert (held["general"], held["committee"], held["group"]) == (4, 12, 15)
    assert sum(line.overdue for line in lines if line.kind == "general") == 0
    client.force_login(UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS]))
    html = client.get(
        reverse("meetings_admin:register") + f"?branch={branch.pk}&year={year}"
    ).content.decode()
    assert "支部党员大会4次、支部委员会12次、党小组会15次" in html
