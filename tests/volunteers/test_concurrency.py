"""Shift sign-ups arriving at the same moment, each in its own thread with
its own database connection: places are never exceeded and the waiting
list keeps arrival order; one volunteer's two overlapping sign-ups never
both succeed. Run on SQLite and PostgreSQL (``select_for_update`` only
locks on PostgreSQL; SQLite serialises IMMEDIATE transactions). Without the
lock on the volunteer's row the overlapping test fails on PostgreSQL (checked
by removing it: two or more of the overlapping sign-ups were kept)."""

import datetime
import threading

import pytest
from django.db import connection

from tests.volunteers.factories import VolunteerFactory, make_activity
from volunteers import services
from volunteers.models import ShiftSignup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TIMEOUT = 60


def _at_once(calls):
    """Run every call from its own thread, released together; returns
    ("ok", value) or ("refused", message) per call, in the order given."""
    barrier = threading.Barrier(len(calls), timeout=TIMEOUT)
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = ("ok", call())
        except services.VolunteerError as error:
            results[index] = ("refused", error.message)
        except Exception as error:
            results[index] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    return results


def _shift(event_index, title, start, hours, capacity):
    return make_activity(
        event_index,
        title=title,
        shifts=[
            {
                "title": title,
                "start": start,
                "end": start + datetime.timedelta(hours=hours),
                "capacity": capacity,
            }
        ],
    ).shifts.get()


def test_simultaneous_sign_ups_fill_the_places_and_queue_the_rest(event_index):
    start = datetime.datetime(2030, 9, 1, 1, tzinfo=datetime.UTC)
    shift = _shift(event_index, "引导岗", start, 3, capacity=5)
    volunteers = [VolunteerFactory() for _ in range(16)]
    results = _at_once([lambda v=v: services.sign_up(shift, v, v.user) for v in volunteers])

    assert [kind for kind, _ in results] == ["ok"] * 16, results
    signups = list(ShiftSignup.objects.filter(shift=shift).order_by("id"))
    assert len(signups) == 16 and len({s.volunteer_id for s in signups}) == 16
    # In arrival order: the first five confirmed, the rest waiting 1..11.
    assert [s.status for s in signups] == ["confirmed"] * 5 + ["waiting"] * 11
    assert [s.waiting_position() for s in signups[5:]] == list(range(1, 12))
    assert shift.places_taken() == 5


def test_one_volunteers_simultaneous_overlapping_sign_ups_leave_exactly_one(event_index):
    volunteer = VolunteerFactory()
    start = datetime.datetime(2030, 9, 2, 1, tzinfo=datetime.UTC)
    shifts = [
        _shift(event_index, f"班次{n}", start + datetime.timedelta(minutes=15 * n), 2, 10)
        for n in range(6)
    ]
    calls = [lambda s=s: services.sign_up(s, volunteer, volunteer.user) for s in shifts * 3]
    results = _at_once(calls)

    assert sorted(kind for kind, _ in results) == ["ok"] + ["refused"] * 17, results
    refused = [message for kind, message in results if kind == "refused"]
    assert all("时间重叠" in m or "不能重复报名" in m for m in refused), refused
    assert (
        ShiftSignup.objects.filter(volunteer=volunteer, status__in=["confirmed", "waiting"]).count()
        == 1
    )


def test_simultaneous_back_to_back_sign_ups_all_succeed(event_index):
    volunteer = VolunteerFactory()
    start = datetime.datetime(2030, 9, 3, 1, tzinfo=datetime.UTC)
    shifts = [
        _shift(event_index, f"接力{n}", start + datetime.timedelta(hours=2 * n), 2, 3)
        for n in range(3)
    ]
    results = _at_once([lambda s=s: services.sign_up(s, volunteer, volunteer.user) for s in shifts])
    assert [kind for kind, _ in results] == ["ok"] * 3, results
    assert ShiftSignup.objects.filter(volunteer=volunteer, status="confirmed").count() == 3
