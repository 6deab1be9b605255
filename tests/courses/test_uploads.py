"""An editor uploads active content disguised as a course video or subtitle:
every upload screen refuses it in Chinese and nothing is stored, neither a
file under MEDIA_ROOT nor a row (docs/security-uploads.md)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import UploadedFile
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtailvideos.enums import MediaFormats, VideoQuality
from wagtailvideos.models import TrackListing, Video, VideoTrack

from learning.courses.models import CoursePage
from learning.courses.validators import webvtt_problem
from learning.courses.video_backend import SafeInputTranscoder
from tests.accounts.factories import UserFactory
from tests.courses.conftest import make_clip, needs_ffmpeg
from tests.courses.test_admin import add_course, course_form, video_form

pytestmark = pytest.mark.django_db

# What the attacker uploads: a page whose script, run by an administrator's
# browser on our origin, would create a superuser through the admin.
PAGE = b"""<!doctype html><html><body><script>
fetch("/admin/users/new/").then(r => r.text()).then(html => { /* take the CSRF token, post */ });
</script></body></html>"""
SCRIPT = b'fetch("/admin/users/new/", {method: "POST", credentials: "include"});'
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\n大家好\n"


def nothing_stored():
    assert not Video.objects.exists()
    assert not UploadedFile.objects.exists()


DISGUISES = [
    pytest.param("lecture.mp4", PAGE, id="page-named-like-a-video"),
    pytest.param("lecture.html", PAGE, id="page-declared-as-a-video"),
    pytest.param("lecture.webm", SCRIPT, id="script-named-like-a-video"),
    pytest.param("player.js", SCRIPT, id="script"),
    pytest.param("logo.svg", SVG, id="svg-with-script"),
    pytest.param("lecture.mp4", b"\x00\x00\x00\x18ftypmp42" + PAGE, id="mp4-signature-then-page"),
]


@needs_ffmpeg
@pytest.mark.parametrize(("name", "content"), DISGUISES)
def test_the_video_upload_refuses_anything_that_is_not_a_video(
    client, reviewer, media_unchanged, name, content
):
    response = client.post(reverse("wagtailvideos:add"), video_form(name, content))
    assert response.status_code == 200
    assert "这不是视频文件" in response.content.decode()
    nothing_stored()


@pytest.fixture
def real_video(mp4_bytes):
    return Video.objects.create(title="讲座视频", file=ContentFile(mp4_bytes, name="lecture.mp4"))


@needs_ffmpeg
def test_replacing_a_videos_file_with_a_page_is_refused_and_the_old_file_kept(
    client, reviewer, mp4_bytes, real_video, media_unchanged
):
    video = real_video
    stored = video.file.name
    url = reverse("wagtailvideos:edit", args=[video.pk])
    response = client.post(url, video_form("lecture.mp4", PAGE))
    assert "这不是视频文件" in response.content.decode()
    video.refresh_from_db()
    assert video.file.name == stored
    assert video.file.read() == mp4_bytes


@needs_ffmpeg
def test_the_multiple_upload_refuses_a_page_disguised_as_a_video(client, reviewer, media_unchanged):
    upload = SimpleUploadedFile("lecture.mp4", PAGE, content_type="video/mp4")
    response = client.post(reverse("wagtailvideos:add_multiple"), {"files[]": upload})
    data = response.json()
    assert data["success"] is False
    assert "这不是视频文件" in data["error_message"]
    nothing_stored()


@needs_ffmpeg
def test_the_choosers_upload_refuses_a_page_disguised_as_a_video(client, reviewer, media_unchanged):
    response = client.post(reverse("wagtailvideos_chooser:create"), video_form("a.mp4", PAGE))
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert "这不是视频文件" in data["htmlFragment"]
    nothing_stored()


# A song with its cover picture: a video stream, but only an attached picture.
SOUND_WITH_COVER = (
    "-f", "lavfi", "-i", "sine=duration=3",
    "-f", "lavfi", "-i", "color=c=red:size=64x64:duration=1",
    "-map", "0:a", "-map", "1:v", "-frames:v", "1",
    "-c:a", "aac", "-c:v", "mjpeg", "-disposition:v:0", "attached_pic",
)  # fmt: skip


@needs_ffmpeg
def test_a_sound_file_with_a_cover_picture_is_not_a_video(
    client, reviewer, tmp_path, media_unchanged
):
    sound = make_clip(tmp_path, "talk.mp4", SOUND_WITH_COVER)
    response = client.post(reverse("wagtailvideos:add"), video_form("talk.mp4", sound))
    assert "这不是视频文件" in response.content.decode()
    nothing_stored()


@needs_ffmpeg
def test_a_playlist_disguised_as_a_video_is_refused_without_opening_what_it_lists(
    client, reviewer, tmp_path, media_unchanged
):
    listed = tmp_path / "secret.ts"
    listed.write_bytes(b"G" + b"\0" * 187 + b"G" + b"\0" * 187)
    playlist = f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n{listed}\n#EXT-X-ENDLIST\n"
    response = client.post(reverse("wagtailvideos:add"), video_form("a.mp4", playlist.encode()))
    assert "这不是视频文件" in response.content.decode()
    nothing_stored()


@needs_ffmpeg
def test_a_real_video_is_accepted_whatever_type_the_browser_declares(client, reviewer, mp4_bytes):
    form = video_form("lecture.mp4", mp4_bytes, content_type="application/octet-stream")
    response = client.post(reverse("wagtailvideos:add"), form)
    assert response.status_code == 302
    assert Video.objects.get().file.name.endswith(".mp4")


def test_without_ffmpeg_a_page_is_still_refused_and_a_video_container_accepted(
    client, reviewer, monkeypatch
):
    monkeypatch.setattr("learning.courses.video_backend.ffmpeg_available", lambda: False)
    response = client.post(reverse("wagtailvideos:add"), video_form("a.mp4", PAGE))
    assert "这不是视频文件" in response.content.decode()
    nothing_stored()
    webm = b"\x1a\x45\xdf\xa3" + b"\0" * 100
    response = client.post(reverse("wagtailvideos:add"), video_form("a.webm", webm))
    assert response.status_code == 302
    assert Video.objects.count() == 1


# --- Subtitles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("zh.vtt", PAGE, "这不是 WebVTT 字幕文件", id="page-named-vtt"),
        pytest.param("zh.html", VTT.encode(), "文件名以 .vtt 结尾", id="webvtt-named-html"),
        pytest.param(
            "zh.vtt", b"WEBVTT\n\n<script>alert(1)</script>\n", "不是有效的时间轴", id="script"
        ),
        pytest.param("zh.vtt", b"WEBVTT\n\nNOTE only a comment\n", "至少需要一条", id="no-cue"),
        pytest.param(
            "zh.vtt",
            "WEBVTT\n\n00:00.000 --> 00:02.000\n你好\n".encode("gb18030"),
            "UTF-8",
            id="gb18030",
        ),
    ],
)
def test_the_course_subtitle_refuses_anything_that_is_not_webvtt(
    client, reviewer, library, media_unchanged, name, content, message
):
    subtitle = SimpleUploadedFile(name, content, content_type="text/vtt")
    response = add_course(client, library, course_form(), {"subtitle": subtitle})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CoursePage.objects.filter(slug="new-course").exists()


@pytest.fixture
def superuser(client):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    return user


def track_form(video, name, content):
    track = {"file": SimpleUploadedFile(name, content), "kind": "subtitles", "label": "中文"}
    return nested_form_data(
        {"video": video.pk, "tracks": inline_formset([{**track, "language": "zh"}])}
    )


@pytest.fixture
def video():
    return Video.objects.create(title="讲座", file=ContentFile(b"...", name="t.mp4"))


def test_the_video_librarys_text_tracks_refuse_a_page(client, superuser, video, media_unchanged):
    response = client.post(reverse("wagtailvideos_tracks:add"), track_form(video, "zh.vtt", PAGE))
    assert response.status_code == 200
    assert "这不是 WebVTT 字幕文件" in response.content.decode()
    assert not TrackListing.objects.exists()
    assert not VideoTrack.objects.exists()


def test_the_video_librarys_text_tracks_take_webvtt(client, superuser, video):
    form = track_form(video, "zh.vtt", VTT.encode())
    response = client.post(reverse("wagtailvideos_tracks:add"), form)
    assert response.status_code == 302
    assert VideoTrack.objects.get().file.name.endswith(".vtt")


@pytest.mark.parametrize(
    "text",
    [
        VTT,
        "\ufeffWEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:04.000 align:start\r\n你好\r\n",
        "WEBVTT - 中文字幕\nKind: captions\n\nNOTE 说明\n\nSTYLE\n::cue { color: yellow }\n\n"
        "intro\n00:01.000 --> 00:02.500\n<v 主讲人>各位党员</v>\n第二行\n\n"
        "100:00:00.000 --> 100:00:01.000\n很长的视频\n",
    ],
)
def test_webvtt_as_players_and_editors_write_it_is_accepted(text):
    assert webvtt_problem(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "WEBVTTX\n\n00:00.000 --> 00:02.000\nhi\n",
        "WEBVTT\n00:00.000 --> 00:02.000\nhi\n",
        "WEBVTT\n\n00:02.000 --> 00:01.000\nbackwards\n",
        "WEBVTT\n\n00:00.000 --> 00:61.000\nno such second\n",
        "WEBVTT\n\n00:00,000 --> 00:02,000\nSRT commas\n",
        "WEBVTT\n\n00:00.000 --> 00:02.000\nhi\n00:02.000 --> 00:03.000\nno blank line\n",
        "WEBVTT\n\n00:00.000 --> 00:02.000\nhi\n\nSTYLE\n::cue {}\n",
        "WEBVTT\n\nNOTE a --> b\n\n00:00.000 --> 00:02.000\nhi\n",
        "WEBVTT\n\n00:00.000 --> 00:02.000\nnul \0 here\n",
        "WEBVTT\n",
    ],
)
def test_text_that_is_not_webvtt_is_refused(text):
    assert webvtt_problem(text)


def test_the_transcoder_reads_its_input_only_as_a_video_container():
    transcoder = SafeInputTranscoder(transcode=None)
    command = transcoder._get_ffmpeg_command(
        "/media/original_videos/a.mp4", "a.webm", MediaFormats.WEBM, VideoQuality.DEFAULT
    )
    at = command.index("-i")
    assert command[at - 2 : at + 2] == [
        "-format_whitelist",
        "mov,matroska,ogg",
        "-i",
        "/media/original_videos/a.mp4",
    ]
