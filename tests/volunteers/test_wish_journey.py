"""The coordinator's journey for a micro-wish, in real browsers: a resident
posts a wish from the public site on a 360 px phone, a coordinator publishes
it on 志愿服务 › 工作台 by clicking the real 公布 button (the button that once
ended in 对不起，你没有权限访问), and it appears on the public wish list."""

import pytest

from tests.accounts.factories import PASSWORD
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home
from tests.volunteers.factories import VolunteerIndexPageFactory, coordinator
from volunteers.models import Wish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COORDINATOR_PHONE = "13700000077"


@pytest.fixture
def section(live_server):
    home = make_site_home()
    EventIndexPageFactory(parent=home)
    section = VolunteerIndexPageFactory(parent=home)
    coordinator(phone=COORDINATOR_PHONE, real_name="李协调", is_staff=True)
    return live_server.url, section


def test_a_residents_wish_is_published_by_a_coordinator_and_listed(tab, browser, section):
    base, page = section
    tab.goto(f"{base}{page.url}wishes/")
    tab.get_by_role("link", name="提交一个微心愿").click()
    tab.get_by_label("心愿").fill("帮独居老人修理漏水的水龙头")
    tab.get_by_label("详细说明").fill("5号楼的赵奶奶家厨房水龙头一直滴水，她自己修不了。")
    tab.get_by_label("受助人称呼").fill("赵奶奶")
    tab.get_by_label("地点（小区、楼栋）").fill("幸福里小区5号楼")
    tab.get_by_label("联系人").fill("赵建华")
    tab.get_by_label("联系电话").fill("137 0000 2222")
    tab.get_by_role("button", name="提交").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "已提交"
    assert Wish.objects.get().status == "pending"

    # The coordinator, on a desktop, opens 志愿服务 › 工作台 from the admin menu.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    admin = context.new_page()
    try:
        admin.goto(f"{base}/admin/")
        admin.locator("#id_username").fill(COORDINATOR_PHONE)
        admin.locator("#id_password").fill(PASSWORD)
        admin.locator("#id_password").press("Enter")
        admin.get_by_role("button", name="志愿服务").click()
        admin.get_by_role("link", name="工作台").click()
        admin.get_by_role("link", name="微心愿（1）").click()
        row = admin.locator("tr", has_text="帮独居老人修理漏水的水龙头")
        row.get_by_role("button", name="公布").click()
        admin.get_by_text("已通过：").wait_for()
        assert "没有权限" not in admin.inner_text("body")
    finally:
        context.close()
    assert Wish.objects.get().status == "open"

    tab.goto(f"{base}{page.url}wishes/")
    listed = tab.locator(".item", has_text="帮独居老人修理漏水的水龙头")
    assert listed.is_visible() and "赵*奶" in listed.inner_text()
