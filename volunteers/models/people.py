"""Volunteers, the lists they choose from (service areas, skills) and teams."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_mobile
from core.privacy import mask_name, mask_phone

# Approved hours needed for 1 to 5 stars (national practice: 星级志愿者).
STAR_THRESHOLDS = (100, 300, 600, 1000, 1500)
# Volunteers on the public leaderboard (光荣榜).
LEADERBOARD_SIZE = 50

# The personal-data statement a volunteer agrees to; its version is stored
# with the consent so that a later change of wording is traceable.
CONSENT_VERSION = "2026-11-23"


def star_level(hours):
    """0 to 5 stars for a number of approved hours."""
    hours = Decimal(hours or 0)
    return sum(1 for threshold in STAR_THRESHOLDS if hours >= threshold)


class ServiceArea(models.Model):
    """服务领域: an editable list, seeded with the areas the community names."""

    name = models.CharField(_("名称"), max_length=30, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("可选"), default=True)

    class Meta:
        verbose_name = _("服务领域")
        verbose_name_plural = _("服务领域")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class Skill(models.Model):
    """技能: what a volunteer can do and what a shift needs."""

    name = models.CharField(_("名称"), max_length=30, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("技能")
        verbose_name_plural = _("技能")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class TeamQuerySet(models.QuerySet):
    def with_member_count(self):
        """Annotates ``member_count`` (approved volunteers); the leader comes along."""
        return self.annotate(
            member_count=Count("members", filter=Q(members__status=VolunteerStatus.APPROVED))
        ).select_related("leader")


class Team(models.Model):
    """服务队, e.g. 党员志愿服务队, with a leader and members."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    description = models.TextField(_("简介"), blank=True)
    is_party_team = models.BooleanField(
        _("党员志愿服务队"), default=False, help_text=_("由党员（含在职党员）组成的服务队。")
    )
    leader = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("队长"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("服务队")
        verbose_name_plural = _("服务队")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class Availability(models.TextChoices):
    WEEKDAY_DAYTIME = "weekday_day", _("工作日白天")
    WEEKDAY_EVENING = "weekday_evening", _("工作日晚上")
    WEEKEND = "weekend", _("周末")
    ANY = "any", _("时间灵活")


class VolunteerStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("未通过")
    DELETED = "deleted", _("已注销")


class VolunteerQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=VolunteerStatus.APPROVED)

    def on_leaderboard(self, limit=LEADERBOARD_SIZE):
        """Approved volunteers who chose to appear and have approved hours,
        most hours first, each with ``hours`` and the team."""
        from .records import RecordStatus  # records.py imports this module

        return (
            self.approved()
            .filter(show_on_leaderboard=True)
            .annotate(
                hours=Coalesce(
                    Sum("records__hours", filter=Q(records__status=RecordStatus.APPROVED)),
                    Value(0),
                    output_field=DecimalField(),
                )
            )
            .filter(hours__gt=0)
            .select_related("team")
            .order_by("-hours", "pk")[:limit]
        )


class Volunteer(models.Model):
    """A registered volunteer. Personal data is kept only as the consent
    statement says; after account deletion the row stays, emptied, so that
    approved hours still count in the totals (anonymised)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer",
    )
    real_name = models.CharField(_("真实姓名"), max_length=50)
    phone = models.CharField(_("手机号码"), max_length=11, blank=True, validators=[validate_mobile])
    areas = models.ManyToManyField(ServiceArea, verbose_name=_("服务领域"), blank=True)
    skills = models.ManyToManyField(Skill, verbose_name=_("技能"), blank=True)
    availability = models.CharField(_("可服务时间"), max_length=100, blank=True)
    preferred_team = models.ForeignKey(
        Team,
        verbose_name=_("希望加入的服务队"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("所在服务队"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    is_party_member = models.BooleanField(_("在职党员"), default=False)
    work_unit = models.CharField(_("工作单位"), max_length=100, blank=True)
    show_on_leaderboard = models.BooleanField(
        _("在光荣榜上显示"), default=False, help_text=_("只显示遮挡后的姓名和服务时长。")
    )
    consent_version = models.CharField(_("同意的声明版本"), max_length=20, default=CONSENT_VERSION)
    consented_at = models.DateTimeField(
        _("同意时间"),
        default=timezone.now,
        help_text=_("在后台代为登记时，请先让本人阅读并签字同意个人信息说明。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=VolunteerStatus.choices,
        default=VolunteerStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_reason = models.CharField(_("审核意见"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    deleted_at = models.DateTimeField(_("注销时间"), null=True, blank=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("review_volunteer", _("审核志愿者")),
            ("view_volunteer_phone", _("查看志愿者完整手机号")),
            ("coordinate_volunteers", _("协调志愿服务（工作台、班次名单、签到签退、时长统计）")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_party_member=False) | ~Q(work_unit=""),
                name="volunteers_party_member_has_work_unit",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="volunteers_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return self.real_name

    @property
    def masked_name(self):
        return mask_name(self.real_name)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    masked_phone.fget.short_description = _("手机号码")

    @property
    def is_approved(self):
        return self.status == VolunteerStatus.APPROVED

    def availability_labels(self):
        values = [v for v in self.availability.split(",") if v]
        return [Availability(v).label for v in values if v in Availability.values]

    def get_availability_display(self):
        """The times in Chinese (周末、工作日晚上), as the admin's inspect view
        shows a field through its ``get_<field>_display``."""
        return "、".join(str(label) for label in self.availability_labels())

    def approved_hours(self):
        from .records import RecordStatus

        total = self.records.filter(status=RecordStatus.APPROVED).aggregate(
            total=models.Sum("hours")
        )["total"]
        return total or Decimal("0")

    def stars(self):
        return star_level(self.approved_hours())
