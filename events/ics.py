"""Calendar files (RFC 5545) with the icalendar library.

One VEVENT per event, not per occurrence: a repeated event carries its RRULE
and its exceptions as EXDATE (the exception dates, and dates an editor's
change cancelled), so calendar apps show the series as a series. The UID is
derived from the page's translation_key, which never changes, so a
subscribed calendar updates an event in place instead of duplicating it.
"""

import datetime

import icalendar
from django.conf import settings
from django.http import HttpResponse

from core.dates import local_zone

PRODID = "-//community-platform//events//ZH"


def event_uid(event):
    return f"{event.translation_key}@events"


def _date_value(value, all_day):
    local = value.astimezone(local_zone())
    return local.date() if all_day else local.replace(microsecond=0)


def event_component(event, request=None, cancelled_days=()):
    """A VEVENT for one EventPage (any subclass)."""
    schedule = event.schedule()
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("summary", event.title)
    stamp = event.last_published_at or event.latest_revision_created_at or event.first_published_at
    vevent.add("dtstamp", (stamp or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC))
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    vevent.add("dtstart", _date_value(event.start, event.all_day))
    if event.all_day:
        end_day = event.end.astimezone(local_zone()).date()
        vevent.add("dtend", end_day + datetime.timedelta(days=1))  # DTEND is exclusive
    else:
        vevent.add("dtend", _date_value(event.end, False))
    if event.place:
        vevent.add("location", event.place)
    url = event.get_full_url(request)
    description = "\n\n".join(part for part in (event.summary, url) if part)
    if description:
        vevent.add("description", description)
    if url:
        vevent.add("url", url)
    vevent.add("categories", [str(event.kind_label)])
    recur = schedule.ical_rrule()
    if recur:
        vevent.add("rrule", recur)
        start = event.start.astimezone(local_zone())
        skipped = sorted(set(schedule.exceptions) | set(cancelled_days))
        if skipped:
            if event.all_day:
                values = skipped
            else:
                values = [
                    datetime.datetime.combine(
                        day, start.time().replace(microsecond=0), start.tzinfo
                    )
                    for day in skipped
                ]
            vevent.add("exdate", values)
    return vevent


def calendar_for(events, name, request=None, cancelled=None):
    """A VCALENDAR with one VEVENT per event and the VTIMEZONE it uses."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cancelled = cancelled or {}
    for event in events:
        cal.add_component(event_component(event, request, cancelled.get(event.pk, ())))
    cal.add_missing_timezones()
    return cal


def ics_response(calendar, filename, download=False):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
