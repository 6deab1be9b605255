"""An administrator keeps the equipment book on a 360 px phone: records a
run, reports a fault and its repair, and sees them in the book (axe-clean,
nothing wider than the screen)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from learning.viewing.models import AssetState, Fault, Run
from tests.a11y import axe_violations, horizontal_overflow
from tests.accounts.factories import PASSWORD, UserFactory
from tests.viewing.factories import AssetFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def typed(delta):
    return timezone.localtime(timezone.now() - delta).strftime("%Y-%m-%dT%H:%M")


def check_page(phone):
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0


def test_an_administrator_keeps_the_book_on_a_phone(phone, live_server):
    UserFactory(phone="13700000043", roles=[roles.BRANCH_ADMINS])
    asset = AssetFactory(name="投影仪", model_number="CB-X06")

    phone.goto(live_server.url + reverse("viewing_equipment:run_new"))
    phone.locator("#id_username").fill("13700000043")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("button[type=submit]").click()
    phone.locator("#id_purpose").wait_for(state="visible")
    check_page(phone)
    phone.locator("#id_started_at").fill(typed(datetime.timedelta(hours=2)))
    phone.locator("#id_ended_at").fill(typed(datetime.timedelta(hours=1)))
    phone.locator("#id_purpose").fill("电视教学：党员冬训")
    phone.locator("#id_mode").select_option("tv")
    phone.get_by_role("button", name="保存").click()
    phone.wait_for_selector("text=运行记录已保存")
    assert Run.objects.get().purpose == "电视教学：党员冬训"
    assert "电视教学：党员冬训" in phone.locator("main").inner_text()
    check_page(phone)

    phone.goto(live_server.url + reverse("viewing_equipment:fault_new", args=[asset.pk]))
    phone.locator("#id_reported_at").fill(typed(datetime.timedelta(days=2)))
    phone.locator("#id_description").fill("开机无画面")
    phone.get_by_role("button", name="保存").click()
    phone.wait_for_selector("text=故障已登记")
    check_page(phone)
    phone.locator("#id_repaired_at").fill(typed(datetime.timedelta(hours=3)))
    phone.locator("#id_repairer").fill("张师傅")
    phone.get_by_role("button", name="登记修复").click()
    phone.wait_for_selector("text=已登记修复")
    assert "1天21小时" in phone.locator("main").inner_text()
    fault = Fault.objects.get()
    asset.refresh_from_db()
    assert fault.cost == 0 and asset.state == AssetState.NORMAL

    phone.goto(live_server.url + reverse("viewing_equipment:assets"))
    assert "正常" in phone.locator("main").inner_text()
    check_page(phone)
