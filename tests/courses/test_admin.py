"""Editors upload videos and publish courses in the Wagtail admin: the
duration comes from the file, bad uploads get a Chinese message."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtailvideos.models import Video

from accounts import roles
from learning.courses.models import CourseCategory, CoursePage
from tests.accounts.factories import UserFactory
from tests.courses.conftest import needs_ffmpeg
from tests.courses.factories import CoursePageFactory, category

pytestmark = pytest.mark.django_db


def video_form(name, content, content_type="video/mp4", title="讲座视频"):
    return {
        "title": title,
        "file": SimpleUploadedFile(name, content, content_type=content_type),
        "collection": 1,
        "tags": "",
    }


def upload(client, name, content, content_type):
    return client.post(reverse("wagtailvideos:add"), video_form(name, content, content_type))


def test_a_document_uploaded_as_a_video_is_refused_in_chinese(client, reviewer):
    response = upload(client, "讲稿.pdf", b"%PDF-1.4 not a video", "application/pdf")
    page = response.content.decode()
    assert response.status_code == 200
    assert "这不是视频文件" in page
    assert not Video.objects.exists()


def test_a_video_over_the_size_limit_is_refused_in_chinese(client, reviewer, settings):
    settings.WAGTAILVIDEOS_MAX_UPLOAD_SIZE = 1024
    response = upload(client, "lecture.mp4", b"\0" * 4096, "video/mp4")
    assert "视频文件太大" in response.content.decode()
    assert not Video.objects.exists()


@needs_ffmpeg
def test_an_uploaded_video_gets_its_duration_and_a_poster(client, reviewer, mp4_bytes):
    response = upload(client, "lecture.mp4", mp4_bytes, "video/mp4")
    assert response.status_code == 302
    video = Video.objects.get()
    assert abs(video.duration.total_seconds() - 3) < 0.2
    assert video.thumbnail
    assert (video.width, video.height) == (320, 180)


def course_form(**fields):
    data = {
        "title": "新上传的课程",
        "slug": "new-course",
        "category": str(category("technology").pk),
        "tags": "种植, 农业",
        "speaker": "农技员",
        "summary": "简介",
        "duration": "",
        "video": "",
        "poster": "",
        "body": streamfield([("paragraph", rich_text("<p>正文</p>"))]),
        "documents": inline_formset([]),
    }
    data.update(fields)
    post = nested_form_data(data)
    post["action-publish"] = "1"
    return post


def add_course(client, library, data, files=None):
    url = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", library.pk))
    return client.post(url, {**data, **(files or {})})


@needs_ffmpeg
def test_publishing_a_course_takes_the_duration_from_its_video(
    client, reviewer, library, mp4_bytes
):
    upload(client, "lecture.mp4", mp4_bytes, "video/mp4")
    video = Video.objects.get()
    response = add_course(client, library, course_form(video=str(video.pk), duration="9:00:00"))
    assert response.status_code == 302
    course = CoursePage.objects.get(slug="new-course")
    assert course.live
    assert course.duration == video.duration
    assert set(course.tags.names()) == {"种植", "农业"}


@needs_ffmpeg
def test_a_course_with_an_unreadable_video_is_refused_in_chinese(client, reviewer, library):
    # Stored before uploads were checked, or put there by other means.
    video = Video.objects.create(title="讲座", file=ContentFile(b"plain text", name="fake.mp4"))
    response = add_course(client, library, course_form(video=str(video.pk)))
    assert response.status_code == 200
    assert "无法读取这个视频文件" in response.content.decode()
    assert not CoursePage.objects.filter(slug="new-course").exists()


def test_without_ffmpeg_the_editor_types_the_duration(client, reviewer, library, monkeypatch):
    monkeypatch.setattr("learning.courses.services.ffmpeg_available", lambda: False)
    video = Video.objects.create(title="无时长视频", file=ContentFile(b"...", name="x.mp4"))
    response = add_course(client, library, course_form(video=str(video.pk)))
    assert "请手动填写时长" in response.content.decode()
    response = add_course(client, library, course_form(video=str(video.pk), duration="0:45:00"))
    assert response.status_code == 302
    assert CoursePage.objects.get(slug="new-course").duration == datetime.timedelta(minutes=45)


def test_a_subtitle_file_that_is_not_webvtt_is_refused_in_chinese(client, reviewer, library):
    srt = SimpleUploadedFile("zh.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n".encode())
    response = add_course(client, library, course_form(), {"subtitle": srt})
    assert response.status_code == 200
    assert "字幕文件须为 WebVTT 格式" in response.content.decode()
    assert not CoursePage.objects.filter(slug="new-course").exists()


def test_a_webvtt_subtitle_is_kept_and_offered_to_the_player(client, reviewer, library):
    vtt = SimpleUploadedFile("zh.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\n大家好\n".encode())
    video = Video.objects.create(title="有时长视频", file=ContentFile(b"...", name="y.mp4"))
    Video.objects.filter(pk=video.pk).update(duration=datetime.timedelta(minutes=5))
    response = add_course(client, library, course_form(video=str(video.pk)), {"subtitle": vtt})
    assert response.status_code == 302
    course = CoursePage.objects.get(slug="new-course")
    assert course.subtitle.name.endswith(".vtt")
    client.logout()
    page = client.get(course.url).content.decode()
    assert f'<track kind="subtitles" src="{course.subtitle.url}" srclang="zh-CN"' in page


def test_editors_may_add_a_category(client, library):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    url = reverse("wagtailsnippets_courses_coursecategory:add")
    response = client.post(url, {"name": "家风家教", "slug": "family", "sort_order": 6})
    assert response.status_code == 302
    assert CourseCategory.objects.filter(name="家风家教").exists()


def test_members_have_no_way_into_the_admin(client, user):
    client.force_login(user)
    assert client.get(reverse("wagtailvideos:add")).status_code in (302, 403)


def test_the_video_library_and_the_course_editor_work_in_the_wagtail_8_admin(
    client, reviewer, library, course
):
    """wagtailvideos declares Wagtail 6 only: its screens must still render."""
    video = Video.objects.create(title="讲座视频", file=ContentFile(b"...", name="z.mp4"))
    CoursePage.objects.filter(pk=course.pk).update(video=video)
    urls = [
        reverse("wagtailvideos:index"),
        reverse("wagtailvideos:add"),
        reverse("wagtailvideos:edit", args=[video.pk]),
        reverse("wagtailvideos:add_multiple"),
        reverse("wagtailvideos_chooser:choose"),
        reverse("wagtailadmin_pages:add", args=("courses", "coursepage", library.pk)),
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        reverse("wagtailsnippets_courses_coursecategory:list"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert "讲座视频" in editor  # the chosen video, through wagtailvideos' chooser widget
    assert 'enctype="multipart/form-data"' in editor  # the subtitle file can be uploaded
    upload_form = client.get(reverse("wagtailvideos:add")).content.decode()
    assert "上传视频" in upload_form and "文件最大" in upload_form  # our translation


def test_a_replaced_video_gives_its_courses_the_new_duration(library, monkeypatch):
    monkeypatch.setattr("learning.courses.video_backend.ffmpeg_available", lambda: False)
    video = Video.objects.create(title="讲座录像", file=ContentFile(b"...", name="z.mp4"))
    Video.objects.filter(pk=video.pk).update(duration=datetime.timedelta(minutes=5))
    course = CoursePageFactory(parent=library, video=Video.objects.get(pk=video.pk))
    assert course.duration == datetime.timedelta(minutes=5)
    video.refresh_from_db()
    video.duration = datetime.timedelta(minutes=62)  # what ffprobe read from the new file
    video.save()
    course.refresh_from_db()
    assert course.duration == datetime.timedelta(minutes=62)
