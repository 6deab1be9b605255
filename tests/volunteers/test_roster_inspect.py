"""The volunteer roster's 检查 screen shows when a volunteer can serve in
Chinese, not the codes the field stores (weekend, weekday_evening)."""

import pytest
from django.urls import reverse

from tests.volunteers.factories import VolunteerFactory, coordinator

pytestmark = pytest.mark.django_db


def test_a_coordinator_sees_when_a_volunteer_can_serve_in_chinese(client):
    client.force_login(coordinator())
    volunteer = VolunteerFactory(availability="weekend,weekday_evening")
    html = client.get(reverse("volunteer_roster:inspect", args=[volunteer.pk])).content.decode()
    assert "周末、工作日晚上" in html
    assert "weekend" not in html
