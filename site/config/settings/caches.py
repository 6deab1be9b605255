"""The cache backend named by ``CACHE_URL`` (docs/operations.md "Cache and
the page cache")."""

from urllib.parse import urlsplit

from .env import env_int


def cache_from_url(url, default_location):
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(default_location),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    scheme = urlsplit(url).scheme
    if scheme in {"redis", "rediss"}:
        # A cache outage is slower, not broken: a stopped or hung Redis is
        # given CACHE_SOCKET_TIMEOUT_MS per call, then django-redis logs the
        # error and answers "not cached" (sessions and login throttling live
        # in the database; docs/operations.md "Cache and the page cache").
        # After one failure the cache is skipped for CACHE_OUTAGE_PAUSE_SECONDS
        # (core/redis_outage.py), so a hung Redis costs one timeout, not one
        # per cache call.
        timeout = env_int("CACHE_SOCKET_TIMEOUT_MS", 500) / 1000
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": timeout,
                "SOCKET_TIMEOUT": timeout,
                "IGNORE_EXCEPTIONS": True,
                "CLIENT_CLASS": "core.redis_outage.OutageClient",
            },
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": urlsplit(url).path,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    raise ValueError(f"CACHE_URL scheme {scheme!r} is not supported")


def frontend_caches(urls):
    """WAGTAILFRONTENDCACHE for the frontend caches (nginx, Varnish) whose
    PURGE addresses are ``urls`` (FRONTEND_CACHE_PURGE_URL, comma-separated):
    one HTTP PURGE backend each; none, no frontend cache is purged."""
    return {
        f"http{number}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
        for number, url in enumerate(urls, start=1)
    }
