"""The month grid of the calendar view: weeks of days, Monday first, each day
with the occurrences that touch it."""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone

MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_month(value, today=None):
    """'2026-11' -> date(2026, 11, 1); empty -> this month; None if garbage."""
    today = today or timezone.localdate()
    if value is None or value == "":
        return today.replace(day=1)
    match = MONTH_RE.match(str(value).strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def shift_month(first, months):
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)


def month_weeks(first, occurrences, today=None):
    """Weeks (lists of 7 Days) covering the month of ``first``."""
    today = today or timezone.localdate()
    weeks = [
        [Day(day, day.month == first.month, day == today) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    by_date = {day.date: day for week in weeks for day in week}
    for occurrence in occurrences:
        day = max(occurrence.local_start.date(), weeks[0][0].date)
        last = min(occurrence.local_end.date(), weeks[-1][-1].date)
        while day <= last:
            by_date[day].occurrences.append(occurrence)
            day += datetime.timedelta(days=1)
    return weeks


def grid_range(first):
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return weeks[0][0], weeks[-1][-1]
