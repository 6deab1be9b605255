"""Events in a real browser on a 360 px phone: a resident registers for a
public event and sees the confirmation with its QR code; every public event
page is axe-clean in normal and elder mode and fits the screen."""

import datetime

import pytest
from django.urls import reverse

from core.models import CommunitySettings
from events import services
from events.models import Registration
from tests.a11y import axe_violations, horizontal_overflow
from tests.events.factories import EventIndexPageFactory, days_from_now, make_event
from tests.home.factories import make_site_home

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server):
    home = make_site_home(intro="欢迎来到幸福里社区。")
    settings = CommunitySettings.for_site(home.get_site())
    settings.name = "幸福里社区"
    settings.save()
    index = EventIndexPageFactory(parent=home, intro="<p>社区大讲堂、文体活动和志愿服务。</p>")
    start = days_from_now(4, 9)
    lecture = make_event(
        index,
        title="社区大讲堂：防范电信网络诈骗",
        summary="民警讲解常见骗局的识别与防范。",
        start=start,
        end=start + datetime.timedelta(hours=2),
        capacity=30,
        max_companions=1,
        body=[{"type": "paragraph", "value": "<p>欢迎老年朋友在家属陪同下参加。</p>"}],
    )
    clinic_start = days_from_now(2, 8)
    clinic = make_event(
        index,
        title="每月义诊",
        kind="service",
        start=clinic_start,
        end=clinic_start + datetime.timedelta(hours=3),
        repeat="monthly_day",
        repeat_count=6,
        capacity=2,
    )
    make_event(index, title="广场舞展演", kind="culture", registration_enabled=False, capacity=None)
    occurrence = clinic.occurrences.order_by("start").first()
    services.register(occurrence, name="张秀英", phone="13800000001", companions=1)
    waiting = services.register(occurrence, name="李建国", phone="13800000002")
    confirmed = Registration.objects.get(phone="13800000001")
    base = live_server.url
    return {
        "base": base,
        "lecture": lecture,
        "pages": {
            "list": f"{base}{index.url}",
            "calendar": f"{base}{index.url}calendar/?month={start:%Y-%m}",
            "past": f"{base}{index.url}past/",
            "event": f"{base}{lecture.url}",
            "repeating": f"{base}{clinic.url}",
            "register": base + reverse("events:register", args=[occurrence.pk]),
            "confirmation": base + reverse("events:confirmation", args=[confirmed.code]),
            "waiting": base + reverse("events:confirmation", args=[waiting.code]),
        },
    }


def test_a_resident_registers_on_a_phone_and_sees_the_qr_code(tab, site):
    tab.goto(site["pages"]["list"])
    tab.get_by_role("link", name="社区大讲堂：防范电信网络诈骗").click()
    # The live status replaces the plain link once loaded.
    tab.wait_for_selector("[data-status-loaded]")
    assert "剩余 30 个名额（共 30 个）" in tab.inner_text(".occurrences")
    # By keyboard: Tab to the registration link and press Enter.
    for _ in range(60):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.textContent.trim()").startswith("报名"):
            break
    else:
        pytest.fail("the registration link cannot be reached with Tab")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/registrations/occurrence/**")

    tab.get_by_label("姓名").fill("王桂兰")
    tab.get_by_label("手机号码").fill("138 1234 56")  # one digit short
    tab.get_by_label("同行人数").select_option(label="1 人")
    tab.get_by_role("button", name="提交报名").click()
    assert "请输入正确的 11 位中国大陆手机号码" in tab.inner_text("main")
    assert tab.get_by_label("姓名").input_value() == "王桂兰"  # nothing typed is lost
    assert tab.get_by_label("同行人数").input_value() == "1"

    tab.get_by_label("手机号码").fill("138 1234 5678")
    tab.get_by_role("button", name="提交报名").click()

    assert tab.get_by_role("heading", level=1).inner_text() == "报名成功"
    qr = tab.get_by_role("img", name="签到二维码：请在活动现场出示给工作人员扫描")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 150 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert "138****5678" in tab.inner_text("main")
    assert horizontal_overflow(tab) <= 0
    registration = Registration.objects.get(phone="13812345678")
    assert registration.is_confirmed and registration.places == 2
    assert registration.code in tab.url


def _switch(tab, label):
    tab.get_by_role("button", name=label).click()


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_every_public_event_page_is_axe_clean_and_fits_a_phone(tab, site, mode):
    problems = {}
    for name, url in site["pages"].items():
        tab.goto(url)
        if mode == "elder" and name == "list":
            _switch(tab, "适老模式")  # remembered for the following pages
            tab.reload()
        if name in ("event", "repeating"):
            tab.wait_for_selector("[data-status-loaded]")
        found = axe_violations(tab)
        overflow = horizontal_overflow(tab)
        if found or overflow > 0:
            problems[name] = {"axe": found, "overflow": overflow}
    assert problems == {}
