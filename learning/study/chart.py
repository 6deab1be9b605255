"""Participation over the months per branch as a server-rendered SVG line
chart: no script, no outside files, allowed by the Content Security Policy."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 160, 16, 36
COLOURS = ["#b71c1c", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#4e342e", "#37474f"]
MAX_LINES = 8


def participation_svg(months, branch_rows, monthly):
    """Lines of participation rate (0–100 %) per month for up to eight
    branches (the largest by attendance rows); the table lists them all."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(months) - 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="study-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="study-chart-title"><title id="study-chart-title">'
        f"{escape('各支部每月参学率')}</title>"
    ]
    for pct in (0, 25, 50, 75, 100):
        y = TOP + plot_h * (1 - pct / 100)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{pct}%</text>'
        )
    for i, month in enumerate(months):
        x = LEFT + i * step
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="middle" font-size="11">{month.month}月</text>'
        )
    shown = sorted((r for r in branch_rows if r.invited), key=lambda r: (-r.invited, r.label))[
        :MAX_LINES
    ]
    for index, row in enumerate(shown):
        colour = COLOURS[index % len(COLOURS)]
        points = []
        for i, month in enumerate(months):
            cell = monthly.get(row.branch_id, {}).get(month)
            if cell and cell.rate is not None:
                y = TOP + plot_h * (1 - float(cell.rate) / 100)
                points.append((LEFT + i * step, y))
        if not points:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        for x, y in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
        ly = TOP + 14 + index * 18
        parts.append(
            f'<rect x="{WIDTH - RIGHT + 12}" y="{ly - 9}" width="12" height="4" fill="{colour}"/>'
            f'<text x="{WIDTH - RIGHT + 30}" y="{ly - 3}" font-size="12">{escape(row.label[:10])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # numbers and escaped labels only
