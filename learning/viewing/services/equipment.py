"""The equipment book's services: assets, faults and repairs, 五防
inspections, and changing or deleting a hand-written run.

Each takes the acting user, checks ``viewing.manage_equipment``, locks the
row that guards its rule, checks the rule again, writes and logs. A run that
a screening recorded is read-only here: its times belong to the screening.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.log_actions import log

from ..errors import ViewingError
from ..models import GUARD_KEYS, Asset, AssetState, Fault, Run, RunSource
from .runs import MANAGE_EQUIPMENT, check_times, require

ASSET_FIELDS = ["name", "model_number", "quantity", "purchased_on", "keeper", "note"]
RUN_FIELDS = ["started_at", "ended_at", "operator", "purpose", "mode", "signal", "note"]


def _not_future(moment, now, message):
    if moment > (now or timezone.now()):
        raise ViewingError(message)


def _copy_onto(locked, changed, fields, action, actor):
    """Write the changed fields onto the locked row and log the change."""
    for name in fields:
        setattr(locked, name, getattr(changed, name))
    locked.save(update_fields=fields)
    log(locked, action, actor)
    return locked


def save_asset(actor, asset):
    """Add or change an asset's description (its state is not set here)."""
    require(actor, MANAGE_EQUIPMENT)
    with transaction.atomic():
        if asset.pk is None:
            asset.state, asset.created_by = AssetState.NORMAL, actor
            asset.save()
            log(asset, "viewing.asset.create", actor)
            return asset
        locked = Asset.objects.select_for_update().get(pk=asset.pk)
        return _copy_onto(locked, asset, ASSET_FIELDS, "viewing.asset.change", actor)


def scrap_asset(actor, asset):
    require(actor, MANAGE_EQUIPMENT)
    with transaction.atomic():
        asset = Asset.objects.select_for_update().get(pk=asset.pk)
        if asset.state == AssetState.SCRAPPED:
            raise ViewingError(_("这台设备已经报废了。"))
        if asset.faults.filter(repaired_at__isnull=True).exists():
            raise ViewingError(_("这台设备还有未修复的故障，请先登记修复结果。"))
        asset.state = AssetState.SCRAPPED
        asset.save(update_fields=["state"])
        log(asset, "viewing.asset.scrap", actor)
    return asset


def report_fault(actor, asset, *, reported_at, reporter, description, now=None):
    """A fault found: the asset becomes 故障."""
    require(actor, MANAGE_EQUIPMENT)
    _not_future(reported_at, now, _("发现故障的时间不能晚于现在。"))
    with transaction.atomic():
        asset = Asset.objects.select_for_update().get(pk=asset.pk)
        if asset.state != AssetState.NORMAL:
            raise ViewingError(
                _("这台设备现在是“%(state)s”，不能再报告故障。")
                % {"state": asset.get_state_display()}
            )
        fault = Fault.objects.create(
            asset=asset,
            reported_at=reported_at,
            reporter=reporter,
            description=description,
            reported_by=actor,
        )
        asset.state = AssetState.FAULTY
        asset.save(update_fields=["state"])
        log(fault, "viewing.fault.report", actor)
    return fault


def _lock_open(fault):
    fault = Fault.objects.select_for_update().select_related("asset").get(pk=fault.pk)
    if not fault.is_open:
        raise ViewingError(_("这次故障已经登记修复了，不能再改。"))
    return fault, Asset.objects.select_for_update().get(pk=fault.asset_id)


def send_for_repair(actor, fault, *, sent_at, sent_to, now=None):
    """The asset sent for repair: 故障 → 送修中."""
    require(actor, MANAGE_EQUIPMENT)
    _not_future(sent_at, now, _("送修时间不能晚于现在。"))
    with transaction.atomic():
        fault, asset = _lock_open(fault)
        if fault.sent_at is not None:
            raise ViewingError(_("这次故障已经登记送修了。"))
        if sent_at < fault.reported_at:
            raise ViewingError(_("送修时间不能早于发现故障的时间。"))
        fault.sent_at, fault.sent_to, fault.sent_by = sent_at, sent_to, actor
        fault.save(update_fields=["sent_at", "sent_to", "sent_by"])
        asset.state = AssetState.IN_REPAIR
        asset.save(update_fields=["state"])
        log(fault, "viewing.fault.send", actor)
    return fault


def mark_repaired(actor, fault, *, repaired_at, repairer, cost, repair_note="", now=None):
    """The fault repaired (on site or back from repair): the asset is 正常 again."""
    require(actor, MANAGE_EQUIPMENT)
    _not_future(repaired_at, now, _("修复时间不能晚于现在。"))
    if cost is None or cost < 0:
        raise ViewingError(_("维修费用不能为负数（没有费用请填 0）。"))
    with transaction.atomic():
        fault, asset = _lock_open(fault)
        if repaired_at < fault.reported_at:
            raise ViewingError(_("修复时间不能早于发现故障的时间。"))
        if fault.sent_at is not None and repaired_at < fault.sent_at:
            raise ViewingError(_("修复时间不能早于送修时间。"))
        fault.repaired_at, fault.repairer, fault.cost = repaired_at, repairer, cost
        fault.repair_note, fault.repaired_by = repair_note, actor
        fault.save(update_fields=["repaired_at", "repairer", "cost", "repair_note", "repaired_by"])
        asset.state = AssetState.NORMAL
        asset.save(update_fields=["state"])
        log(fault, "viewing.fault.repair", actor, cost=str(cost))
    return fault


def record_inspection(actor, inspection, now=None):
    """A 五防 inspection; a failed item must say what was found."""
    require(actor, MANAGE_EQUIPMENT)
    if inspection.inspected_on > timezone.localdate(now or timezone.now()):
        raise ViewingError(_("检查日期不能晚于今天。"))
    for key in GUARD_KEYS:
        if not getattr(inspection, f"{key}_ok") and not getattr(inspection, f"{key}_note"):
            raise ViewingError(_("不合格的项目请写明发现的问题。"))
    inspection.recorded_by, inspection.recorded_at = actor, now or timezone.now()
    with transaction.atomic():
        inspection.save()
        failed = sum(not getattr(inspection, f"{key}_ok") for key in GUARD_KEYS)
        log(inspection, "viewing.inspection.record", actor, failed=failed)
    return inspection


def _lock_hand_run(run):
    run = Run.objects.select_for_update().get(pk=run.pk)
    if run.source != RunSource.HAND:
        raise ViewingError(_("这条运行记录来自放映，由放映自动登记，不能在这里修改或删除。"))
    return run


def change_run(actor, run, now=None):
    """Save the changed fields of a hand-written run."""
    require(actor, MANAGE_EQUIPMENT)
    check_times(run.started_at, run.ended_at, now)
    with transaction.atomic():
        return _copy_onto(_lock_hand_run(run), run, RUN_FIELDS, "viewing.run.change", actor)


def delete_run(actor, run):
    require(actor, MANAGE_EQUIPMENT)
    with transaction.atomic():
        locked = _lock_hand_run(run)
        log(locked, "viewing.run.delete", actor)
        locked.delete()
