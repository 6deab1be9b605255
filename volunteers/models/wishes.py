"""微心愿: a resident's small wish that a volunteer claims and fulfils."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_mobile
from core.privacy import mask_name

from .people import Volunteer


class WishStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    OPEN = "open", _("待认领")
    REJECTED = "rejected", _("未通过")
    CLAIMED = "claimed", _("已认领")
    FULFILLED = "fulfilled", _("已实现")


PUBLIC_STATUSES = (WishStatus.OPEN, WishStatus.CLAIMED, WishStatus.FULFILLED)


class WishQuerySet(models.QuerySet):
    def on_the_board(self, status=None):
        """The wishes everyone sees (published, claimed, fulfilled), by status,
        the latest published first; of one of those statuses if given."""
        wishes = self.filter(status__in=PUBLIC_STATUSES).order_by("status", "-decided_at", "-pk")
        return wishes.filter(status=status) if status in PUBLIC_STATUSES else wishes


class Wish(models.Model):
    title = models.CharField(_("心愿"), max_length=60, help_text=_("例如：帮80岁独居老人买一次菜"))
    description = models.TextField(_("详细说明"), max_length=500)
    beneficiary = models.CharField(
        _("受助人称呼"), max_length=30, help_text=_("例如“王奶奶”；网站上会遮挡部分文字。")
    )
    place = models.CharField(_("地点（小区、楼栋）"), max_length=100)
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=11, validators=[validate_mobile])
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    posted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    status = models.CharField(
        _("状态"), max_length=10, choices=WishStatus.choices, default=WishStatus.PENDING
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
    decision_reason = models.CharField(_("未通过原因"), max_length=200, blank=True)
    claimed_by = models.ForeignKey(
        Volunteer,
        verbose_name=_("认领志愿者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wishes",
    )
    claimed_at = models.DateTimeField(_("认领时间"), null=True, blank=True)
    fulfilled_at = models.DateTimeField(_("实现时间"), null=True, blank=True)
    record = models.OneToOneField(
        "volunteers.ServiceRecord",
        verbose_name=_("服务记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wish",
    )

    objects = WishQuerySet.as_manager()

    class Meta:
        verbose_name = _("微心愿")
        verbose_name_plural = _("微心愿")
        ordering = ["-posted_at", "-pk"]
        permissions = [("moderate_wish", _("审核微心愿"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "open", "rejected"])
                | Q(claimed_by__isnull=False),
                name="volunteers_claimed_wish_has_volunteer",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="volunteers_wish_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def public_beneficiary(self):
        return mask_name(self.beneficiary)

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES
