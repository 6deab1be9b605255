"""Calendar files: parsed back with icalendar and checked."""

import datetime

import icalendar
import pytest

from events.models import EventExceptionDate
from tests.events.factories import at, days_from_now, make_event, publish

pytestmark = pytest.mark.django_db


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _events(calendar):
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_an_event_downloads_as_a_calendar_file_in_shanghai_time(client, event):
    response = client.get(event.url + "ics/")
    assert response["Content-Disposition"].startswith("attachment")
    calendar = _parse(response)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == event.start
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert vevent.decoded("DTEND") == event.end
    assert str(vevent["LOCATION"]) == event.place
    assert str(vevent["SUMMARY"]) == event.title
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert "RRULE" not in vevent


def test_the_uid_stays_the_same_across_requests_and_edits(client, event):
    first = _parse(client.get(event.url + "ics/")).walk("VEVENT")[0]["UID"]
    event.title = "改过名字的活动"
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    publish(event)
    second = _parse(client.get(event.url + "ics/")).walk("VEVENT")[0]["UID"]
    assert first == second
    feed_uid = _events(_parse(client.get(event.get_parent().url + "feed/")))["改过名字的活动"][
        "UID"
    ]
    assert feed_uid == first


def test_a_repeating_event_carries_its_rule_and_its_exceptions(client, event_index):
    start = days_from_now(2, 8)
    event = make_event(
        event_index,
        title="每月义诊",
        start=start,
        end=start + datetime.timedelta(hours=3),
        repeat="monthly_day",
        repeat_count=6,
    )
    skipped = list(event.occurrences.order_by("start"))[2].day
    event.exception_dates.add(EventExceptionDate(date=skipped))
    publish(event)
    vevent = _parse(client.get(event.url + "ics/")).walk("VEVENT")[0]
    rule = vevent["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["COUNT"] == [6]
    assert rule["BYMONTHDAY"] == [start.day]
    exdates = [d.dt for d in vevent["EXDATE"].dts]
    assert exdates == [at(skipped, 8)]
    # The series the file describes is the one the site shows.
    from dateutil.rrule import rrulestr

    series = rrulestr(vevent["RRULE"].to_ical().decode(), dtstart=vevent.decoded("DTSTART"))
    shown = [o.start for o in event.occurrences.filter(cancelled=False).order_by("start")]
    assert [d for d in series if d not in exdates] == shown


def test_an_all_day_event_uses_dates_with_an_exclusive_end(client, event_index):
    event = make_event(
        event_index,
        title="社区运动会",
        all_day=True,
        start=at(datetime.date.today() + datetime.timedelta(days=5), 0),
        end=at(datetime.date.today() + datetime.timedelta(days=6), 0),
    )
    vevent = _parse(client.get(event.url + "ics/")).walk("VEVENT")[0]
    start = vevent.decoded("DTSTART")
    assert start == datetime.date.today() + datetime.timedelta(days=5)
    assert vevent.decoded("DTEND") == start + datetime.timedelta(days=2)


def test_the_feeds_for_all_and_per_kind_are_plain_get_links(client, event_index):
    make_event(event_index, title="讲座甲", kind="lecture")
    make_event(event_index, title="广场舞", kind="culture")
    everything = _events(_parse(client.get(event_index.url + "feed/")))
    lectures = _events(_parse(client.get(event_index.url + "feed/lecture/")))
    assert set(everything) == {"讲座甲", "广场舞"}
    assert set(lectures) == {"讲座甲"}
    assert client.get(event_index.url + "feed/lecture/")["Content-Disposition"].startswith("inline")


def test_an_unpublished_event_leaves_the_feed(client, event_index):
    event = make_event(event_index, title="将撤下")
    event.unpublish()
    assert "将撤下" not in _events(_parse(client.get(event_index.url + "feed/")))


@pytest.mark.parametrize("path", ["feed/nope/", "feed/../", "feed/%00/", "feed/lecture/x/"])
def test_garbage_feed_urls_are_not_found_never_an_error(client, event_index, path):
    response = client.get(event_index.url + path)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["?since=garbage", "?start=2026-13-45&end=%ff", "?kind=%00", "?page=-1"]
)
def test_garbage_query_parameters_give_the_whole_calendar(client, event, query):
    calendar = _parse(client.get(event.get_parent().url + "feed/" + query))
    assert len(calendar.walk("VEVENT")) == 1
