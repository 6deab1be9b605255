"""The public pages: upcoming list, month calendar, past events, event pages."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Page

from events.models import EventIndexPage, EventPage, Occurrence, Registration
from home.models import HomePage
from tests.events.factories import at, days_from_now, make_event

pytestmark = pytest.mark.django_db


def test_upcoming_list_shows_dates_in_order_and_filters_by_kind(client, event_index):
    make_event(event_index, title="后面的讲座", kind="lecture", start=days_from_now(9))
    make_event(event_index, title="前面的文体活动", kind="culture", start=days_from_now(2))
    make_event(event_index, title="已结束的活动", start=days_from_now(-3))
    html = client.get(event_index.url).content.decode()
    assert html.index("前面的文体活动") < html.index("后面的讲座")
    assert "已结束的活动" not in html
    lectures = client.get(event_index.url + "?kind=lecture").content.decode()
    assert "后面的讲座" in lectures and "前面的文体活动" not in lectures
    assert "前面的文体活动" in client.get(event_index.url + "?kind=%00garbage").content.decode()


def test_past_events_are_listed_newest_first(client, event_index):
    old = make_event(event_index, title="上个月的活动", start=days_from_now(20))
    older = make_event(event_index, title="更早的活动", start=days_from_now(21))
    for event, days in ((old, -30), (older, -60)):
        start = days_from_now(days)
        Occurrence.objects.filter(event=event).update(
            start=start, end=start + datetime.timedelta(hours=2), day=start.date()
        )
    html = client.get(event_index.url + "past/").content.decode()
    assert html.index("上个月的活动") < html.index("更早的活动")
    assert "上个月的活动" not in client.get(event_index.url).content.decode()


def test_a_repeating_event_appears_on_each_of_its_days_in_the_month_calendar(client, event_index):
    first = datetime.date.today().replace(day=1) + datetime.timedelta(days=40)
    first = first.replace(day=1)
    start = at(first + datetime.timedelta(days=(1 - first.weekday()) % 7), 7)  # first Tuesday
    make_event(
        event_index,
        title="太极拳晨练",
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
    )
    response = client.get(event_index.url + f"calendar/?month={first:%Y-%m}")
    html = response.content.decode()
    tuesdays = [d for d in range(1, 32) if _is_tuesday(first, d)]
    assert response.status_code == 200
    assert f"{first.year}年{first.month}月" in html
    for day in tuesdays:
        assert f'id="day-{first:%Y-%m}-{day:02d}"' in html
    assert html.count("太极拳晨练") == len(tuesdays)


def _is_tuesday(first, day):
    try:
        return first.replace(day=day).weekday() == 1
    except ValueError:
        return False


@pytest.mark.parametrize(
    "month", ["garbage", "2026-13", "0000-01", "99999-01", "2026-00", "%00", "2026-1-1", "-1-5"]
)
def test_garbage_months_get_a_chinese_400_not_an_error(client, event_index, month):
    response = client.get(event_index.url + f"calendar/?month={month}")
    assert response.status_code == 400
    assert "月份格式不正确" in response.content.decode()


def test_an_empty_month_says_so(client, event_index):
    html = client.get(event_index.url + "calendar/?month=2001-02").content.decode()
    assert "这个月没有活动" in html


@pytest.mark.parametrize("garbage", ["abc", "-1", "0", "99999", "%00"])
def test_garbage_page_numbers_land_on_a_real_page(client, event, garbage):
    response = client.get(f"{event.get_parent().url}?page={garbage}")
    assert response.status_code == 200
    assert event.title in response.content.decode()


def test_event_page_shows_the_rule_the_dates_and_the_calendar_link(client, event_index):
    start = days_from_now(2, 8)
    event = make_event(
        event_index,
        title="每月义诊",
        start=start,
        end=start + datetime.timedelta(hours=3),
        repeat="monthly_day",
        repeat_count=3,
        audience="party",
    )
    html = client.get(event.url).content.decode()
    assert f"每月{start.day}日，共3次" in html
    assert "面向党员" in html
    assert html.count('class="occurrence"') == 3
    assert event.url + "ics/" in html


def test_the_home_page_lists_the_next_events(client, event_index):
    make_event(event_index, title="下周的大讲堂", start=days_from_now(7))
    html = client.get("/").content.decode()
    assert "近期活动" in html and "下周的大讲堂" in html


def test_events_are_found_by_the_site_search(client, event):
    html = client.get("/search/", {"q": "防范电信诈骗", "type": "event"}).content.decode()
    assert event.url in html
    assert "社区大讲堂：<mark>防范电信诈骗</mark>" in html  # the words searched for are marked


def test_demo_events_load_twice_without_duplicates(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (EventPage.objects.count(), Occurrence.objects.count(), Registration.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        EventPage.objects.count(),
        Occurrence.objects.count(),
        Registration.objects.count(),
    ) == counts
    assert counts[0] >= 6 and counts[2] >= 3
    index = EventIndexPage.objects.get()
    assert index.show_in_menus and index.get_parent().specific_class is HomePage
    home = client.get("/").content.decode()
    assert index.url in home  # in the main navigation
    assert EventPage.objects.filter(repeat="monthly_day", exception_dates__isnull=False).exists()
    assert Page.objects.type(EventPage).live().count() == counts[0]


@pytest.mark.parametrize("path", ["", "calendar/", "feed/"])
def test_list_calendar_and_feed_cost_the_same_queries_for_many_events(
    client, event_index, settings, path
):
    settings.PAGE_CACHE_SECONDS = 0

    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(event_index.url + path).status_code == 200
        return len(captured.captured_queries)

    for n in range(2):
        make_event(event_index, start=days_from_now(n + 1), kind="lecture")
    queries()  # fills the caches (site root paths, settings) a first request fills
    few = queries()
    for n in range(12):
        make_event(event_index, start=days_from_now(n + 1), kind="culture", repeat="weekly")
    assert queries() == few
