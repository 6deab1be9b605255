"""The admin menu: each of our apps has its own place in the sidebar, in a
fixed order (活动报名, 课程分类, 学习会, 志愿服务, 志愿者资料), never two
entries sharing a position (their order then depended on import order)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

OURS = ["活动报名", "课程分类", "学习会", "志愿服务", "志愿者资料"]


def test_each_app_has_its_own_place_in_the_admin_menu():
    # Loading the admin's URLs registers the viewsets' menu entries.
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = UserFactory(is_superuser=True, is_staff=True)
    items = admin_menu.menu_items_for_request(request)
    orders = {str(item.label): item.order for item in items if str(item.label) in OURS}
    assert sorted(orders, key=orders.get) == OURS
    assert len(set(orders.values())) == len(OURS)
