"""A cache outage is slower, not broken: with Redis stopped or frozen, pages,
login (sessions and django-axes in the database), the admin and image
renditions keep answering; when Redis is back the page cache works again.
A real redis-server, started by the test on a port of its own."""

import pytest
import wagtail_factories
from django.core.cache import cache

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


def test_pages_login_admin_and_renditions_answer_while_redis_is_stopped(client, home_page, redis):
    user, admin = UserFactory(), UserFactory(is_superuser=True)
    assert _cached(client, "/") == "hit"  # Redis holds the page cache

    redis.stop()
    _everything_answers(client, user, admin)
    assert _cached(client, "/") != "hit"  # served, never from the cache

    redis.start()
    assert _cached(client, "/") == "hit"  # back to normal without a restart
    assert cache.get("page-cache:generation") is not None


def test_pages_and_login_answer_while_redis_hangs(client, home_page, redis):
    user, admin = UserFactory(), UserFactory(is_superuser=True)
    assert _cached(client, "/") == "hit"

    redis.freeze()
    try:
        _everything_answers(client, user, admin)
    finally:
        redis.thaw()
    assert _cached(client, "/") == "hit"
