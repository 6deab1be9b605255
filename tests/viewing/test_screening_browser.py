"""放映 in a real browser, worked with the keyboard alone: the start screen
(axe-clean, fits 360 px), Enter to start, the first course plays to its end
with its subtitles showing, the next course is skipped to with the arrow
keys, a wrong 点播本 number is explained and a right one played, and the
end is recorded with a run in the book."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from learning.viewing.models import Run, Screening
from tests.a11y import (
    LARGEST_SIZE,
    apply_display,
    axe_violations,
    horizontal_overflow,
    layout_problems,
)
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses.conftest import make_clip
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.courses.test_browser import _wait_until
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home
from tests.study.factories import BranchFactory, MemberFactory, make_session
from tests.viewing.factories import attend, course_video

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUBTITLES = "WEBVTT\n\n00:00.000 --> 00:03.000\n同志们好！\n"
VIDEO = "document.getElementById('screening-video')"


@pytest.fixture
def room(live_server, tmp_path):
    home = make_site_home()
    index = EventIndexPageFactory(parent=home)
    library = CourseIndexPageFactory(parent=home)
    branch = BranchFactory(name="幸福里小区党支部")
    clip = make_clip(tmp_path)

    def course(title, **fields):
        video = course_video(clip, title)
        video.refresh_from_db()
        return CoursePageFactory(
            parent=library, title=title, video=video, duration=video.duration, **fields
        )

    first = course("党章学习第一讲", subtitle=ContentFile(SUBTITLES.encode(), name="zh.vtt"))
    second = course("党章学习第二讲")
    picked = course("红色家风故事")
    now = timezone.now()
    session = make_session(
        index,
        [branch],
        title="十二月远教学习会",
        start=now - datetime.timedelta(minutes=10),
        end=now + datetime.timedelta(hours=2),
    )
    session.courses.set([first, second])
    session.save_revision().publish()
    admin = UserFactory(phone="13700000077", roles=[roles.BRANCH_ADMINS])
    branch.administrators.add(admin)
    return {
        "url": live_server.url + reverse("viewing_screening:play", args=[session.pk]),
        "session": session,
        "courses": (first, second, picked),
        "admin": admin,
        "branch": branch,
        "base": live_server.url,
    }


def _status(tab):
    return tab.locator("[data-status]").inner_text()


def _focused(tab):
    return tab.evaluate("document.activeElement.textContent.trim()")


def test_an_administrator_screens_a_session_with_the_keyboard_alone(tab, room):
    first, second, picked = room["courses"]
    tab.goto(room["url"])
    tab.locator("#id_username").fill("13700000077")
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("button[type=submit]").click()

    # The start screen: the session in very large type, fits a phone.
    tab.get_by_role("heading", name="十二月远教学习会").wait_for()
    assert "幸福里小区党支部" in tab.inner_text("#start-screen")
    assert _focused(tab) == "开始放映"
    assert axe_violations(tab) == []
    assert horizontal_overflow(tab) == 0
    tab.keyboard.press("ArrowRight")
    assert _focused(tab) == "按编号点播"
    tab.keyboard.press("ArrowLeft")

    # Enter: the first course plays, its Chinese subtitles showing.
    tab.keyboard.press("Enter")
    tab.locator("#play-screen").wait_for(state="visible")
    assert "党章学习第一讲" in _status(tab)
    _wait_until(tab, f"{VIDEO}.textTracks.length === 1 && {VIDEO}.currentTime > 0")
    assert tab.evaluate(f"{VIDEO}.textTracks[0].mode") == "showing"
    # It plays to its end; the second follows by itself.
    _wait_until(tab, "document.querySelector('[data-status]').textContent.includes('（2/2）')")

    # The arrow keys reach 下一课程: the second course is left early.
    assert _focused(tab) == "暂停"
    tab.keyboard.press("ArrowRight")
    assert _focused(tab) == "下一课程"
    tab.keyboard.press("Enter")
    _wait_until(tab, "document.activeElement.textContent.trim() === '结束放映'")
    assert "全部放映完" in _status(tab)

    # 点播本: typing digits opens the pick; a number that does not exist is explained.
    for key in "9999":
        tab.keyboard.press(key)
    tab.keyboard.press("Enter")
    message = tab.locator("[data-pick-message]")
    _wait_until(tab, "document.querySelector('[data-pick-message]').textContent.includes('没有')")
    assert message.inner_text() == "点播本里没有第 9999 号课程，请核对编号。"
    assert tab.evaluate("document.activeElement.id") == "pick-number"
    for _ in range(4):
        tab.keyboard.press("Backspace")
    for key in str(picked.catalogue_number):
        tab.keyboard.press(key)
    tab.keyboard.press("Enter")
    _wait_until(tab, "document.activeElement.textContent.trim() === '播放这门课程'")
    assert message.inner_text() == f"第 {picked.catalogue_number} 号：红色家风故事"
    tab.keyboard.press("Enter")
    _wait_until(tab, "document.querySelector('[data-status]').textContent.includes('红色家风')")
    # It plays to its end, then 结束放映 has the focus: Enter ends.
    _wait_until(tab, "document.querySelector('[data-status]').textContent.includes('全部放映完')")
    assert _focused(tab) == "结束放映"
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="放映已结束").wait_for()
    assert _focused(tab) == "返回列表"

    screening = Screening.objects.get()
    rows = list(screening.shown.order_by("order").select_related("course"))
    assert [(r.course, r.picked) for r in rows] == [
        (first, False),
        (second, False),
        (picked, True),
    ]
    assert [r.completed for r in rows] == [True, False, True]
    assert screening.ended_at is not None
    assert Run.objects.get().screening == screening


def test_the_members_record_of_courses_watched_on_site_reads_well_on_a_phone(tab, room):
    from learning.viewing.services.screening import end_screening, report_course, start_screening

    session, admin = room["session"], room["admin"]
    first = room["courses"][0]
    user = UserFactory(phone="13912345678")
    member = MemberFactory(branch=room["branch"], name="李建国", phone=user.phone, user=user)
    t0 = session.start + datetime.timedelta(minutes=1)
    screening = start_screening(admin, session, now=t0)
    report_course(admin, screening, order=1, course=first, seconds=0, at=t0)
    report_course(admin, screening, order=1, course=first, seconds=first.duration_seconds,
                  done=True, at=t0 + datetime.timedelta(minutes=1))  # fmt: skip
    end_screening(admin, screening)
    attend(session, member)

    tab.goto(room["base"] + reverse("accounts:login") + "?next=" + reverse("viewing:watched"))
    tab.get_by_label("手机号码").fill(user.phone)
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.get_by_role("heading", name="现场观看记录").wait_for()
    assert tab.get_by_role("link", name="党章学习第一讲").count() == 1
    problems = {}
    for mode, size in (("normal", None), ("elder", None), ("elder", LARGEST_SIZE)):
        apply_display(tab, mode, size)
        found = axe_violations(tab) + layout_problems(tab)
        if found:
            problems[(mode, size)] = found
    assert problems == {}
