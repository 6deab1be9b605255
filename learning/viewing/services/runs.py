"""Recording a run of the room's equipment (设备运行记录)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.log_actions import log

from ..errors import ViewingError
from ..models import Run, RunSource

MANAGE_EQUIPMENT = "viewing.manage_equipment"


def require(actor, codename, message=None):
    """Refuse an actor without the permission (``actor`` None is the system
    itself: the demo, a command)."""
    if actor is not None and not actor.has_perm(codename):
        raise ViewingError(message or _("您没有管理远教站点的权限。"))


def check_times(started_at, ended_at, now=None):
    now = now or timezone.now()
    if started_at > now:
        raise ViewingError(_("开机时间不能晚于现在。"))
    if ended_at is not None and ended_at <= started_at:
        raise ViewingError(_("关机时间必须晚于开机时间。"))


def record_run(
    actor,
    *,
    started_at,
    purpose,
    ended_at=None,
    operator=None,
    source=RunSource.HAND,
    mode=None,
    signal=None,
    note="",
    now=None,
    **extra,
):
    """Add one run to the book. ``operator`` (who switched on) defaults to
    the actor; ``extra`` are further fields of ``Run`` (e.g. the screening
    that caused it). Returns the run."""
    require(actor, MANAGE_EQUIPMENT)
    check_times(started_at, ended_at, now)
    fields = {"mode": mode, "signal": signal}
    run = Run(
        started_at=started_at,
        ended_at=ended_at,
        purpose=purpose,
        operator=operator if operator is not None else actor,
        source=source,
        note=note,
        recorded_by=actor,
        recorded_at=now or timezone.now(),
        **{name: value for name, value in fields.items() if value is not None},
        **extra,
    )
    with transaction.atomic():
        run.save()
        log(run, "viewing.run.record", actor)
    return run
