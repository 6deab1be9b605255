"""Uploading a course video returns at once: its duration, size and poster
are read, and transcodes made, by the background worker
(learning/courses/video_tasks.py), while the editor sees 正在处理."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtailvideos.models import Video

from learning.courses.models import VideoProcessing
from tests.courses.conftest import needs_ffmpeg
from tests.courses.factories import CoursePageFactory
from tests.courses.test_admin import upload

pytestmark = pytest.mark.django_db


def edit_screen(client, video):
    return client.get(reverse("wagtailvideos:edit", args=[video.pk])).content.decode()


@needs_ffmpeg
def test_the_upload_leaves_reading_the_file_to_the_worker_and_the_editor_sees_it(
    client, reviewer, mp4_bytes, library, task_queue, monkeypatch
):
    monkeypatch.setattr("learning.courses.video_tasks.PROBE_DELAY", datetime.timedelta(0))

    def no_ffmpeg_in_the_request(*args, **kwargs):
        raise AssertionError("ffprobe ran inside the request")

    with monkeypatch.context() as patch:
        patch.setattr("learning.courses.video_backend.probe", no_ffmpeg_in_the_request)
        response = upload(client, "lecture.mp4", mp4_bytes, "video/mp4")
    assert response.status_code == 302
    video = Video.objects.get()
    assert video.duration is None and not video.thumbnail
    assert video.processing.state == VideoProcessing.QUEUED
    assert "正在处理" in edit_screen(client, video)
    # A course may take the video before it is read (it follows when it is).
    course = CoursePageFactory(parent=library, video=video, duration=None)

    task_queue()

    video.refresh_from_db()
    assert abs(video.duration.total_seconds() - 3) < 0.2
    assert (video.width, video.height) == (320, 180)
    assert video.thumbnail and video.file_size == len(mp4_bytes)
    assert VideoProcessing.objects.get(video=video).state == VideoProcessing.DONE
    assert "正在处理" not in edit_screen(client, video)
    course.refresh_from_db()
    assert course.duration == video.duration  # the course follows its video


@needs_ffmpeg
def test_with_tasks_run_at_once_the_upload_is_read_as_before(client, reviewer, mp4_bytes):
    upload(client, "lecture.mp4", mp4_bytes, "video/mp4")
    video = Video.objects.get()
    assert abs(video.duration.total_seconds() - 3) < 0.2
    assert video.processing.state == VideoProcessing.DONE


def probes():
    return DBTaskResult.objects.filter(task_path="learning.courses.video_tasks.probe_video")


@needs_ffmpeg
def test_a_stored_video_is_read_once_not_again_on_every_save(mp4_bytes, task_queue, monkeypatch):
    monkeypatch.setattr("learning.courses.video_tasks.PROBE_DELAY", datetime.timedelta(0))
    video = Video.objects.create(title="讲座", file=ContentFile(mp4_bytes, name="a.mp4"))
    video.title = "讲座（修订）"
    video.save()  # still queued: not queued twice
    assert probes().count() == 1
    task_queue()
    video.refresh_from_db()
    video.save()  # read already: nothing to do
    assert probes().count() == 1
    assert video.title == "讲座（修订）" and video.duration


@needs_ffmpeg
def test_a_reading_whose_task_was_lost_is_queued_again_by_the_next_save(mp4_bytes, task_queue):
    video = Video.objects.create(title="讲座", file=ContentFile(mp4_bytes, name="d.mp4"))
    probes().delete()  # the worker died with it, and the reaper gave up
    VideoProcessing.objects.filter(video=video).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    video.save()
    assert probes().count() == 1


@needs_ffmpeg
def test_a_file_without_a_picture_says_so_to_the_editor(client, reviewer):
    video = Video.objects.create(title="录音", file=ContentFile(b"not a video", name="b.mp4"))
    assert VideoProcessing.objects.get(video=video).state == VideoProcessing.NO_VIDEO
    assert "未读到视频画面" in edit_screen(client, video)


@needs_ffmpeg
def test_a_transcode_is_made_by_the_worker_not_a_thread_of_the_web_process(
    client, reviewer, mp4_bytes, task_queue, monkeypatch
):
    video = Video.objects.create(title="讲座", file=ContentFile(mp4_bytes, name="c.mp4"))
    with monkeypatch.context() as patch:
        patch.setattr("threading.Thread.start", lambda self: pytest.fail("a thread was started"))
        response = client.post(
            reverse("wagtailvideos:create_transcode", args=[video.pk]),
            {"media_format": "webm", "quality": "lowest"},
        )
    assert response.status_code == 302
    transcode = video.transcodes.get()
    assert transcode.processing and not transcode.file
    assert "（正在处理，请稍候）" in edit_screen(client, video)

    task_queue()

    transcode.refresh_from_db()
    assert not transcode.processing and transcode.error_message == ""
    assert transcode.file.read(4) == b"\x1a\x45\xdf\xa3"  # a WebM file
