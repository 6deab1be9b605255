"""The video library's subtitle screen in Chinese (learning/courses/video_admin.py):
a subtitle's language is chosen from a short list named in Chinese, 中文 for
a new one (wagtailvideos offers 829 English names, English by default), and
a language saved before outside the list is kept."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtailvideos.models import TrackListing, Video, VideoTrack

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def vtt():
    return ContentFile("WEBVTT\n\n00:00.000 --> 00:02.000\n大家好\n".encode(), name="zh.vtt")


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(is_superuser=True))


@pytest.fixture
def video():
    return Video.objects.create(title="党课录像", file=ContentFile(b"...", name="lecture.mp4"))


def selected_language(html):
    """The language each subtitle form of the page has selected."""
    selects = re.findall(r'<select name="tracks-[^"]*-language".*?</select>', html, re.S)
    return [re.search(r'<option value="([^"]*)" selected>', s).group(1) for s in selects]


def test_a_new_subtitle_is_in_chinese_unless_the_editor_picks_another_language(client, editor):
    html = client.get(reverse("wagtailvideos_tracks:add")).content.decode()
    assert selected_language(html) == ["zh"]  # the form a click on 增加 字幕文件 adds
    assert '<option value="zh-Hant">中文（繁体）</option>' in html
    assert "Chinese" not in html and "Afrikaans" not in html


def test_a_subtitle_saved_with_a_language_outside_the_list_keeps_it(client, editor, video):
    listing = TrackListing.objects.create(video=video)
    track = VideoTrack.objects.create(
        listing=listing, file=vtt(), kind="subtitles", language="fr-CA"
    )
    url = reverse("wagtailvideos_tracks:edit", args=[listing.pk])
    assert selected_language(client.get(url).content.decode())[0] == "fr-CA"
    form = {"id": track.pk, "kind": "subtitles", "label": "法语字幕", "language": "fr-CA"}
    data = nested_form_data({"video": video.pk, "tracks": inline_formset([form], initial=1)})
    assert client.post(url, data).status_code == 302
    track.refresh_from_db()
    assert (track.label, track.language) == ("法语字幕", "fr-CA")
    assert str(track) == "法语字幕 - fr-CA"


def test_a_subtitles_language_is_named_in_chinese_on_the_videos_screen(client, editor, video):
    listing = TrackListing.objects.create(video=video)
    VideoTrack.objects.create(
        listing=listing, file=vtt(), kind="subtitles", label="字幕", language="zh"
    )
    html = client.get(reverse("wagtailvideos:edit", args=[video.pk])).content.decode()
    assert "字幕 - 中文（简体）" in html
    assert "这个浏览器不能播放此视频。" in html
