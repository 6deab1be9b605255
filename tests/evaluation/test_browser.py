"""On a 360 px phone: a member opens 我的民主评议, goes to the ballot,
submits it with one choice missing (the other choices are kept), completes
it and is told the vote is secret and counted once. The ballot page fits
360 px in every display mode and text size, works by keyboard and is
axe-clean."""

import pytest
from django.urls import reverse

from learning.evaluation.models import Tally, Voted
from tests.a11y import MODES, TEXT_SIZES, apply_display, axe_violations, horizontal_overflow
from tests.accounts.factories import PASSWORD, UserFactory
from tests.evaluation.factories import round_at
from tests.home.factories import make_site_home
from tests.study.factories import BranchFactory, MemberFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_member_casts_a_secret_ballot_on_a_phone(live_server, tab):
    from accounts import roles

    make_site_home()
    branch = BranchFactory(name="幸福里小区党支部")
    voter = MemberFactory(branch=branch, name="张红", phone="13912340077")
    voter.user = UserFactory(phone=voter.phone)
    voter.save()
    others = [MemberFactory(branch=branch, name=n) for n in ("李明", "王芳")]
    round_ = round_at("ballot", actor=UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS]))
    base = live_server.url
    tab.goto(base + reverse("evaluation:mine"))
    tab.get_by_label("手机号码").fill(voter.phone)
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.get_by_role("link", name="去投票").click()
    for mode in MODES:
        for size in TEXT_SIZES:
            apply_display(tab, mode, size)
            assert horizontal_overflow(tab) <= 0, (mode, size)
    apply_display(tab, "normal", None)
    assert axe_violations(tab) == []
    # By keyboard: the first choice of 李明 (优秀) with Space.
    tab.get_by_role("group", name="李明").get_by_label("优秀").focus()
    tab.keyboard.press("Space")
    tab.get_by_role("button", name="提交投票").click()
    assert "请为王芳选择评价" in tab.inner_text("main")
    assert tab.get_by_role("group", name="李明").get_by_label("优秀").is_checked()
    tab.get_by_role("group", name="王芳").get_by_label("合格", exact=True).check()
    tab.get_by_role("button", name="提交投票").click()
    assert "投票成功" in tab.inner_text("body")
    assert "您已投票" in tab.inner_text("main")
    assert Voted.objects.filter(round=round_, member=voter).count() == 1
    tallies = {t.member_id: (t.excellent, t.qualified) for t in Tally.objects.filter(round=round_)}
    assert tallies[others[0].pk] == (1, 0) and tallies[others[1].pk] == (0, 1)


def overview_in_assessment(live_server, tab):
    """A community administrator on the 民主评议 overview of a round in
    组织评定, with three members in one branch."""
    from accounts import roles

    make_site_home()
    branch = BranchFactory(name="幸福里小区党支部")
    for name in ("张红", "李明", "王芳"):
        MemberFactory(branch=branch, name=name)
    admin = UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS])
    round_at("assessment", actor=admin)
    tab.goto(f"{live_server.url}/accounts/login/?next=/admin/")
    tab.get_by_label("手机号码").fill(admin.phone)
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url("**/admin/")
    tab.goto(live_server.url + reverse("evaluation_admin:overview") + "?year=2025")


def test_the_member_list_with_each_members_year_fits_a_phone(live_server, tab):
    """组织评定 on a 360 px phone: the list, with the year column, scrolls in
    its own box and the page stays as wide as the screen."""
    overview_in_assessment(live_server, tab)
    assert "2025年情况" in tab.inner_text("main")
    assert "学时 / 目标" in tab.inner_text("main")
    # The admin's layout clips what is wider than the screen, so a table too
    # wide for 360 px must sit in a box of its own that scrolls sideways.
    cut_off = """() => [...document.querySelectorAll('main table')].filter(t =>
        t.getBoundingClientRect().right > window.innerWidth
        && !['auto', 'scroll'].includes(getComputedStyle(t.parentElement).overflowX)
    ).length"""
    for mode in ("normal", "elder"):
        apply_display(tab, mode, None)
        assert horizontal_overflow(tab) <= 0, mode
        assert tab.evaluate(cut_off) == 0, mode


def test_a_committee_grades_a_whole_branch_by_keyboard_on_a_phone(live_server, tab):
    """组织评定（按支部） from the overview on a 360 px phone: the table scrolls
    in its own box, each select is named for its member, and the keyboard
    alone sets a grade and saves."""
    from learning.evaluation.models import Participation

    overview_in_assessment(live_server, tab)
    tab.get_by_role("link", name="组织评定（按支部）").click()
    assert "学时 / 目标" in tab.inner_text("main")
    for mode in ("normal", "elder"):
        apply_display(tab, mode, None)
        assert horizontal_overflow(tab) <= 0, mode
    apply_display(tab, "normal", None)
    assert axe_violations(tab) == []
    tab.get_by_label("李明的评定等次").focus()
    # （未评定） → 优秀 → 合格 (3 taking part at 20 %: no place for 优秀).
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    tab.get_by_role("button", name="保存本支部的评定等次").focus()
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert "已保存 1 名党员的评定等次" in tab.inner_text("body")
    assert Participation.objects.get(member__name="李明").grade == "qualified"
