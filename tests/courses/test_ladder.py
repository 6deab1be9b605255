"""Every course video also gets adaptive-streaming (HLS) copies, made by
ffmpeg in the worker after its file is read (learning/courses/video_ladder.py):
a real clip made by ffmpeg here goes through the real admin screens."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtailvideos.models import Video

from learning.courses import video_ladder
from learning.courses.models import VideoLadder
from tests.courses.conftest import make_clip, needs_ffmpeg
from tests.courses.factories import CoursePageFactory
from tests.courses.test_admin import upload, video_form

pytestmark = [pytest.mark.django_db, needs_ffmpeg]

# 640 × 360, 3 seconds with a tone: a 240p and a 360p rendition, and the sound alone.
WIDE_CLIP = (
    "-f", "lavfi", "-i", "testsrc=size=640x360:rate=10:duration=3",
    "-f", "lavfi", "-i", "sine=duration=3",
    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
)  # fmt: skip


@pytest.fixture(scope="module")
def wide_clip(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("ladder"), "wide.mp4", WIDE_CLIP)


def edit_screen(client, video):
    return client.get(reverse("wagtailvideos:edit", args=[video.pk])).content.decode()


def stored_files(folder):
    folders, files = default_storage.listdir(folder)
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += stored_files(f"{folder}{sub}/")
    return names


def ladder_files():
    if not default_storage.exists(video_ladder.FOLDER_PREFIX):
        return []
    return stored_files(video_ladder.FOLDER_PREFIX)


def read(name):
    with default_storage.open(name) as handle:
        return handle.read().decode()


def test_an_uploaded_video_gets_a_ladder_the_editor_and_the_course_page_see(
    client, reviewer, wide_clip, library
):
    assert upload(client, "lecture.mp4", wide_clip, "video/mp4").status_code == 302
    video = Video.objects.get()
    ladder = VideoLadder.objects.get(video=video)
    assert ladder.state == VideoLadder.DONE and ladder.source_name == video.file.name
    assert ladder.folder.startswith(f"video_transcodes/hls/{video.pk}/")
    assert [item["name"] for item in ladder.renditions] == ["240p", "360p", "audio"]

    master = read(ladder.playlist_name)
    assert "RESOLUTION=426x240" in master and "RESOLUTION=640x360" in master
    assert 'CODECS="mp4a.40.2"\naudio/index.m3u8' in master
    files = stored_files(ladder.folder)
    for rendition in ladder.renditions:
        playlist = read(f"{ladder.folder}{rendition['name']}/index.m3u8")
        assert "#EXT-X-PLAYLIST-TYPE:VOD" in playlist and "#EXT-X-ENDLIST" in playlist
        for segment in re.findall(r"^seg_\d+\.m4s$", playlist, re.MULTILINE):
            assert f"{ladder.folder}{rendition['name']}/{segment}" in files
        assert 0 < rendition["average"] <= rendition["bandwidth"]
    assert ladder.storage_bytes == sum(default_storage.size(name) for name in files)
    assert ladder.transcode_seconds > 0

    # The editor sees the renditions, the storage and the transcoding time.
    screen = edit_screen(client, video)
    assert 'data-video-ladder="done"' in screen
    assert "240p" in screen and "360p" in screen and "仅音频" in screen
    assert re.search(r"data-ladder-storage>共占用 [\d.]+\xa0KB<", screen)
    assert re.search(r"data-ladder-seconds>转码用时 [\d.]+ 秒<", screen)

    # The course page offers the ladder, the MP4 staying as the fallback.
    course = CoursePageFactory(parent=library, video=video)
    page = client.get(course.url).content.decode()
    assert f'data-hls-src="{default_storage.url(ladder.playlist_name)}"' in page
    assert "courses/vendor/hls.light-1.7.4.min.js" in page
    assert f'<source src="{video.url}"' in page

    # The playlist is served as one, as data.
    answer = client.get(default_storage.url(ladder.playlist_name))
    assert answer["Content-Type"] == "application/vnd.apple.mpegurl"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in answer["Content-Security-Policy"]


def test_replacing_the_file_rebuilds_the_ladder_and_deletes_the_old_one(
    client, reviewer, wide_clip, mp4_bytes, django_capture_on_commit_callbacks
):
    upload(client, "lecture.mp4", wide_clip, "video/mp4")
    video = Video.objects.get()
    old = VideoLadder.objects.get(video=video)
    old_files = stored_files(old.folder)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailvideos:edit", args=[video.pk]), video_form("new.mp4", mp4_bytes)
        )
    assert response.status_code == 200 and not response.context["form"].errors
    video.refresh_from_db()
    new = VideoLadder.objects.get(video=video)
    assert new.state == VideoLadder.DONE and new.source_name == video.file.name
    assert new.folder != old.folder
    # The new file is 320 × 180: one picture rendition at its own size.
    assert [item["name"] for item in new.renditions] == ["180p", "audio"]
    assert not any(default_storage.exists(name) for name in old_files)


def test_deleting_the_video_deletes_its_ladder_files(
    client, reviewer, wide_clip, django_capture_on_commit_callbacks
):
    upload(client, "lecture.mp4", wide_clip, "video/mp4")
    video = Video.objects.get()
    files = stored_files(VideoLadder.objects.get(video=video).folder)
    assert files
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailvideos:delete", args=[video.pk]), {"yes": "1"})
    assert response.status_code == 302
    assert not VideoLadder.objects.exists()
    assert not any(default_storage.exists(name) for name in files)


def _broken_encoder(rung, audio):
    return ["-map", "0:V:0", "-c:v", "no_such_encoder"]


@pytest.mark.parametrize(
    ("breakage", "told"),
    [
        (("_video_arguments", _broken_encoder), "ffmpeg 出错（退出码"),
        (("timeout_for", lambda seconds: 0.001), "ffmpeg 超过 0.001 秒未完成，已停止"),
    ],
)
def test_a_failing_ffmpeg_leaves_the_mp4_playing_and_tells_the_editor(
    client, reviewer, wide_clip, library, monkeypatch, breakage, told
):
    monkeypatch.setattr(video_ladder, *breakage)
    before = ladder_files()
    upload(client, "lecture.mp4", wide_clip, "video/mp4")
    video = Video.objects.get()
    ladder = VideoLadder.objects.get(video=video)
    assert ladder.state == VideoLadder.FAILED and told in ladder.error
    assert ladder.folder == "" and ladder_files() == before  # nothing left behind

    screen = edit_screen(client, video)
    assert 'data-video-ladder="failed"' in screen and told in screen
    assert "课程页继续播放原视频（MP4）" in screen

    course = CoursePageFactory(parent=library, video=video)
    page = client.get(course.url).content.decode()
    assert "data-hls-src" not in page
    assert f'<source src="{video.url}"' in page and 'preload="metadata"' in page


def builds():
    return DBTaskResult.objects.filter(task_path="learning.courses.video_tasks.build_ladder")


def test_the_ladder_is_queued_once_per_file_and_again_when_its_task_was_lost(
    wide_clip, task_queue, monkeypatch
):
    monkeypatch.setattr("learning.courses.video_tasks.PROBE_DELAY", datetime.timedelta(0))
    video = Video.objects.create(title="讲座", file=ContentFile(wide_clip, name="w.mp4"))
    task_queue()  # the probe reads the file and queues the ladder, which is made
    assert builds().count() == 1
    assert VideoLadder.objects.get(video=video).state == VideoLadder.DONE
    video.refresh_from_db()
    video.title = "讲座（修订）"
    video.save()
    assert builds().count() == 1  # made for this file: nothing to do
    VideoLadder.objects.filter(video=video).update(state=VideoLadder.QUEUED)
    video.save()
    assert builds().count() == 1  # pending (and not for long): not queued twice

    # A ladder whose worker died with it (and the reaper gave up) is queued
    # again by the next save of the video.
    VideoLadder.objects.filter(video=video).update(
        state=VideoLadder.RUNNING, updated_at=timezone.now() - datetime.timedelta(days=1)
    )
    video.save()
    assert builds().count() == 2
    task_queue()
    assert VideoLadder.objects.get(video=video).state == VideoLadder.DONE


def test_ffmpeg_reads_the_upload_only_as_a_local_video_container(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(video_ladder, "_ffmpeg", lambda arguments, timeout: seen.append(arguments))
    monkeypatch.setattr(video_ladder, "_measure", lambda folder: (1, 1, 1))
    video_ladder.build(tmp_path / "in.mp4", 640, 360, 3600, tmp_path)
    assert seen
    for arguments in seen:
        at = arguments.index("-i")
        assert arguments[at + 1] == f"file:{tmp_path / 'in.mp4'}"
        assert arguments[:at] == [
            "-protocol_whitelist", "file", "-format_whitelist", "mov,matroska,ogg",
        ]  # fmt: skip
    assert video_ladder.timeout_for(3600) == 60 + 3 * 3600


def test_renditions_are_never_larger_than_the_source():
    assert [r.name for r in video_ladder.rungs_for(1920, 1080)] == ["240p", "360p", "480p"]
    assert [r.name for r in video_ladder.rungs_for(720, 1280)] == ["240p", "360p", "480p"]
    assert [r.name for r in video_ladder.rungs_for(640, 360)] == ["240p", "360p"]
    assert [r.name for r in video_ladder.rungs_for(176, 144)] == ["144p"]
