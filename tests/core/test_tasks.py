"""Background work runs in the worker, not in the request (core/background.py,
docs/operations.md "Background work")."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from core.background import LOST_TRACEBACK, MAX_LOST_RUNS
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


def found(query):
    return {page.title for page in Page.objects.live().search(query)}


def test_wagtail_search_indexing_waits_for_the_worker_and_runs_there(task_queue, notice_index):
    NoticePageFactory(parent=notice_index, title="冬季消防安全提示")
    assert found("消防") == set()
    assert DBTaskResult.objects.ready().exists()

    task_queue()

    assert found("消防") == {"冬季消防安全提示"}
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()


def _lost_task(worker_ids, started_minutes_ago):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="wagtail.tasks.update_reference_index_task",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago),
        worker_ids=worker_ids,
    )


def test_a_task_left_running_by_a_dead_worker_is_queued_again_when_it_restarts():
    lost = _lost_task(["web1"], started_minutes_ago=1)
    other_host = _lost_task(["web2"], started_minutes_ago=1)

    call_command("reap_stale_tasks", worker_id="web1", stdout=io.StringIO())

    lost.refresh_from_db()
    other_host.refresh_from_db()
    assert lost.status == TaskResultStatus.READY
    assert other_host.status == TaskResultStatus.RUNNING  # still running on its own host
    assert DBTaskResult.objects.ready().filter(pk=lost.pk).exists()


def test_only_tasks_running_longer_than_the_age_given_are_reaped():
    old = _lost_task(["web1"], started_minutes_ago=90)
    recent = _lost_task(["web1"], started_minutes_ago=5)

    call_command("reap_stale_tasks", older_than=60, stdout=io.StringIO())

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def test_a_task_that_keeps_killing_its_worker_is_failed_not_queued_again():
    deadly = _lost_task(["web1"] * MAX_LOST_RUNS, started_minutes_ago=1)

    call_command("reap_stale_tasks", worker_id="web1", stdout=io.StringIO())

    deadly.refresh_from_db()
    assert deadly.status == TaskResultStatus.FAILED
    assert deadly.traceback == LOST_TRACEBACK


def test_reaping_without_a_worker_or_an_age_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--worker-id"):
        call_command("reap_stale_tasks")
