import pytest
from django.contrib.auth.models import Group
from wagtail.models import Task, Workflow

from accounts import roles
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_that_can_open_the_admin():
    for name in roles.ALL:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists(), name


def test_wagtail_default_groups_carry_our_chinese_names():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_moderation_workflow_is_named_for_reviewers_and_assigned_to_them():
    workflow = Workflow.objects.get(name="内容审核")
    task = Task.objects.get(name="审核员审批").specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.REVIEWERS]
    assert workflow.workflow_tasks.filter(task=task).exists()


def test_has_role_follows_group_membership():
    editor = UserFactory(roles=[roles.EDITORS])
    member = UserFactory()
    assert roles.has_role(editor, roles.EDITORS)
    assert not roles.has_role(editor, roles.REVIEWERS)
    assert not roles.has_role(member, roles.EDITORS)
    assert roles.has_role(UserFactory(is_superuser=True), roles.VOLUNTEER_COORDINATORS)
