"""The admin contract: every screen of ours is registered through a
``ScreenViewSet`` and refuses, before it looks anything up, a user who has
every permission but the one the screen declares. New screens are covered
without touching this test."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import get_resolver, reverse
from wagtail.admin.viewsets import viewsets

from core.admin_views import ScreenViewSet
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

get_resolver().url_patterns  # noqa: B018 (loading the admin's URLs registers the viewsets)
SCREENS = [
    pytest.param(viewset, screen, id=f"{viewset.url_namespace}:{screen.name}")
    for viewset in viewsets.viewsets
    if isinstance(viewset, ScreenViewSet)
    for screen in viewset.screens
]
ADMIN_ACCESS = "wagtailadmin.access_admin"
# A number and a word no object has: the answer must not depend on them.
FILLERS = {"id": 987654, "str": "approve"}


def url_of(viewset, screen):
    kwargs = {
        name: FILLERS[converter] for converter, name in re.findall(r"<(\w+):(\w+)>", screen.route)
    }
    return reverse(viewset.get_url_name(screen.name), kwargs=kwargs)


def staff_with(permissions):
    user = UserFactory()
    user.user_permissions.add(
        *permissions,
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    return user


def test_every_app_registers_its_screens_through_a_screen_viewset():
    namespaces = {param.values[0].url_namespace for param in SCREENS}
    assert {"event_registrations", "study_admin", "study_access", "volunteer_admin"} <= namespaces


@pytest.mark.parametrize(("viewset", "screen"), SCREENS)
def test_a_screen_refuses_a_user_without_its_permission(client, viewset, screen):
    app_label, codename = screen.view.permission_required.split(".")
    everything_else = Permission.objects.exclude(
        content_type__app_label=app_label, codename=codename
    )
    if screen.view.permission_required == ADMIN_ACCESS:
        # A screen for every admin user (我的导出: each sees only their own
        # jobs, tests/core/test_exports.py) refuses a member without it.
        member = UserFactory()
        member.user_permissions.add(*everything_else)
        client.force_login(member)
        refused_to = reverse("wagtailadmin_login")
    else:
        client.force_login(staff_with(everything_else))
        refused_to = reverse("wagtailadmin_home")
    url = url_of(viewset, screen)
    for response in (client.get(url), client.post(url)):
        # Wagtail turns the 403 into a message on the dashboard.
        assert response.status_code == 302
        assert response["Location"].split("?")[0] == refused_to


@pytest.mark.parametrize(("viewset", "screen"), SCREENS)
def test_a_screen_lets_its_permission_through_to_the_lookup(client, viewset, screen):
    """With every permission, the same URL gets past the check: a screen
    without arguments answers, one naming a missing object is a 404."""
    client.force_login(staff_with(Permission.objects.all()))
    response = client.get(url_of(viewset, screen))
    expected = {200, 405} if "<" not in screen.route else {404, 405}
    assert response.status_code in expected
