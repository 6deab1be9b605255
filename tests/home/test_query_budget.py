"""Home, 通知公告 and the search form render within the query budget for a
logged-in member, with 10 notices, events and courses as with 1,000, beside
the sections the demo's pages show (tests/demo_like.py)."""

import pytest
from django.urls import reverse

from home.models import NoticePage
from tests.demo_like import furnish
from tests.query_budget import add_courses, add_events, add_notices, assert_budget

pytestmark = pytest.mark.django_db


def test_the_home_page_keeps_the_query_budget_for_a_member(home_page, notice_index, member_client):
    events, courses = furnish(home_page)

    def add(count):
        add_notices(notice_index, count)
        add_events(events, count)
        add_courses(courses, count)

    assert_budget(member_client, "/", add)


def test_the_notice_list_keeps_the_query_budget_for_a_member(
    home_page, notice_index, member_client
):
    furnish(home_page)
    assert_budget(member_client, notice_index.url, lambda n: add_notices(notice_index, n))


def test_a_notice_keeps_the_query_budget_for_a_member(notice_index, member_client):
    first = add_notices(notice_index, 1)[0]
    url = NoticePage.objects.get(pk=first.pk).url
    assert_budget(member_client, url, lambda n: add_notices(notice_index, n))


def test_the_search_form_keeps_the_query_budget_for_a_member(notice_index, member_client):
    assert_budget(member_client, reverse("search"), lambda n: add_notices(notice_index, n))
