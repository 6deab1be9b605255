"""A cache outage is slower, not broken: with Redis stopped or frozen, pages,
login (sessions and django-axes in the database), the admin and image
renditions keep answering; when Redis is back the page cache works again.
A real redis-server, started by the test on a port of its own."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import wagtail_factories
from django.core.cache import cache

from config.settings.caches import cache_from_url
from tests.accounts.factories import PASSWORD, UserFactory

REDIS_SERVER = shutil.which("redis-server")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        REDIS_SERVER is None,
        reason="redis-server is not installed (make test installs it: apt-get install redis-server)",
    ),
]
LOGIN = "/accounts/login/"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self, directory):
        self.directory = directory
        self.port = _free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def freeze(self):
        """Redis hangs: connections are accepted by the kernel, nothing answers."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture
def redis(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {"default": cache_from_url(f"redis://127.0.0.1:{server.port}/0", None)}
    yield server
    if server.process.poll() is None:
        server.thaw()
        server.stop()


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
