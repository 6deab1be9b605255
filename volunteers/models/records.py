"""Service records (志愿服务记录), their history and corrections, training,
commendations and certificates of service hours.

A record holds what 《志愿服务记录与证明出具办法（试行）》 (2021) asks for:
activity name, date, place, service content, hours, organising unit and
person in charge, plus who recorded and who approved it. Only approved
records count; nobody approves their own (service and database check).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.codes import random_code

from .holidays import working_days_between
from .people import Volunteer

# The rules ask for recording within 10 working days of the activity.
LATE_AFTER_WORKING_DAYS = 10


class RecordSource(models.TextChoices):
    SHIFT = "shift", _("班次签到")
    MANUAL = "manual", _("个人申报")
    COORDINATOR = "coordinator", _("协调员登记")
    WISH = "wish", _("微心愿")


class RecordStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已认定")
    REJECTED = "rejected", _("未通过")


class ServiceRecordQuerySet(models.QuerySet):
    def approved_hours(self):
        """The approved hours of these records, added up (0 when none)."""
        approved = self.filter(status=RecordStatus.APPROVED)
        return approved.aggregate(total=Sum("hours"))["total"] or Decimal("0")

    def approved_hours_by_volunteer(self):
        """{volunteer id: the approved hours of these records}, in one query."""
        approved = self.filter(status=RecordStatus.APPROVED).values("volunteer").order_by()
        return dict(approved.annotate(total=Sum("hours")).values_list("volunteer", "total"))


class ServiceRecord(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="records"
    )
    # The volunteer's account when the record was made: the database refuses
    # an approval by that same account.
    volunteer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("志愿者账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("来源"), max_length=12, choices=RecordSource.choices)
    signup = models.OneToOneField(
        "volunteers.ShiftSignup",
        verbose_name=_("班次报名"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="record",
    )
    activity = models.ForeignKey(
        "volunteers.VolunteerActivity",
        verbose_name=_("所属活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    activity_name = models.CharField(_("活动名称"), max_length=200)
    date = models.DateField(_("服务日期"), db_index=True)
    place = models.CharField(_("服务地点"), max_length=200)
    content = models.TextField(_("服务内容"), max_length=1000)
    start = models.DateTimeField(_("开始时间"), null=True, blank=True)
    end = models.DateTimeField(_("结束时间"), null=True, blank=True)
    hours = models.DecimalField(_("服务时长（小时）"), max_digits=6, decimal_places=2)
    organiser = models.CharField(_("组织单位"), max_length=100)
    person_in_charge = models.CharField(_("负责人"), max_length=50)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=RecordStatus.choices,
        default=RecordStatus.SUBMITTED,
        db_index=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_reason = models.CharField(_("未通过原因"), max_length=200, blank=True)
    recorded_late = models.BooleanField(
        _("超过10个工作日记录"),
        default=False,
        help_text=_("记录时间晚于服务日期后10个工作日（不含法定节假日调整）。"),
    )

    objects = ServiceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("服务记录")
        verbose_name_plural = _("服务记录")
        ordering = ["-date", "-pk"]
        permissions = [("approve_servicerecord", _("认定服务时长"))]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="volunteers_hours_positive"),
            models.CheckConstraint(
                condition=Q(hours__lte=24), name="volunteers_hours_at_most_a_day"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gt=F("start")),
                name="volunteers_record_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | Q(volunteer_user__isnull=True)
                | ~Q(decided_by=F("volunteer_user")),
                name="volunteers_no_self_approval",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="volunteers_record_rejection_has_reason",
            ),
        ]
        indexes = [
            # Covers the hours report: the year's approved rows, read from the index alone.
            models.Index(
                fields=["status", "date", "volunteer", "hours"],
                name="volunteers_record_report",
            ),
            models.Index(fields=["volunteer", "status"]),
        ]

    def __str__(self):
        return f"{self.activity_name} · {self.date:%Y-%m-%d} · {self.hours}"

    def save(self, *args, **kwargs):
        if self.date and self.recorded_at:
            recorded_on = timezone.localtime(self.recorded_at).date()
            self.recorded_late = (
                working_days_between(self.date, recorded_on) > LATE_AFTER_WORKING_DAYS
            )
        super().save(*args, **kwargs)

    @property
    def is_approved(self):
        return self.status == RecordStatus.APPROVED


class RecordChange(models.Model):
    """One change to a service record: who, when, why, and the values before
    and after (only the fields that changed)."""

    record = models.ForeignKey(
        ServiceRecord, verbose_name=_("服务记录"), on_delete=models.CASCADE, related_name="changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("修改时间"), default=timezone.now)
    action = models.CharField(_("操作"), max_length=30)
    before = models.JSONField(_("修改前"), default=dict)
    after = models.JSONField(_("修改后"), default=dict)
    reason = models.CharField(_("原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("服务记录变更")
        verbose_name_plural = _("服务记录变更")
        ordering = ["record", "changed_at", "pk"]

    def __str__(self):
        return f"{self.record_id} · {self.action}"


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    ACCEPTED = "accepted", _("已更正")
    REFUSED = "refused", _("不予更正")


class CorrectionRequest(models.Model):
    """A volunteer asks for a record to be corrected; a coordinator accepts
    (the record changes, with history) or refuses with a reason."""

    record = models.ForeignKey(
        ServiceRecord,
        verbose_name=_("服务记录"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    proposed_hours = models.DecimalField(
        _("应为时长（小时）"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    proposed_date = models.DateField(_("应为日期"), null=True, blank=True)
    message = models.TextField(_("说明"), max_length=500)
    status = models.CharField(
        _("状态"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.PENDING
    )
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decision_reason = models.CharField(_("处理意见"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("更正申请")
        verbose_name_plural = _("更正申请")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposed_hours__isnull=True) | Q(proposed_hours__gt=0),
                name="volunteers_correction_hours_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(decision_reason=""),
                name="volunteers_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.record} · {self.get_status_display()}"


class Training(models.Model):
    """培训记录."""

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="trainings"
    )
    name = models.CharField(_("培训名称"), max_length=100)
    content = models.TextField(_("培训内容"), max_length=500, blank=True)
    hours = models.DecimalField(_("培训时长（小时）"), max_digits=5, decimal_places=1)
    organiser = models.CharField(_("组织单位"), max_length=100)
    date = models.DateField(_("培训日期"))

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0), name="volunteers_training_hours_positive"
            )
        ]

    def __str__(self):
        return f"{self.name} · {self.volunteer}"


class Commendation(models.Model):
    """表彰奖励."""

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="commendations"
    )
    title = models.CharField(_("荣誉名称"), max_length=100)
    awarded_by = models.CharField(_("授予单位"), max_length=100)
    date = models.DateField(_("授予日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("表彰奖励")
        verbose_name_plural = _("表彰奖励")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.title} · {self.volunteer}"


def certificate_code():
    """12 characters people can read out and type: no 0/O or 1/I/L."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    raw = random_code(16)
    return "".join(alphabet[b % len(alphabet)] for b in raw.encode()[:12])


class Certificate(models.Model):
    """志愿服务证明 for a date range: the figures are fixed when it is issued,
    so a later change cannot alter a certificate someone already holds."""

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(_("验证码"), max_length=12, unique=True, default=certificate_code)
    date_from = models.DateField(_("起始日期"))
    date_to = models.DateField(_("截止日期"))
    total_hours = models.DecimalField(_("认定时长（小时）"), max_digits=8, decimal_places=2)
    record_count = models.PositiveIntegerField(_("服务次数"))
    holder_name = models.CharField(_("志愿者姓名"), max_length=50)
    issuer = models.CharField(_("出具单位"), max_length=100)
    rows = models.JSONField(_("服务明细"), default=list)
    issued_at = models.DateTimeField(_("出具时间"), default=timezone.now)

    class Meta:
        verbose_name = _("志愿服务证明")
        verbose_name_plural = _("志愿服务证明")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")), name="volunteers_certificate_range"
            )
        ]

    def __str__(self):
        return f"{self.holder_name} · {self.code}"

    @property
    def display_code(self):
        return f"{self.code[:4]}-{self.code[4:8]}-{self.code[8:]}"


def normalise_certificate_code(value):
    return "".join(ch for ch in str(value or "").upper() if ch.isalnum())[:12]


def quarter_hours(delta):
    """A duration rounded to the nearest quarter hour, as Decimal hours
    (7 min 29 s -> 0, 7 min 30 s -> 0.25)."""
    seconds = max(0, int(delta.total_seconds()))
    quarters = (seconds + 450) // 900
    return Decimal(quarters) / 4
