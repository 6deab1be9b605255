"""The rows Wagtail's migrations make ("Root", "Welcome to your new Wagtail
site!") are named in Chinese by home's data migration, so the page explorer,
page choosers and collection lists show no English data."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Collection, Page

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("home.migrations.0004_wagtail_initial_data_in_chinese")


def root():
    return Page.get_first_root_node()


def welcome():
    return Page.objects.get(depth=2, slug="home", content_type__model="page")


def test_a_migrated_site_has_its_root_page_and_collection_and_placeholder_in_chinese(client):
    assert (root().title, root().draft_title) == ("根目录", "根目录")
    assert Collection.get_first_root_node().name == "根集合"
    assert welcome().title == "欢迎使用新的 Wagtail 网站！"
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(f"/admin/pages/{root().pk}/")
    assert "浏览: 根目录" in response.content.decode()


def test_names_an_administrator_gave_are_kept_and_going_back_restores_wagtails():
    Page.objects.filter(pk=root().pk).update(title="全站", draft_title="全站")
    migration.forwards(apps, None)
    assert root().title == "全站"
    migration.backwards(apps, None)
    assert root().title == "全站"
    assert Collection.get_first_root_node().name == "Root"
    assert welcome().title == "Welcome to your new Wagtail site!"
    migration.forwards(apps, None)
    assert Collection.get_first_root_node().name == "根集合"
