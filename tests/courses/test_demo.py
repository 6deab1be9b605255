import io
import shutil

import pytest
from django.core.management import call_command
from wagtailvideos.models import Video

from learning.courses.models import CourseIndexPage, CoursePage

pytestmark = pytest.mark.django_db


def _load():
    call_command("load_demo", stdout=io.StringIO())


def test_demo_courses_load_twice_without_duplicates(client):
    _load()
    counts = (CoursePage.objects.count(), Video.objects.count())
    _load()
    assert (CoursePage.objects.count(), Video.objects.count()) == counts
    assert counts[0] >= 12
    assert set(CoursePage.objects.values_list("category__name", flat=True)) == {
        "基层党建",
        "政策法规",
        "实用技术",
        "科普知识",
        "文体卫生",
    }
    library = CourseIndexPage.objects.get()
    assert client.get(library.url).status_code == 200
    assert client.get(library.url + "catalogue/").status_code == 200


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="the demo clip needs ffmpeg")
def test_with_ffmpeg_demo_courses_play_a_clip_with_poster_and_subtitles(client):
    _load()
    video = Video.objects.get()
    assert video.duration.total_seconds() == pytest.approx(12, abs=0.5)
    assert video.thumbnail
    course = CoursePage.objects.get(slug="greenhouse-vegetables")
    assert course.duration == video.duration
    page = client.get(course.url).content.decode()
    assert f'poster="{video.thumbnail.url}"' in page
    assert 'srclang="zh-CN" label="中文字幕"' in page
    assert "党建" in client.get("/search/", {"q": "党建", "type": "course"}).content.decode()


def test_without_ffmpeg_demo_courses_have_no_video_and_still_load(client, monkeypatch):
    monkeypatch.setattr("learning.courses.demo.ffmpeg_available", lambda: False)
    _load()
    assert not Video.objects.exists()
    course = CoursePage.objects.get(slug="greenhouse-vegetables")
    assert course.video is None and course.duration
    assert client.get(course.url).status_code == 200
