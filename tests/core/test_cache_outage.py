"""A cache outage is slower, not broken: with Redis stopped or frozen, pages,
login (sessions and django-axes in the database), the admin and image
renditions keep answering; when Redis is back the page cache works again.
A real redis-server, started by the test on a port of its own."""

import pytest
import wagtail_factories
from django.core.cache import cache

from core import redis_outage
from tests.accounts.factories import PASSWORD, UserFactory
from tests.core.redis_server import NO_REDIS, REDIS_SERVER

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        REDIS_SERVER is None,
        reason=NO_REDIS,
    ),
]
LOGIN = "/accounts/login/"


def _cached(client, url):
    client.get(url)
    return client.get(url).get("X-Page-Cache")


def _everything_answers(client, user, admin):
    assert client.get("/").status_code == 200
    response = client.post(LOGIN, {"username": user.phone, "password": PASSWORD})
    assert response.status_code == 302  # logged in: the session is in the database
    assert client.get("/accounts/me/").status_code == 200
    client.post(LOGIN, {"username": user.phone, "password": "wrong"})  # axes records it
    client.logout()
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    image = wagtail_factories.ImageFactory()
    assert image.get_rendition("fill-80x80").width == 80
    client.logout()


@pytest.fixture(autouse=True)
def outage_clock(monkeypatch):
    """The clock of the cache's outage pause (core/redis_outage.py), moved by
    the tests instead of waiting; no pause is left over from another test."""
    now = [1000.0]
    monkeypatch.setattr(redis_outage, "clock", lambda: now[0])
    monkeypatch.setattr(redis_outage, "_paused_until", 0.0)

    def later(seconds):
        now[0] += seconds

    return later


def test_pages_login_admin_and_renditions_answer_while_redis_is_stopped(
    client, home_page, redis, outage_clock
):
    user, admin = UserFactory(), UserFactory(is_superuser=True)
    assert _cached(client, "/") == "hit"  # Redis holds the page cache

    redis.stop()
    _everything_answers(client, user, admin)
    assert _cached(client, "/") != "hit"  # served, never from the cache

    redis.start()
    outage_clock(5)  # CACHE_OUTAGE_PAUSE_SECONDS later
    assert _cached(client, "/") == "hit"  # back to normal without a restart
    assert cache.get("page-cache:generation") is not None


def test_pages_and_login_answer_while_redis_hangs(client, home_page, redis, outage_clock):
    user, admin = UserFactory(), UserFactory(is_superuser=True)
    assert _cached(client, "/") == "hit"

    redis.freeze()
    try:
        _everything_answers(client, user, admin)
    finally:
        redis.thaw()
    outage_clock(5)
    assert _cached(client, "/") == "hit"


def test_a_hung_redis_costs_one_timeout_not_one_per_cache_call(
    client, home_page, redis, outage_clock, monkeypatch, settings
):
    """Each attempt on a hung Redis waits CACHE_SOCKET_TIMEOUT_MS; after the
    first, the cache is skipped for CACHE_OUTAGE_PAUSE_SECONDS."""
    timeouts = []
    real_pause = redis_outage.pause
    monkeypatch.setattr(redis_outage, "pause", lambda: timeouts.append(1) or real_pause())
    user = UserFactory()
    client.get("/")

    redis.freeze()
    try:
        assert client.get("/").status_code == 200  # waits once for Redis
        first = len(timeouts)
        assert first >= 1
        for _ in range(3):
            assert client.get("/").status_code == 200
        response = client.post(LOGIN, {"username": user.phone, "password": PASSWORD})
        assert response.status_code == 302
        assert client.get("/accounts/me/").status_code == 200
        assert len(timeouts) == first  # within the pause no call waits on Redis

        outage_clock(5)  # the pause is over: Redis is asked again, and paused again
        assert client.get("/").status_code == 200
        assert len(timeouts) > first
    finally:
        redis.thaw()

    outage_clock(5)
    assert _cached(client, "/") == "hit"


def test_without_the_pause_every_cache_call_waits(client, home_page, redis, monkeypatch, settings):
    """What the pause saves: with it off, one page waits on Redis many times."""
    settings.CACHE_OUTAGE_PAUSE_SECONDS = 0
    timeouts = []
    real_pause = redis_outage.pause
    monkeypatch.setattr(redis_outage, "pause", lambda: timeouts.append(1) or real_pause())
    client.get("/")
    redis.freeze()
    try:
        assert client.get("/").status_code == 200
    finally:
        redis.thaw()
    assert len(timeouts) > 1
