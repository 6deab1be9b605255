"""Branches and members, study plans, study sessions (events), the roll call
with its audit trail, leave requests and reflections.

A ``StudySession`` is an ``events.EventPage`` (multi-table) with
``fixed_kind = STUDY``, so it is on the calendar, in the feeds and in the
home page's broadcast preview. Its roll call is one ``Attendance`` row per
invited member (unique in the database); every change to a row leaves an
``AttendanceChange``.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from accounts.validators import validate_mobile
from core.page_cache import exclude_from_cache, purge_when_saved
from core.privacy import mask_phone
from events.models import Audience, EventKind, EventPage

# The roll call's models live in attendance.py; importing them here keeps
# ``from learning.study.models import Attendance`` working everywhere.
from .attendance import (  # noqa: F401
    ATTENDED,
    NO_MODE,
    NOT_ATTENDED,
    Attendance,
    AttendanceChange,
    AttendanceMode,
    AttendanceStatus,
    ChangeSource,
    RollCall,
)

DEFAULT_PLACE = "远教活动室"


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


class MemberStatus(models.TextChoices):
    NORMAL = "normal", _("正常")
    AWAY = "away", _("流动党员")
    HOMEBOUND = "homebound", _("行动不便")


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
    status = models.CharField(
        _("状态"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.NORMAL
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

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    masked_phone.fget.short_description = _("手机号码")


class StudyPlan(models.Model):
    """学习计划: what a branch plans for a month (at least one session)."""

    branch = models.ForeignKey(
        Branch, verbose_name=_("支部"), on_delete=models.CASCADE, related_name="plans"
    )
    month = models.DateField(_("月份"), help_text=_("任选该月的一天，保存为该月 1 日。"))
    sessions_planned = models.PositiveSmallIntegerField(
        _("计划次数"), default=1, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    topic = models.CharField(_("学习内容"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("学习计划")
        verbose_name_plural = _("学习计划")
        ordering = ["-month", "branch"]
        constraints = [
            models.UniqueConstraint(fields=["branch", "month"], name="study_one_plan_a_month"),
        ]

    def __str__(self):
        return f"{self.branch} · {self.month:%Y年%m月}"

    def save(self, *args, **kwargs):
        self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        if self.month:
            self.month = self.month.replace(day=1)
        super().validate_constraints(exclude=exclude)


class StudySession(EventPage):
    """学习会: a study session for one or more branches, showing courses."""

    fixed_kind = EventKind.STUDY

    branches = ParentalManyToManyField(Branch, verbose_name=_("参加支部"), blank=False)
    host = models.CharField(_("主持人"), max_length=50, blank=True)
    courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("播放课程"),
        blank=True,
        help_text=_("党员在补学期限内在线看完这些课程，记为线上出席。"),
    )
    makeup_days = models.PositiveSmallIntegerField(
        _("补学期限（天）"),
        default=7,
        validators=[MaxValueValidator(60)],
        help_text=_("学习会结束后多少天内在线看完课程可记为出席。"),
    )

    content_panels = EventPage.content_panels[:1] + [
        MultiFieldPanel(
            [
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("place"),
                FieldPanel("host"),
            ],
            heading=_("时间和地点"),
        ),
        MultiFieldPanel(
            [FieldPanel("branches"), FieldPanel("courses"), FieldPanel("makeup_days")],
            heading=_("支部和课程"),
        ),
        FieldPanel("image"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "study/study_session.html"

    class Meta:
        verbose_name = _("学习会")
        verbose_name_plural = _("学习会")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.pk and not self.place:
            self.place = DEFAULT_PLACE

    def save(self, *args, **kwargs):
        # A session is one sitting for party members, never repeated.
        self.audience = Audience.PARTY_MEMBERS
        self.registration_enabled = False
        super().save(*args, **kwargs)

    @property
    def local_day(self):
        return timezone.localtime(self.start).date()

    def has_started(self, now=None):
        """From its start a session can no longer be asked leave for, and
        its roll can be saved."""
        return (now or timezone.now()) >= self.start

    def serve(self, request, *args, **kwargs):
        """The public page changes at the start (no more 请假) and at the
        end (已结束): a copy cached for anonymous visitors must not outlive
        that, so the page is not cached in the last minutes before either."""
        response = super().serve(request, *args, **kwargs)
        lifetime = datetime.timedelta(seconds=getattr(settings, "PAGE_CACHE_SECONDS", 0))
        now = timezone.now()
        if any(now <= moment <= now + lifetime for moment in (self.start, self.end)):
            exclude_from_cache(response)
        return response

    def check_in_window(self):
        """Self check-in is open from half an hour before the start to the end."""
        return self.start - datetime.timedelta(minutes=30), self.end

    def shown_courses(self):
        """The session's courses that visitors can open: the published ones.
        (Filtered in Python: in the admin's preview the relation holds the
        editor's unsaved choice, which is no database query.)"""
        return [course for course in self.courses.all() if course.live]

    def makeup_deadline(self):
        return self.end + datetime.timedelta(days=self.makeup_days)

    def branch_ids(self):
        """Ids of the invited branches (also of an unsaved draft's choice)."""
        return [branch.pk for branch in self.branches.all()]

    def invited_members(self):
        return Member.objects.filter(active=True, branch__in=self.branch_ids()).select_related(
            "branch"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor (the page is cached): only the time decides.
        context["started"] = bool(self.start) and self.has_started()
        if self.pk:
            context["reflections"] = (
                self.reflections.filter(status=ReflectionStatus.APPROVED)
                .select_related("member")
                .order_by("-created_at")[:20]
            )
        return context


class LeaveStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    ACCEPTED = "accepted", _("已同意")
    REFUSED = "refused", _("未同意")


class LeaveRequest(models.Model):
    """请假: asked by a member before the session, decided by an administrator."""

    session = models.ForeignKey(
        StudySession, verbose_name=_("学习会"), on_delete=models.CASCADE, related_name="leaves"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.CASCADE, related_name="leaves"
    )
    reason = models.CharField(_("请假原因"), max_length=300)
    status = models.CharField(
        _("状态"), max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.PENDING
    )
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("请假申请")
        verbose_name_plural = _("请假申请")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="study_one_leave_request"),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.session.title}"


class ReflectionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("不公开")


@purge_when_saved  # session pages show approved reflections
class Reflection(models.Model):
    """学习心得 with a rating; shown publicly only once approved."""

    session = models.ForeignKey(
        StudySession,
        verbose_name=_("学习会"),
        on_delete=models.CASCADE,
        related_name="reflections",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.CASCADE, related_name="reflections"
    )
    text = models.TextField(_("学习心得"), max_length=2000)
    rating = models.PositiveSmallIntegerField(
        _("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    status = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=ReflectionStatus.choices,
        default=ReflectionStatus.PENDING,
    )
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("代录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("学习心得")
        verbose_name_plural = _("学习心得")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="study_one_reflection"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="study_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.session.title}"
