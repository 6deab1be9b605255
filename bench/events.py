"""Benchmark: the events calendar and registration under load.

    .venv/bin/python -m bench.events              # SQLite
    .venv/bin/python -m bench.events --postgres   # SQLite, then PostgreSQL

Builds its own data in a temporary VAR_DIR (SQLite) or in the PostgreSQL
database ``community_events_bench`` (made fresh by `.ci/postgres-up`), never
in the development database: 500 events, 100 of them repeating (weekly or
monthly, some for ever), with their occurrence rows for a year. Then:

1. Django test client, page cache off: SQL queries, median and p95 of the
   upcoming list, the month calendar (all kinds and one kind), an event
   page, the calendar feeds.
2. gunicorn (2 workers x 8 threads) on 127.0.0.1: registrations per second,
   16 clients POSTing the registration form at once with distinct mobile
   numbers, for one occurrence with 500 places (so the waiting list fills
   too); then the capacity is checked. Bounded by count and time.
"""

import datetime
import os
import time
from urllib.parse import urlencode

from bench.common import (
    bench_main,
    count_queries,
    gunicorn,
    measure,
    setup_django,
)
from bench.http_load import csrf_token, run

EVENTS = 500
REPEATING = 100
REGISTRATIONS = 1500
PLACES = 500
CLIENTS = 16
MAX_SECONDS = 120
PG_DATABASE = "community_events_bench"


# --- Data -----------------------------------------------------------------------


def build_data():
    from django.utils import timezone

    from events import schedule
    from events.models import EventIndexPage, EventPage
    from events.recurrence import Repeat
    from home import demo as home_demo

    nowhere = open(os.devnull, "w")  # noqa: SIM115
    home = home_demo.home_page(nowhere)
    home_demo.load(home, nowhere)  # site settings and notices
    index = EventIndexPage(title="社区活动", slug="events", show_in_menus=True)
    home.add_child(instance=index)
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    kinds = ["lecture", "culture", "study", "volunteer", "service", "other"]
    started = time.perf_counter()
    for n in range(EVENTS):
        day = today + datetime.timedelta(days=(n * 7) % 365 - 120)
        start = datetime.datetime.combine(day, datetime.time(8 + n % 10, 0), tzinfo=zone)
        fields = {
            "title": f"基准测试活动 {n:03d}",
            "slug": f"bench-{n:03d}",
            "kind": kinds[n % len(kinds)],
            "start": start,
            "end": start + datetime.timedelta(hours=2),
            "place": "社区党群服务中心",
            "summary": "用于测量日历和列表速度的活动。",
            "registration_enabled": n % 3 != 0,
            "capacity": 30 if n % 3 != 0 else None,
        }
        if n < REPEATING:
            fields["repeat"] = [Repeat.WEEKLY, Repeat.MONTHLY_DAY, Repeat.MONTHLY_WEEKDAY][n % 3]
            fields["repeat_count"] = None if n % 2 else 20
        page = EventPage(**fields)
        index.add_child(instance=page)
        schedule.sync_occurrences(page)
    big = EventPage(
        title="千人大讲堂",
        slug="big-lecture",
        kind="lecture",
        start=datetime.datetime.combine(
            today + datetime.timedelta(days=30), datetime.time(9), zone
        ),
        end=datetime.datetime.combine(today + datetime.timedelta(days=30), datetime.time(11), zone),
        place="体育馆",
        registration_enabled=True,
        capacity=PLACES,
        max_companions=0,
    )
    index.add_child(instance=big)
    schedule.sync_occurrences(big)
    return index, big, time.perf_counter() - started


# --- Registration load ------------------------------------------------------------


def post_load(base, path, total, clients, max_seconds):
    """POST the registration form ``total`` times, each with its own number."""
    cookie, token = csrf_token(int(base.rsplit(":", 1)[1]), path)

    def form(n):
        return urlencode(
            {"name": f"居民{n}", "phone": f"1350{n:07d}", "csrfmiddlewaretoken": token}
        )

    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
    }
    return run(base + path, total, clients, headers, max_seconds, method="POST", body=form)


# --- One database --------------------------------------------------------------------


def run_one(label):
    setup_django("config.settings.local")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from events.models import Occurrence, Registration

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    index, big, seconds = build_data()
    occurrences = Occurrence.objects.count()
    print(f"## {label} ({connection.vendor})")
    print(
        f"data: {EVENTS + 1} events ({REPEATING} repeating), {occurrences} occurrence rows,"
        f" built in {seconds:.0f} s"
    )
    month = datetime.date.today().strftime("%Y-%m")
    repeating = index.get_children().get(slug="bench-001").url
    pages = {
        "upcoming list": index.url,
        "upcoming list, page 5": index.url + "?page=5",
        "month calendar": index.url + f"calendar/?month={month}",
        "month calendar, one kind": index.url + f"calendar/?month={month}&kind=lecture",
        "past events": index.url + "past/",
        "repeating event page": repeating,
        "ICS feed, all": index.url + "feed/",
        "ICS feed, one kind": index.url + "feed/lecture/",
    }
    print("\n| page | SQL queries | median | p95 |\n| --- | ---: | ---: | ---: |")
    with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["*"]):
        client = Client()
        for name, url in pages.items():
            assert client.get(url).status_code == 200, url
            queries = count_queries(lambda url=url: client.get(url))
            median, p95 = measure(lambda url=url: client.get(url), repeat=30)
            print(f"| {name} | {queries} | {median:.1f} ms | {p95:.1f} ms |")

    occurrence = big.occurrences.get()
    path = f"/registrations/occurrence/{occurrence.pk}/"
    connection.close()
    with gunicorn() as base:
        result = post_load(base, path, REGISTRATIONS, CLIENTS, MAX_SECONDS)
    confirmed = Registration.objects.filter(occurrence=occurrence, status="confirmed").count()
    waiting = Registration.objects.filter(occurrence=occurrence, status="waiting").count()
    print(
        f"\nregistrations through gunicorn (2 workers x 8 threads, {CLIENTS} clients):"
        f" {result['requests']} in total, {result['rps']:.0f} registrations/s,"
        f" median {result['median_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms,"
        f" statuses {result['statuses']}"
    )
    print(f"places: {confirmed} confirmed of {PLACES}, {waiting} waiting\n")
    if confirmed > PLACES:
        raise SystemExit("capacity exceeded")


# --- Driver ------------------------------------------------------------------------


def main():
    # The gunicorn runs serve pages as in production: page cache on.
    os.environ.setdefault("PAGE_CACHE_SECONDS", "300")
    bench_main("bench.events", "events benchmark", run_one, PG_DATABASE, timeout=1200)


if __name__ == "__main__":
    main()
