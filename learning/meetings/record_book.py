"""The yearly 三会一课记录本 of a branch: the lines the print page shows,
and the Excel workbook handed upward, laid out like the paper book:

1. 全年会议 — every meeting of the year in date order (one row each);
2. 完成情况 — per kind (per party group for 党小组会): the requirement,
   due, held and the periods missed, then the line "支部党员大会4次、…";
3. one sheet per kind of meeting (支部党员大会, 支部委员会, 党小组会, 党课,
   主题党日, 组织生活会), numbered, with the names of those excused and
   absent (the paper book's 请假 / 缺席人员) beside the minutes.

A fixed number of queries whatever the number of meetings and members.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import figures, register
from .models import Meeting, MeetingKind

HEADERS = [
    gettext_lazy("日期"),
    gettext_lazy("时间"),
    gettext_lazy("会议类型"),
    gettext_lazy("党小组"),
    gettext_lazy("地点"),
    gettext_lazy("主持人"),
    gettext_lazy("记录人"),
    gettext_lazy("应到"),
    gettext_lazy("实到"),
    gettext_lazy("请假"),
    gettext_lazy("缺席"),
    gettext_lazy("会议主题"),
    gettext_lazy("会议记录"),
    gettext_lazy("决定事项"),
]


def book(branch, year):
    """The year's meetings of a branch in date order, with their figures:
    the lines of the 三会一课记录本."""
    return figures.with_counts(
        Meeting.objects.filter(branch=branch, day__year=year)
        .select_related("party_group")
        .order_by("day", "start_time", "pk")
    )


def _time(meeting):
    return meeting.start_time.strftime("%H:%M") if meeting.start_time else ""


def _group(meeting):
    return meeting.party_group.name if meeting.party_group_id else ""


def book_rows(lines):
    for meeting, count in lines:
        yield [
            meeting.day,
            _time(meeting),
            meeting.get_kind_display(),
            _group(meeting),
            meeting.place,
            meeting.host,
            meeting.recorder,
            count["expected"],
            count["attended"],
            count["excused"],
            count["absent"],
            meeting.topic,
            meeting.minutes,
            meeting.decisions,
        ]


def _requirement(line):
    requirement = line.requirement
    if requirement is None or requirement.count == 0:
        return _("不要求")
    return _("%(period)s%(n)s次") % {
        "period": requirement.get_period_display(),
        "n": requirement.count,
    }


def progress_rows(lines):
    """完成情况: one row per kind (party group), then the summary line."""
    for line in lines:
        missed = [cell[0] for cell in line.cells if cell[2] == register.OVERDUE]
        yield [
            line.label,
            line.party_group.name if line.party_group else "",
            _requirement(line),
            line.due,
            line.held,
            len(missed),
            "、".join(missed),
        ]
    yield []
    yield [
        "、".join(_("%(label)s%(n)s次") % {"label": k, "n": n} for k, n in register.summary(lines))
    ]


PROGRESS_HEADERS = [
    gettext_lazy("会议类型"),
    gettext_lazy("党小组"),
    gettext_lazy("要求"),
    gettext_lazy("应开"),
    gettext_lazy("已开"),
    gettext_lazy("未按期召开（周期数）"),
    gettext_lazy("未按期召开的周期"),
]


def kind_headers(kind):
    headers = [gettext_lazy("序号"), gettext_lazy("日期"), gettext_lazy("时间")]
    if kind == MeetingKind.GROUP:
        headers.append(gettext_lazy("党小组"))
    return headers + [
        gettext_lazy("地点"),
        gettext_lazy("主持人"),
        gettext_lazy("记录人"),
        gettext_lazy("应到"),
        gettext_lazy("实到"),
        gettext_lazy("请假人员"),
        gettext_lazy("缺席人员"),
        gettext_lazy("会议主题"),
        gettext_lazy("会议记录"),
        gettext_lazy("决定事项"),
    ]


def kind_rows(kind, lines, names):
    number = 0
    for meeting, count in lines:
        if meeting.kind != kind:
            continue
        number += 1
        missing = names[meeting.pk]
        row = [number, meeting.day, _time(meeting)]
        if kind == MeetingKind.GROUP:
            row.append(_group(meeting))
        yield row + [
            meeting.place,
            meeting.host,
            meeting.recorder,
            count["expected"],
            count["attended"],
            "、".join(missing["excused"]),
            "、".join(missing["absent"]),
            meeting.topic,
            meeting.minutes,
            meeting.decisions,
        ]


def sheets(branch, year):
    """[(title, headers, rows)] of the branch's 记录本 (no branch: empty)."""
    lines = book(branch, year) if branch else []
    progress = register.branch_years([branch], year)[branch.pk] if branch else []
    names = figures.absentees([meeting for meeting, _count in lines])
    return [
        (_("全年会议"), HEADERS, book_rows(lines)),
        (_("完成情况"), PROGRESS_HEADERS, progress_rows(progress)),
        *(
            (label, kind_headers(kind), kind_rows(kind, lines, names))
            for kind, label in MeetingKind.choices
        ),
    ]
