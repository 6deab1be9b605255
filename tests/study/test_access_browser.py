"""On a 360 px phone: the branch administrator imports members and prints
their activation slips in the admin; an impostor who registered as a
volunteer with a member's number sees nothing of the member's record and
cannot check in; the member opens the slip's URL, sets a password, lands
logged in and sees their study sessions, checks in by QR code; the
secretary sees the session as not yet called on the ledger, saves the roll
from there and reads the figures. The activation page is axe-clean in normal
and elder mode."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from learning.study import services
from learning.study.models import Attendance, Member
from tests.a11y import axe_violations, horizontal_overflow
from tests.accounts.factories import PASSWORD, UserFactory
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home
from tests.study.factories import BranchFactory, make_session
from tests.volunteers.factories import VolunteerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
MEMBER_PHONE = "13912340001"
NEW_PASSWORD = "wo-de-mi-ma-2026"


@pytest.fixture
def site(live_server):
    home = make_site_home()
    index = EventIndexPageFactory(parent=home)
    branch = BranchFactory(name="幸福里小区党支部")
    now = timezone.now()
    session = make_session(
        index,
        [branch],
        title="远教学习会：基层治理",
        start=now - datetime.timedelta(minutes=10),
        end=now + datetime.timedelta(hours=2),
    )
    impostor = VolunteerFactory(user=UserFactory(phone=MEMBER_PHONE, real_name="冒名者")).user
    secretary = UserFactory(phone="13700000042", roles=[roles.BRANCH_ADMINS])
    branch.administrators.add(secretary)
    base = live_server.url
    # What make run does: the site's address (slips, QR codes) is where it is served.
    call_command("set_site_url", base, stdout=io.StringIO())
    return {
        "base": base,
        "session": session,
        "impostor": impostor,
        "check_in": base
        + reverse("study:check_in", args=[session.pk, services.check_in_code(session)]),
    }


def _log_in(page, phone, password=PASSWORD):
    page.get_by_label("手机号码").fill(phone)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_an_imported_member_gets_in_with_a_slip_and_an_impostor_gets_nothing(browser, tab, site):
    base = site["base"]
    # The impostor (a volunteer registered with the member's number) tries first.
    impostor = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    itab = impostor.new_page()
    itab.goto(site["check_in"])
    _log_in(itab, MEMBER_PHONE)
    itab.get_by_role("button", name="确认签到").click()
    assert "还没有关联党员登记" in itab.inner_text("main")
    itab.goto(base + reverse("study:mine"))
    assert "还没有关联党员登记" in itab.inner_text("main")
    assert "基层治理" not in itab.inner_text("main")
    assert not Attendance.objects.exists()

    # The branch administrator imports the branch's list and prints the slips.
    admin = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    phone = admin.new_page()
    phone.goto(base + reverse("study_admin:import"))
    phone.locator("#id_username").fill("13700000042")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("button[type=submit]").click()
    csv = f"姓名,手机号码,支部,网格,状态\n李建国,{MEMBER_PHONE},幸福里小区党支部,,\n王秀兰,13912340002,幸福里小区党支部,,行动不便\n"
    phone.locator("#id_file").set_input_files(
        files=[{"name": "members.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    phone.get_by_role("button", name="检查并导入").click()
    phone.get_by_text("刚导入了 2 名党员").wait_for()
    phone.get_by_role("button", name="为刚导入且未开通的党员全部打印激活码").click()
    slip = phone.locator("section.slip", has_text="李建国")
    assert slip.locator("svg").count() == 1
    slip_url = "http://" + slip.locator(".slip__url").inner_text().strip()
    assert slip.locator(".slip__code").inner_text().strip().replace("-", "") in slip_url.replace(
        "-", ""
    )

    # The member opens the slip on a phone: axe-clean in normal and elder mode.
    tab.goto(slip_url)
    assert "李*国" in tab.inner_text("main") and "139****0001" in tab.inner_text("main")
    problems = {}
    for mode in ("normal", "elder"):
        if mode == "elder":
            tab.get_by_role("button", name="适老模式").click()
            tab.reload()
        found, overflow = axe_violations(tab), horizontal_overflow(tab)
        if found or overflow > 0:
            problems[mode] = {"axe": found, "overflow": overflow}
    assert problems == {}
    tab.get_by_label("设置密码").fill(NEW_PASSWORD)
    tab.get_by_label("再次输入密码").fill(NEW_PASSWORD)
    tab.get_by_role("button", name="设置密码并登录").click()
    tab.get_by_text("激活成功").wait_for()
    tab.get_by_role("link", name="我的学习会").click()
    main = tab.inner_text("main")
    assert "幸福里小区党支部" in main and "远教学习会：基层治理" in main
    member = Member.objects.get(phone=MEMBER_PHONE)
    assert member.user_id == site["impostor"].pk  # the number's account, now the member's
    # The impostor's session ended when the member set the password.
    itab.goto(base + reverse("study:mine"))
    assert "/accounts/login/" in itab.url
    impostor.close()

    # The member, now in the room, scans the session's QR code.
    tab.goto(site["check_in"])
    tab.get_by_role("button", name="确认签到").click()
    tab.get_by_text("签到成功").wait_for()

    # The secretary's ledger: a session under way whose roll is not saved is
    # listed as 未点名 with who checked in, and counts in no figure yet.
    phone.goto(base + reverse("study_admin:ledger"))
    pending = phone.locator("li", has_text="远教学习会：基层治理").inner_text()
    assert "应参加 2 人，已签到 1 人" in pending
    row = phone.locator("tbody tr", has_text="幸福里小区党支部")
    assert _cells(row)[:3] == ["0", "0", "0"] and _cells(row)[-2:] == ["—", "1"]

    # From there to the roll: 李建国 is present from his check-in; 王秀兰
    # (行动不便) was visited at home. The roll is saved.
    phone.locator("li", has_text="远教学习会：基层治理").get_by_role("link").click()
    assert phone.get_by_label("李建国 出勤").input_value() == "present"
    phone.get_by_label("王秀兰 出勤").select_option("present")
    phone.get_by_label("王秀兰 方式").select_option("home")
    phone.get_by_role("button", name="保存点名册").click()
    phone.wait_for_selector("text=点名册已保存")

    # The ledger now counts the session, pinned against a hand count:
    # 1 session, 2 invited, 2 present (1 on site, 1 at home), 100.0 %.
    phone.goto(base + reverse("study_admin:ledger"))
    assert phone.get_by_text("还没有保存点名册").count() == 0
    row = phone.locator("tbody tr", has_text="幸福里小区党支部")
    assert _cells(row) == ["1", "2", "2", "0", "0", "0", "1", "0", "1", "0", "2", "100.0%", "0"]
    assert axe_violations(phone) == [] and horizontal_overflow(phone) == 0
    admin.close()


def _cells(row):
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]
