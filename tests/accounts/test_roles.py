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


def test_reviewers_may_edit_the_community_settings_and_editors_may_not(client, home_page):
    from django.urls import reverse

    from core.models import CommunitySettings

    site = home_page.get_site()
    CommunitySettings.for_site(site)
    # Site settings are addressed by the site's id, not the settings row's.
    url = reverse("wagtailsettings:edit", args=["core", "communitysettings", site.pk])
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert client.get(url).status_code in (302, 403)
    client.force_login(UserFactory(roles=[roles.REVIEWERS]))
    response = client.get(url)
    assert response.status_code == 200
    assert "社区名称" in response.content.decode()


def test_the_admin_speaks_chinese(client):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    html = client.get("/admin/").content.decode()
    assert "控制面板" in html and "社区平台管理后台" in html
