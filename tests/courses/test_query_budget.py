"""课程库, a course, the 点播本 and 我的学习 render within the query budget for
a logged-in member, with 10 courses (and as much progress) as with 1,000."""

import pytest
from django.urls import reverse

from learning.courses.models import CoursePage
from tests.courses.factories import category
from tests.demo_like import course, furnish
from tests.query_budget import add_courses, add_progress, assert_budget

pytestmark = pytest.mark.django_db


def test_the_course_library_keeps_the_query_budget_for_a_member(library, member_client):
    assert_budget(member_client, library.url, lambda n: add_courses(library, n))


def test_a_course_keeps_the_query_budget_for_a_member(home_page, member_client, user):
    """As the demo's: a poster, a video with subtitles, materials, tags, and
    related courses with their own posters and videos."""
    _events, library = furnish(home_page)
    policy = category("policy")  # the added courses are of another category
    first = course(library, title="惠民政策解读", category=policy)
    add_progress(user, [first])
    for i in range(4):
        course(library, title=f"相关课程 {i}", category=policy)
    url = CoursePage.objects.get(pk=first.pk).url
    assert_budget(member_client, url, lambda n: add_progress(user, add_courses(library, n)))


def test_the_catalogue_keeps_the_query_budget_for_a_member(library, member_client):
    url = library.url + "catalogue/"
    assert_budget(member_client, url, lambda n: add_courses(library, n))


def test_my_courses_keeps_the_query_budget_for_a_member(library, member_client, user):
    url = reverse("courses:mine")
    assert_budget(member_client, url, lambda n: add_progress(user, add_courses(library, n)))
