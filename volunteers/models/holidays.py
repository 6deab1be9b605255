"""The national holiday schedule (节假日安排), for counting working days.

Each year the State Council publishes which days are official holidays and
which weekend days are worked instead (调休上班). Those days are kept here,
entered by coordinators from the notice; every other Monday to Friday is a
working day. The rules for volunteer service records count in working days
(record within 10 working days of the service).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledDay(models.Model):
    """A day that differs from the plain week: a holiday, or a worked weekend day."""

    date = models.DateField(
        _("日期"), unique=True, error_messages={"unique": _("这一天已经登记过了。")}
    )
    name = models.CharField(_("节日"), max_length=20, help_text=_("例如：春节、国庆节"))
    is_working_day = models.BooleanField(
        _("调休上班"),
        default=False,
        help_text=_("勾选：这一天（通常是周末）调休上班；不勾选：这一天放假。"),
    )

    class Meta:
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["-date"]

    def __str__(self):
        kind = _("上班") if self.is_working_day else _("放假")
        return f"{self.date:%Y-%m-%d} {self.name}（{kind}）"


def working_days_between(first, last):
    """Working days after ``first`` up to and including ``last``: Monday to
    Friday, less the official holidays, plus the weekend days worked instead
    (from the holiday schedule)."""
    if last <= first:
        return 0
    days = (last - first).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    weekday = first.weekday()
    for step in range(1, rest + 1):
        if (weekday + step) % 7 < 5:
            count += 1
    for date, is_working_day in ScheduledDay.objects.filter(
        date__gt=first, date__lte=last
    ).values_list("date", "is_working_day"):
        weekend = date.weekday() >= 5
        if is_working_day and weekend:
            count += 1
        elif not is_working_day and not weekend:
            count -= 1
    return count
