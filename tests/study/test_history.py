"""Decisions go through the services, which record who did what in Wagtail's
log: the admin's history screen shows it; the edit form cannot bypass it."""

import pytest
from django.urls import reverse

from learning.study import services
from learning.study.models import Reflection, ReflectionStatus
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reflection(held_session, members):
    return services.submit_reflection(held_session, members[0], "学了就要用", 4)


def test_a_moderation_shows_in_the_reflections_history_with_the_moderators_name(
    admin_client, branch_admin, reflection
):
    inspect = admin_client.get(reverse("study_reflection:inspect", args=[reflection.pk]))
    moderate = reverse("study_admin:moderate", args=[reflection.pk, "approve"])
    assert moderate in inspect.content.decode()
    admin_client.post(moderate)
    reflection.refresh_from_db()
    assert reflection.status == ReflectionStatus.APPROVED
    history = admin_client.get(reverse("study_reflection:history", args=[reflection.pk]))
    html = history.content.decode()
    assert history.status_code == 200
    assert "学习心得审核通过" in html and branch_admin.real_name in html


def test_the_reflection_edit_form_cannot_change_the_status(admin_client, reflection):
    url = reverse("study_reflection:edit", args=[reflection.pk])
    response = admin_client.post(url, {"text": "改过的心得", "rating": "5", "status": "approved"})
    assert response.status_code == 302
    reflection = Reflection.objects.get(pk=reflection.pk)
    assert reflection.text == "改过的心得"
    assert reflection.status == ReflectionStatus.PENDING


def test_saving_the_roll_shows_in_the_session_pages_history(
    admin_client, branch_admin, held_session
):
    roll = reverse("study_admin:roll", args=[held_session.pk])
    assert admin_client.post(roll, {}).status_code == 302
    # The page's history is read by those who may edit the page.
    admin_client.force_login(UserFactory(is_superuser=True))
    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[held_session.pk]))
    html = history.content.decode()
    assert "保存了点名册" in html and branch_admin.real_name in html
