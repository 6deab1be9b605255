"""点播需求 in real browsers: a member asks on a 360 px phone, an
administrator makes it public in the admin, another member votes for it
(a plain form, no script), the administrator plans it and the asker reads
the answer on 我的点播需求. The member pages are axe-clean and fit a 360 px
screen in normal and elder mode, and the vote button works by keyboard."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from learning.viewing.models import ViewingRequest, Vote
from tests.a11y import axe_violations, horizontal_overflow
from tests.accounts.factories import PASSWORD, UserFactory
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home
from tests.study.factories import BranchFactory, MemberFactory, make_session
from tests.viewing.factories import ViewingRequestFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ASKER, VOTER, ADMIN = "13912340011", "13912340012", "13700000043"


@pytest.fixture
def site(live_server):
    home = make_site_home()
    index = EventIndexPageFactory(parent=home)
    branch = BranchFactory(name="幸福里小区党支部")
    for phone, name in ((ASKER, "李建国"), (VOTER, "王秀英")):
        user = UserFactory(phone=phone, real_name=name, email=f"{phone}@example.com")
        MemberFactory(branch=branch, name=name, phone=phone, user=user)
    UserFactory(phone=ADMIN, real_name="赵管理", roles=[roles.BRANCH_ADMINS], is_staff=True)
    start = timezone.now() + datetime.timedelta(days=5)
    session = make_session(
        index,
        [branch],
        title="远教学习会：垃圾分类",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    return {"base": live_server.url, "session": session}


def _log_in(page, phone):
    page.get_by_label("手机号码").fill(phone)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_a_member_asks_an_admin_publishes_another_votes_and_the_asker_reads_the_answer(
    tab, browser, site
):
    base = site["base"]
    tab.goto(base + reverse("viewing:demand"))
    _log_in(tab, ASKER)
    tab.get_by_role("link", name="提出点播需求").first.click()
    tab.get_by_label("课程分类").select_option(label="实用技术")
    tab.get_by_label("想看的内容").fill("垃圾分类怎么做")
    tab.get_by_label("说明（选填）").fill("小区下个月开始分类投放。")
    tab.get_by_role("button", name="提交").click()
    assert "等待远教管理员审核" in tab.inner_text("main")

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    admin = context.new_page()
    voter_context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    voter = voter_context.new_page()
    try:
        admin.goto(f"{base}/admin/")
        admin.locator("#id_username").fill(ADMIN)
        admin.locator("#id_password").fill(PASSWORD)
        admin.locator("#id_password").press("Enter")
        admin.get_by_role("button", name="远教站点").click()
        admin.get_by_role("link", name="点播需求").click()
        admin.get_by_role("link", name="垃圾分类怎么做").click()
        admin.get_by_role("button", name="公开", exact=True).click()
        admin.get_by_text("已公开。").wait_for()

        voter.goto(base + reverse("viewing:demand"))
        _log_in(voter, VOTER)
        button = voter.get_by_role("button", name=re.compile("我也想看.*垃圾分类怎么做"))
        button.focus()
        voter.keyboard.press("Enter")  # by keyboard alone
        voter.get_by_text("已投票：垃圾分类怎么做").wait_for()
        assert "2 票" in voter.inner_text("main")

        admin.get_by_label("计划安排").check()
        admin.get_by_label("安排的学习会").select_option(label=site["session"].title)
        admin.get_by_role("button", name="保存答复").click()
        admin.get_by_text("已答复").first.wait_for()
    finally:
        context.close()
        voter_context.close()
    item = ViewingRequest.objects.get()
    assert item.answer == "planned" and Vote.objects.filter(request=item).count() == 2

    tab.goto(base + reverse("viewing:demand_mine"))
    text = tab.inner_text("main")
    assert "计划安排" in text and "远教学习会：垃圾分类" in text


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_the_demand_pages_are_axe_clean_and_fit_a_phone(tab, site, mode):
    base = site["base"]
    asker = UserFactory._meta.model.objects.get(phone=ASKER)
    ViewingRequestFactory(title="老年人防诈骗", asked_by=asker)
    ViewingRequestFactory(title="冬季消防安全常识")
    ViewingRequestFactory(title="待审核的需求", asked_by=asker, status="pending")
    tab.goto(base + reverse("viewing:demand"))
    _log_in(tab, ASKER)
    if mode == "elder":
        tab.get_by_role("button", name="适老模式").click()
        tab.reload()
    problems = {}
    for name in ("viewing:demand", "viewing:demand_new", "viewing:demand_mine"):
        tab.goto(base + reverse(name))
        found, overflow = axe_violations(tab), horizontal_overflow(tab)
        if found or overflow > 0:
            problems[name] = {"axe": found, "overflow": overflow}
    # The form with its errors shown.
    tab.goto(base + reverse("viewing:demand_new"))
    tab.get_by_role("button", name="提交").click()
    found, overflow = axe_violations(tab), horizontal_overflow(tab)
    if found or overflow > 0:
        problems["form errors"] = {"axe": found, "overflow": overflow}
    assert problems == {}
