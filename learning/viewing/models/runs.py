"""设备运行记录: each time the room's equipment was switched on.

The rule "每周必须开机两次以上" is read from these rows: a run is added by
hand (the administrator's book) or by a screening of a study session.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ShowingMode(models.TextChoices):
    """The three ways the room shows a programme."""

    DISC = "disc", _("光盘教学")
    COMPUTER = "computer", _("电脑教学")
    TV = "tv", _("电视教学")


class SignalQuality(models.TextChoices):
    GOOD = "good", _("良好")
    FAIR = "fair", _("一般")
    POOR = "poor", _("较差")
    NONE = "none", _("无信号")


class RunSource(models.TextChoices):
    HAND = "hand", _("手工登记")
    SCREENING = "screening", _("放映")


class Run(models.Model):
    started_at = models.DateTimeField(_("开机时间"), default=timezone.now)
    ended_at = models.DateTimeField(_("关机时间"), null=True, blank=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("开机人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purpose = models.CharField(_("播放内容"), max_length=200)
    mode = models.CharField(
        _("播放方式"), max_length=10, choices=ShowingMode.choices, default=ShowingMode.COMPUTER
    )
    signal = models.CharField(
        _("信号质量"), max_length=10, choices=SignalQuality.choices, default=SignalQuality.GOOD
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    source = models.CharField(
        _("来源"), max_length=10, choices=RunSource.choices, default=RunSource.HAND
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    screening = models.OneToOneField(
        "viewing.Screening",
        verbose_name=_("放映记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="run",
    )

    class Meta:
        verbose_name = _("设备运行记录")
        verbose_name_plural = _("设备运行记录")
        ordering = ["-started_at", "-pk"]
        permissions = [("manage_equipment", _("管理远教设备和运行记录"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gt=F("started_at")),
                name="viewing_run_ends_after_start",
                violation_error_message=_("关机时间必须晚于开机时间。"),
            ),
        ]
        indexes = [models.Index(fields=["started_at"], name="viewing_run_started")]

    def __str__(self):
        return f"{timezone.localtime(self.started_at):%Y-%m-%d %H:%M} · {self.purpose}"
