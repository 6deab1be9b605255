"""Lowering the places while residents register at the same moment, in real
threads with their own database connections (SQLite and PostgreSQL): the
date ends with no more confirmed than its places, nobody lost, the queue in
arrival order with the moved at its head, and each moved person told.

And the control that shows these tests can fail: with the occurrence's row
lock switched off, simultaneous registrations overbook (PostgreSQL)."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.db.models.signals import pre_save

from events import capacity, services
from events.models import Registration
from tests.events.factories import EventIndexPageFactory, make_event, publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RESIDENTS = 16
PLACES = 12
LOWERED = 4
TIMEOUT = 120


def _in_threads(jobs):
    barrier = threading.Barrier(len(jobs), timeout=TIMEOUT)
    failures = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # reported below, never swallowed
            failures.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    return failures


def test_places_lowered_while_residents_register_are_never_overbooked(home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = make_event(index, title="社区大讲堂", capacity=PLACES, max_companions=0)
    occurrence = event.occurrences.get()

    def register(n):
        return lambda: services.register(
            occurrence, name=f"居民{n}", phone=f"1370000{n:04d}", email=f"r{n}@example.cn"
        )

    def lower():
        event.capacity = LOWERED
        publish(event)

    jobs = [register(n) for n in range(RESIDENTS)]
    jobs.insert(RESIDENTS // 2, lower)
    assert _in_threads(jobs) == []

    occurrence.refresh_from_db()
    assert occurrence.capacity == LOWERED
    registrations = list(Registration.objects.filter(occurrence=occurrence).order_by("id"))
    assert len(registrations) == RESIDENTS  # nobody lost
    statuses = [r.status for r in registrations]
    assert statuses.count("confirmed") == LOWERED
    # Arrival order kept: every confirmed registration came before every waiting one.
    assert statuses == ["confirmed"] * LOWERED + ["waiting"] * (RESIDENTS - LOWERED)
    # Those moved back from confirmed are told, and stand at the head of the queue.
    told = [m.to[0] for m in mail.outbox if "转入候补" in m.subject]
    waiting = [r.email for r in registrations if r.status == "waiting"]
    assert sorted(told) == sorted(waiting[: len(told)])


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers: an IMMEDIATE transaction takes the database's "
    "write lock at BEGIN, so without the row lock registrations still queue up",
)
def test_without_the_row_lock_simultaneous_registrations_overbook(home_page, monkeypatch):
    """The race the lock prevents, made certain: every resident has counted
    the free places before anyone writes (they wait for each other just
    before saving), so each sees the date empty and is confirmed."""
    index = EventIndexPageFactory(parent=home_page)
    residents, places = 8, 3
    event = make_event(index, title="无锁对照", capacity=places, max_companions=0)
    occurrence = event.occurrences.get()

    def plain_read(holder):  # capacity.lock without SELECT ... FOR UPDATE
        return type(holder)._default_manager.get(pk=holder.pk)

    monkeypatch.setattr(capacity, "lock", plain_read)
    everyone_has_counted = threading.Barrier(residents, timeout=TIMEOUT)

    def wait_for_the_others(sender, instance, **kwargs):
        if instance._state.adding:
            everyone_has_counted.wait()

    pre_save.connect(wait_for_the_others, sender=Registration, dispatch_uid="race-control")
    try:
        failures = _in_threads(
            [
                lambda n=n: services.register(occurrence, name=f"居民{n}", phone=f"1360000{n:04d}")
                for n in range(residents)
            ]
        )
    finally:
        pre_save.disconnect(sender=Registration, dispatch_uid="race-control")
    assert failures == []
    confirmed = Registration.objects.filter(occurrence=occurrence, status="confirmed").count()
    assert confirmed == residents > places  # overbooked: the lock is what prevents it
