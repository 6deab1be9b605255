"""Course videos on S3-compatible object storage (moto's server, tests/s3.py):
a video uploaded in the video library lands on the bucket with its poster,
both readable by any visitor; the course player asks for media with CORS
only when it lives on another origin."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtailvideos.models import Video

from learning.courses.models import VideoLadder
from tests.accounts.factories import UserFactory
from tests.courses.conftest import needs_ffmpeg
from tests.courses.factories import CoursePageFactory
from tests.courses.test_admin import video_form
from tests.s3 import anonymous_get

pytestmark = pytest.mark.django_db


@needs_ffmpeg
def test_a_video_uploaded_in_the_library_is_stored_on_the_bucket_with_its_poster(
    s3_media, moto_server, client, mp4_bytes
):
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(reverse("wagtailvideos:add"), video_form("讲座.mp4", mp4_bytes))
    assert response.status_code == 302
    video = Video.objects.get()
    assert video.duration is not None and video.duration.total_seconds() == pytest.approx(3, 0.5)

    bucket = default_storage.connection.meta.client
    stored = bucket.head_object(Bucket=s3_media, Key=video.file.name)
    assert stored["ContentType"] == "video/mp4" and stored["ContentLength"] == len(mp4_bytes)
    assert video.file.url.startswith(f"{moto_server}/{s3_media}/original_videos/")
    status, headers, body = anonymous_get(video.file.url, Range="bytes=0-99")
    assert status == 206 and len(body) == 100  # the store answers ranges: the player seeks

    assert video.thumbnail, "ffmpeg made a poster frame"
    status, headers, _ = anonymous_get(video.thumbnail.url)
    assert status == 200 and headers["Content-Type"] == "image/jpeg"


def test_the_course_player_asks_with_cors_only_when_media_is_on_another_origin(
    client, library, settings, mp4_bytes
):
    settings.PAGE_CACHE_SECONDS = 0
    video = Video(title="讲座")
    video.file = ContentFile(mp4_bytes, name="talk.mp4")
    video.save()
    course = CoursePageFactory(parent=library, video=video)
    assert "crossorigin" not in client.get(course.url).text  # local media: same origin
    settings.MEDIA_ORIGIN = "https://media.community.example.cn"
    player = re.search(r'<video id="course-player"[^>]*>', client.get(course.url).text)
    assert 'crossorigin="anonymous"' in player.group()


@needs_ffmpeg
def test_the_hls_ladder_is_stored_on_the_bucket_public_like_the_mp4_and_deleted_with_it(
    s3_media, moto_server, client, mp4_bytes, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(is_superuser=True))
    client.post(reverse("wagtailvideos:add"), video_form("讲座.mp4", mp4_bytes))
    video = Video.objects.get()
    ladder = VideoLadder.objects.get(video=video)
    assert ladder.state == VideoLadder.DONE

    bucket = default_storage.connection.meta.client
    listed = bucket.list_objects_v2(Bucket=s3_media, Prefix=ladder.folder)["Contents"]
    keys = {item["Key"] for item in listed}
    assert f"{ladder.folder}master.m3u8" in keys and f"{ladder.folder}180p/init.mp4" in keys
    assert ladder.storage_bytes == sum(item["Size"] for item in listed)
    playlist = default_storage.url(ladder.playlist_name)
    assert playlist.startswith(f"{moto_server}/{s3_media}/video_transcodes/hls/")
    status, headers, body = anonymous_get(playlist)
    assert status == 200 and headers["Content-Type"] == "application/vnd.apple.mpegurl"
    assert b"180p/index.m3u8" in body
    segment = next(key for key in keys if key.endswith(".m4s"))
    status, headers, _ = anonymous_get(default_storage.url(segment))
    assert status == 200 and headers["Content-Type"] == "video/iso.segment"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtailvideos:delete", args=[video.pk]), {"yes": "1"})
    assert "Contents" not in bucket.list_objects_v2(Bucket=s3_media, Prefix=ladder.folder)
