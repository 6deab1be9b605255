"""设备运行、维修情况记录簿: the room's equipment (设备登记), its faults and
repairs (故障维修) and the periodic 五防 inspections (五防检查). Runs are in
``runs.py``.

Every change goes through ``services/equipment.py``; the state of an asset
follows its faults (故障 → 送修中 → 正常), only 报废 is set by hand.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AssetState(models.TextChoices):
    NORMAL = "normal", _("正常")
    FAULTY = "faulty", _("故障")
    IN_REPAIR = "in_repair", _("送修中")
    SCRAPPED = "scrapped", _("报废")


def _recorder(label):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Asset(models.Model):
    name = models.CharField(_("设备名称"), max_length=100)
    model_number = models.CharField(_("型号"), max_length=100, blank=True)
    quantity = models.PositiveSmallIntegerField(_("数量"), default=1)
    purchased_on = models.DateField(_("购置日期"), null=True, blank=True)
    keeper = models.CharField(_("责任人"), max_length=50)
    state = models.CharField(
        _("状态"), max_length=10, choices=AssetState.choices, default=AssetState.NORMAL
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = _recorder(_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("远教设备")
        verbose_name_plural = _("远教设备")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="viewing_asset_quantity",
                violation_error_message=_("数量至少为 1。"),
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.model_number}".strip()


class FaultQuerySet(models.QuerySet):
    def in_period(self, start, end):
        """Faults out of service at some time in [start, end): reported
        before the end and not repaired before the start."""
        return self.filter(reported_at__lt=end).filter(
            Q(repaired_at__isnull=True) | Q(repaired_at__gte=start)
        )


class Fault(models.Model):
    """A fault of one asset from its report to its repair."""

    asset = models.ForeignKey(
        Asset, verbose_name=_("设备"), on_delete=models.PROTECT, related_name="faults"
    )
    reported_at = models.DateTimeField(_("发现故障时间"))
    reporter = models.CharField(_("报告人"), max_length=50)
    description = models.TextField(_("故障情况"), max_length=1000)
    reported_by = _recorder(_("登记人"))
    sent_at = models.DateTimeField(_("送修时间"), null=True, blank=True)
    sent_to = models.CharField(_("送修单位"), max_length=100, blank=True)
    sent_by = _recorder(_("送修登记人"))
    repaired_at = models.DateTimeField(_("修复时间"), null=True, blank=True)
    repairer = models.CharField(_("维修人"), max_length=100, blank=True)
    cost = models.DecimalField(_("维修费用（元）"), max_digits=9, decimal_places=2, null=True)
    repair_note = models.CharField(_("维修情况"), max_length=200, blank=True)
    repaired_by = _recorder(_("修复登记人"))

    objects = FaultQuerySet.as_manager()

    class Meta:
        verbose_name = _("故障维修记录")
        verbose_name_plural = _("故障维修记录")
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0),
                name="viewing_fault_cost",
                violation_error_message=_("维修费用不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(sent_at__gte=F("reported_at")),
                name="viewing_fault_sent_after_report",
                violation_error_message=_("送修时间不能早于发现故障的时间。"),
            ),
            models.CheckConstraint(
                condition=Q(repaired_at__isnull=True)
                | (Q(repaired_at__gte=F("reported_at")) & Q(cost__isnull=False)),
                name="viewing_fault_repaired_after_report",
                violation_error_message=_("修复时间不能早于发现故障的时间，并要填写维修费用。"),
            ),
            models.UniqueConstraint(
                fields=["asset"],
                condition=Q(repaired_at__isnull=True),
                name="viewing_one_open_fault_per_asset",
                violation_error_message=_("这台设备已有一次未修复的故障。"),
            ),
        ]

    def __str__(self):
        return f"{self.asset} · {timezone.localtime(self.reported_at):%Y-%m-%d}"

    def out_of_service(self, now=None):
        """How long the asset was (or has been, if still open) out of service."""
        return (self.repaired_at or now or timezone.now()) - self.reported_at

    @property
    def is_open(self):
        return self.repaired_at is None


# The 五防: (key, label). Each is a passed flag and a note on the inspection.
FIVE_GUARDS = [
    ("fire", _("防火")),
    ("theft", _("防盗")),
    ("damp", _("防潮")),
    ("lightning", _("防雷")),
    ("dust", _("防尘")),
]
GUARD_KEYS = [key for key, _label in FIVE_GUARDS]


class Inspection(models.Model):
    """One 五防 inspection: each item passed or not (a failed item says why)."""

    inspected_on = models.DateField(_("检查日期"))
    inspector = models.CharField(_("检查人"), max_length=50)
    fire_ok = models.BooleanField(_("防火"), default=True)
    fire_note = models.CharField(_("防火情况"), max_length=200, blank=True)
    theft_ok = models.BooleanField(_("防盗"), default=True)
    theft_note = models.CharField(_("防盗情况"), max_length=200, blank=True)
    damp_ok = models.BooleanField(_("防潮"), default=True)
    damp_note = models.CharField(_("防潮情况"), max_length=200, blank=True)
    lightning_ok = models.BooleanField(_("防雷"), default=True)
    lightning_note = models.CharField(_("防雷情况"), max_length=200, blank=True)
    dust_ok = models.BooleanField(_("防尘"), default=True)
    dust_note = models.CharField(_("防尘情况"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = _recorder(_("登记人"))
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("五防检查")
        verbose_name_plural = _("五防检查")
        ordering = ["-inspected_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{key}_ok": True}) | ~Q(**{f"{key}_note": ""}),
                name=f"viewing_inspection_{key}_failed_says_why",
                violation_error_message=_("不合格的项目请写明发现的问题。"),
            )
            for key in GUARD_KEYS
        ]

    def __str__(self):
        return f"{self.inspected_on:%Y-%m-%d} · {self.inspector}"

    def items(self):
        """[(label, passed, note)] in the order of the 五防."""
        return [
            (label, getattr(self, f"{key}_ok"), getattr(self, f"{key}_note"))
            for key, label in FIVE_GUARDS
        ]

    @property
    def all_passed(self):
        return all(getattr(self, f"{key}_ok") for key in GUARD_KEYS)
