"""A course video with its HLS ladder plays in Chromium, by the browser's
own HLS and by hls.js (from our static files), seeks and resumes, with
progress counted only for what was watched; a broken ladder falls back to
the MP4."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test.testcases import _MediaFilesHandler
from wagtailvideos.models import Video

from learning.courses.models import CourseProgress, VideoLadder
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses.conftest import make_clip, needs_ffmpeg
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.courses.test_browser import _current_time, _wait_until
from tests.home.factories import make_site_home

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    needs_ffmpeg,
]

CLIP_SECONDS = 20
PLAYER = "document.getElementById('course-player')"
# Chromium has HLS of its own; this makes it look like a browser without,
# so the player takes hls.js.
NO_NATIVE_HLS = """
const canPlayType = HTMLMediaElement.prototype.canPlayType;
HTMLMediaElement.prototype.canPlayType = function (type) {
    return /mpegurl/i.test(type) ? "" : canPlayType.call(this, type);
};
"""


LECTURE = (
    "-f", "lavfi", "-i", f"testsrc=size=640x360:rate=10:duration={CLIP_SECONDS}",
    "-f", "lavfi", "-i", f"sine=duration={CLIP_SECONDS}",
    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart",
)  # fmt: skip


@pytest.fixture
def site(live_server, tmp_path, monkeypatch):
    # The site's own media view (types, Range), as under gunicorn.
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    home = make_site_home()
    library = CourseIndexPageFactory(parent=home)
    video = Video(title="党课讲座")
    video.file = ContentFile(make_clip(tmp_path, "lecture.mp4", LECTURE), name="lecture.mp4")
    video.save()  # read, then its ladder made (tasks run at once in tests)
    video.refresh_from_db()
    ladder = VideoLadder.objects.get(video=video)
    assert ladder.state == VideoLadder.DONE
    course = CoursePageFactory(parent=library, title="党课：坚定理想信念", video=video,
                               duration=video.duration)  # fmt: skip
    return {"base": live_server.url, "course": course, "video": video, "ladder": ladder,
            "member": UserFactory(phone="13900000002")}  # fmt: skip


def _open_course(tab, site):
    course = site["course"]
    tab.goto(f"{site['base']}/accounts/login/?next={course.url}")
    tab.get_by_label("手机号码").fill(site["member"].phone)
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"**{course.url}")
    tab.wait_for_selector("[data-progress-panel]:not([hidden])")


@pytest.mark.parametrize("player", ["native-hls", "hls.js"])
def test_the_ladder_plays_seeks_and_resumes_counting_only_what_was_watched(tab, site, player):
    if player == "hls.js":
        tab.add_init_script(NO_NATIVE_HLS)
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    _open_course(tab, site)
    assert tab.get_attribute("#course-player", "data-stream") == player

    tab.evaluate(f"const v = {PLAYER}; v.muted = true; v.play()")
    _wait_until(tab, f"{PLAYER}.currentTime > 3")
    tab.evaluate(f"{PLAYER}.currentTime = 12")
    _wait_until(tab, f"{PLAYER}.currentTime > 14")
    with tab.expect_response(
        lambda r: "/learning/progress/" in r.url and r.request.method == "POST"
    ):
        tab.evaluate(f"{PLAYER}.pause()")
    stopped_at = _current_time(tab)

    # Segments of the ladder came, never the MP4.
    assert any(url.endswith(".m4s") and "/video_transcodes/hls/" in url for url in requested)
    assert not [url for url in requested if site["video"].file.name in url], requested
    if player == "hls.js":
        assert any("courses/vendor/hls.light-1.7.4" in url for url in requested)
    else:
        assert not any("hls.light" in url for url in requested)

    progress = CourseProgress.objects.get(user=site["member"], course=site["course"])
    assert progress.last_position == pytest.approx(stopped_at, abs=1)
    assert 4 <= progress.watched_seconds <= 9  # 0–3+ and 12–14+, not the skipped 3–12
    assert progress.completed_at is None

    tab.goto(f"{site['base']}/")
    tab.goto(f"{site['base']}{site['course'].url}")
    tab.wait_for_selector("#course-player[data-resume]")
    _wait_until(tab, f"{PLAYER}.readyState >= 1 && {PLAYER}.currentTime > 10")
    assert _current_time(tab) == pytest.approx(stopped_at, abs=1)
    assert tab.get_attribute("#course-player", "data-stream") == player


@pytest.mark.parametrize("player", ["native-hls", "hls.js"])
def test_a_broken_ladder_falls_back_to_the_mp4(phone, site, player):
    if player == "hls.js":
        phone.add_init_script(NO_NATIVE_HLS)
    default_storage.delete(site["ladder"].playlist_name)  # the playlist now answers 404
    phone.goto(f"{site['base']}{site['course'].url}")
    _wait_until(phone, f"{PLAYER}.getAttribute('data-stream') === 'mp4'")
    phone.evaluate(f"const v = {PLAYER}; v.muted = true; v.play()")
    _wait_until(phone, f"{PLAYER}.currentTime > 1")
    assert phone.evaluate(f"{PLAYER}.currentSrc").endswith(site["video"].file.name)
