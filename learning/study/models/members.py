"""Party members (党员), their branches (支部), party groups (党小组) and grids (网格)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_mobile
from core.page_cache import purge_when_saved
from core.privacy import mask_phone

from .choices import MemberRole, MemberStatus


class Grid(models.Model):
    """网格: the neighbourhood cell a member lives in (optional)."""

    name = models.CharField(_("名称"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("网格")
        verbose_name_plural = _("网格")
        ordering = ["name"]

    def __str__(self):
        return self.name


@purge_when_saved  # session pages name their branches
class Branch(models.Model):
    """支部."""

    name = models.CharField(
        _("支部名称"), max_length=100, unique=True, error_messages={"unique": _("已有同名支部。")}
    )
    secretary = models.CharField(_("支部书记"), max_length=50, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    administrators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("远教管理员"),
        blank=True,
        related_name="administered_branches",
        help_text=_(
            "负责本支部的远教管理员：他们只能看到和管理本支部的党员、点名册、请假、心得和台账。"
        ),
    )

    class Meta:
        verbose_name = _("支部")
        verbose_name_plural = _("支部")
        ordering = ["sort_order", "name"]
        # Community-level administrators: every branch (see scope.py).
        permissions = [("manage_all_branches", _("管理所有支部"))]

    def __str__(self):
        return self.name


class PartyGroup(models.Model):
    """党小组: a group of the members of one branch, with an optional leader
    (组长) from that branch. A member belongs to at most one group, of their
    own branch (``Member.clean``)."""

    branch = models.ForeignKey(
        Branch, verbose_name=_("支部"), on_delete=models.CASCADE, related_name="party_groups"
    )
    name = models.CharField(_("党小组名称"), max_length=50)
    leader = models.ForeignKey(
        "study.Member",
        verbose_name=_("党小组组长"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("党小组")
        verbose_name_plural = _("党小组")
        ordering = ["branch__sort_order", "branch__name", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "name"],
                name="study_party_group_unique_name",
                violation_error_message=_("本支部已有同名党小组。"),
            )
        ]

    def __str__(self):
        return f"{self.branch}·{self.name}" if self.branch_id else self.name

    def clean(self):
        super().clean()
        if self.leader_id and self.branch_id and self.leader.branch_id != self.branch_id:
            raise ValidationError({"leader": _("组长必须是本支部的党员。")})


class Member(models.Model):
    """A party member of a branch; linked to a user account once that account
    has proven it holds the member's number (an activation slip from the
    branch administrator, or an SMS code): then the member can check in, ask
    for leave and write reflections online. See access.py."""

    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(
        _("手机号码"),
        max_length=11,
        unique=True,
        validators=[validate_mobile],
        error_messages={"unique": _("已有党员使用这个手机号码。")},
    )
    branch = models.ForeignKey(
        Branch, verbose_name=_("支部"), on_delete=models.PROTECT, related_name="members"
    )
    grid = models.ForeignKey(
        Grid,
        verbose_name=_("网格"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    party_group = models.ForeignKey(
        PartyGroup,
        verbose_name=_("党小组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text=_("只能选择本支部的党小组。"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.NORMAL
    )
    role = models.CharField(
        _("职务"),
        max_length=20,
        choices=MemberRole.choices,
        default=MemberRole.MEMBER,
        help_text=_("支部书记和支部委员的年度学时目标高于普通党员。"),
    )
    active = models.BooleanField(
        _("在册"), default=True, help_text=_("转出或去世的党员取消勾选，不再列入点名册。")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="party_member",
    )

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["branch", "name", "pk"]
        indexes = [models.Index(fields=["branch", "active"])]
        permissions = [("manage_member_access", _("为党员发放激活码、解除账户关联"))]

    def __str__(self):
        return f"{self.name}（{self.branch}）" if self.branch_id else self.name

    def clean(self):
        super().clean()
        check_party_group(self.party_group, self.branch_id)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    masked_phone.fget.short_description = _("手机号码")


def check_party_group(party_group, branch_id):
    """A member's 党小组 must be one of their own branch's (forms, import and
    ``Member.clean`` all ask here)."""
    if party_group is not None and branch_id and party_group.branch_id != branch_id:
        raise ValidationError(
            {"party_group": _("党小组“%(g)s”不属于该党员所在的支部。") % {"g": party_group.name}}
        )
