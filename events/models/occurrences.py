"""Occurrences: one row per date of an event, each with its own places, and
the queries the lists and the calendar make of them.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import chinese_date, local_zone, weekday_name

from ..capacity import CapacityHolder
from .pages import EventPage


class OccurrenceQuerySet(models.QuerySet):
    def visible(self):
        """Of live, publicly viewable events, not cancelled."""
        live = EventPage.objects.live().public().values("pk")
        return self.filter(event__in=live, cancelled=False)

    def of_kind(self, kind):
        return self.filter(event__kind=kind) if kind else self

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def overlapping(self, first_day, last_day):
        """Occurrences on any day from first_day to last_day (local dates)."""
        zone = local_zone()
        begin = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=zone)
        finish = datetime.datetime.combine(
            last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return self.filter(start__lt=finish, end__gte=begin)

    def listed(self, *, kind=None, past=False):
        """The event list: visible dates to come (soonest first) or past
        (latest first), of one kind or all, each with its event."""
        occurrences = self.visible().of_kind(kind)
        occurrences = occurrences.past() if past else occurrences.upcoming()
        return occurrences.select_related("event")

    def in_calendar(self, first_day, last_day, *, kind=None):
        """The month calendar: visible dates touching first_day..last_day."""
        return (
            self.visible()
            .of_kind(kind)
            .overlapping(first_day, last_day)
            .select_related("event")
            .order_by("start", "pk")
        )

    def cancelled_days(self):
        """``{event id: [day, …]}`` of the cancelled dates (EXDATE in calendar files)."""
        days = {}
        for event_id, day in self.filter(cancelled=True).values_list("event_id", "day"):
            days.setdefault(event_id, []).append(day)
        return days


class Occurrence(CapacityHolder):
    """One date of an event, with its own places and registrations. Rows are
    made and kept in step with the event's rule on publish (schedule.sync_occurrences)."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="occurrences"
    )
    day = models.DateField(_("日期"))
    start = models.DateTimeField(_("开始时间"), db_index=True)
    end = models.DateTimeField(_("结束时间"), db_index=True)
    registration_opens = models.DateTimeField(_("报名开始时间"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("报名截止时间"), null=True, blank=True)
    cancelled = models.BooleanField(
        _("已取消"),
        default=False,
        help_text=_("这一场已从活动安排中去掉，但有人报过名，所以保留记录。"),
    )

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("活动场次")
        verbose_name_plural = _("活动场次")
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "day"], name="events_one_occurrence_a_day"),
        ]

    def __str__(self):
        return f"{self.event.title} · {self.when}"

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def all_day(self):
        return self.event.all_day

    @property
    def when(self):
        """The date and time in Chinese, e.g. 2026年12月15日 星期二 09:00–11:00."""
        start, end = self.local_start, self.local_end
        text = f"{chinese_date(start.date())} {weekday_name(start.weekday())}"
        if self.event.all_day:
            if end.date() > start.date():
                text += f" – {chinese_date(end.date())}"
            return text
        if end.date() > start.date():
            return f"{text} {start:%H:%M} – {chinese_date(end.date())} {end:%H:%M}"
        return f"{text} {start:%H:%M}–{end:%H:%M}"

    def is_over(self, now=None):
        return self.end < (now or timezone.now())

    def registration_state(self, now=None):
        """'none' (no registration), 'cancelled', 'not_yet', 'open' or 'closed'."""
        now = now or timezone.now()
        if not self.event.registration_enabled:
            return "none"
        if self.cancelled:
            return "cancelled"
        if self.registration_opens and now < self.registration_opens:
            return "not_yet"
        closes = self.registration_closes or self.start
        if now >= closes:
            return "closed"
        return "open"
