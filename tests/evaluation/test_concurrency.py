"""One vote each under concurrent voting, in real threads with their own
database connections (PostgreSQL only)."""

import threading

import pytest
from django.db import connection

from accounts import roles
from learning.evaluation import ballot
from learning.evaluation.errors import EvaluationError
from learning.evaluation.models import Stage, Tally, Voted
from tests.accounts.factories import UserFactory
from tests.evaluation.factories import round_at
from tests.study.factories import BranchFactory, MemberFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="SQLite lets one writer in at a time for the whole file, so there "
        "is no concurrent voting to guard against there",
    ),
]

TRIES = 6


def test_a_member_voting_from_several_phones_at_once_is_counted_once():
    branch = BranchFactory(name="并发投票支部")
    members = MemberFactory.create_batch(5, branch=branch)
    admin = UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS])
    round_ = round_at(Stage.BALLOT, actor=admin)
    voter = members[0]
    ratings = {m.pk: "excellent" for m in members[1:]}
    barrier = threading.Barrier(TRIES)
    refused, errors = [], []

    def vote():
        try:
            barrier.wait(timeout=30)
            ballot.cast(round_, voter, ratings)
        except EvaluationError:
            refused.append(1)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(TRIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert len(refused) == TRIES - 1
    assert Voted.objects.filter(round=round_).count() == 1
    assert sorted(Tally.objects.filter(round=round_).values_list("excellent", flat=True)) == [
        0,
        1,
        1,
        1,
        1,
    ]
