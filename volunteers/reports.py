"""Approved hours per volunteer, team and month for one year: the figures
the coordinators' report page, its chart and the Excel export show.

Each figure is one grouped query over the covering index
``(status, date, volunteer, hours)`` of the year's approved records. Months
are filtered sums over date ranges, never a date function per row (SQLite
would call Python for ``ExtractMonth`` on every one of 250,000 rows). Names
and teams are looked up for the volunteers shown, not joined to every
record.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import RecordStatus, ServiceRecord, Team, Volunteer

MONTHS = range(1, 13)


def _approved(year):
    return ServiceRecord.objects.filter(
        status=RecordStatus.APPROVED,
        date__gte=datetime.date(year, 1, 1),
        date__lte=datetime.date(year, 12, 31),
    )


def _month_range(year, month):
    first = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return Q(date__gte=first, date__lt=following)


def _month_sums(year):
    return {f"m{m}": Sum("hours", filter=_month_range(year, m)) for m in MONTHS}


def hours_by_month(year):
    counts = {f"c{m}": Count("pk", filter=_month_range(year, m)) for m in MONTHS}
    totals = _approved(year).aggregate(**_month_sums(year), **counts)
    return [
        {
            "month": m,
            "hours": totals[f"m{m}"] or Decimal("0"),
            "records": totals[f"c{m}"] or 0,
        }
        for m in MONTHS
    ]


def _per_volunteer(year, **extra):
    return (
        _approved(year)
        .values("volunteer_id")
        .annotate(**extra)
        .annotate(hours=Sum("hours"), records=Count("pk"))
        .order_by()
    )


def volunteers_with_hours(year):
    """How many volunteers have certified hours in ``year`` (the export's rows)."""
    return _approved(year).values("volunteer_id").distinct().count()


def hours_by_volunteer(year):
    """Dicts (volunteer_id, hours, records), most hours first; pass the rows
    shown to ``with_names`` for the names and teams."""
    rows = list(_per_volunteer(year))
    rows.sort(key=lambda row: (-row["hours"], row["volunteer_id"]))
    return rows


def with_names(rows):
    """Add ``volunteer__real_name`` and ``volunteer__team__name`` to rows."""
    rows = list(rows)
    names = {
        pk: (name, team)
        for pk, name, team in Volunteer.objects.filter(
            pk__in=[row["volunteer_id"] for row in rows]
        ).values_list("pk", "real_name", "team__name")
    }
    for row in rows:
        row["volunteer__real_name"], row["volunteer__team__name"] = names.get(
            row["volunteer_id"], ("", None)
        )
    return rows


def hours_by_team(year):
    teams = dict(Volunteer.objects.values_list("pk", "team_id"))
    totals = {}
    for row in _per_volunteer(year):
        entry = totals.setdefault(
            teams.get(row["volunteer_id"]), {"hours": Decimal("0"), "records": 0, "volunteers": 0}
        )
        entry["hours"] += row["hours"]
        entry["records"] += row["records"]
        entry["volunteers"] += 1
    empty = {"hours": Decimal("0"), "records": 0, "volunteers": 0}
    result = [{"name": team.name, **totals.get(team.pk, empty)} for team in Team.objects.all()]
    if None in totals:
        result.append({"name": _("未分队"), **totals[None]})
    return sorted(result, key=lambda r: -r["hours"])


def hours_label(value):
    """Hours as the pages show them (Django's ``floatformat:"-2"``): 3, 7.50."""
    value = Decimal(value or 0).quantize(Decimal("0.01"))
    return f"{value:.0f}" if value == value.to_integral_value() else f"{value:.2f}"


def month_chart_svg(months, year):
    """A bar chart of hours per month as inline SVG (no script, no CDN; the
    CSP allows it). The table beside it carries the same figures for screen
    readers, so the chart itself is labelled as a summary."""
    width, height, left, bottom, top = 720, 260, 56, 28, 16
    peak = max((m["hours"] for m in months), default=0) or Decimal("1")
    bar_space = (width - left - 8) / 12
    plot = height - bottom - top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hours-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(_("%(year)s年每月认定服务时长柱状图，数值见下表") % {"year": year})}">',
        f'<line x1="{left}" y1="{top + plot}" x2="{width - 4}" y2="{top + plot}" stroke="#333"/>',
    ]
    for step in range(0, 5):
        value = peak * step / 4
        y = top + plot - plot * step / 4
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{value:.0f}</text>'
        )
    for index, month in enumerate(months):
        bar = float(month["hours"] / peak) * plot
        x = left + index * bar_space + bar_space * 0.15
        y = top + plot - bar
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_space * 0.7:.1f}" height="{bar:.1f}" fill="#a31515">'
            f"<title>{month['month']}月：{hours_label(month['hours'])}</title></rect>"
        )
        parts.append(
            f'<text x="{x + bar_space * 0.35:.1f}" y="{height - 10}" font-size="11" '
            f'text-anchor="middle">{month["month"]}月</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # numbers and an escaped label only


def export_rows(year):
    """Per volunteer: name, team, hours in each month, total."""
    headers = [_("志愿者"), _("服务队"), *[f"{m}月" for m in MONTHS], _("合计（小时）")]
    rows = with_names(_per_volunteer(year, **_month_sums(year)))
    rows.sort(key=lambda row: (-row["hours"], row["volunteer_id"]))
    return headers, [
        [
            row["volunteer__real_name"],
            row["volunteer__team__name"] or "",
            *[float(row[f"m{m}"] or 0) for m in MONTHS],
            float(row["hours"]),
        ]
        for row in rows
    ]
