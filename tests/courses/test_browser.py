"""A member on a phone opens a course, plays it, seeks, leaves and comes back
to find it resuming where they stopped; course pages are axe-clean in normal
and elder mode and fit a 360 px screen."""

import shutil
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.test.testcases import _MediaFilesHandler
from wagtailvideos.models import Video

from core.models import CommunitySettings
from learning.courses.models import CourseProgress
from tests.a11y import axe_violations, horizontal_overflow
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory, category
from tests.home.factories import make_site_home

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg makes the test video"),
]

CLIP_SECONDS = 20
SUBTITLES = "WEBVTT\n\n00:00.000 --> 00:20.000\n各位党员同志，大家好！\n"


def _clip(folder):
    """A 20-second MP4 with a tone, made by ffmpeg (read for duration and poster on save)."""
    path = folder / "branch.mp4"
    subprocess.run(
        [
            shutil.which("ffmpeg"), "-v", "error",
            "-f", "lavfi", "-i", f"testsrc=size=320x180:rate=10:duration={CLIP_SECONDS}",
            "-f", "lavfi", "-i", f"sine=duration={CLIP_SECONDS}",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "10", "-c:a", "aac", "-shortest",
            "-movflags", "+faststart", str(path),
        ],
        check=True,
    )  # fmt: skip
    return path.read_bytes()


@pytest.fixture
def site(live_server, tmp_path, monkeypatch):
    # The MP4 as it plays without an HLS ladder (the ladder's journey is
    # test_ladder_browser.py).
    monkeypatch.setattr("learning.courses.video_tasks.queue_ladder", lambda video: None)
    home = make_site_home()
    settings = CommunitySettings.for_site(home.get_site())
    settings.name = "幸福里社区"
    settings.save()
    library = CourseIndexPageFactory(parent=home, intro="<p>五类课件，在线学习。</p>")
    video = Video(title="支部建设讲座")
    video.file = ContentFile(_clip(tmp_path), name="branch.mp4")
    video.save()
    video.refresh_from_db()
    course = CoursePageFactory(
        parent=library,
        title="基层党建工作学习：支部标准化规范化建设",
        speaker="街道党工委组织委员",
        video=video,
        duration=video.duration,
        subtitle=ContentFile(SUBTITLES.encode(), name="zh.vtt"),
        tag_names=["支部建设"],
    )
    CoursePageFactory(parent=library, title="党史学习教育专题", category=category())
    member = UserFactory(phone="13900000001")
    base = live_server.url
    return {
        "base": base,
        "course": course,
        "member": member,
        "pages": {
            "library": f"{base}{library.url}",
            "category": f"{base}{library.url}category/party-building/",
            "tag": f"{base}{library.url}tag/支部建设/",
            "catalogue": f"{base}{library.url}catalogue/",
            "course": f"{base}{course.url}",
            "search": f"{base}/search/?q=党建&type=course",
        },
    }


def _log_in(tab, site, next_url):
    tab.goto(f"{site['base']}/accounts/login/?next={next_url}")
    tab.get_by_label("手机号码").fill(site["member"].phone)
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()


def _wait_until(tab, expression, seconds=15):
    """Polls a JavaScript expression (wait_for_function would need eval, which
    the site's Content Security Policy forbids)."""
    for _ in range(seconds * 10):
        if tab.evaluate(expression):
            return
        tab.wait_for_timeout(100)
    pytest.fail(f"timed out waiting for {expression}")


def _current_time(tab):
    return tab.evaluate("document.getElementById('course-player').currentTime")


def test_a_member_plays_seeks_leaves_and_resumes_on_a_phone(tab, site, settings, monkeypatch):
    # Django's live server answers /media/ itself, without Range; let the
    # site's own media view (core/media.py) answer, as under gunicorn.
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    # Parts smaller than the clip, so that the browser has to ask for ranges.
    settings.MEDIA_RANGE_CHUNK_BYTES = 32 * 1024
    course = site["course"]
    media_statuses = []
    tab.on("response", lambda r: media_statuses.append(r.status) if "/media/" in r.url else None)
    _log_in(tab, site, course.url)
    tab.wait_for_url(f"**{course.url}")

    player = tab.locator("#course-player")
    assert player.get_attribute("poster").endswith(".jpg")
    track = tab.locator("#course-player track")
    assert track.get_attribute("srclang") == "zh-CN" and track.get_attribute("label") == "中文字幕"
    tab.wait_for_selector("[data-progress-panel]:not([hidden])")
    assert "已观看 0%" in tab.inner_text("[data-progress-status]")
    box = player.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360

    # Play (muted, as a phone allows without a tap), then seek to second 12.
    tab.evaluate("const v = document.getElementById('course-player'); v.muted = true; v.play()")
    _wait_until(tab, "document.getElementById('course-player').currentTime > 3")
    tab.evaluate("document.getElementById('course-player').currentTime = 12")
    _wait_until(tab, "document.getElementById('course-player').currentTime > 14")
    with tab.expect_response(
        lambda r: "/learning/progress/" in r.url and r.request.method == "POST"
    ):
        tab.evaluate("document.getElementById('course-player').pause()")
    assert 206 in media_statuses  # the video came in parts: seeking needs no full download
    stopped_at = _current_time(tab)

    progress = CourseProgress.objects.get(user=site["member"], course=course)
    assert progress.last_position == pytest.approx(stopped_at, abs=1)
    assert 4 <= progress.watched_seconds <= 9  # 0–3+ and 12–14+, not the skipped 3–12
    assert progress.completed_at is None

    # Leave, come back: the player resumes where the member stopped.
    tab.goto(site["pages"]["library"])
    tab.goto(site["pages"]["course"])
    tab.wait_for_selector("#course-player[data-resume]")
    _wait_until(tab, "document.getElementById('course-player').currentTime > 10")
    assert _current_time(tab) == pytest.approx(stopped_at, abs=1)
    assert "已为您从上次看到的 0:1" in tab.inner_text("[data-progress-status]")

    tab.goto(f"{site['base']}/learning/me/")
    assert course.title in tab.inner_text("main")
    assert tab.locator("progress").count() == 1
    assert horizontal_overflow(tab) <= 0


def test_an_anonymous_visitor_is_invited_to_log_in_to_keep_progress(tab, site):
    tab.goto(site["pages"]["course"])
    tab.wait_for_selector("[data-login-hint]:not([hidden])")
    assert tab.locator("[data-progress-panel]").is_hidden()


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_every_course_page_is_axe_clean_and_fits_a_phone(tab, site, mode):
    problems = {}
    for name, url in site["pages"].items():
        tab.goto(url)
        if mode == "elder" and name == "library":
            tab.get_by_role("button", name="适老模式").click()  # remembered for the rest
            tab.reload()
        found = axe_violations(tab)
        overflow = horizontal_overflow(tab)
        if found or overflow > 0:
            problems[name] = {"axe": found, "overflow": overflow}
    assert problems == {}
