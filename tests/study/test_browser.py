"""Study sessions in a real browser on a 360 px phone: a member scans the
session's QR code, logs in and is checked in; a branch administrator takes
the roll call of their own branch only (axe-clean); the member's pages are
axe-clean in normal and elder mode."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from learning.study import services
from learning.study.models import Attendance
from tests.a11y import axe_violations, horizontal_overflow
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home
from tests.study.factories import BranchFactory, MemberFactory, make_session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server):
    home = make_site_home()
    index = EventIndexPageFactory(parent=home)
    branch = BranchFactory(name="幸福里小区党支部")
    MemberFactory.create_batch(8, branch=branch)
    user = UserFactory(phone="13912340001", real_name="李建国")
    MemberFactory(branch=branch, name="李建国", phone="13912340001", user=user)
    now = timezone.now()
    session = make_session(
        index,
        [branch],
        title="远教学习会：基层治理",
        start=now - datetime.timedelta(minutes=10),
        end=now + datetime.timedelta(hours=2),
    )
    library = CourseIndexPageFactory(parent=home)
    session.courses.add(CoursePageFactory(parent=library, title="基层治理的十个案例"))
    session.save_revision().publish()
    code = services.check_in_code(session)
    base = live_server.url
    return {
        "base": base,
        "session": session,
        "user": user,
        "check_in": base + reverse("study:check_in", args=[session.pk, code]),
        "calendar": base + index.url + "calendar/",
    }


def _log_in(tab, phone, password=PASSWORD):
    tab.get_by_label("手机号码").fill(phone)
    tab.get_by_label("密码").fill(password)
    tab.get_by_role("button", name="登录").click()


def test_a_member_scans_the_code_logs_in_and_is_checked_in(tab, site):
    tab.goto(site["check_in"])
    _log_in(tab, "13912340001")
    tab.get_by_role("button", name="确认签到").click()
    assert "签到成功" in tab.inner_text("h1")
    row = Attendance.objects.get(member__phone="13912340001")
    assert (row.status, row.mode) == ("present", "onsite")


def test_a_branch_administrator_takes_their_branchs_roll_on_a_phone(phone, site):
    """The session is for two branches; the administrator of 幸福里 sees and
    saves only their own members, with words (not codes) in the change log,
    a labelled print button, and no axe violation in the page's content."""
    session = site["session"]
    other = BranchFactory(name="和平街小区党支部")
    MemberFactory(branch=other, name="赵外支")
    session.branches.add(other)
    session.save_revision().publish()
    admin = UserFactory(phone="13700000042", roles=[roles.BRANCH_ADMINS])
    session.branches.get(name="幸福里小区党支部").administrators.add(admin)
    phone.goto(site["base"] + reverse("study_admin:roll", args=[session.pk]))
    phone.locator("#id_username").fill("13700000042")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("button[type=submit]").click()
    phone.get_by_label("李建国 出勤").wait_for(state="visible")  # the roll, after logging in
    assert phone.get_by_text("赵外支").count() == 0
    # The print button's label is visible: its icon is icon-sized and does
    # not cover the words (it once took the SVG default of 300 × 150 px).
    print_button = phone.get_by_role("link", name="打印点名册")
    icon = print_button.locator("svg").bounding_box()
    assert icon["width"] <= 24 and icon["height"] <= 24, icon
    assert print_button.evaluate(
        """(link) => {
            const label = link.querySelector(".study-actions__label");
            const box = label.getBoundingClientRect();
            const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return box.width > 40 && label.contains(hit);
        }"""
    )
    phone.get_by_label("李建国 出勤").select_option("absent")
    assert phone.get_by_label("李建国 方式").input_value() == ""  # nobody there, no mode
    phone.get_by_role("button", name="保存点名册").click()
    phone.wait_for_selector("text=点名册已保存")
    assert Attendance.objects.filter(session=session).count() == 9  # not 赵外支
    row = Attendance.objects.get(member__phone="13912340001")
    assert (row.status, row.mode) == ("absent", "")
    log = phone.locator("table", has_text="操作人").inner_text()
    assert "（新记录） → 缺席" in log and "（新记录） → 出席 · 现场" in log
    assert "onsite" not in log and "absent" not in log
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_the_members_pages_are_axe_clean_and_fit_a_phone(tab, site, mode):
    base, session = site["base"], site["session"]
    tab.goto(base + session.url)
    if mode == "elder":
        tab.get_by_role("button", name="适老模式").click()
        tab.reload()
    problems = {}
    pages = {
        "home (直播预告)": base + "/",
        "month calendar (直播预告)": site["calendar"],
        "session": base + session.url,
        "login": site["check_in"],
    }
    for name, url in pages.items():
        tab.goto(url)
        found, overflow = axe_violations(tab), horizontal_overflow(tab)
        if found or overflow > 0:
            problems[name] = {"axe": found, "overflow": overflow}
    _log_in(tab, "13912340001")
    signed_in = {
        "check_in": site["check_in"],
        "leave": base + reverse("study:leave", args=[session.pk]),
        "reflection": base + reverse("study:reflection", args=[session.pk]),
        "mine": base + reverse("study:mine"),
    }
    for name, url in signed_in.items():
        tab.goto(url)
        found, overflow = axe_violations(tab), horizontal_overflow(tab)
        if found or overflow > 0:
            problems[name] = {"axe": found, "overflow": overflow}
    assert problems == {}
