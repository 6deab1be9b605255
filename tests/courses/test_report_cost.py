"""A progress report on a course the member has begun costs two queries
(their progress row with their account and the course, then one UPDATE), and
is still refused whenever the long way would refuse it."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from learning.courses import services
from learning.courses.models import CourseProgress

pytestmark = pytest.mark.django_db


def post(client, course, data):
    url = reverse("courses:progress", args=[course.pk])
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def begun(client, user, course):
    """The member watched the first 20 s a minute ago."""
    client.force_login(user)
    services.record_progress(
        user,
        course,
        position=20,
        segments=[[0, 20]],
        now=timezone.now() - datetime.timedelta(minutes=1),
    )
    return CourseProgress.objects.get(user=user, course=course)


def test_a_report_on_a_begun_course_costs_two_queries(
    client, course, begun, django_assert_num_queries
):
    with django_assert_num_queries(2):
        response = post(client, course, {"position": 50, "segments": [[20, 50]]})
    assert response.status_code == 200
    assert response.json()["watched"] == 50
    progress = CourseProgress.objects.get(pk=begun.pk)
    assert progress.watched_intervals == [[0, 50]] and progress.last_position == 50


def test_a_report_after_the_password_changed_elsewhere_is_refused(client, user, course, begun):
    user.set_password("另一个新密码-2026")
    user.save()
    response = post(client, course, {"position": 50, "segments": [[20, 50]]})
    assert response.status_code == 403
    assert CourseProgress.objects.get(pk=begun.pk).watched_seconds == 20


def test_a_report_from_a_deactivated_account_is_refused(client, user, course, begun):
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert post(client, course, {"position": 50, "segments": [[20, 50]]}).status_code == 403
    assert CourseProgress.objects.get(pk=begun.pk).watched_seconds == 20


def test_a_report_on_a_course_made_private_or_unpublished_is_not_found(
    client, course, library, begun
):
    restriction = PageViewRestriction.objects.create(
        page=library, restriction_type=PageViewRestriction.LOGIN
    )
    assert post(client, course, {"position": 50, "segments": [[20, 50]]}).status_code == 404
    restriction.delete()
    course.unpublish()
    assert post(client, course, {"position": 50, "segments": [[20, 50]]}).status_code == 404
    assert CourseProgress.objects.get(pk=begun.pk).watched_seconds == 20


def test_a_report_that_another_report_overtook_is_merged_the_long_way(user, course, begun):
    read = services.progress_for_report(user.pk, course.pk)
    services.record_progress(user, course, position=40, segments=[[20, 40]])
    services.record_report(user, read, position=60, segments=[[40, 60]])
    progress = CourseProgress.objects.get(pk=begun.pk)
    assert progress.watched_intervals == [[0, 60]] and progress.last_position == 60
