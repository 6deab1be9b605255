"""Fixtures of the core tests: a real redis-server, and the real S3-compatible
server for the object storage tests (tests/s3.py)."""

import pytest

from config.settings.caches import cache_from_url
from core import redis_outage
from tests.core.redis_server import RedisServer
from tests.s3 import moto_server, s3_media  # noqa: F401


@pytest.fixture
def redis(tmp_path, settings, monkeypatch):
    """A redis-server of this test's own as the cache, with no outage pause
    (core/redis_outage.py) left over from another test."""
    monkeypatch.setattr(redis_outage, "_paused_until", 0.0)
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {"default": cache_from_url(f"redis://127.0.0.1:{server.port}/0", None)}
    yield server
    if server.process.poll() is None:
        server.thaw()
        server.stop()
