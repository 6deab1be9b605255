"""The event list, month calendar, an event and 我的活动报名 render within the
query budget for a logged-in member, with 10 events (and registrations) as
with 1,000."""

import pytest
from django.urls import reverse

from accounts import roles
from events.models import Occurrence
from tests.accounts.factories import UserFactory
from tests.demo_like import furnish
from tests.query_budget import add_events, add_registrations, assert_budget

pytestmark = pytest.mark.django_db


def test_the_event_list_keeps_the_query_budget_for_a_member(event_index, member_client):
    assert_budget(member_client, event_index.url, lambda n: add_events(event_index, n))


def test_the_month_calendar_keeps_the_query_budget_for_a_member(
    home_page, event_index, member_client
):
    furnish(home_page, event_index)  # 直播预告 above the calendar
    url = event_index.url + "calendar/"
    assert_budget(member_client, url, lambda n: add_events(event_index, n))


def test_an_event_keeps_the_query_budget_for_a_member(event_index, event, member_client, user):
    occurrence = event.occurrences.get()
    add_registrations([occurrence], user=user)

    def add(count):  # other people's registrations (waiting when full) and other events
        add_registrations([occurrence] * count, status="waiting")
        add_events(event_index, count)

    assert_budget(member_client, event.url, add)


def test_my_registrations_keep_the_query_budget_for_a_member(event_index, member_client, user):
    def add(count):
        events = add_events(event_index, count)
        add_registrations(Occurrence.objects.filter(event__in=[e.pk for e in events]), user=user)

    assert_budget(member_client, reverse("events:mine"), add)


def test_the_registrant_list_keeps_the_query_budget_for_an_organiser(client, event):
    client.force_login(UserFactory(roles=[roles.VOLUNTEER_COORDINATORS]))
    occurrence = event.occurrences.get()
    url = reverse("event_registrations:registrants", args=[occurrence.pk])
    assert_budget(client, url, lambda n: add_registrations([occurrence] * n, status="waiting"))
