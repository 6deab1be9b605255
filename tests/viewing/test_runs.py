import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from learning.viewing.errors import ViewingError
from learning.viewing.models import Run, RunSource
from learning.viewing.services.runs import record_run
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_branch_administrator_records_a_run_in_the_book_and_the_log(branch_admin):
    start = timezone.now() - datetime.timedelta(hours=3)
    run = record_run(
        branch_admin,
        started_at=start,
        ended_at=start + datetime.timedelta(hours=1),
        purpose="电视教学：党员冬训",
    )
    run.refresh_from_db()
    assert run.operator == branch_admin and run.recorded_by == branch_admin
    assert run.source == RunSource.HAND
    entry = ModelLogEntry.objects.get(object_id=str(run.pk))
    assert entry.action == "viewing.run.record" and entry.user == branch_admin


def test_a_member_without_the_permission_cannot_record_a_run(db):
    with pytest.raises(ViewingError):
        record_run(UserFactory(), started_at=timezone.now(), purpose="开机")
    assert not Run.objects.exists()


def test_a_run_cannot_end_before_it_starts_nor_start_in_the_future(branch_admin):
    start = timezone.now() - datetime.timedelta(hours=1)
    with pytest.raises(ViewingError, match="关机时间"):
        record_run(branch_admin, started_at=start, ended_at=start, purpose="开机")
    with pytest.raises(ViewingError, match="开机时间"):
        record_run(
            branch_admin, started_at=timezone.now() + datetime.timedelta(hours=1), purpose="开机"
        )
    assert not Run.objects.exists()
