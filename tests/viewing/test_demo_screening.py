import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts import roles
from learning.viewing.models import Run, RunSource, Screening
from learning.viewing.services.screening_credit import credited
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_screens_a_past_session_once_and_its_record_shows_it(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    screening = Screening.objects.get()
    assert screening.ended_at is not None and screening.shown.exists()
    run = Run.objects.get(source=RunSource.SCREENING)
    assert run.screening == screening
    courses, on_site = credited(screening)
    assert courses and on_site  # the default roll: present, on site
    client.force_login(UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS]))
    page = client.get(reverse("viewing_screening:record", args=[screening.pk]))
    assert on_site[0].member.name in page.content.decode()
