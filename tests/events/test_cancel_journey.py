"""A resident cancels on a 360 px phone, with confirmation: the first tap
only opens a second screen that says what will be lost (here: the event is
full and the place goes to the next person waiting), 返回 keeps the place,
确认取消 gives it up. The second screen is axe-clean in normal and 适老模式
and fits the screen."""

import datetime

import pytest
from django.urls import reverse

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
def confirmation_url(live_server):
    index = EventIndexPageFactory(parent=make_site_home())
    start = days_from_now(4, 9)
    event = make_event(
        index,
        title="社区大讲堂：防范电信网络诈骗",
        start=start,
        end=start + datetime.timedelta(hours=2),
        capacity=2,
        max_companions=1,
    )
    occurrence = event.occurrences.get()
    mine = services.register(occurrence, name="王桂兰", phone="13812345678", companions=1)
    services.register(occurrence, name="李建国", phone="13812345679")  # waiting
    return live_server.url + reverse("events:confirmation", args=[mine.code])


def test_a_resident_cancels_only_after_confirming_on_a_second_screen(tab, confirmation_url):
    tab.goto(confirmation_url)
    tab.get_by_role("link", name="取消报名").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "确定要取消报名吗？"
    loss = tab.inner_text(".confirm-loss")
    assert "还有 1 人在候补" in loss and "您的 2 个名额会马上让给候补的下一位居民" in loss
    problems = {}
    for mode in ("normal", "适老模式"):
        if mode != "normal":
            tab.get_by_role("button", name=mode).click()
        found, overflow = axe_violations(tab), horizontal_overflow(tab)
        if found or overflow > 0:
            problems[mode] = {"axe": found, "overflow": overflow}
    assert problems == {}
    button = tab.get_by_role("button", name="确认取消").bounding_box()
    assert button["width"] >= 300 and button["height"] >= 48  # big, hard to miss

    tab.get_by_role("link", name="返回，保留报名").click()  # changed her mind
    assert tab.get_by_role("heading", level=1).inner_text() == "报名成功"
    assert Registration.objects.get(name="王桂兰").status == "confirmed"

    tab.get_by_role("link", name="取消报名").click()
    tab.get_by_role("button", name="确认取消").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "报名已取消"
    assert Registration.objects.get(name="王桂兰").status == "cancelled"
    assert Registration.objects.get(name="李建国").status == "confirmed"
