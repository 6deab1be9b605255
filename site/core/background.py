"""Background work on Django's task framework (django-tasks, database backend).

A task row is written in the transaction that enqueues it and run by
``manage.py db_worker``. A worker that is killed (``kill -9``, out of memory,
the machine rebooting) leaves the row it was running RUNNING for ever:
``reap_stale_tasks`` puts such rows back in the queue. See docs/operations.md
"Background work".
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# A task whose worker died this many times is not queued again: it may be
# what kills the worker (a video too large for the memory, say).
MAX_LOST_RUNS = 3
LOST_TRACEBACK = "worker lost while running this task (reap_stale_tasks)"


def reap_stale_tasks(worker_id=None, older_than=None, now=None):
    """Queue again the tasks left RUNNING by a worker that died: those last
    claimed by ``worker_id`` (a worker about to start under that id knows
    none of them is still running) or started longer than ``older_than`` (a
    timedelta) ago. A task lost ``MAX_LOST_RUNS`` times is marked failed.
    Returns (requeued, failed)."""
    if worker_id is None and older_than is None:
        raise ValueError("name a worker id or an age")
    now = now or timezone.now()
    requeued = failed = 0
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        for row in running:
            claimed_by_worker = worker_id is not None and row.worker_ids[-1:] == [worker_id]
            too_old = older_than is not None and row.started_at < now - older_than
            if not (claimed_by_worker or too_old):
                continue
            if len(row.worker_ids) >= MAX_LOST_RUNS:
                row.status = TaskResultStatus.FAILED
                row.finished_at = now
                row.exception_class_path = "builtins.SystemExit"
                row.traceback = LOST_TRACEBACK
                row.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                failed += 1
            else:
                row.status = TaskResultStatus.READY
                row.started_at = None
                row.run_after = now
                row.save(update_fields=["status", "started_at", "run_after"])
                requeued += 1
    return requeued, failed


def minutes(value):
    return datetime.timedelta(minutes=value)
