"""设备运行、维修情况记录簿: the period asked for (a month or a year), the
weekly check of the rule "每周必须开机两次以上", and the lines of the book
that the screen, the print page and the Excel workbook share.

Weeks run Monday to Sunday in Asia/Shanghai time. A week that has ended
with fewer than two runs is flagged, a week with none included; the week in
progress is shown as such, weeks not yet begun are left out.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import local_zone

from .models import FIVE_GUARDS, Asset, Fault, Inspection, Run

RUNS_PER_WEEK = 2
WEEK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Period:
    """A year, or one month of it (``month`` None: the whole year)."""

    year: int
    month: int | None = None

    @property
    def first_day(self):
        return datetime.date(self.year, self.month or 1, 1)

    @property
    def last_day(self):
        month = self.month or 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self):
        if self.month:
            return _("%(y)s年%(m)s月") % {"y": self.year, "m": self.month}
        return _("%(y)s年") % {"y": self.year}

    def bounds(self):
        """[start, end) as aware datetimes (local midnights)."""
        return local_midnight(self.first_day), local_midnight(self.last_day) + datetime.timedelta(
            days=1
        )


def local_midnight(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=local_zone())


def requested_period(request, year):
    """The period of ``?month=`` (1–12) within ``year``; the year without it."""
    value = request.GET.get("month", "")
    month = int(value) if value.isdigit() and 1 <= int(value) <= 12 else None
    return Period(year, month)


@dataclass(frozen=True)
class Week:
    monday: datetime.date
    runs: int
    ended: bool

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    @property
    def flagged(self):
        return self.ended and self.runs < RUNS_PER_WEEK

    @property
    def verdict(self):
        if not self.ended:
            return _("本周进行中")
        return _("开机不足两次") if self.flagged else _("达标")


def weeks(period, now=None):
    """The weeks (Monday–Sunday) that touch the period and have begun, with
    their number of runs; one query."""
    today = timezone.localdate(now or timezone.now())
    first = period.first_day - datetime.timedelta(days=period.first_day.weekday())
    last = min(period.last_day, today)
    if last < first:
        return []
    starts = Run.objects.filter(
        started_at__gte=local_midnight(first),
        started_at__lt=local_midnight(last - datetime.timedelta(days=last.weekday())) + WEEK,
    ).values_list("started_at", flat=True)
    counts = {}
    for started in starts:
        day = timezone.localtime(started, local_zone()).date()
        monday = day - datetime.timedelta(days=day.weekday())
        counts[monday] = counts.get(monday, 0) + 1
    result, monday = [], first
    while monday <= last:
        ended = monday + datetime.timedelta(days=6) < today
        result.append(Week(monday, counts.get(monday, 0), ended))
        monday += WEEK
    return result


def runs(period):
    start, end = period.bounds()
    return (
        Run.objects.filter(started_at__gte=start, started_at__lt=end)
        .select_related("operator")
        .order_by("started_at", "pk")
    )


def faults(period):
    return (
        Fault.objects.in_period(*period.bounds())
        .select_related("asset")
        .order_by("reported_at", "pk")
    )


def inspections(period):
    return Inspection.objects.filter(
        inspected_on__gte=period.first_day, inspected_on__lte=period.last_day
    ).order_by("inspected_on", "pk")


def duration(delta):
    """停用时长 as people say it: 3天4小时, 5小时20分钟."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(d)s天%(h)s小时") % {"d": days, "h": hours}
    return _("%(h)s小时%(m)s分钟") % {"h": hours, "m": minutes}


def _local(moment, pattern="%Y-%m-%d %H:%M"):
    return timezone.localtime(moment, local_zone()).strftime(pattern) if moment else ""


def guard_cell(passed, note):
    return _("合格") if passed else _("不合格：%(note)s") % {"note": note}


ASSET_HEADERS = [
    gettext_lazy("设备名称"),
    gettext_lazy("型号"),
    gettext_lazy("数量"),
    gettext_lazy("购置日期"),
    gettext_lazy("责任人"),
    gettext_lazy("状态"),
    gettext_lazy("备注"),
]
RUN_HEADERS = [
    gettext_lazy("日期"),
    gettext_lazy("开机时间"),
    gettext_lazy("关机时间"),
    gettext_lazy("开机人"),
    gettext_lazy("播放方式"),
    gettext_lazy("播放内容"),
    gettext_lazy("信号质量"),
    gettext_lazy("来源"),
    gettext_lazy("备注"),
]
FAULT_HEADERS = [
    gettext_lazy("设备"),
    gettext_lazy("发现故障时间"),
    gettext_lazy("报告人"),
    gettext_lazy("故障情况"),
    gettext_lazy("送修时间"),
    gettext_lazy("送修单位"),
    gettext_lazy("修复时间"),
    gettext_lazy("维修人"),
    gettext_lazy("维修费用（元）"),
    gettext_lazy("停用时长"),
]
INSPECTION_HEADERS = [
    gettext_lazy("检查日期"),
    gettext_lazy("检查人"),
    *(label for _key, label in FIVE_GUARDS),
    gettext_lazy("备注"),
]


def asset_rows():
    for asset in Asset.objects.all():
        yield [
            asset.name,
            asset.model_number,
            asset.quantity,
            asset.purchased_on,
            asset.keeper,
            asset.get_state_display(),
            asset.note,
        ]


def run_rows(period, now=None):
    """The runs in time order, then the weekly check below them."""
    for run in runs(period):
        yield [
            _local(run.started_at, "%Y-%m-%d"),
            _local(run.started_at, "%H:%M"),
            _local(run.ended_at, "%H:%M"),
            str(run.operator) if run.operator_id else "",
            run.get_mode_display(),
            run.purpose,
            run.get_signal_display(),
            run.get_source_display(),
            run.note,
        ]
    yield []
    yield [_("每周开机检查（每周必须开机两次以上）"), _("开机次数"), _("检查结果")]
    for week in weeks(period, now):
        yield [f"{week.monday:%Y-%m-%d} — {week.sunday:%Y-%m-%d}", week.runs, week.verdict]


def fault_rows(period, now=None):
    for fault in faults(period):
        yield [
            str(fault.asset),
            _local(fault.reported_at),
            fault.reporter,
            fault.description,
            _local(fault.sent_at),
            fault.sent_to,
            _local(fault.repaired_at) or _("未修复"),
            fault.repairer,
            fault.cost,
            duration(fault.out_of_service(now)),
        ]


def inspection_rows(period):
    for inspection in inspections(period):
        yield [
            inspection.inspected_on,
            inspection.inspector,
            *(guard_cell(passed, note) for _label, passed, note in inspection.items()),
            inspection.note,
        ]


def sheets(period, now=None):
    """[(title, headers, rows)] of the book for ``core.excel.sheets_response``."""
    return [
        (_("设备登记"), ASSET_HEADERS, asset_rows()),
        (_("运行记录"), RUN_HEADERS, run_rows(period, now)),
        (_("故障维修"), FAULT_HEADERS, fault_rows(period, now)),
        (_("五防检查"), INSPECTION_HEADERS, inspection_rows(period)),
    ]
