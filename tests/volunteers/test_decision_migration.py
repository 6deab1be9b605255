"""Migration volunteers 0009 gives every decision one vocabulary
(decided_by, decided_at, decision_reason) by renaming columns in place: a
wish rejected before it keeps who, when and why, and a rejection without a
reason is still refused by the database afterwards."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.accounts.factories import UserFactory
from volunteers.models import Wish

BEFORE = [("volunteers", "0008_coordinate_volunteers_permission")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_decision_made_before_the_rename_keeps_who_when_and_why():
    boss = UserFactory()
    old_apps = _migrate(BEFORE)
    decided = timezone.now()
    old_wish = old_apps.get_model("volunteers", "Wish").objects.create(
        title="帮独居老人买菜",
        description="每周一次",
        beneficiary="王奶奶",
        place="3号楼",
        contact_name="王阿姨",
        contact_phone="13900000000",
        status="rejected",
        moderated_by_id=boss.pk,
        moderated_at=decided,
        reject_reason="已由社区食堂送餐",
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    wish = Wish.objects.get(pk=old_wish.pk)
    assert (wish.decided_by, wish.decided_at, wish.decision_reason) == (
        boss,
        decided,
        "已由社区食堂送餐",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Wish.objects.filter(pk=wish.pk).update(decision_reason="")
