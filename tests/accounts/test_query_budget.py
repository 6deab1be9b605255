"""我的 renders within the query budget, however many things a member has
(its sections link to the lists, which paginate)."""

import pytest
from django.urls import reverse

from events.models import Occurrence
from tests.courses.factories import CourseIndexPageFactory
from tests.events.factories import EventIndexPageFactory
from tests.query_budget import (
    add_courses,
    add_events,
    add_progress,
    add_registrations,
    assert_budget,
)

pytestmark = pytest.mark.django_db


def test_my_page_keeps_the_query_budget_for_a_member(home_page, member_client, user):
    library = CourseIndexPageFactory(parent=home_page)
    events = EventIndexPageFactory(parent=home_page)

    def add(count):
        add_progress(user, add_courses(library, count))
        added = [event.pk for event in add_events(events, count)]
        add_registrations(Occurrence.objects.filter(event__in=added), user=user)

    assert_budget(member_client, reverse("accounts:me"), add)
