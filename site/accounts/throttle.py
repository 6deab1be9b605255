"""Counters in the shared cache that slow down guessing from one address.

Each counter counts in fixed windows (``window`` seconds) and looks at the
current and the previous window, so a burst at a window's edge is still seen.
``cache.add`` and ``cache.incr`` are atomic in Redis and in the local-memory
cache, so simultaneous requests cannot slip past a limit by racing each
other (the file cache of a single machine is close enough).

Used for: wrong activation or SMS codes per address, and password spraying
(failed logins for many different numbers from one address).
"""

import hashlib
import time

from django.core.cache import cache


def client_address(request):
    """The client's address as django-axes resolves it (proxy settings included)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def _digest(value):
    return hashlib.sha256(str(value).encode()).hexdigest()[:24]


class WindowCounter:
    def __init__(self, name, limit, window):
        self.name, self.limit, self.window = name, limit, window

    def _keys(self, key, now=None):
        bucket = int((now if now is not None else time.time()) // self.window)
        return [f"throttle:{self.name}:{_digest(key)}:{b}" for b in (bucket, bucket - 1)]

    def count(self, key):
        return sum(int(value or 0) for value in cache.get_many(self._keys(key)).values())

    def blocked(self, key):
        return self.count(key) >= self.limit

    def hit(self, key):
        """Count one event for ``key``."""
        current = self._keys(key)[0]
        cache.add(current, 0, timeout=self.window * 2)
        try:
            cache.incr(current)
        except ValueError:  # evicted between add and incr
            cache.set(current, 1, timeout=self.window * 2)

    def hit_distinct(self, key, item):
        """Count ``item`` for ``key`` once per window (e.g. a phone number
        per address): only the first occurrence in a window adds one."""
        current = self._keys(key)[0]
        if cache.add(f"{current}:{_digest(item)}", 1, timeout=self.window * 2):
            self.hit(key)

    def reset(self, key):
        cache.delete_many(self._keys(key))


def login_spraying():
    """Different phone numbers with a failed login, per address (settings
    LOGIN_SPRAY_LIMIT numbers in LOGIN_SPRAY_MINUTES)."""
    from django.conf import settings

    return WindowCounter(
        "login-spray",
        getattr(settings, "LOGIN_SPRAY_LIMIT", 10),
        getattr(settings, "LOGIN_SPRAY_MINUTES", 15) * 60,
    )


def count_failed_login(sender, credentials, request=None, **kwargs):
    """Receiver of ``user_login_failed``: one more number failed from this address."""
    if request is None:
        return
    number = (credentials or {}).get("username") or (credentials or {}).get("phone") or ""
    login_spraying().hit_distinct(client_address(request), number)
