"""Study plans (学习计划) and study sessions (学习会).

A ``StudySession`` is an ``events.EventPage`` (multi-table) with
``fixed_kind = STUDY``, so it is on the calendar, in the feeds and in the
home page's broadcast preview.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from core.page_cache import depends_on, exclude_from_cache
from events.models import Audience, EventKind, EventPage

from .choices import ReflectionStatus
from .members import Branch, Member

DEFAULT_PLACE = "远教活动室"


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

    def cache_scope(self):
        """Also in 直播预告 on the home, notice and calendar pages (the
        "sections" tag, core/sections.py)."""
        return [*super().cache_scope(), "sections"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        depends_on("courses")  # the courses it shows: a changed course purges it
        # The same for every visitor (the page is cached): only the time decides.
        context["started"] = bool(self.start) and self.has_started()
        if self.pk:
            context["reflections"] = (
                self.reflections.filter(status=ReflectionStatus.APPROVED)
                .select_related("member")
                .order_by("-created_at")[:20]
            )
        return context
