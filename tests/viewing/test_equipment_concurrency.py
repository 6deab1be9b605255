"""A repair is recorded once when two administrators record it at the same
moment, in real threads with their own connections (PostgreSQL only)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from accounts import roles
from learning.viewing.errors import ViewingError
from learning.viewing.models import AssetState, Fault
from learning.viewing.services import equipment as services
from tests.accounts.factories import UserFactory
from tests.viewing.factories import AssetFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="SQLite lets one writer in at a time, so nothing races there",
    ),
]

TRIES = 4


def test_two_administrators_marking_one_repair_at_once_record_it_once():
    admins = [UserFactory(roles=[roles.BRANCH_ADMINS]) for _ in range(TRIES)]
    asset = AssetFactory(name="并发投影仪")
    fault = services.report_fault(
        admins[0],
        asset,
        reported_at=timezone.now() - datetime.timedelta(days=1),
        reporter="李老师",
        description="不亮",
    )
    barrier = threading.Barrier(TRIES)
    refused, errors = [], []

    def repair(admin, cost):
        try:
            barrier.wait(timeout=30)
            services.mark_repaired(
                admin, fault, repaired_at=timezone.now(), repairer="张师傅", cost=cost
            )
        except ViewingError:
            refused.append(1)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=repair, args=(admin, Decimal(n))) for n, admin in enumerate(admins)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and len(refused) == TRIES - 1
    fault = Fault.objects.get()
    asset.refresh_from_db()
    assert fault.repaired_by in admins and asset.state == AssetState.NORMAL
