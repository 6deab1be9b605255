"""Administrators saving the same roll call at the same moment, in real
threads with their own database connections (SQLite and PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from accounts import roles
from learning.study import services
from learning.study.models import Attendance, AttendanceChange
from tests.accounts.factories import UserFactory
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home
from tests.study.factories import BranchFactory, MemberFactory, make_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SAVERS = 6


def test_simultaneous_saves_lose_nothing_and_duplicate_nothing():
    index = EventIndexPageFactory(parent=make_site_home())
    branch = BranchFactory(name="并发测试支部")
    members = MemberFactory.create_batch(60, branch=branch)
    start = timezone.now() - datetime.timedelta(minutes=10)
    session = make_session(index, [branch], start=start, end=start + datetime.timedelta(hours=2))
    admins = [UserFactory(roles=[roles.BRANCH_ADMINS]) for _ in range(SAVERS)]
    branch.administrators.add(*admins)
    barrier = threading.Barrier(SAVERS)
    errors = []

    def save(number):
        try:
            # Each administrator marks a different member absent; all rows are new.
            barrier.wait(timeout=30)
            services.save_roll(session, {members[number].pk: ("absent", "", "")}, admins[number])
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(SAVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert Attendance.objects.filter(session=session).count() == 60
    absent = set(
        Attendance.objects.filter(session=session, status="absent").values_list(
            "member_id", flat=True
        )
    )
    assert absent == {m.pk for m in members[:SAVERS]}
    # 60 rows created once, then one change for each of the other savers' member.
    assert AttendanceChange.objects.count() == 60 + SAVERS - 1
