"""Volunteers in a real browser on a 360 px phone: a resident registers as a
volunteer, a coordinator approves in the admin, the resident signs up for a
shift and sees it in 我的志愿服务; every public volunteer page is axe-clean
in normal and elder mode and fits the screen."""

import datetime
import re

import pytest
from django.urls import reverse

from core.models import CommunitySettings
from tests.a11y import axe_violations, horizontal_overflow
from tests.accounts.factories import PASSWORD
from tests.events.factories import EventIndexPageFactory, days_from_now
from tests.home.factories import make_site_home
from tests.volunteers.factories import (
    RecordFactory,
    VolunteerFactory,
    VolunteerIndexPageFactory,
    WishFactory,
    coordinator,
    make_activity,
)
from volunteers import services
from volunteers.models import ShiftSignup, Volunteer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COORDINATOR_PHONE = "13700000088"


@pytest.fixture
def site(live_server):
    home = make_site_home(intro="欢迎来到幸福里社区。")
    settings = CommunitySettings.for_site(home.get_site())
    settings.name = "幸福里社区"
    settings.save()
    events = EventIndexPageFactory(parent=home)
    section = VolunteerIndexPageFactory(parent=home, intro="<p>社区志愿服务站欢迎您加入。</p>")
    start = days_from_now(5, 8)
    activity = make_activity(
        events,
        title="重阳节敬老志愿服务",
        start=start,
        end=start + datetime.timedelta(hours=8),
        shifts=[
            {"title": "上午班", "start": start, "end": start + datetime.timedelta(hours=3)},
            {
                "title": "下午班",
                "start": start + datetime.timedelta(hours=5),
                "end": start + datetime.timedelta(hours=8),
                "skills": ["急救"],
            },
        ],
    )
    boss = coordinator(phone=COORDINATOR_PHONE, real_name="李协调", is_staff=True)
    veteran = VolunteerFactory(real_name="欧阳娜娜", show_on_leaderboard=True)
    for day in (3, 4):
        record = RecordFactory(
            volunteer=veteran, hours=4, date=datetime.date.today() - datetime.timedelta(days=day)
        )
        services.approve_record(record, boss)
    certificate = services.issue_certificate(
        veteran,
        veteran.user,
        datetime.date.today() - datetime.timedelta(days=30),
        datetime.date.today(),
        "幸福里社区居委会",
    )
    wish = WishFactory(decided_by=boss)
    base = live_server.url
    shift = activity.shifts.get(title="上午班")
    return {
        "base": base,
        "activity": activity,
        "section": section,
        "pages": {
            "section": f"{base}{section.url}",
            "home": f"{base}/",
            "leaderboard": f"{base}{section.url}leaderboard/",
            "wishes": f"{base}{section.url}wishes/",
            "wish": base + reverse("volunteers:wish", args=[wish.pk]),
            "wish form": base + reverse("volunteers:wish_new"),
            "activity": f"{base}{activity.url}",
            "shift": base + reverse("volunteers:shift", args=[shift.pk]),
            "register": base + reverse("volunteers:register"),
            "verify": base + reverse("volunteers:verify"),
            "verified": base + reverse("volunteers:verify") + f"?code={certificate.code}",
            "forged": base + reverse("volunteers:verify") + "?code=ABCD-EFGH-JKMN",
        },
    }


def _approve_in_the_admin(browser, base, name):
    """The coordinator, on a desktop, approves the waiting registration."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(base + reverse("volunteer_admin:workbench"))
        page.locator("#id_username").fill(COORDINATOR_PHONE)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#id_password").press("Enter")
        row = page.locator("tr", has_text=name)
        row.get_by_role("button", name="通过").click()
        page.get_by_text(f"已通过：{name}").wait_for()
        assert page.locator("tr", has_text=name).count() == 0
    finally:
        context.close()


def test_a_resident_registers_is_approved_signs_up_and_sees_the_shift(tab, browser, site):
    tab.goto(site["pages"]["section"])
    tab.get_by_role("link", name="登记成为志愿者").first.click()
    tab.get_by_label("真实姓名").fill("王桂兰")
    tab.get_by_label("手机号码").fill("138 1234 5678")
    tab.get_by_label("设置密码").fill("Xingfu-2026-wgl")
    tab.get_by_label("再次输入密码").fill("Xingfu-2026-wgl")
    tab.get_by_label("关爱老人").check()
    tab.get_by_label("周末").check()
    tab.get_by_role("button", name="提交登记").click()
    # Without the consent nothing is saved and nothing typed is lost.
    assert "请阅读并同意个人信息说明后再提交" in tab.inner_text("main")
    assert tab.get_by_label("真实姓名").input_value() == "王桂兰"
    assert tab.get_by_label("关爱老人").is_checked()
    assert not Volunteer.objects.filter(real_name="王桂兰").exists()
    tab.get_by_label("设置密码").fill("Xingfu-2026-wgl")
    tab.get_by_label("再次输入密码").fill("Xingfu-2026-wgl")
    tab.get_by_label("我已阅读并同意上面的个人信息说明").check()
    tab.get_by_role("button", name="提交登记").click()

    assert tab.get_by_role("heading", level=1).inner_text() == "我的志愿服务"
    assert "待审核" in tab.inner_text("main")
    assert horizontal_overflow(tab) <= 0

    _approve_in_the_admin(browser, site["base"], "王桂兰")
    tab.reload()
    assert "已通过" in tab.inner_text("main")

    tab.goto(site["pages"]["activity"])
    tab.wait_for_selector("[data-status-loaded]")
    # The afternoon shift needs first aid, which she did not tick.
    assert "这个班次需要以下技能：急救" in tab.inner_text(".occurrences")
    tab.get_by_role("button", name=re.compile(r"^报名这个班次\s*（上午班")).click()
    assert "报名成功" in tab.inner_text("main")
    assert "您已报名这个班次" in tab.inner_text("main")

    tab.goto(site["base"] + reverse("volunteers:me"))
    upcoming = tab.locator(".item", has_text="重阳节敬老志愿服务 · 上午班")
    assert upcoming.is_visible() and "已确认" in upcoming.inner_text()
    # Her own pages are axe-clean and fit the phone too.
    problems = {}
    for name in ("me", "my_shifts", "shifts", "records", "record_new", "certificates"):
        tab.goto(site["base"] + reverse(f"volunteers:{name}"))
        found, overflow = axe_violations(tab), horizontal_overflow(tab)
        if found or overflow > 0:
            problems[name] = {"axe": found, "overflow": overflow}
    assert problems == {}
    signup = ShiftSignup.objects.get(volunteer__real_name="王桂兰")
    assert signup.is_confirmed and signup.shift.title == "上午班"


def _switch(tab, label):
    tab.get_by_role("button", name=label).click()


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_every_public_volunteer_page_is_axe_clean_and_fits_a_phone(tab, site, mode):
    problems = {}
    for name, url in site["pages"].items():
        status = tab.goto(url).status
        if status != 200:
            problems[name] = {"status": status}
        if mode == "elder" and name == "section":
            _switch(tab, "适老模式")  # remembered for the following pages
            tab.reload()
        if name == "activity":
            tab.wait_for_selector("[data-status-loaded]")
        found = axe_violations(tab)
        overflow = horizontal_overflow(tab)
        if found or overflow > 0:
            problems[name] = {"axe": found, "overflow": overflow}
    assert problems == {}
    # The pages say what they should (and nothing private).
    tab.goto(site["pages"]["verified"])
    assert "证明有效" in tab.inner_text("main") and "欧**娜" in tab.inner_text("main")
    tab.goto(site["pages"]["forged"])
    assert "证明可能是伪造的" in tab.inner_text("main")
