"""Administrators erase a user's personal data from Wagtail's users admin
(one user, or several with the bulk action), with the same service as
我的数据 and only with the permission; and what a person showed on public
pages disappears from the page cache when they go."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts import personal_data, roles
from events.models import Registration
from learning.study.models import Member
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.personal_data import (
    RESIDENT_NAME,
    RESIDENT_PHONE,
    build_member,
    rows_mentioning,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def _user_admin(erase=False):
    """A staff user whose role may use the admin and delete users, and, if
    ``erase``, who holds the permission to erase personal data."""
    group, _ = Group.objects.get_or_create(name="用户管理")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="delete_user"),
    )
    user = UserFactory()
    user.groups.add(group)
    if erase:
        user.user_permissions.add(Permission.objects.get(codename="erase_personal_data"))
    return user


def _refused(response):
    """Wagtail answers a refused admin view with a redirect to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_an_administrator_erases_a_resident_from_the_users_admin(client, resident):
    administrator = UserFactory(is_superuser=True)
    # An earlier edit in the admin: Wagtail's history names the account.
    log(instance=resident["user"], action="wagtail.edit", user=administrator)
    assert "wagtailcore_modellogentry.label" in rows_mentioning(RESIDENT_NAME)
    client.force_login(administrator)
    url = reverse("wagtailusers_users:delete", args=[resident["user"].pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "注销账户并清除个人信息" in html
    assert "活动报名 2 条，其中未开始的 1 条" in html  # what is held
    assert "不具名保留" in html and "已认定的服务时长保留" in html  # what stays, and why

    response = client.post(url)

    assert response.status_code == 302
    assert not User.objects.filter(pk=resident["user"].pk).exists()
    assert Registration.objects.get(pk=resident["registration"].pk).status == "cancelled"
    assert Registration.objects.get(pk=resident["guest"].pk).status == "confirmed"
    assert rows_mentioning(RESIDENT_PHONE) == []
    assert rows_mentioning(RESIDENT_NAME) == []
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("个人信息已清除" in m for m in messages)
    # The admin's history says who erased an account, never whose it was.
    entry = ModelLogEntry.objects.get(action="wagtail.delete")
    assert (entry.label, entry.user_id) == ("已注销用户", administrator.pk)


def test_staff_accounts_are_erased_by_an_administrator(client, site):
    editor = UserFactory(roles=[roles.EDITORS], is_staff=True)
    member = build_member(site, user=editor)
    client.force_login(UserFactory(is_superuser=True))
    client.post(reverse("wagtailusers_users:delete", args=[editor.pk]))
    assert not User.objects.filter(pk=editor.pk).exists()
    assert Member.objects.get(pk=member["member"].pk).user is None


def test_deleting_users_needs_the_erase_permission(client, resident):
    client.force_login(_user_admin())
    url = reverse("wagtailusers_users:delete", args=[resident["user"].pk])
    assert _refused(client.get(url)) and _refused(client.post(url))
    assert User.objects.filter(pk=resident["user"].pk).exists()

    client.force_login(_user_admin(erase=True))
    assert client.post(url).status_code == 302
    assert not User.objects.filter(pk=resident["user"].pk).exists()


def test_only_a_superuser_erases_a_superuser(client):
    superuser = UserFactory(is_superuser=True)
    eraser = _user_admin(erase=True)
    with pytest.raises(personal_data.PersonalDataError, match="只有超级管理员"):
        personal_data.erase_account(superuser, eraser)
    client.force_login(eraser)
    url = reverse("wagtailusers_users:delete", args=[superuser.pk])
    assert _refused(client.post(url))
    assert User.objects.filter(pk=superuser.pk).exists()


def test_an_administrator_cannot_erase_themselves_in_the_admin(client):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    assert _refused(client.post(reverse("wagtailusers_users:delete", args=[admin.pk])))
    assert User.objects.filter(pk=admin.pk).exists()


def test_bulk_deleting_users_erases_each_one(client, site, resident):
    member = build_member(site)
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("wagtail_bulk_action", args=["accounts", "user", "delete"])
    query = f"?id={resident['user'].pk}&id={member['user'].pk}"
    page = client.get(url + query).content.decode()
    assert "注销并清除个人信息" in page and "已认定的服务时长保留" in page
    response = client.post(url + query)
    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[resident["user"].pk, member["user"].pk]).exists()
    assert rows_mentioning(RESIDENT_PHONE) == []
    assert Member.objects.get(pk=member["member"].pk).user is None


# --- Public pages ------------------------------------------------------------------------


def _anonymous_twice(client, url):
    """The page as an anonymous visitor sees it, the second time from the cache."""
    client.logout()
    client.cookies.clear()
    client.get(url)
    response = client.get(url)
    assert response.get("X-Page-Cache") == "hit"
    return response.content.decode()


def _delete(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:delete_account_confirm"), {"password": PASSWORD})
    assert response.status_code == 302


def test_an_approved_reflection_leaves_the_cached_session_page(
    client, site, django_capture_on_commit_callbacks
):
    member = build_member(site)
    url = member["held"].url
    assert "学习很有收获" in _anonymous_twice(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        _delete(client, member["user"])
    client.logout()
    html = client.get(url).content.decode()
    assert "学习很有收获" not in html


def test_the_leaderboard_forgets_a_volunteer_who_leaves(
    client, site, resident, django_capture_on_commit_callbacks
):
    url = site["volunteers"].url + "leaderboard/"
    assert "欧**娜" in _anonymous_twice(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        _delete(client, resident["user"])
    client.logout()
    assert "欧**娜" not in client.get(url).content.decode()
