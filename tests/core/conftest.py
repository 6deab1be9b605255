"""Fixtures of the core tests."""

import pytest

from config.settings.caches import cache_from_url
from tests.core.redis_server import RedisServer


@pytest.fixture
def redis(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {"default": cache_from_url(f"redis://127.0.0.1:{server.port}/0", None)}
    yield server
    if server.process.poll() is None:
        server.thaw()
        server.stop()
