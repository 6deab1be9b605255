"""The admin menu: each of our apps has one place in the sidebar, in a
fixed order (活动报名, 课程分类, 学习会, 组织生活, 民主评议, 远教站点, 志愿服务), never two entries sharing
a position (their order then depended on import order), and each entry is
shown only to those who may open it."""

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

OURS = ["活动报名", "课程分类", "学习会", "组织生活", "民主评议", "远教站点", "志愿服务"]


def menu_for(user):
    # Loading the admin's URLs registers the viewsets' menu entries.
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return {str(item.label): item for item in admin_menu.menu_items_for_request(request)}


def staff_with(*codenames):
    user = UserFactory()
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    return user


def submenu_labels(item, user):
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return [str(entry.label) for entry in item.menu.menu_items_for_request(request)]


def test_each_app_has_its_own_place_in_the_admin_menu():
    items = menu_for(UserFactory(is_superuser=True, is_staff=True))
    orders = {label: item.order for label, item in items.items() if label in OURS}
    assert sorted(orders, key=orders.get) == OURS
    assert len(set(orders.values())) == len(OURS)


def test_a_user_sees_only_the_screens_their_permissions_open():
    assert not set(OURS) & set(menu_for(staff_with()))

    coordinator = staff_with("coordinate_volunteers")
    items = menu_for(coordinator)
    assert "志愿服务" in items and "学习会" not in items
    assert submenu_labels(items["志愿服务"], coordinator) == ["工作台", "班次名单", "时长统计"]

    ledger_keeper = staff_with("view_attendance")
    items = menu_for(ledger_keeper)
    assert set(OURS) & set(items) == {"学习会"}
    assert submenu_labels(items["学习会"], ledger_keeper) == ["学习台账", "学时未达标"]
