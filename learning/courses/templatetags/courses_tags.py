import datetime

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def course_duration(value):
    """A duration in words: 1小时5分钟, 45分钟, 40秒; empty when unknown."""
    if isinstance(value, datetime.timedelta):
        seconds = int(round(value.total_seconds()))
    elif isinstance(value, (int, float)):
        seconds = int(round(value))
    else:
        return ""
    if seconds <= 0:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        if minutes:
            return _("%(h)d小时%(m)d分钟") % {"h": hours, "m": minutes}
        return _("%(h)d小时") % {"h": hours}
    if minutes:
        return _("%(m)d分钟") % {"m": minutes}
    return _("%(s)d秒") % {"s": seconds}


@register.filter
def clock(value):
    """Seconds as a clock, for a <time> element's text: 1:05:00 or 5:07."""
    seconds = int(value or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
