"""One vote per person and request under a race: the same member's vote sent
from several threads at once (a double click, a repeated request) counts
once, on SQLite and PostgreSQL. On PostgreSQL the race-control tests take
the defences apart: the row lock alone holds, the unique constraint alone
holds, and without both the same vote is counted several times."""

import threading

import pytest
from django.db import connection

from learning.viewing.models import ViewingRequest, Vote
from learning.viewing.services import demand
from tests.viewing.factories import ViewingRequestFactory, member_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TRIES = 6
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="select_for_update does nothing on SQLite"
)


def _vote_at_once(item, user):
    barrier = threading.Barrier(TRIES)
    counted, errors = [], []

    def send():
        try:
            barrier.wait(timeout=30)
            counted.append(demand.vote(item, user))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(TRIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    return counted


@pytest.fixture
def item():
    return ViewingRequestFactory()


def test_simultaneous_votes_of_one_member_count_once(item):
    voter = member_user()
    counted = _vote_at_once(item, voter)
    assert sorted(counted) == [False] * (TRIES - 1) + [True]
    assert Vote.objects.filter(request=item, user=voter).count() == 1


def _unlocked_then_together(monkeypatch):
    """The request read without a lock, every thread waiting for the others
    before it checks for an existing vote: they all find none."""
    barrier = threading.Barrier(TRIES)

    def unlocked(request):
        found = ViewingRequest.objects.get(pk=request.pk)
        barrier.wait(timeout=30)
        return found

    monkeypatch.setattr(demand, "_locked", unlocked)


@pytest.fixture
def without_the_constraint():
    constraint = next(c for c in Vote._meta.constraints if c.name == "viewing_one_vote_each")
    with connection.schema_editor() as editor:
        editor.remove_constraint(Vote, constraint)
    yield
    Vote.objects.all().delete()
    with connection.schema_editor() as editor:
        editor.add_constraint(Vote, constraint)


@postgres_only
def test_without_the_lock_the_unique_constraint_still_counts_one_vote(item, monkeypatch):
    _unlocked_then_together(monkeypatch)
    voter = member_user()
    counted = _vote_at_once(item, voter)
    assert counted.count(True) == 1
    assert Vote.objects.filter(request=item, user=voter).count() == 1


@postgres_only
def test_without_the_constraint_the_row_lock_still_counts_one_vote(item, without_the_constraint):
    voter = member_user()
    counted = _vote_at_once(item, voter)
    assert counted.count(True) == 1
    assert Vote.objects.filter(request=item, user=voter).count() == 1


@postgres_only
def test_without_lock_and_constraint_a_vote_counts_several_times(
    item, monkeypatch, without_the_constraint
):
    _unlocked_then_together(monkeypatch)
    voter = member_user()
    counted = _vote_at_once(item, voter)
    assert counted.count(True) == TRIES
    assert Vote.objects.filter(request=item, user=voter).count() == TRIES
