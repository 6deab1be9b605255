"""Permissions are read in one query (accounts/backends.py) and are exactly
the ones Django's ModelBackend finds: the user's own and their groups'."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from accounts import roles
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_a_user_has_their_own_and_their_groups_permissions_read_in_one_query(
    django_assert_num_queries,
):
    user = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    user.user_permissions.add(Permission.objects.get(codename="view_user"))
    expected = ModelBackend().get_all_permissions(_fresh(user))
    assert "accounts.view_user" in expected and len(expected) > 1
    user = _fresh(user)
    with django_assert_num_queries(1):
        assert user.get_all_permissions() == expected
        assert user.has_perm("accounts.view_user")
        assert not user.has_perm("accounts.delete_user")


def test_a_group_that_loses_a_permission_takes_it_from_its_members_on_their_next_request():
    user = UserFactory()
    group = Group.objects.create(name="临时组")
    group.permissions.add(Permission.objects.get(codename="view_user"))
    user.groups.add(group)
    assert _fresh(user).has_perm("accounts.view_user")
    group.permissions.clear()
    assert not _fresh(user).has_perm("accounts.view_user")


def test_a_superuser_has_every_permission_and_an_inactive_user_none():
    boss = UserFactory(is_superuser=True)
    assert _fresh(boss).get_all_permissions() == ModelBackend().get_all_permissions(_fresh(boss))
    gone = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS], is_active=False)
    assert _fresh(gone).get_all_permissions() == set()
