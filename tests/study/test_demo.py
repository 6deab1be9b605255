import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from learning.study.models import (
    Attendance,
    LeaveRequest,
    Member,
    Reflection,
    RollCall,
    StudyPlan,
    StudySession,
)

pytestmark = pytest.mark.django_db


def _counts():
    return [
        m.objects.count()
        for m in (Member, StudySession, StudyPlan, Attendance, LeaveRequest, Reflection)
    ]


def test_the_demo_loads_twice_without_duplicates_and_the_admin_screens_show_it(client):
    from accounts import roles
    from tests.accounts.factories import UserFactory

    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    members, sessions, plans, attendances, leaves, reflections = first
    assert members == 60 and sessions == 4 and attendances > 100
    assert leaves == 2 and reflections >= 3 and plans >= 4
    client.force_login(UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS]))
    session = StudySession.objects.filter(attendances__isnull=False).first()
    assert client.get(reverse("study_admin:roll", args=[session.pk])).status_code == 200
    # The three past sessions' rolls are saved for every invited branch: held.
    assert RollCall.objects.count() == 4 + 3 + 3
    assert client.get(reverse("study_admin:ledger")).status_code == 200
    assert client.get(reverse("study_admin:plan")).status_code == 200
    assert client.get(reverse("study_member:index")).status_code == 200
    assert client.get(session.url).status_code == 200
