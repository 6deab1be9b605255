"""Every public page type and a member's 我的 pages, on a 360 px phone, in
every display mode (normal, 适老模式, high contrast, both) at every text size:
nothing wider than the screen, no text cut off or sticking out of its box, and
axe-core clean at the default and the largest size of each mode (at the
largest, the rules that depend on how the page is displayed).

Each page is loaded once; the modes and sizes are then switched inside it the
way the toolbar does (classes on <html>, local storage), so the whole sweep
costs one navigation per page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import CommunitySettings
from learning.study import services as study_services
from tests.a11y import (
    DISPLAY_RULES,
    LARGEST_SIZE,
    MODES,
    TEXT_SIZES,
    apply_display,
    axe_violations,
    layout_problems,
)
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import EventIndexPageFactory, days_from_now, make_event
from tests.home.factories import NoticeIndexPageFactory, NoticePageFactory, make_site_home
from tests.study.factories import BranchFactory, MemberFactory, make_session
from tests.volunteers.factories import (
    RecordFactory,
    VolunteerFactory,
    VolunteerIndexPageFactory,
    WishFactory,
    coordinator,
    make_activity,
)
from volunteers import services as volunteer_services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Long words that do not wrap by themselves: a file number, a URL, a speaker
# with a long title. Chinese text wraps anywhere; these must wrap too.
FILE_NUMBER = "幸社发〔2026〕第2026112300001号"
LONG_URL = "https://www.example.gov.cn/zhengce/content/2026-11/23/content_20261123000012345.htm"
LONG_SPEAKER = "中共绵阳市涪城区委党校马克思主义理论教研室副主任、副教授欧阳建国"
MEMBER_PHONE = "13912340001"


@pytest.fixture
def site(live_server):
    home = make_site_home(intro="欢迎来到幸福里社区党群服务网站。")
    settings = CommunitySettings.for_site(home.get_site())
    settings.name = "幸福里社区党群服务中心远程教育与志愿服务平台"
    settings.address = "四川省绵阳市涪城区幸福路 88 号幸福里社区党群服务中心三楼"
    settings.phone = "0816-2345678"
    settings.save()

    notices = NoticeIndexPageFactory(parent=home)
    for day in range(1, 12):
        NoticePageFactory(
            parent=notices, title=f"社区通知第 {day} 号", date=datetime.date(2026, 11, day)
        )
    notice = NoticePageFactory(
        parent=notices,
        title=f"关于开展远程教育学习的通知（{FILE_NUMBER}）",
        summary=f"原文见 {LONG_URL}",
        body=[{"type": "paragraph", "value": f'<p>详见 <a href="{LONG_URL}">{LONG_URL}</a>。</p>'}],
    )

    library = CourseIndexPageFactory(parent=home, intro="<p>五类课件，在线学习。</p>")
    courses = [
        CoursePageFactory(
            parent=library,
            title=f"基层党建工作学习：支部标准化规范化建设第{n}讲",
            speaker=LONG_SPEAKER,
            summary="从递交入党申请书到预备党员转正，逐一讲解每个环节的要求和注意事项。",
            tag_names=["支部建设"] if n == 1 else None,
        )
        for n in range(1, 4)
    ]

    events = EventIndexPageFactory(parent=home)
    start = days_from_now(4, 9)
    event = make_event(
        events,
        title="社区大讲堂：防范电信网络诈骗",
        summary=f"报名电话 0816-2345678，详见 {LONG_URL}",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    branch = BranchFactory(name="幸福里小区第一党支部")
    member = MemberFactory(branch=branch, name="李建国", phone=MEMBER_PHONE)
    user = UserFactory(phone=MEMBER_PHONE, real_name="李建国")
    session = make_session(
        events,
        [branch],
        title="远教学习会：学习党的二十届四中全会精神",
        start=timezone.now() + datetime.timedelta(days=1),
        end=timezone.now() + datetime.timedelta(days=1, hours=2),
    )
    session.courses.add(courses[0])
    session.save_revision().publish()
    study_services.member_for_user(user)  # links the member to the account

    section = VolunteerIndexPageFactory(parent=home, intro="<p>社区志愿服务站欢迎您加入。</p>")
    activity_start = days_from_now(5, 8)
    make_activity(events, title="重阳节敬老志愿服务", start=activity_start)
    boss = coordinator(real_name="李协调", is_staff=True)
    volunteer = VolunteerFactory(user=user, real_name="李建国", show_on_leaderboard=True)
    for day in (3, 4):
        record = RecordFactory(
            volunteer=volunteer, hours=4, date=timezone.localdate() - datetime.timedelta(days=day)
        )
        volunteer_services.approve_record(record, boss)
    certificate = volunteer_services.issue_certificate(
        volunteer,
        user,
        timezone.localdate() - datetime.timedelta(days=30),
        timezone.localdate(),
        "幸福里社区居委会",
    )
    wish = WishFactory(decided_by=boss, title=f"帮独居老人查询社保（{FILE_NUMBER}）")

    base = live_server.url
    return {
        "base": base,
        "member": member,
        "public": {
            "home": "/",
            "notices": notices.url,
            "notice": notice.url,
            "search": "/search/?q=%E9%80%9A%E7%9F%A5",
            "courses": library.url,
            "course": courses[0].url,
            "catalogue": f"{library.url}catalogue/",
            "events": events.url,
            "calendar": f"{events.url}calendar/?month={start:%Y-%m}",
            "event": event.url,
            "study session": session.url,
            "volunteers": section.url,
            "wishes": f"{section.url}wishes/",
            "wish": reverse("volunteers:wish", args=[wish.pk]),
            "leaderboard": f"{section.url}leaderboard/",
            "verify": reverse("volunteers:verify") + f"?code={certificate.code}",
            "login": reverse("accounts:login"),
            "not found": "/no-such-page/",
        },
        "member_pages": {
            "我的": reverse("accounts:me"),
            "我的学习": reverse("courses:mine"),
            "我的学习会": reverse("study:mine"),
            "我的活动": reverse("events:mine"),
            "我的志愿服务": reverse("volunteers:me"),
            "我的班次": reverse("volunteers:my_shifts"),
            "服务记录": reverse("volunteers:records"),
            "证明": reverse("volunteers:certificates"),
            "修改密码": reverse("accounts:password_change"),
        },
    }


def _sweep(tab, base, pages):
    """Loads each page once, then goes through every mode and text size in it.
    Returns {page: {"mode size": [problems]}} for whatever does not fit."""
    found = {}
    for name, path in pages.items():
        tab.goto(base + path)
        problems = {}
        for mode in MODES:
            for size in TEXT_SIZES:
                apply_display(tab, mode, size)
                where = f"{mode} {size or 'default'}"
                layout = layout_problems(tab)
                if layout:
                    problems[where] = layout
                if mode != "elder-contrast" and size in (None, LARGEST_SIZE):
                    # The whole of axe at the mode's default size; at the
                    # largest only the rules that read the display.
                    violations = axe_violations(tab, DISPLAY_RULES if size else None)
                    if violations:
                        problems[f"{where} axe"] = violations
        if problems:
            found[name] = problems
        apply_display(tab, "normal", None)
    return found


def test_every_public_page_fits_a_phone_in_every_mode_and_text_size(tab, site):
    assert _sweep(tab, site["base"], site["public"]) == {}


def test_a_members_own_pages_fit_a_phone_in_every_mode_and_text_size(tab, site):
    tab.goto(site["base"] + reverse("accounts:login"))
    tab.get_by_label("手机号码").fill(MEMBER_PHONE)
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(site["base"] + "/**")
    assert _sweep(tab, site["base"], site["member_pages"]) == {}
