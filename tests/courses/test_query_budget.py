"""课程库, a course, the 点播本 and 我的学习 render within the query budget for
a logged-in member, with 10 courses (and as much progress) as with 1,000."""

import pytest
from django.urls import reverse

from learning.courses.models import CoursePage
from tests.query_budget import add_courses, add_progress, assert_budget

pytestmark = pytest.mark.django_db


def test_the_course_library_keeps_the_query_budget_for_a_member(library, member_client):
    assert_budget(member_client, library.url, lambda n: add_courses(library, n))


def test_a_course_keeps_the_query_budget_for_a_member(library, member_client, user):
    first = add_courses(library, 1)[0]
    add_progress(user, [first])
    url = CoursePage.objects.get(pk=first.pk).url
    assert_budget(member_client, url, lambda n: add_progress(user, add_courses(library, n)))


def test_the_catalogue_keeps_the_query_budget_for_a_member(library, member_client):
    url = library.url + "catalogue/"
    assert_budget(member_client, url, lambda n: add_courses(library, n))


def test_my_courses_keeps_the_query_budget_for_a_member(library, member_client, user):
    url = reverse("courses:mine")
    assert_budget(member_client, url, lambda n: add_progress(user, add_courses(library, n)))
