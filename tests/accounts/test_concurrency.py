"""One activation code redeemed from several phones at the same moment, in
real threads with their own database connections (SQLite and PostgreSQL):
it is used once, and the account keeps the winner's password."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from accounts import proof
from accounts.models import ActivationCode

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TRIES = 6


def test_simultaneous_redemptions_use_the_code_once():
    _row, code = proof.issue_activation_code("13812345678", actor=None, name="张秀英")
    barrier = threading.Barrier(TRIES)
    won, refused, errors = [], [], []

    def redeem(number):
        password = f"mi-ma-{number}-2026-xyz"
        try:
            barrier.wait(timeout=30)
            proof.redeem_activation_code(code, address=f"203.0.113.{number}", password=password)
            won.append(password)
        except proof.ProofError:
            refused.append(number)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=redeem, args=(n,)) for n in range(TRIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert len(won) == 1 and len(refused) == TRIES - 1
    account = get_user_model().objects.get(phone="13812345678")
    assert account.check_password(won[0])
    assert ActivationCode.objects.get().used_by == account
