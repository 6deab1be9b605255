"""Approved hours per volunteer, team and month for one year: the figures
the coordinators' report page, its chart and the Excel export show.

Everything is aggregated in the database (one query per table), so the page
costs the same with 500 records or 500,000.
"""

from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import RecordStatus, ServiceRecord, Team


def _approved(year):
    return ServiceRecord.objects.filter(status=RecordStatus.APPROVED, date__year=year)


def hours_by_month(year):
    totals = {
        row["month"]: row
        for row in _approved(year)
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(hours=Sum("hours"), records=Count("pk"))
        .order_by("month")
    }
    return [
        {
            "month": month,
            "hours": totals.get(month, {}).get("hours") or Decimal("0"),
            "records": totals.get(month, {}).get("records") or 0,
        }
        for month in range(1, 13)
    ]


def hours_by_volunteer(year):
    """A queryset of dicts (name, team, hours, records), most hours first."""
    return (
        _approved(year)
        .values("volunteer_id", "volunteer__real_name", "volunteer__team__name")
        .annotate(hours=Sum("hours"), records=Count("pk"))
        .order_by("-hours", "volunteer_id")
    )


def hours_by_team(year):
    rows = {
        row["volunteer__team"]: row
        for row in _approved(year)
        .values("volunteer__team")
        .annotate(
            hours=Sum("hours"), records=Count("pk"), volunteers=Count("volunteer", distinct=True)
        )
    }
    result = []
    for team in Team.objects.all():
        row = rows.get(team.pk, {})
        result.append(
            {
                "name": team.name,
                "hours": row.get("hours") or Decimal("0"),
                "records": row.get("records") or 0,
                "volunteers": row.get("volunteers") or 0,
            }
        )
    if None in rows:
        row = rows[None]
        result.append(
            {
                "name": _("未分队"),
                "hours": row["hours"],
                "records": row["records"],
                "volunteers": row["volunteers"],
            }
        )
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
    headers = [_("志愿者"), _("服务队"), *[f"{m}月" for m in range(1, 13)], _("合计（小时）")]
    by_volunteer = {}
    for row in (
        _approved(year)
        .annotate(month=ExtractMonth("date"))
        .values("volunteer_id", "volunteer__real_name", "volunteer__team__name", "month")
        .annotate(hours=Sum("hours"))
        .order_by("volunteer_id")
        .iterator(chunk_size=5000)
    ):
        entry = by_volunteer.setdefault(
            row["volunteer_id"],
            [row["volunteer__real_name"], row["volunteer__team__name"] or "", *[0.0] * 12, 0.0],
        )
        hours = float(row["hours"])
        entry[1 + row["month"]] += hours
        entry[-1] += hours
    rows = sorted(by_volunteer.values(), key=lambda r: -r[-1])
    return headers, rows
