"""民主评议党员: a round per year, its stages and their log, each member's
participation (mode, self-review, grade), and the secret ballot.

The ballot keeps no ballot. ``Voted`` records THAT a member voted (one row
per round and member, unique) and ``Tally`` holds, per round and candidate,
four running counts (优秀 / 合格 / 基本合格 / 不合格). A vote adds one to one
count of each candidate it rates and rewrites every tally row of the voter's
branch, in the same transaction as its ``Voted`` row: nothing names the
voter, no row records a time, and the tables look the same whatever the
order of the votes. docs/evaluation.md explains the design and its limits.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    STUDY = "study", _("学习教育")
    SELF_REVIEW = "self_review", _("自查自评")
    BALLOT = "ballot", _("民主测评")
    ASSESSMENT = "assessment", _("组织评定")
    FEEDBACK = "feedback", _("结果反馈")
    RECTIFY = "rectify", _("整改")


STAGES = list(Stage.values)


def stage_index(stage):
    return STAGES.index(stage)


class Mode(models.TextChoices):
    MEETING = "meeting", _("会议")
    HOME = "home", _("送评议表上门")
    PHONE = "phone", _("电话")
    NONE = "none", _("未参加")


# 流动党员 are not a fourth mode but a mark beside one (``away``): the
# report's own figures (56 + 23 + 38 = 117 taking part, "3 流动党员" among
# them, 4 not, 121 in all) only add up that way.
TAKING_PART = (Mode.MEETING, Mode.HOME, Mode.PHONE)


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    BASIC = "basic", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")


class Source(models.TextChoices):
    ONLINE = "online", _("本人在线填写")
    PAPER = "paper", _("管理员按纸质表录入")


class Round(models.Model):
    """One year's 民主评议党员 of the community."""

    year = models.PositiveSmallIntegerField(
        _("年度"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        error_messages={"unique": _("这一年的民主评议已经建立。")},
    )
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.STUDY)
    excellent_cap = models.PositiveSmallIntegerField(
        _("优秀比例上限（%）"),
        default=20,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("评为优秀的党员不超过参加评议人数的这个百分比。"),
    )
    paper_ballots = models.PositiveIntegerField(_("已录入纸质测评票"), default=0)
    created_at = models.DateTimeField(_("建立时间"), default=timezone.now)

    class Meta:
        verbose_name = _("民主评议")
        verbose_name_plural = _("民主评议")
        ordering = ["-year"]
        permissions = [
            ("run_evaluation", _("组织民主评议（推进阶段、登记参加方式和自评、录入纸质测评票）")),
            ("grade_members", _("组织评定（支部委员会评定等次）")),
        ]

    def __str__(self):
        return _("%(year)s年民主评议党员") % {"year": self.year}

    def reached(self, stage):
        return stage_index(self.stage) >= stage_index(stage)


class StageChange(models.Model):
    """Log of a round's stages: who moved it forward and when."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="changes")
    stage = models.CharField(_("进入阶段"), max_length=20, choices=Stage.choices)
    changed_at = models.DateTimeField(_("时间"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("阶段记录")
        verbose_name_plural = _("阶段记录")
        ordering = ["changed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "stage"], name="evaluation_stage_once")
        ]

    def __str__(self):
        return f"{self.round} · {self.get_stage_display()}"


class Participation(models.Model):
    """A member in a round: how they take part (or why not), their
    self-review and, after 组织评定, their grade."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    member = models.ForeignKey(
        "study.Member", verbose_name=_("党员"), on_delete=models.CASCADE, related_name="+"
    )
    mode = models.CharField(
        _("参加方式"), max_length=10, choices=Mode.choices, default=Mode.MEETING
    )
    away = models.BooleanField(
        _("流动党员"),
        default=False,
        help_text=_("在外地的流动党员（通过电话、送表等方式参加评议的，同时选择参加方式）。"),
    )
    absence_reason = models.CharField(_("未参加原因"), max_length=200, blank=True)
    self_review = models.TextField(_("自评"), max_length=3000, blank=True)
    self_review_source = models.CharField(
        _("自评来源"), max_length=10, choices=Source.choices, blank=True
    )
    grade = models.CharField(_("评定等次"), max_length=12, choices=Grade.choices, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("评定时间"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now)

    class Meta:
        verbose_name = _("参加评议")
        verbose_name_plural = _("参加评议")
        ordering = ["round", "member__branch__sort_order", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="evaluation_one_per_member"),
            models.CheckConstraint(
                condition=(Q(mode=Mode.NONE) & ~Q(absence_reason=""))
                | (Q(mode__in=TAKING_PART) & Q(absence_reason="")),
                name="evaluation_reason_only_when_not_taking_part",
            ),
            models.CheckConstraint(
                condition=Q(grade="") | Q(mode__in=TAKING_PART),
                name="evaluation_grade_only_when_taking_part",
            ),
        ]

    def __str__(self):
        return f"{self.round} · {self.member.name}"

    @property
    def taking_part(self):
        return self.mode in TAKING_PART


class Voted(models.Model):
    """THAT a member voted in a round: no grade, no time, a random key.
    ``paper``: the member took a paper ballot (entered later, uncounted by
    name, by the administrator)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("study.Member", on_delete=models.CASCADE, related_name="+")
    paper = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("已投票")
        verbose_name_plural = _("已投票")
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="evaluation_one_vote_each")
        ]

    def __str__(self):
        return str(self._meta.verbose_name)


class Tally(models.Model):
    """Running counts of the grades a candidate received in a round's
    民主测评. Read only as it is: an aggregate."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("study.Member", on_delete=models.CASCADE, related_name="+")
    excellent = models.PositiveIntegerField(_("优秀"), default=0)
    qualified = models.PositiveIntegerField(_("合格"), default=0)
    basic = models.PositiveIntegerField(_("基本合格"), default=0)
    unqualified = models.PositiveIntegerField(_("不合格"), default=0)

    class Meta:
        verbose_name = _("测评票数")
        verbose_name_plural = _("测评票数")
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="evaluation_one_tally_each")
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    @property
    def votes(self):
        return self.excellent + self.qualified + self.basic + self.unqualified


class PaperBallots(models.Model):
    """How many paper ballots of a branch were typed in a round: no more
    than the branch's members took paper forms (``Voted.paper``). A count
    only — which ballot came from whom is never known."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    branch = models.ForeignKey("study.Branch", on_delete=models.CASCADE, related_name="+")
    entered = models.PositiveIntegerField(_("已录入纸质测评票"), default=0)

    class Meta:
        verbose_name = _("支部纸质测评票")
        verbose_name_plural = _("支部纸质测评票")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "branch"], name="evaluation_paper_count_per_branch"
            )
        ]

    def __str__(self):
        return f"{self.branch_id} · {self.entered}"
