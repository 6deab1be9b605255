"""Permission names in Chinese on the group screens (core/permission_names.py):
Django stores "Can add …" in English when it creates a permission; after
every migrate each permission is named from its model as it is now."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse
from wagtail.users.forms import GroupForm

from tests.admin_scan import untranslated
from volunteers.models import Team

pytestmark = pytest.mark.django_db


def migrate():
    """What ``manage.py migrate`` does once the migrations have run."""
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


def name(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename).name


def test_after_migrating_every_permission_the_group_screen_offers_is_named_in_chinese():
    # The object and other permissions of 设置 › 用户组 (as wagtail.users' GroupForm
    # lists them) and the page permissions of its page permission panel.
    reverse("wagtailadmin_home")  # the admin's viewsets register their permissions with its URLs
    offered = [
        *GroupForm().fields["permissions"].queryset,
        *Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ),
    ]
    assert len(offered) > 60
    assert [p.name for p in offered if untranslated(p.name)] == []
    assert name("volunteers", "add_team") == "可以添加服务队"
    assert name("volunteers", "view_volunteer") == "可以查看志愿者"
    assert name("wagtailvideos", "change_tracklisting") == "可以修改视频字幕"
    assert name("wagtailcore", "publish_page") == "发布任意页面"  # Wagtail's own, translated
    assert name("wagtailimages", "choose_image") == "可以选择图片"  # declared in plain English
    assert name("wagtailadmin", "access_admin") == "可以进入管理后台"


def test_a_permission_django_creates_in_the_same_migrate_is_named_in_chinese_too():
    # A new model's permissions are made by Django's own post_migrate handler,
    # which runs after ours (core comes before django.contrib.auth).
    Permission.objects.filter(content_type__app_label="volunteers", codename="add_team").delete()
    migrate()
    assert name("volunteers", "add_team") == "可以添加服务队"


def test_a_model_given_a_new_name_gets_permissions_of_that_name_at_the_next_migrate(monkeypatch):
    monkeypatch.setattr(Team._meta, "verbose_name", "志愿服务队")
    migrate()
    assert name("volunteers", "change_team") == "可以修改志愿服务队"
    assert name("volunteers", "delete_team") == "可以删除志愿服务队"


def test_a_permission_named_in_english_again_is_renamed_and_keeps_its_groups(django_user_model):
    permission = Permission.objects.get(content_type__app_label="volunteers", codename="add_team")
    permission.name = "Can add team"
    permission.save()
    user = django_user_model.objects.create(phone="13800000001")
    user.user_permissions.add(permission)
    migrate()
    permission.refresh_from_db()
    assert permission.name == "可以添加服务队"
    assert user.user_permissions.get() == permission
