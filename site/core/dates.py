"""Dates as people here read them: the local time zone (Asia/Shanghai, never
the UTC date), weekday names and dates in Chinese."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext

# Monday first, as Python's ``date.weekday()`` counts.
WEEKDAY_LABELS = ["一", "二", "三", "四", "五", "六", "日"]


def local_zone():
    return ZoneInfo(settings.TIME_ZONE)


def weekday_name(index):
    """星期一 … 星期日 for ``date.weekday()``."""
    return gettext("星期") + WEEKDAY_LABELS[index]


def chinese_date(day, year=True):
    """2026年12月15日, or 12月15日 without the year."""
    if year:
        return gettext("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}
    return gettext("%(m)s月%(d)s日") % {"m": day.month, "d": day.day}
