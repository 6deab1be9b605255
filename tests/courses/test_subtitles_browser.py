"""Course subtitles show when media lives on object storage, another origin
than the site's: Chromium loads a <track> from another origin only when the
<video> asks with CORS (``crossorigin``) and the bucket answers it, which
``prepare_media_bucket`` sets up. Video, poster and subtitles come from moto's
S3 server (tests/s3.py) while the page comes from the live server."""

import pytest
from django.core.files.base import ContentFile
from wagtailvideos.models import Video

from tests.courses.conftest import make_clip
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.courses.test_browser import _wait_until
from tests.home.factories import make_site_home
from tests.s3 import new_bucket

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUBTITLES = "WEBVTT\n\n00:00.000 --> 00:02.000\n各位党员同志，大家好！\n"
TRACK = "document.querySelector('#course-player track')"


@pytest.fixture
def course_on_the_bucket(settings, live_server, moto_server, tmp_path):
    settings.PAGE_CACHE_SECONDS = 0
    bucket = new_bucket(settings, moto_server, origins=[live_server.url])
    library = CourseIndexPageFactory(parent=make_site_home())
    video = Video(title="支部建设讲座")
    video.file = ContentFile(make_clip(tmp_path), name="branch.mp4")
    video.save()
    course = CoursePageFactory(
        parent=library, video=video, subtitle=ContentFile(SUBTITLES.encode(), name="zh.vtt")
    )
    return course, f"{moto_server}/{bucket}"


def test_subtitles_from_the_bucket_load_in_the_course_player(
    tab, live_server, course_on_the_bucket
):
    course, bucket_url = course_on_the_bucket
    tab.goto(f"{live_server.url}{course.url}")
    player = tab.locator("#course-player")
    assert player.get_attribute("crossorigin") == "anonymous"
    source = tab.locator("#course-player source").last.get_attribute("src")
    assert source.startswith(f"{bucket_url}/original_videos/")
    track_src = tab.locator("#course-player track").get_attribute("src")
    assert track_src.startswith(f"{bucket_url}/course_subtitles/")

    # The track loads (readyState 2, not 3 = error) and its cue is there.
    _wait_until(tab, f"{TRACK}.readyState === 2")
    cues = tab.evaluate(
        "Array.from(document.getElementById('course-player').textTracks[0].cues)"
        ".map(cue => cue.text)"
    )
    assert cues == ["各位党员同志，大家好！"]
    # The video itself still plays under CORS.
    _wait_until(tab, "document.getElementById('course-player').readyState >= 1")
    assert tab.evaluate("document.getElementById('course-player').duration") > 1
