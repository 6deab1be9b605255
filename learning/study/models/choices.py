"""The status vocabularies of members, leave requests and reflections (the
roll call's own are in ``attendance``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberStatus(models.TextChoices):
    NORMAL = "normal", _("正常")
    AWAY = "away", _("流动党员")
    HOMEBOUND = "homebound", _("行动不便")


class MemberRole(models.TextChoices):
    """A member's place in the branch: secretaries and committee members
    have the higher yearly study-hours target (56 学时 by default)."""

    MEMBER = "member", _("党员")
    SECRETARY = "secretary", _("支部书记")
    COMMITTEE = "committee", _("支部委员")


COMMITTEE_ROLES = (MemberRole.SECRETARY, MemberRole.COMMITTEE)


class LeaveStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    ACCEPTED = "accepted", _("已同意")
    REFUSED = "refused", _("未同意")


class ReflectionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("不公开")
