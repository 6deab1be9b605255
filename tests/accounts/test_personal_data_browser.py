"""我的数据 in a real browser on a 360 px phone: a resident with an event
registration and volunteer records downloads her data, then deletes her
account through both screens; every page is axe-clean in normal and 适老模式
and fits the screen."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from events.models import Registration
from tests.a11y import axe_violations, horizontal_overflow
from tests.accounts.factories import PASSWORD
from tests.accounts.personal_data import RESIDENT_PHONE, build_resident, build_site
from tests.home.factories import make_site_home

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def journey(live_server):
    resident = build_resident(build_site(make_site_home()))
    return {"base": live_server.url, **resident}


def _problems_in_both_modes(tab):
    """axe-core and sideways scrolling, in normal mode and in 适老模式."""
    found = {}
    for mode in ("normal", "elder"):
        if mode == "elder":
            tab.get_by_role("button", name="适老模式").click()
        violations, overflow = axe_violations(tab), horizontal_overflow(tab)
        if violations or overflow > 0:
            found[mode] = {"axe": violations, "overflow": overflow}
    tab.get_by_role("button", name="适老模式").click()  # back to normal for the next page
    return found


def test_a_resident_downloads_her_data_and_deletes_her_account(tab, journey):
    tab.goto(journey["base"] + reverse("accounts:login"))
    tab.get_by_label("手机号码").fill(RESIDENT_PHONE)
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.get_by_role("link", name="我的数据：下载或注销账户").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "我的数据"
    assert "活动报名 2 条，其中未开始的 1 条" in tab.inner_text("main")
    problems = {"my data": _problems_in_both_modes(tab)}

    with tab.expect_download() as download:
        tab.get_by_role("link", name="下载我的全部数据（JSON 文件）").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["phone"] == RESIDENT_PHONE
    events = {r["event"] for r in data["event_registrations"]}
    assert events == {"社区大讲堂：防范电信诈骗", "往期讲座"}
    assert len(data["volunteer_service"]["service_records"]) == 3

    tab.get_by_role("link", name="了解注销会删除什么，并注销账户").click()
    assert "已认定的服务时长保留在一条不具名的记录上" in tab.inner_text("main")
    problems["what happens"] = _problems_in_both_modes(tab)
    tab.get_by_role("link", name="我已了解，下一步").click()
    problems["password"] = _problems_in_both_modes(tab)
    tab.get_by_label("请再输入一次登录密码").fill(PASSWORD)
    tab.get_by_role("button", name="永久注销我的账户").click()

    assert tab.get_by_role("heading", level=1).inner_text() == "账户已注销"
    problems["deleted"] = _problems_in_both_modes(tab)
    assert {page: found for page, found in problems.items() if found} == {}
    assert not get_user_model().objects.filter(phone=RESIDENT_PHONE).exists()
    registration = Registration.objects.get(pk=journey["registration"].pk)
    assert registration.status == "cancelled" and registration.phone == ""
