"""A hung Redis costs one timeout, not one per cache call.

django-redis with ``IGNORE_EXCEPTIONS`` already answers "not cached" when
Redis fails (config/settings/caches.py), but each cache call waits its own
``CACHE_SOCKET_TIMEOUT_MS`` first: a page makes about six calls (session,
page cache, its lock, settings, throttling), so with Redis hung
(accepting connections, answering nothing) every page took about 3 s and
two app servers answered 2.4 pages a second (docs/benchmarks.md,
"Operations"). Here a connection that times out or is refused *pauses* the
cache in this process for ``CACHE_OUTAGE_PAUSE_SECONDS``: calls in that
window fail at once (django-redis then answers "not cached" as before), and
the first call after it tries Redis again, so the site is back on the cache
within that many seconds of Redis coming back, without a restart.
"""

import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.connection import Connection, SSLConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# The tests move this clock instead of waiting.
clock = time.monotonic
_paused_until = 0.0
_FAILURES = (RedisConnectionError, RedisTimeoutError)


def paused():
    return clock() < _paused_until


def pause():
    """Redis did not answer: skip it in this process for a while."""
    global _paused_until
    seconds = settings.CACHE_OUTAGE_PAUSE_SECONDS
    if seconds <= 0:
        return
    if not paused():
        logger.warning("Redis did not answer: the cache is skipped for %s s", seconds)
    _paused_until = clock() + seconds


class _PausesOnFailure:
    def connect(self, *args, **kwargs):
        try:
            return super().connect(*args, **kwargs)
        except _FAILURES:
            pause()
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except _FAILURES:
            pause()
            raise


class PausingConnection(_PausesOnFailure, Connection):
    pass


class PausingSSLConnection(_PausesOnFailure, SSLConnection):
    pass


class OutageClient(DefaultClient):
    """django-redis' client, with connections that pause the cache when
    Redis fails and no Redis call at all while it is paused."""

    def __init__(self, server, params, backend):
        options = params.get("OPTIONS", {})
        secure = urlsplit(str(server).split(",")[0]).scheme == "rediss"
        pool_kwargs = {
            **options.get("CONNECTION_POOL_KWARGS", {}),
            "connection_class": PausingSSLConnection if secure else PausingConnection,
        }
        params = {**params, "OPTIONS": {**options, "CONNECTION_POOL_KWARGS": pool_kwargs}}
        super().__init__(server, params, backend)

    def get_next_client_index(self, write=True, tried=None):
        # Every Redis call of django-redis picks its connection here first.
        if paused():
            raise ConnectionInterrupted(connection=None)
        return super().get_next_client_index(write=write, tried=tried)
