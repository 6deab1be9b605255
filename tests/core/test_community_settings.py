"""社区信息 (core.CommunitySettings) moved from home to core: the admin's
menu item, its address and the editing still work, old bookmarks lead to
it, and a database that had the model in home keeps its row and the
reviewers' right to change it."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts import roles
from core.models import CommunitySettings
from tests.accounts.factories import UserFactory
from tests.home.factories import make_site_home

EDIT_URL = "/admin/settings/core/communitysettings/"
SIDEBAR = re.compile(
    r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S
)


def _menu(client):
    """{label: url} of every link in the admin's sidebar menu."""

    def links(value):
        if isinstance(value, dict):
            if isinstance(value.get("label"), str) and isinstance(value.get("url"), str):
                yield value["label"], value["url"]
            for item in value.values():
                yield from links(item)
        elif isinstance(value, list):
            for item in value:
                yield from links(item)

    html = client.get("/admin/").content.decode()
    return dict(links(json.loads(SIDEBAR.search(html).group(1))))


@pytest.mark.django_db
def test_a_reviewer_finds_community_settings_in_the_menu_and_changes_the_name(
    client, home_page, django_capture_on_commit_callbacks
):
    site = home_page.get_site()
    client.force_login(UserFactory(roles=[roles.REVIEWERS]))
    assert _menu(client)["社区信息"] == EDIT_URL

    response = client.get(EDIT_URL)  # the menu's address picks the site
    assert response.status_code == 302 and response["Location"] == f"{EDIT_URL}{site.pk}/"
    form = client.get(response["Location"])
    assert form.status_code == 200 and "社区名称" in form.content.decode()

    client.logout()
    assert "改名后的社区" not in client.get("/").content.decode()  # now cached for visitors
    response = client.post(
        f"{EDIT_URL}{site.pk}/", {"name": "改名后的社区", "phone": "0816-1234567"}
    )
    assert response.status_code == 302  # not logged in: nothing saved
    client.force_login(UserFactory(roles=[roles.REVIEWERS]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{EDIT_URL}{site.pk}/", {"name": "改名后的社区", "phone": "0816-1234567"}
        )
    assert response.status_code == 302
    assert CommunitySettings.for_site(site).name == "改名后的社区"
    client.logout()
    assert "改名后的社区" in client.get("/").content.decode()  # saving purged the page cache


@pytest.mark.django_db
def test_an_editor_neither_sees_nor_opens_community_settings(client, home_page):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert "社区信息" not in _menu(client)
    response = client.get(f"{EDIT_URL}{home_page.get_site().pk}/")
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_the_old_admin_address_of_community_settings_leads_to_the_new_one(client, home_page):
    site = home_page.get_site()
    client.force_login(UserFactory(roles=[roles.REVIEWERS]))
    response = client.get(f"/admin/settings/home/communitysettings/{site.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"{EDIT_URL}{site.pk}/"
    response = client.get("/admin/settings/home/communitysettings/", follow=True)
    assert response.status_code == 200 and "社区名称" in response.content.decode()


HOME_BEFORE = ("home", "0002_reviewers_edit_community_settings")


def _migrate(targets):
    # The content type keeps its id through the move, so the ContentType cache
    # stays right; clearing it would make the next serialized-rollback test
    # re-create content types while it restores them.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_from_before_the_move_keeps_its_settings_and_the_reviewers_right(client):
    site = make_site_home().get_site()
    CommunitySettings.objects.filter(site=site).delete()

    _migrate([HOME_BEFORE, ("core", None)])
    old_apps = MigrationExecutor(connection).loader.project_state([HOME_BEFORE]).apps
    assert ContentType.objects.filter(app_label="home", model="communitysettings").exists()
    old_apps.get_model("home", "CommunitySettings").objects.create(
        site_id=site.pk, name="老数据社区", phone="0816-7654321"
    )
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    settings = CommunitySettings.objects.get(site=site)
    assert (settings.name, settings.phone) == ("老数据社区", "0816-7654321")
    assert not ContentType.objects.filter(app_label="home", model="communitysettings").exists()
    change = Permission.objects.get(
        content_type__app_label="core", codename="change_communitysettings"
    )
    assert Group.objects.get(name=roles.REVIEWERS).permissions.filter(pk=change.pk).exists()
    client.force_login(UserFactory(roles=[roles.REVIEWERS]))
    assert "老数据社区" in client.get(f"{EDIT_URL}{site.pk}/").content.decode()
