"""The event page other apps extend (``EventPage``, with its calendar file
route and the queries of its manager), with the dates a repeated event skips.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BodyBlock
from core.page_purge import site_root

from ..calendar_grid import shift_month
from ..forms import EventPageForm
from ..ics import calendar_for, ics_response
from ..recurrence import Repeat, Schedule, parse_weekdays, timing_errors
from .choices import Audience, EventKind

# How many coming dates of a repeated event its page lists.
OCCURRENCES_ON_PAGE = 12
# How far back the calendar feeds reach.
FEED_PAST_DAYS = 365

CAPACITY_HELP = _(
    "每一场（重复活动的每一次）可报名的人数，同行人也占名额；留空表示不限。"
    "已有人确认报名的场次，名额不能少于已确认的人数（保存时会提示人数；要减少，"
    "请先在报名名单里为部分报名者取消）。如果提交后、发布前又有人报名，发布时"
    "最晚确认的报名者会排到候补名单最前面，并收到邮件通知。"
)


class EventPageQuerySet(PageQuerySet):
    def in_feed(self, *, kind=None, now=None):
        """The calendar feeds' events: live, public, with a date in the last
        FEED_PAST_DAYS or to come, of one kind or all, exception dates
        prefetched."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=FEED_PAST_DAYS)
        events = (
            self.live()
            .public()
            .filter(occurrences__end__gte=cutoff)
            .distinct()
            .prefetch_related("exception_dates")
            .order_by("start", "pk")
        )
        return events.filter(kind=kind) if kind else events


class EventPage(RoutablePageMixin, Page):
    """One event (活动), once or repeated, with optional registration."""

    # Subclasses set this (e.g. EventKind.STUDY); the kind field then follows it.
    fixed_kind = None

    kind = models.CharField(
        _("活动类型"), max_length=20, choices=EventKind.choices, default=EventKind.OTHER
    )
    audience = models.CharField(
        _("面向对象"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_("面向所有居民的活动，没有账户的居民也可以用姓名和手机号报名。"),
    )
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    all_day = models.BooleanField(
        _("全天活动"), default=False, help_text=_("勾选后只看日期，不看具体时刻。")
    )
    place = models.CharField(_("地点"), max_length=200)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(
        _("摘要"), max_length=300, blank=True, help_text=_("显示在活动列表和日历文件中。")
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    # Registration
    registration_enabled = models.BooleanField(_("需要报名"), default=False)
    capacity = models.PositiveIntegerField(
        _("每场名额"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("每一场（重复活动的每一次）可报名的人数，同行人也占名额。留空表示不限。"),
    )
    max_companions = models.PositiveSmallIntegerField(
        _("每人最多带同行人"),
        default=1,
        validators=[MaxValueValidator(5)],
        help_text=_("例如老人可带一名家属同行。0 表示不能带人。"),
    )
    registration_opens = models.DateTimeField(
        _("报名开始时间"),
        null=True,
        blank=True,
        help_text=_("留空表示发布后即可报名。重复活动以第一场为准，之后每场按同样的提前量顺延。"),
    )
    registration_closes = models.DateTimeField(
        _("报名截止时间"),
        null=True,
        blank=True,
        help_text=_("留空表示活动开始前都可报名。重复活动以第一场为准，之后每场顺延。"),
    )

    # Repetition
    repeat = models.CharField(_("重复"), max_length=20, choices=Repeat.choices, default=Repeat.NONE)
    repeat_interval = models.PositiveSmallIntegerField(
        _("间隔"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("每隔几周或几个月重复一次，1 表示每周或每月。"),
    )
    repeat_weekdays = models.CharField(
        _("星期几"),
        max_length=20,
        blank=True,
        help_text=_("每周重复时选择；不选则按开始日期的星期几。"),
    )
    repeat_until = models.DateField(_("重复截止日期"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("重复次数"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(400)],
        help_text=_("共举办几次；与截止日期二选一，都不填则一直重复。"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("place"),
            ],
            heading=_("时间和地点"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldRowPanel([FieldPanel("repeat_interval"), FieldPanel("repeat_weekdays")]),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel("exception_dates", heading=_("例外日期"), label=_("例外日期")),
            ],
            heading=_("重复"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel(
                    [
                        FieldPanel("capacity", help_text=CAPACITY_HELP),
                        FieldPanel("max_companions"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
            ],
            heading=_("报名"),
        ),
        FieldPanel("image"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("place"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(EventPageQuerySet)()

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")

    base_form_class = EventPageForm

    def save(self, *args, **kwargs):
        if self.fixed_kind:
            self.kind = self.fixed_kind
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = timing_errors(
            start=self.start,
            end=self.end,
            all_day=self.all_day,
            opens=self.registration_opens,
            closes=self.registration_closes,
            repeat=self.repeat,
            until=self.repeat_until,
            count=self.repeat_count,
        )
        if errors:
            raise ValidationError(errors)

    # --- Timing --------------------------------------------------------------

    def schedule(self, exceptions=None):
        if exceptions is None:
            exceptions = {e.date for e in self.exception_dates.all()}
        return Schedule(
            start=self.start,
            end=self.end,
            all_day=self.all_day,
            repeat=self.repeat,
            interval=self.repeat_interval,
            weekdays=parse_weekdays(self.repeat_weekdays),
            until=self.repeat_until,
            count=self.repeat_count,
            exceptions=set(exceptions),
        )

    @cached_property
    def repeat_description(self):
        return self.schedule().describe()

    @property
    def kind_label(self):
        return EventKind(self.kind).label if self.kind in EventKind.values else self.kind

    @property
    def audience_label(self):
        return Audience(self.audience).label if self.audience in Audience.values else ""

    @property
    def is_public(self):
        """Open to residents without an account."""
        return self.audience == Audience.EVERYONE

    def upcoming_occurrences(self):
        return self.occurrences.filter(end__gte=timezone.now(), cancelled=False).order_by("start")

    def preview_occurrences(self):
        """Unsaved occurrences from the draft's own rule, for the preview."""
        from .occurrences import Occurrence  # that module imports this one

        exceptions = {e.date for e in self.exception_dates.all() if e.date}
        return [
            Occurrence(event=self, day=start.date(), start=start, end=end, capacity=self.capacity)
            for start, end in self.schedule(exceptions).occurrences()[:OCCURRENCES_ON_PAGE]
        ]

    def cache_scope(self):
        """An event is shown in the events section's lists, feeds and the
        calendar months of its dates (a month's grid shows the days around it
        too), and on the home page (core/page_purge.py)."""
        index = self.get_parent().specific_deferred
        months = set()
        for day in self.occurrences.values_list("day", flat=True).distinct():
            first = day.replace(day=1)
            months.update(shift_month(first, step) for step in (-1, 0, 1))
        calendar = [f"/calendar/?month={month:%Y-%m}" for month in sorted(months)]
        return [(index, [*index.get_cached_paths(), *calendar]), site_root(self)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False) or not self.pk:
            context.update(
                occurrences=self.preview_occurrences(), more_occurrences=0, last_occurrence=None
            )
            return context
        upcoming = list(self.upcoming_occurrences()[:OCCURRENCES_ON_PAGE])
        for occurrence in upcoming:
            occurrence.event = self
        context["occurrences"] = upcoming
        context["more_occurrences"] = (
            self.upcoming_occurrences().count() - len(upcoming) if upcoming else 0
        )
        context["last_occurrence"] = (
            None
            if upcoming
            else self.occurrences.filter(cancelled=False).order_by("-start").first()
        )
        return context

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("ics/")
    def ics(self, request):
        """This event's calendar file (a download), cancelled dates as EXDATE."""
        cancelled = self.occurrences.filter(cancelled=True).cancelled_days()
        calendar = calendar_for([self], self.title, request, cancelled)
        return ics_response(calendar, f"event-{self.pk}.ics", download=True)


class EventExceptionDate(Orderable):
    """A date on which a repeated event does not take place (e.g. a holiday)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exception_dates")
    date = models.DateField(_("日期"))
    reason = models.CharField(_("原因"), max_length=100, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("reason")])]

    class Meta(Orderable.Meta):
        verbose_name = _("例外日期")
        verbose_name_plural = _("例外日期")
