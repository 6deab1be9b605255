"""Benchmark: many members at once (docs/member-speed.md).

    make bench   (or: .venv/bin/python -m bench.member_load)

Works on a copy of the local demo database (`make run` fills it; the copy
is thrown away, so the demo data stays as it was), served by gunicorn with
2 workers x 8 threads on 127.0.0.1, and measures:

1. progress reports per second: ``MEMBERS`` members, each logged in with
   their own session and already watching the demo's video course, POST
   reports to the progress endpoint (``REPORTS`` in all, ``CONCURRENCY``
   at a time), as the player does every 30 s;
2. page p95 for a member (home, the course, the event list) while nobody
   streams, then while ``STREAMERS`` members stream the demo video: each
   asks a ``CHUNK`` byte range every ``CHUNK_EVERY`` seconds (about
   1 Mbit/s each), served by the site's range-aware media view.

Bounded: a fixed number of requests per run, loopback only.
"""

import contextlib
import os
import shutil
import sqlite3
import tempfile
import threading
import time

from bench.common import ROOT, gunicorn, setup_django

MEMBERS = 200
REPORTS = 2000
CONCURRENCY = 16
STREAMERS = 20
CHUNK = 64 * 1024
CHUNK_EVERY = 0.5
PAGE_REQUESTS = 1000
PAGE_CONCURRENCY = 4


@contextlib.contextmanager
def demo_copy():
    """A temporary VAR_DIR holding a copy of the demo database and secret
    key; media and collected static files are the local ones."""
    var = ROOT / "var"
    if not (var / "db.sqlite3").exists():
        raise SystemExit("no local database: run `make run` first")
    with tempfile.TemporaryDirectory(prefix="member-load-") as folder:
        source = sqlite3.connect(var / "db.sqlite3")
        target = sqlite3.connect(os.path.join(folder, "db.sqlite3"))
        source.backup(target)  # WAL included
        source.close()
        target.close()
        shutil.copy(var / "secret_key", folder)
        os.symlink(var / "static", os.path.join(folder, "static"))
        env = {"VAR_DIR": folder, "MEDIA_ROOT": str(var / "media")}
        os.environ.update(env)
        yield env


def members_watching(course, count):
    """``count`` new member accounts, each with progress on ``course`` and a
    session; returns their session keys."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.utils import timezone

    from learning.courses.models import CourseProgress

    User = get_user_model()
    new_users = [User(phone=f"1990000{i:04d}", real_name=f"压测党员{i}") for i in range(count)]
    for user in new_users:
        user.set_unusable_password()  # they log in by the session made below only
    User.objects.bulk_create(new_users)
    users = list(User.objects.filter(phone__startswith="1990000").order_by("pk"))
    now = timezone.now()
    CourseProgress.objects.bulk_create(
        CourseProgress(
            user=user,
            course=course,
            watched_intervals=[[0, 1]],
            watched_seconds=1,
            last_position=1,
            updated_at=now,
        )
        for user in users
    )
    keys = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def streaming(url, size, stop):
    """STREAMERS threads asking byte ranges of ``url`` until ``stop`` is set;
    returns the list of (status, bytes) they got."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    got, lock = [], threading.Lock()

    def streamer(offset):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        position = offset
        while not stop.is_set():
            end = min(position + CHUNK, size) - 1
            try:
                conn.request("GET", parts.path, headers={"Range": f"bytes={position}-{end}"})
                response = conn.getresponse()
                body = response.read()
                with lock:
                    got.append((response.status, len(body)))
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            position = end + 1 if end + 1 < size else 0
            stop.wait(CHUNK_EVERY)
        conn.close()

    threads = [
        threading.Thread(target=streamer, args=(i * size // STREAMERS,)) for i in range(STREAMERS)
    ]
    for thread in threads:
        thread.start()
    return threads, got


def main():
    with demo_copy() as env:
        setup_django()
        measure(env)


def measure(env):
    import json

    from django.conf import settings
    from django.urls import reverse

    from bench.http_load import run
    from events.models import EventIndexPage
    from learning.courses.models import CoursePage

    course = CoursePage.objects.live().filter(video__isnull=False).order_by("path").first()
    if course is None:
        raise SystemExit("the demo has no course with a video (ffmpeg was missing at `make run`)")
    sessions = members_watching(course, MEMBERS)
    csrf = "b" * 32  # the cookie's secret, sent back as the header, as a browser would
    cookie = settings.SESSION_COOKIE_NAME

    def member_headers(number):
        return {
            "Cookie": f"{cookie}={sessions[number % MEMBERS]}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Content-Type": "application/json",
        }

    def report(number):
        position = 1 + number // MEMBERS % 8
        return json.dumps({"position": position, "segments": [[position - 1, position]]})

    progress_url = reverse("courses:progress", args=[course.pk])
    events = EventIndexPage.objects.live().first()
    pages = {"首页": "/", "课程": course.url, "活动列表": events.url if events else None}
    video = course.video.file
    print(
        f"== member load (gunicorn 2 workers x 8 threads, copy of the demo, {MEMBERS} members) =="
    )
    with gunicorn(env=env) as base:
        run(base + progress_url, 50, CONCURRENCY, member_headers, method="POST", body=report)
        result = run(
            base + progress_url, REPORTS, CONCURRENCY, member_headers, method="POST", body=report
        )
        print(
            f"progress reports: {result['rps']:.0f}/s, p50 {result['median_ms']:.1f} ms,"
            f" p95 {result['p95_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms"
            f" ({REPORTS} reports, {CONCURRENCY} at a time) {result['statuses']}"
        )

        def page_runs(label):
            for name, url in pages.items():
                if not url:
                    continue
                headers = {"Cookie": f"{cookie}={sessions[0]}"}
                run(base + url, 20, PAGE_CONCURRENCY, headers)  # warm
                result = run(base + url, PAGE_REQUESTS, PAGE_CONCURRENCY, headers)
                print(
                    f"{label:<22} {name:<6} p50 {result['median_ms']:6.1f} ms"
                    f"  p95 {result['p95_ms']:6.1f} ms  {result['rps']:5.0f} req/s"
                    f"  {result['statuses']}"
                )

        page_runs("nobody streaming")
        stop = threading.Event()
        threads, got = streaming(base + settings.MEDIA_URL + video.name, video.size, stop)
        started = time.monotonic()
        try:
            time.sleep(5)  # the streams under way before the pages are measured
            page_runs(f"{STREAMERS} members streaming")
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        seconds = time.monotonic() - started
        served = sum(size for status, size in got if status == 206)
        statuses = {}
        for status, _size in got:
            statuses[status] = statuses.get(status, 0) + 1
        print(
            f"streaming: {len(got)} range requests in {seconds:.0f} s,"
            f" {served * 8 / seconds / 1e6:.1f} Mbit/s in all {statuses}"
        )


if __name__ == "__main__":
    main()
