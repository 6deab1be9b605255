"""Capacity under simultaneous requests: real HTTP requests in real threads
against a live threaded server, on SQLite and on PostgreSQL.

The server is Django's threaded WSGI server (one thread per connection, like
gunicorn's gthread workers). At most ``IN_DJANGO`` requests run inside Django
at once, as with gunicorn's workers × threads, so that the test never runs
the shared PostgreSQL server out of connections; all 200 connections are
accepted at once and their requests wait at the door together.
"""

import http.client
import re
import threading
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.urls import reverse

from events.models import Registration
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IN_DJANGO = 16
REQUESTS = 200
PLACES = 50
TIMEOUT = 120


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Server(ThreadedWSGIServer):
    request_queue_size = REQUESTS + 56  # every connection is accepted at once


@contextmanager
def live_server():
    handler = WSGIHandler()
    door = threading.BoundedSemaphore(IN_DJANGO)

    def app(environ, start_response):
        with door:
            return handler(environ, start_response)

    server = _Server(("127.0.0.1", 0), _QuietHandler, connections_override=None)
    server.set_app(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def _csrf(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    conn.request("GET", path)
    response = conn.getresponse()
    html = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    conn.close()
    return cookie, token


def _post_all_at_once(port, path, bodies):
    """POST every body from its own thread, released together by a barrier.
    Returns (status, location, body) per request, in the order given."""
    cookie, token = _csrf(port, path)
    barrier = threading.Barrier(len(bodies), timeout=TIMEOUT)
    results = [None] * len(bodies)

    def send(index, fields):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        conn.connect()
        body = urlencode({**fields, "csrfmiddlewaretoken": token})
        barrier.wait()
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
            },
        )
        response = conn.getresponse()
        results[index] = (
            response.status,
            response.getheader("Location") or "",
            response.read().decode(),
        )
        conn.close()

    threads = [threading.Thread(target=send, args=(i, b)) for i, b in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    return results


@pytest.fixture
def big_lecture(home_page):
    from tests.events.factories import EventIndexPageFactory

    index = EventIndexPageFactory(parent=home_page)
    event = make_event(index, title="社区大讲堂", capacity=PLACES, max_companions=0)
    return event.occurrences.get()


def test_200_simultaneous_registrations_for_50_places_confirm_exactly_50(big_lecture):
    path = reverse("events:register", args=[big_lecture.pk])
    bodies = [{"name": f"居民{n}", "phone": f"1370000{n:04d}"} for n in range(REQUESTS)]
    with live_server() as port:
        results = _post_all_at_once(port, path, bodies)

    # No error page: every request ended on its confirmation page.
    assert [status for status, _, _ in results] == [302] * REQUESTS
    assert all("/registrations/r/" in location for _, location, _ in results)

    registrations = list(Registration.objects.filter(occurrence=big_lecture).order_by("id"))
    assert len(registrations) == REQUESTS
    assert len({r.phone for r in registrations}) == REQUESTS  # no duplicate, none lost
    statuses = [r.status for r in registrations]
    # In arrival order: the first 50 confirmed, the next 150 waiting.
    assert statuses == ["confirmed"] * PLACES + ["waiting"] * (REQUESTS - PLACES)
    assert big_lecture.places_taken() == PLACES
    waiting = [r for r in registrations if r.status == "waiting"]
    assert [r.waiting_position() for r in (waiting[0], waiting[74], waiting[-1])] == [1, 75, 150]


def test_simultaneous_registrations_with_one_number_make_exactly_one(big_lecture):
    path = reverse("events:register", args=[big_lecture.pk])
    bodies = [{"name": f"同一人{n}", "phone": "13912345678"} for n in range(20)]
    with live_server() as port:
        results = _post_all_at_once(port, path, bodies)

    statuses = sorted(status for status, _, _ in results)
    assert statuses == [200] * 19 + [302]  # one confirmation, 19 forms with a message
    refused = [body for status, _, body in results if status == 200]
    assert all("这个手机号码已经报名了这一场活动" in body for body in refused)
    assert Registration.objects.filter(occurrence=big_lecture).count() == 1
