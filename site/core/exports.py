"""Large Excel exports made by the background worker, with progress and a
download for their owner only (docs/operations.md "Large exports").

``core`` knows no app: an app registers each of its exports by name
(``register(Export(...))`` in its ``AppConfig.ready``) with

* ``count(user, params)``: how many rows it would have (cheap, one query);
* ``build(user, params, progress)``: the file, as ``ExportFile(filename,
  content)``, calling ``progress(done, total)`` now and then
  (``table_workbook`` does it for a table of rows).

Its view answers with ``start(request, name, params)``: an export of at most
``EXPORT_SYNC_ROWS`` rows is built at once and downloaded as before (a click
is a file, and a small build takes well under a second); a larger one becomes
an ``ExportJob`` that the task ``run_export`` builds in the worker, while
我的导出 shows its progress and, when it is ready, the download. The file
is kept in the private ``exports`` storage and served through Django to its
owner only; ``prune_exports`` deletes it after ``--days``.
"""

import dataclasses
import logging
import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .excel import attachment, workbook_bytes
from .models import ExportJob, ExportState

logger = logging.getLogger(__name__)

# Progress is written at most this often (in rows), and never as 100 before
# the file is stored.
PROGRESS_EVERY = 200


@dataclasses.dataclass(frozen=True)
class ExportFile:
    filename: str
    content: bytes


@dataclasses.dataclass(frozen=True)
class Export:
    name: str
    label: Callable[[dict], str]
    permission: str
    count: Callable[[Any, dict], int]
    build: Callable[[Any, dict, Callable[[int, int], None]], ExportFile]


_registry: dict[str, Export] = {}


def register(export):
    _registry[export.name] = export
    return export


def registered(name):
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"no export registered as {name!r}") from None


def table_workbook(title, headers, rows, total, progress):
    """``core.excel.workbook_bytes`` of ``rows`` (an iterable of ``total``
    rows), calling ``progress(done, total)`` every ``PROGRESS_EVERY`` rows."""

    def counted():
        for done, row in enumerate(rows, start=1):
            if done % PROGRESS_EVERY == 0:
                progress(done, total)
            yield row

    return workbook_bytes(title, headers, counted())


def start(request, name, params):
    """The answer to an export request: the file now, or a queued job."""

    export = registered(name)
    if not request.user.has_perm(export.permission):
        raise PermissionDenied
    rows = export.count(request.user, params)
    if rows <= settings.EXPORT_SYNC_ROWS:
        result = export.build(request.user, params, _ignore_progress)
        return attachment(result.filename, result.content)
    pending = _pending_job(request.user, name, params)
    if pending is not None:
        # A second click, a reload or a browser's prefetch of the same link
        # joins the job already on its way instead of building the file again.
        return redirect("core_exports:job", pending.pk)
    job = queue(request.user, name, params, rows)
    messages.info(
        request,
        _("共 %(rows)s 行，正在后台生成。完成后可在“我的导出”下载。") % {"rows": rows},
    )
    return redirect("core_exports:job", job.pk)


def _pending_job(user, name, params):
    for job in ExportJob.objects.filter(
        user=user, name=name, state__in=(ExportState.QUEUED, ExportState.RUNNING)
    ).order_by("-pk")[:20]:
        if job.params == params:
            return job
    return None


def _ignore_progress(done, total):
    pass


def queue(user, name, params, rows=None):
    """A job for ``user`` and its task, in one transaction (the task row is
    in the site's database: it runs only if the job exists)."""
    export = registered(name)
    with transaction.atomic():
        job = ExportJob.objects.create(
            user=user, name=name, label=str(export.label(params))[:120], params=params, rows=rows
        )
        run_export.enqueue(job.pk)
    return job


@task()
def run_export(job_id):
    """The background task: build one job's file, writing its progress."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not job.pending:
            return "gone"
        # RUNNING again: a worker that died while building it (reap_stale_tasks).
        job.state = ExportState.RUNNING
        job.save(update_fields=["state"])
    export = _registry.get(job.name)
    user = job.user
    if export is None or not (user.is_active and user.has_perm(export.permission)):
        return _finish(job, ExportState.FAILED, error=_("没有这项导出的权限。"))

    def progress(done, total):
        percent = min(99, done * 100 // total) if total else 0
        ExportJob.objects.filter(pk=job.pk).update(progress=percent)

    try:
        result = export.build(user, job.params, progress)
    except Exception as error:
        logger.exception("Export %s (job %s) failed", job.name, job.pk)
        return _finish(job, ExportState.FAILED, error=_("生成失败：%(error)s") % {"error": error})
    job.file.save(f"{secrets.token_hex(16)}.xlsx", ContentFile(result.content), save=False)
    job.filename = result.filename
    return _finish(job, ExportState.DONE)


def _finish(job, state, error=""):
    job.state = state
    job.error = error
    job.finished_at = timezone.now()
    if state == ExportState.DONE:
        job.progress = 100
    job.save(update_fields=["state", "error", "finished_at", "progress", "file", "filename"])
    return state


def download(job):

    with job.file.open("rb") as handle:
        return attachment(job.filename, handle.read())


def prune(older_than, now=None):
    """Delete jobs created longer than ``older_than`` ago, and (after the
    commit, ``connect_signals``) their files. Returns how many."""
    cutoff = (now or timezone.now()) - older_than
    old = list(ExportJob.objects.filter(created_at__lt=cutoff))
    for job in old:
        job.delete()
    return len(old)


def _delete_file(instance, **kwargs):
    if instance.file:
        file = instance.file
        transaction.on_commit(lambda: file.delete(save=False))


def connect_signals():
    """A job deleted in any way (pruned, its account erased) takes its file."""
    from django.db.models.signals import post_delete

    post_delete.connect(_delete_file, sender=ExportJob, dispatch_uid="core-export-file")
