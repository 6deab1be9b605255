"""One personal request per page: /accounts/personal/ answers, besides the
header's part, every personal part the page names (an event's places and
one's own registration, a course's progress), for the same member, and
nothing else (core/personal_parts.py)."""

import json

import pytest
from django.urls import reverse

from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import EventIndexPageFactory, make_event
from tests.query_budget import add_progress, add_registrations

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    event = make_event(EventIndexPageFactory(parent=home_page), title="社区大讲堂")
    library = CourseIndexPageFactory(parent=home_page)
    return event, CoursePageFactory(parent=library, title="支部建设讲座")


def personal(client, *parts):
    response = client.get(reverse("accounts:personal"), {"part": list(parts)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.json()


def test_a_members_event_status_and_course_progress_come_in_the_one_request(client, user, pages):
    event, course = pages
    add_registrations([event.occurrences.get()], user=user)
    add_progress(user, [course], watched=120.0)
    client.force_login(user)
    status_url = reverse("events:event_status", args=[event.pk])
    progress_url = reverse("courses:progress", args=[course.pk])

    data = personal(client, status_url, progress_url)

    assert data["authenticated"] and data["name"] == user.real_name
    assert data["parts"][status_url]["status"] == 200
    assert "您已报名" in data["parts"][status_url]["body"]
    progress = json.loads(data["parts"][progress_url]["body"])
    assert progress["authenticated"] and progress["position"] == 120.0
    assert progress["csrfToken"]  # the player's reports need it


def test_a_visitor_gets_the_places_and_no_progress(client, pages):
    event, course = pages
    status_url = reverse("events:event_status", args=[event.pk])
    progress_url = reverse("courses:progress", args=[course.pk])

    data = personal(client, status_url, progress_url)

    assert data["authenticated"] is False
    assert "剩余" in data["parts"][status_url]["body"]
    assert "您已报名" not in data["parts"][status_url]["body"]
    assert json.loads(data["parts"][progress_url]["body"]) == {"authenticated": False}


def test_only_views_marked_as_personal_parts_are_answered(client, user, pages):
    client.force_login(user)
    event, _course = pages
    asked = [
        reverse("accounts:me"),  # personal, but a whole page, not a part
        "//example.com/registrations/",
        "https://example.com/",
        reverse("events:event_status", args=[event.pk]) + "?x=1",
        "/no/such/page/",
    ]
    assert personal(client, *asked)["parts"] == {}


def test_a_part_of_a_page_that_is_gone_answers_not_found(client, pages):
    event, _course = pages
    status_url = reverse("events:event_status", args=[event.pk + 1000])
    assert personal(client, status_url)["parts"][status_url]["status"] == 404
