"""A controlled clock for tests of things that change by themselves over
time (cached pages that expire at a state change): Django's ``timezone.now``
and the cache's expiry times read the same clock, moved by the test."""

import datetime
import types

from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from django.utils import timezone


class Clock:
    def __init__(self, now):
        self.now = now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


def freeze(monkeypatch, now):
    """Stops the clock at ``now`` (aware) for this test; returns the Clock."""
    clock = Clock(now)
    fake_time = types.SimpleNamespace(time=lambda: clock.now.timestamp())
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    # The cache computes and checks expiry times with time.time().
    monkeypatch.setattr(cache_base, "time", fake_time)
    monkeypatch.setattr(locmem, "time", fake_time)
    return clock
