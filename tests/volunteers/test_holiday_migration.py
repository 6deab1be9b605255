"""The holiday schedules of 2025 and 2026 come with the database (migration
volunteers 0006): every day off and every weekend day worked instead, as the
State Council's notices list them. Run backwards and forwards again, the
migration removes and restores exactly its own days and leaves the days
coordinators entered themselves alone."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts import roles
from tests.accounts.factories import UserFactory
from volunteers.models import ScheduledDay

BEFORE = [("volunteers", "0005_holiday_schedule")]
DAYS_2025 = 33  # 28 days off, 5 weekend days worked
DAYS_2026 = 39  # 33 days off, 6 weekend days worked


def _days(year):
    return ScheduledDay.objects.filter(date__year=year)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db
def test_the_2025_and_2026_holidays_are_in_a_fresh_database():
    assert _days(2025).count() == DAYS_2025
    assert _days(2026).count() == DAYS_2026
    assert _days(2025).filter(is_working_day=True).count() == 5
    assert _days(2026).filter(is_working_day=True).count() == 6
    spring = ScheduledDay.objects.get(date=datetime.date(2026, 2, 14))  # a Saturday
    assert (spring.name, spring.is_working_day) == ("春节", True)
    national = ScheduledDay.objects.get(date=datetime.date(2025, 10, 8))
    assert (national.name, national.is_working_day) == ("国庆节、中秋节", False)
    assert not ScheduledDay.objects.filter(date=datetime.date(2026, 10, 8)).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_holiday_migration_goes_back_and_forth_keeping_what_coordinators_entered():
    entered = ScheduledDay.objects.create(date=datetime.date(2027, 2, 8), name="春节")

    _migrate(BEFORE)
    assert not _days(2025).exists() and not _days(2026).exists()
    assert ScheduledDay.objects.filter(pk=entered.pk).exists()
    coordinator = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    assert not coordinator.has_perm("volunteers.add_scheduledday")

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert _days(2025).count() == DAYS_2025 and _days(2026).count() == DAYS_2026
    assert list(_days(2027).values_list("pk", flat=True)) == [entered.pk]
    coordinator = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    assert coordinator.has_perm("volunteers.add_scheduledday")
