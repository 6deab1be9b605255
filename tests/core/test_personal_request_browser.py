"""In a real browser: an event page and a course page, cached for everyone,
make ONE personal request each (/accounts/personal/), which fills the
header, the places and one's own registration, and the course's progress;
the parts' own views are not asked separately."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.courses.factories import CourseIndexPageFactory
from tests.demo_like import course
from tests.events.factories import EventIndexPageFactory, make_event
from tests.home.factories import make_site_home
from tests.query_budget import add_progress, add_registrations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _wait_for(tab, selector):
    tab.wait_for_selector(selector, state="attached", timeout=15000)


def test_an_event_page_and_a_course_page_make_one_personal_request(live_server, tab):
    home = make_site_home()
    event = make_event(EventIndexPageFactory(parent=home), title="社区大讲堂")
    lesson = course(CourseIndexPageFactory(parent=home), title="支部建设讲座")
    member = UserFactory(real_name="李党员")
    add_registrations([event.occurrences.get()], user=member)
    add_progress(member, [lesson], watched=120.0)
    client = Client()
    client.force_login(member)
    session = client.cookies["sessionid"].value
    tab.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    personal_views = {
        reverse("accounts:personal"),
        reverse("events:event_status", args=[event.pk]),
        reverse("courses:progress", args=[lesson.pk]),
    }
    asked = []
    tab.on("request", lambda request: asked.append(urlsplit(request.url).path))

    tab.goto(live_server.url + event.url)
    _wait_for(tab, "[data-status-loaded]")
    _wait_for(tab, "body[data-personal-loaded]")
    assert "您已报名" in tab.inner_text(".occurrences")
    assert tab.get_attribute("[data-personal-account]", "title") == "李党员"

    tab.goto(live_server.url + lesson.url)
    _wait_for(tab, "[data-progress-panel]:not([hidden])")
    _wait_for(tab, "body[data-personal-loaded]")
    assert "已为您从上次看到的" in tab.inner_text("[data-progress-status]")

    personal = [path for path in asked if path in personal_views]
    assert personal == [reverse("accounts:personal")] * 2
