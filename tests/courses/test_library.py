"""The course library: categories, tags, order, pagination, the course page,
the catalogue (点播本) and 我的学习."""

import datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, get_page_models

from learning.courses import services
from learning.courses.models import (
    COURSES_PER_PAGE,
    CourseCategory,
    CourseIndexPage,
    CoursePage,
    CourseProgress,
)
from tests.courses.factories import CoursePageFactory, category

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_five_categories_exist_from_the_start():
    assert list(CourseCategory.objects.values_list("name", flat=True)) == [
        "基层党建",
        "政策法规",
        "实用技术",
        "科普知识",
        "文体卫生",
    ]


def test_courses_are_created_in_the_library_only_and_the_library_once_under_the_home_page(
    home_page, library, course
):
    assert CoursePage.can_create_at(library)
    assert not CoursePage.can_create_at(home_page)
    assert not CoursePage.can_create_at(course)  # a course has no pages under it
    assert CourseIndexPage.can_exist_under(home_page)
    assert not CourseIndexPage.can_exist_under(Page.get_first_root_node())
    assert CourseIndexPage.can_create_at(home_page) is False  # only one library
    assert [model for model in get_page_models() if model.can_exist_under(library)] == [CoursePage]


def test_a_member_has_one_progress_row_per_course(user, course):
    CourseProgress.objects.create(user=user, course=course)
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError, wrapped differently per database
        CourseProgress.objects.create(user=user, course=course)


def test_the_library_lists_live_courses_newest_first(client, library):
    old = CoursePageFactory(parent=library, title="旧课程")
    new = CoursePageFactory(parent=library, title="新课程")
    CoursePage.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=3)
    )
    draft = CoursePageFactory(parent=library, title="草稿课程")
    draft.unpublish()
    page = html(client.get(library.url))
    assert page.index(new.title) < page.index(old.title)
    assert draft.title not in page


def test_most_watched_order_puts_the_course_with_most_viewers_first(client, library, make_user):
    quiet = CoursePageFactory(parent=library, title="冷门课程")
    popular = CoursePageFactory(parent=library, title="热门课程")
    CoursePage.objects.filter(pk=popular.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=3)
    )
    for _ in range(3):
        CourseProgress.objects.create(user=make_user(), course=popular)
    CourseProgress.objects.create(user=make_user(), course=quiet)
    page = html(client.get(library.url, {"sort": "popular"}))
    assert page.index(popular.title) < page.index(quiet.title)
    newest = html(client.get(library.url, {"sort": "whatever"}))
    assert newest.index(quiet.title) < newest.index(popular.title)


def test_a_category_lists_only_its_courses(client, library):
    party = CoursePageFactory(parent=library, title="党课一", category=category("party-building"))
    farm = CoursePageFactory(parent=library, title="种植课", category=category("technology"))
    page = html(client.get(library.url + "category/technology/"))
    assert farm.title in page and party.title not in page
    assert "<h1>实用技术</h1>" in page


def test_a_tag_lists_only_its_courses(client, library):
    tagged = CoursePageFactory(parent=library, title="大棚技术", tag_names=["种植", "农业"])
    other = CoursePageFactory(parent=library, title="八段锦", tag_names=["健身"])
    page = html(client.get(library.url + "tag/种植/"))
    assert tagged.title in page and other.title not in page
    assert "标签：种植" in page
    assert "/courses/tag/%E7%A7%8D%E6%A4%8D/" in html(client.get(tagged.url))


@pytest.mark.parametrize("path", ["category/no-such/", "tag/不存在的标签/", "category/", "tag/"])
def test_an_unknown_category_or_tag_is_not_found(client, library, course, path):
    response = client.get(library.url + path)
    assert response.status_code == 404
    assert "找不到" in response.content.decode() or "不存在" in response.content.decode()


def test_a_tag_used_by_no_course_is_not_found(client, library, course):
    from taggit.models import Tag

    Tag.objects.create(name="只给视频用", slug="video-only")
    assert client.get(library.url + "tag/video-only/").status_code == 404


@pytest.mark.parametrize("number", ["abc", "-1", "0", "99999", "1.5", "%00"])
def test_a_garbage_page_number_still_gets_a_page(client, library, number):
    for n in range(COURSES_PER_PAGE + 2):
        CoursePageFactory(parent=library, title=f"分页课程 {n}")
    assert client.get(library.url, {"page": number}).status_code == 200


def test_the_second_page_holds_the_rest(client, library):
    for n in range(COURSES_PER_PAGE + 2):
        CoursePageFactory(parent=library, title=f"分页课程{n:02d}")
    second = html(client.get(library.url, {"page": 2}))
    assert second.count('class="card course-card"') == 2


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_per_list_page_do_not_grow_with_the_number_of_courses(client, library):
    for n in range(3):
        CoursePageFactory(parent=library, title=f"少量 {n}", tag_names=[f"标签{n}"])
    few = _queries(client, library.url)
    for n in range(COURSES_PER_PAGE * 2):
        CoursePageFactory(parent=library, title=f"大量 {n}", tag_names=[f"标签{n}", "通用"])
    assert _queries(client, library.url + "?page=2") <= few
    assert _queries(client, library.url) <= few


def test_the_course_page_shows_facts_documents_and_related_courses(client, library, course):
    sibling = CoursePageFactory(parent=library, title="同类课程", category=course.category)
    elsewhere = CoursePageFactory(parent=library, title="别类课程", category=category("science"))
    page = html(client.get(course.url))
    assert "社区党委书记" in page and "10分钟" in page
    assert sibling.title in page and elsewhere.title not in page
    assert "<video" not in page  # no video chosen: no player


def test_the_catalogue_lists_every_live_course_by_category(client, library, course):
    CoursePageFactory(
        parent=library, title="消防安全", category=category("science"), speaker="消防员"
    )
    hidden = CoursePageFactory(parent=library, title="未发布的课程")
    hidden.unpublish()
    page = html(client.get(library.url + "catalogue/"))
    assert page.index("基层党建") < page.index(course.title) < page.index("科普知识")
    assert "消防员" in page and "10分钟" in page
    assert hidden.title not in page
    assert "courses/css/courses.css" in page
    assert "@media print" in Path(finders.find("courses/css/courses.css")).read_text()


def test_my_courses_lists_progress_with_bars(client, user, course):
    services.record_progress(user, course, position=300, segments=[[0, 25]], now=timezone.now())
    client.force_login(user)
    page = html(client.get("/learning/me/"))
    assert course.title in page
    assert '<progress id="progress-' in page and 'value="4"' in page
    assert html(client.get("/accounts/me/")).count("我的学习") >= 1


def test_my_courses_needs_a_login(client):
    response = client.get("/learning/me/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_course_pages_are_cached_for_everyone_without_personal_data(client, course, user):
    assert client.get(course.url)["X-Page-Cache"] == "miss"
    anonymous = client.get(course.url)
    assert anonymous["X-Page-Cache"] == "hit"
    client.force_login(user)
    member = client.get(course.url)
    assert member["X-Page-Cache"] == "hit" and member.content == anonymous.content


def test_changing_a_category_or_a_video_refreshes_cached_pages(
    client, library, course, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile
    from wagtailvideos.models import Video

    assert client.get(library.url)["X-Page-Cache"] == "miss"
    assert client.get(library.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        CourseCategory.objects.filter(slug="science").first().save()
    assert client.get(library.url)["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        Video.objects.create(title="新视频", file=ContentFile(b"...", name="new.mp4"))
    assert client.get(library.url)["X-Page-Cache"] == "miss"


def test_categories_are_listed_in_their_order(client, library, course):
    page = html(client.get(library.url))
    positions = [
        page.index(f">{name}<")
        for name in ["基层党建", "政策法规", "实用技术", "科普知识", "文体卫生"]
    ]
    assert positions == sorted(positions)
