"""Viewing progress: resume where the member left off, completion only after
90 % of the duration was actually watched, and nobody else's account."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from learning.courses import services
from learning.courses.models import CourseProgress
from tests.courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db

TEN_MINUTES = 600.0


def report(user, course, position, segments, at):
    return services.record_progress(user, course, position=position, segments=segments, now=at)


def watch(user, course, start, end, *, step=10.0, at=None):
    """Plays [start, end) in reports of ``step`` seconds, in real time."""
    at = at or timezone.now()
    progress = None
    position = start
    while position < end:
        upto = min(end, position + step)
        at += datetime.timedelta(seconds=upto - position)
        progress = report(user, course, upto, [[position, upto]], at)
        position = upto
    return progress, at


def test_watching_90_percent_completes_the_course(user, course):
    progress, _ = watch(user, course, 0, 0.9 * TEN_MINUTES)
    assert progress.completed_at is not None
    assert progress.percent() == 90


def test_watching_just_under_90_percent_does_not_complete(user, course):
    progress, _ = watch(user, course, 0, 0.9 * TEN_MINUTES - 5)
    assert progress.completed_at is None


def test_skipping_to_the_end_does_not_complete(user, course):
    now = timezone.now()
    progress, now = watch(user, course, 0, 30, at=now)
    progress = report(user, course, TEN_MINUTES, [[TEN_MINUTES - 20, TEN_MINUTES]], now)
    assert progress.completed_at is None
    assert progress.watched_seconds == pytest.approx(50)
    assert progress.last_position == TEN_MINUTES


def test_watching_the_same_minute_twice_counts_once(user, course):
    progress, at = watch(user, course, 0, 60)
    progress, _ = watch(user, course, 0, 60, at=at)
    assert progress.watched_seconds == pytest.approx(60)
    assert progress.watched_intervals == [[0, 60]]


def test_a_forged_report_of_the_whole_video_counts_only_what_time_allows(user, course):
    now = timezone.now()
    progress = report(user, course, TEN_MINUTES, [[0, TEN_MINUTES]], now)
    assert progress.completed_at is None
    assert progress.watched_seconds == pytest.approx(services.REPORT_SLACK_SECONDS)
    later = now + datetime.timedelta(seconds=60)
    progress = report(user, course, TEN_MINUTES, [[0, TEN_MINUTES]], later)
    assert progress.watched_seconds == pytest.approx(
        2 * services.REPORT_SLACK_SECONDS + 60 * services.MAX_PLAYBACK_RATE
    )
    assert progress.completed_at is None


def test_watching_at_double_speed_still_completes(user, course):
    now = timezone.now()
    position = 0.0
    progress = None
    while position < TEN_MINUTES:
        now += datetime.timedelta(seconds=5)  # 5 s of real time, 10 s of video
        progress = report(user, course, position + 10, [[position, position + 10]], now)
        position += 10
    assert progress.completed_at is not None


def test_positions_and_segments_past_the_end_are_clamped(user, course):
    progress = report(user, course, 99999, [[590, 99999]], timezone.now())
    assert progress.last_position == TEN_MINUTES
    assert progress.watched_intervals == [[590, TEN_MINUTES]]


@pytest.mark.parametrize(
    ("position", "segments"),
    [
        ("junk", []),
        ("12", []),
        (True, []),
        pytest.param(10**400, [], id="integer-too-large-for-a-float"),
        (30, "all"),
        (30, {"start": 0, "end": 10}),
        (30, [[10]]),
        (30, [["a", "b"]]),
        (30, [[True, 5]]),
        (30, [[float("nan"), 5]]),
        (30, [[0, float("inf")]]),
        (30, [[0, 10**400]]),
        (30, [{"start": 0, "end": 10}]),
        (30, [[20, 25]] * 101),
    ],
)
def test_a_malformed_report_is_refused_and_nothing_stored_is_lost(user, course, position, segments):
    progress, at = watch(user, course, 0, 20)
    with pytest.raises(services.ProgressError):
        report(user, course, position, segments, at + datetime.timedelta(seconds=5))
    progress.refresh_from_db()
    assert progress.watched_intervals == [[0, 20]]
    assert progress.last_position == 20
    assert progress.updated_at == at


@pytest.mark.parametrize("segments", [[[30, 10]], [[700, 800]], [[-20, -5]], None, []])
def test_backwards_or_empty_segments_add_nothing(user, course, segments):
    progress, at = watch(user, course, 0, 20)
    progress = report(user, course, 25, segments, at + datetime.timedelta(seconds=5))
    assert progress.watched_intervals == [[0, 20]]
    assert progress.last_position == 25


def test_completion_is_kept_when_more_is_watched_later(user, course):
    progress, at = watch(user, course, 0, TEN_MINUTES)
    completed_at = progress.completed_at
    progress, _ = watch(user, course, 0, 30, at=at + datetime.timedelta(days=1))
    assert progress.completed_at == completed_at


def test_resume_position_is_where_the_member_stopped(user, course):
    progress, _ = watch(user, course, 0, 125)
    assert progress.resume_position() == 125


def test_resume_starts_again_from_the_beginning_after_the_end(user, course):
    progress, _ = watch(user, course, TEN_MINUTES - 20, TEN_MINUTES)
    assert progress.resume_position() == 0


def test_a_course_without_duration_records_no_progress(user, library):
    course = CoursePageFactory(parent=library, duration=None)
    with pytest.raises(services.ProgressError):
        report(user, course, 10, [[0, 10]], timezone.now())
    assert not CourseProgress.objects.exists()


# --- The endpoint -------------------------------------------------------------------


def url(course):
    return f"/learning/progress/{course.pk}/"


def post(client, course, data, **kwargs):
    return client.post(url(course), json.dumps(data), content_type="application/json", **kwargs)


def test_an_anonymous_visitor_is_told_to_log_in_and_nothing_is_stored(client, course):
    assert client.get(url(course)).json() == {"authenticated": False}
    response = post(client, course, {"position": 10, "segments": [[0, 10]]})
    assert response.status_code == 403
    assert "登录" in response.json()["error"]
    assert not CourseProgress.objects.exists()


def test_a_member_reports_and_gets_the_resume_position_back(client, user, course):
    client.force_login(user)
    response = post(client, course, {"position": 12.5, "segments": [[0, 12.5]]})
    assert response.status_code == 200
    data = client.get(url(course)).json()
    assert data["authenticated"] is True
    assert data["position"] == 12.5
    assert data["csrfToken"]
    assert response["Cache-Control"] == "private, no-store"


def test_reports_need_the_csrf_token(user, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert post(client, course, {"position": 5, "segments": [[0, 5]]}).status_code == 403
    token = client.get(url(course)).json()["csrfToken"]
    response = post(client, course, {"position": 5, "segments": [[0, 5]]}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_a_report_only_ever_changes_the_senders_own_progress(client, user, make_user, course):
    other = make_user()
    report(other, course, 30, [[0, 30]], timezone.now())
    client.force_login(user)
    post(client, course, {"position": 300, "segments": [[0, 20]], "user": other.pk})
    assert CourseProgress.objects.get(user=other).last_position == 30
    assert CourseProgress.objects.get(user=user).last_position == 300


def test_a_member_never_sees_someone_elses_progress(client, user, make_user, course):
    report(make_user(), course, 300, [[0, 20]], timezone.now())
    client.force_login(user)
    assert client.get(url(course)).json()["position"] == 0


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[1, 2]",
        '"text"',
        "{" * 10,
        b"\xff\xfe",
        "[" * 10_000,
        '{"segments": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"position": 1' + "0" * 400 + "}",
        '{"position": 1e999}',
        '{"position": true}',
        '{"position": "12"}',
        '{"segments": {"0": [0, 5]}}',
        '{"segments": [[0, 5, 9]]}',
        json.dumps({"segments": [[0, 1]] * 101}),
    ],
)
def test_a_malformed_report_gets_a_chinese_message_not_an_error(client, user, course, body):
    client.force_login(user)
    response = client.post(url(course), body, content_type="application/json")
    assert response.status_code == 400
    assert "进度报告" in response.json()["error"]
    assert not CourseProgress.objects.exists()


def test_an_oversized_report_is_refused(client, user, course):
    client.force_login(user)
    response = post(client, course, {"segments": [[0, 1]] * 5000})
    assert response.status_code == 400


def test_progress_of_an_unpublished_or_unknown_course_is_not_found(client, user, course):
    client.force_login(user)
    assert client.get("/learning/progress/999999/").status_code == 404
    course.unpublish()
    assert post(client, course, {"position": 1, "segments": []}).status_code == 404


def test_other_methods_are_not_allowed(client, user, course):
    client.force_login(user)
    assert client.put(url(course)).status_code == 405
