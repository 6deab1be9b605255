"""Coordinators' decisions are recorded in Wagtail's log by the services:
the volunteer roster's history screen shows who decided."""

import pytest
from django.urls import reverse

from tests.volunteers.factories import VolunteerFactory, coordinator

pytestmark = pytest.mark.django_db


def test_approving_a_volunteer_shows_in_their_history_with_the_coordinators_name(client):
    boss = coordinator(real_name="李协调")
    volunteer = VolunteerFactory(status="pending")
    client.force_login(boss)
    decide = reverse("volunteer_admin:decide", args=["volunteer", volunteer.pk, "approve"])
    assert client.post(decide).status_code == 302
    history = client.get(reverse("volunteer_roster:history", args=[volunteer.pk]))
    html = history.content.decode()
    assert history.status_code == 200
    assert "志愿者登记审核通过" in html and "李协调" in html
