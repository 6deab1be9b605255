"""Repetition of an event: a friendly rule (每周 / 每月第N天 / 每月第N个星期X,
every N weeks or months, until a date or a number of times) plus exception
dates, turned into concrete dates with python-dateutil and into an RFC 5545
RRULE for calendar files.

Everything here works on plain values (a ``Schedule``), so the admin form can
check a rule before anything is saved and the ICS writer can describe it.
"""

import datetime
from dataclasses import dataclass, field

from dateutil import rrule
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import dates

# Occurrences are materialised (one row each) this far ahead; a daily command
# moves the horizon on (docs/events.md, "Scheduled jobs").
HORIZON_DAYS = 366
# No rule may produce more rows than this within the horizon.
MAX_OCCURRENCES = 400

_RRULE_DAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]
_ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Repeat(models.TextChoices):
    NONE = "none", _("不重复")
    WEEKLY = "weekly", _("每周（可选多个星期几）")
    MONTHLY_DAY = "monthly_day", _("每月同一天（如每月15日）")
    MONTHLY_WEEKDAY = "monthly_weekday", _("每月第几个星期几（如每月第二个星期三）")


WEEKDAY_CHOICES = [
    (str(i), format_lazy("{}{}", _("星期"), label)) for i, label in enumerate(dates.WEEKDAY_LABELS)
]


def parse_weekdays(value):
    """'1,3' -> [1, 3] (Monday is 0); anything else is dropped."""
    days = set()
    for part in str(value or "").split(","):
        part = part.strip()
        if part.isdigit() and 0 <= int(part) <= 6:
            days.add(int(part))
    return sorted(days)


def nth_weekday(day):
    """The position of a date's weekday in its month: 1..4, or -1 for the last
    (a 5th Wednesday only exists in some months, "the last" in all)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


@dataclass
class Schedule:
    """One event's timing: first start/end (aware), repetition, exceptions."""

    start: datetime.datetime
    end: datetime.datetime
    all_day: bool = False
    repeat: str = Repeat.NONE
    interval: int = 1
    weekdays: list = field(default_factory=list)
    until: datetime.date | None = None
    count: int | None = None
    exceptions: set = field(default_factory=set)

    @property
    def repeats(self):
        return self.repeat != Repeat.NONE

    @property
    def local_start(self):
        return self.start.astimezone(dates.local_zone())

    @property
    def duration(self):
        return self.end - self.start

    def rule(self):
        """A dateutil rrule over naive local datetimes, or None for a one-off."""
        if not self.repeats:
            return None
        start = self.local_start.replace(tzinfo=None)
        kwargs = {"dtstart": start, "interval": max(1, int(self.interval or 1))}
        if self.count:
            kwargs["count"] = int(self.count)
        elif self.until:
            kwargs["until"] = datetime.datetime.combine(self.until, datetime.time.max)
        if self.repeat == Repeat.WEEKLY:
            days = self.weekdays or [start.weekday()]
            return rrule.rrule(rrule.WEEKLY, byweekday=[_RRULE_DAYS[d] for d in days], **kwargs)
        if self.repeat == Repeat.MONTHLY_DAY:
            return rrule.rrule(rrule.MONTHLY, bymonthday=start.day, **kwargs)
        weekday = _RRULE_DAYS[start.weekday()](nth_weekday(start))
        return rrule.rrule(rrule.MONTHLY, byweekday=weekday, **kwargs)

    def starts(self, until=None):
        """Aware local start times up to the date ``until`` (inclusive), the
        exception dates left out; at most MAX_OCCURRENCES."""
        zone = dates.local_zone()
        rule = self.rule()
        if rule is None:
            candidates = [self.local_start.replace(tzinfo=None)]
        else:
            limit = datetime.datetime.combine(until, datetime.time.max) if until else None
            candidates = []
            for moment in rule:
                if limit and moment > limit:
                    break
                candidates.append(moment)
                if len(candidates) >= MAX_OCCURRENCES + len(self.exceptions):
                    break
        result = [
            moment.replace(tzinfo=zone)
            for moment in candidates
            if moment.date() not in self.exceptions
        ]
        return result[:MAX_OCCURRENCES]

    def occurrences(self, until=None):
        """(start, end) pairs, aware."""
        return [(start, start + self.duration) for start in self.starts(until)]

    def has_any_date(self):
        """False if the rule with its exceptions yields no date at all."""
        if not self.repeats:
            return self.local_start.date() not in self.exceptions
        rule = self.rule()
        # A rule without end repeats for ever: look a few years ahead at most.
        horizon = datetime.datetime.combine(
            self.local_start.date() + datetime.timedelta(days=5 * 366), datetime.time.max
        )
        for moment in rule:
            if moment > horizon:
                return False
            if moment.date() not in self.exceptions:
                return True
        return False

    def ical_rrule(self):
        """The rule as a dict for icalendar's vRecur, or None."""
        if not self.repeats:
            return None
        start = self.local_start
        recur = {"FREQ": "WEEKLY" if self.repeat == Repeat.WEEKLY else "MONTHLY"}
        if int(self.interval or 1) > 1:
            recur["INTERVAL"] = int(self.interval)
        if self.repeat == Repeat.WEEKLY:
            recur["BYDAY"] = [_ICAL_DAYS[d] for d in (self.weekdays or [start.weekday()])]
        elif self.repeat == Repeat.MONTHLY_DAY:
            recur["BYMONTHDAY"] = start.day
        else:
            recur["BYDAY"] = f"{nth_weekday(start)}{_ICAL_DAYS[start.weekday()]}"
        if self.count:
            recur["COUNT"] = int(self.count)
        elif self.until:
            if self.all_day:
                recur["UNTIL"] = self.until
            else:
                last = datetime.datetime.combine(self.until, datetime.time.max).replace(
                    microsecond=0, tzinfo=dates.local_zone()
                )
                recur["UNTIL"] = last.astimezone(datetime.UTC)
        return recur

    def describe(self):
        """The rule in Chinese, e.g. 每2周的星期二、星期四，至2027年6月30日."""
        if not self.repeats:
            return ""
        start = self.local_start
        interval = max(1, int(self.interval or 1))
        if self.repeat == Repeat.WEEKLY:
            days = "、".join(dates.weekday_name(d) for d in self.weekdays or [start.weekday()])
            if interval == 1:
                text = gettext("每周%(days)s") % {"days": days}
            else:
                text = gettext("每%(n)s周的%(days)s") % {"n": interval, "days": days}
        else:
            every = gettext("每月") if interval == 1 else gettext("每%(n)s个月") % {"n": interval}
            if self.repeat == Repeat.MONTHLY_DAY:
                text = gettext("%(every)s%(day)s日") % {"every": every, "day": start.day}
            else:
                nth = nth_weekday(start)
                position = gettext("最后一个") if nth == -1 else gettext("第%(n)s个") % {"n": nth}
                text = f"{every}{position}{dates.weekday_name(start.weekday())}"
        if self.count:
            text += gettext("，共%(count)s次") % {"count": self.count}
        elif self.until:
            text += gettext("，至%(date)s") % {"date": dates.chinese_date(self.until)}
        if self.exceptions:
            skipped = "、".join(dates.chinese_date(d, year=False) for d in sorted(self.exceptions))
            text += gettext("（%(dates)s除外）") % {"dates": skipped}
        return text


def timing_errors(*, start, end, all_day, opens, closes, repeat, until, count):
    """Field errors of an event's dates, shared by the model and the admin form."""
    errors = {}
    if start and end:
        if all_day:
            zone = dates.local_zone()
            if end.astimezone(zone).date() < start.astimezone(zone).date():
                errors["end"] = _("结束日期不能早于开始日期。")
        elif end <= start:
            errors["end"] = _("结束时间必须晚于开始时间。")
    if opens and closes and closes <= opens:
        errors["registration_closes"] = _("报名截止时间必须晚于报名开始时间。")
    if closes and end and repeat == Repeat.NONE and closes > end:
        errors["registration_closes"] = _("报名截止时间不能晚于活动结束时间。")
    if (
        repeat != Repeat.NONE
        and until
        and start
        and until < start.astimezone(dates.local_zone()).date()
    ):
        errors["repeat_until"] = _("重复截止日期不能早于第一场活动的日期。")
    if repeat != Repeat.NONE and until and count:
        errors["repeat_count"] = _("截止日期和重复次数只能填一项。")
    return errors
