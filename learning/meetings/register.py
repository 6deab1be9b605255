"""What a branch held against what is due (三会一课 台账).

For a branch and a year, each kind of meeting with a frequency
(``MeetingRequirement``) is split into its periods (12 months, 4 quarters or
the year; a 党小组会 once per party group); each period is

* ``done``      — held at least ``count`` times;
* ``overdue``   — over, and fewer held than due (flagged 缺);
* ``due_soon``  — running, fewer held than due, and its end is within the
  requirement's ``remind_days`` (the reminder command mails then);
* ``open``      — running, time left;
* ``future``    — not begun.

One query reads the year's meetings of all the branches asked for.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.study.models import PartyGroup

from .models import Meeting, MeetingKind, MeetingRequirement, Period

DONE, OVERDUE, DUE_SOON, OPEN, FUTURE = "done", "overdue", "due_soon", "open", "future"


def periods(period, year):
    """(label, first day, last day) of each period of the year."""
    if period == Period.YEAR:
        return [
            (_("%(y)s年") % {"y": year}, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        ]
    step = 1 if period == Period.MONTH else 3
    result = []
    for first_month in range(1, 13, step):
        start = datetime.date(year, first_month, 1)
        last = first_month + step
        end = (
            datetime.date(year, last, 1) if last <= 12 else datetime.date(year + 1, 1, 1)
        ) - datetime.timedelta(days=1)
        label = (
            _("%(m)s月") % {"m": first_month}
            if step == 1
            else _("第%(q)s季度") % {"q": (first_month - 1) // 3 + 1}
        )
        result.append((label, start, end))
    return result


def period_state(held, count, start, end, remind_days, today):
    if held >= count:
        return DONE
    if end < today:
        return OVERDUE
    if start > today:
        return FUTURE
    if (end - today).days < remind_days:
        return DUE_SOON
    return OPEN


@dataclass
class Line:
    """One kind of meeting (one party group's 党小组会) in a branch's year."""

    kind: str
    label: str
    requirement: MeetingRequirement | None
    party_group: PartyGroup | None = None
    cells: list = field(default_factory=list)  # (label, held, state, start, end)

    @property
    def held(self):
        return sum(cell[1] for cell in self.cells)

    @property
    def due(self):
        return self.requirement.count * len(self.cells) if self.requirement else 0

    @property
    def overdue(self):
        return sum(1 for cell in self.cells if cell[2] == OVERDUE)

    @property
    def due_soon(self):
        return [cell for cell in self.cells if cell[2] == DUE_SOON]


def _month_counts(branch_ids, year):
    """{(branch id, kind, party group id, month): meetings held}."""
    rows = (
        Meeting.objects.filter(branch__in=branch_ids, day__year=year)
        .annotate(month=ExtractMonth("day"))
        .values_list("branch_id", "kind", "party_group_id", "month")
    )
    return Counter(rows)


def branch_years(branches, year, today=None):
    """{branch id: [Line, …]} for these branches' year, in the kinds' order."""
    today = today or timezone.localdate()
    requirements = {r.kind: r for r in MeetingRequirement.objects.all()}
    branch_ids = [b.pk for b in branches]
    counts = _month_counts(branch_ids, year)
    groups = {}
    for group in PartyGroup.objects.filter(branch__in=branch_ids).order_by("sort_order", "name"):
        groups.setdefault(group.branch_id, []).append(group)
    result = {}
    for branch_id in branch_ids:
        lines = []
        for kind, label in MeetingKind.choices:
            requirement = requirements.get(kind)
            owners = groups.get(branch_id, []) if kind == MeetingKind.GROUP else [None]
            for group in owners:
                line = Line(kind, str(label), requirement, group)
                group_id = group.pk if group else None
                by_month = {m: counts[(branch_id, kind, group_id, m)] for m in range(1, 13)}
                if requirement is None or requirement.count == 0:
                    line.cells = [("", sum(by_month.values()), DONE, None, None)]
                else:
                    for period_label, start, end in periods(requirement.period, year):
                        held = sum(by_month[m] for m in range(start.month, end.month + 1))
                        state = period_state(
                            held, requirement.count, start, end, requirement.remind_days, today
                        )
                        line.cells.append((period_label, held, state, start, end))
                lines.append(line)
        result[branch_id] = lines
    return result


def held_by_kind(lines):
    """{kind: meetings held in the year} (党小组会 summed over the groups)."""
    totals = Counter()
    for line in lines:
        totals[line.kind] += line.held
    return totals


def summary(lines):
    """[(label, held)] per kind, in the kinds' order: 支部党员大会4次、…"""
    held = held_by_kind(lines)
    return [(str(label), held[kind]) for kind, label in MeetingKind.choices]
