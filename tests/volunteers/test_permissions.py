"""Coordinators are recognised by permission codenames granted in data
migrations, never by their group's name (an admin may rename the group)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.volunteers.factories import RecordFactory, coordinator

pytestmark = pytest.mark.django_db

WORKBENCH = "volunteer_admin:workbench"


def _outcome(response):
    """What the admin did: showed the screen, redirected after an action, or
    refused (Wagtail sends a refused GET back to the dashboard)."""
    if response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    ):
        return "refused"
    return {200: "shown", 302: "done"}[response.status_code]


def _approve_through_the_workbench(client, user, record):
    client.force_login(user)
    workbench = client.get(reverse(WORKBENCH), {"tab": "records"})
    decided = client.post(reverse("volunteer_admin:decide", args=["record", record.pk, "approve"]))
    record.refresh_from_db()
    return _outcome(workbench), _outcome(decided), record.status


def test_a_coordinator_keeps_their_work_when_the_group_is_renamed(client):
    boss = coordinator(real_name="李协调")
    Group.objects.filter(name=roles.VOLUNTEER_COORDINATORS).update(name="志愿服务组")
    record = RecordFactory()
    assert _approve_through_the_workbench(client, boss, record) == ("shown", "done", "approved")


def test_anyone_granted_the_permissions_through_another_group_may_coordinate(client):
    group = Group.objects.create(name="社区志愿服务站")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="volunteers",
            codename__in=["coordinate_volunteers", "approve_servicerecord"],
        ),
    )
    user = UserFactory()
    user.groups.add(group)
    record = RecordFactory()
    assert _approve_through_the_workbench(client, user, record) == ("shown", "done", "approved")


def test_an_admin_user_without_the_permissions_is_refused(client):
    editor = UserFactory(roles=[roles.EDITORS])
    record = RecordFactory()
    assert _approve_through_the_workbench(client, editor, record) == (
        "refused",
        "refused",
        "submitted",
    )


def test_the_coordinators_role_carries_the_coordination_permission():
    group = Group.objects.get(name=roles.VOLUNTEER_COORDINATORS)
    assert group.permissions.filter(
        content_type__app_label="volunteers", codename="coordinate_volunteers"
    ).exists()
