"""The study ledger (台账): figures per branch and month or year, and per
member, computed by the database (grouped aggregates over ``Attendance``,
which carries its branch and day so no join is needed).

Rate = members who attended (present or late, any mode) ÷ members on the
roll, as the reports write it ("117人参加, 占总数96.7%").
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from .models import ATTENDED, Attendance, AttendanceMode, AttendanceStatus, Branch, Member

_COUNTS = {
    "invited": Count("pk"),
    "sessions": Count("session", distinct=True),
    **{f"status_{s}": Count("pk", filter=Q(status=s)) for s in AttendanceStatus.values},
    **{
        f"mode_{m}": Count("pk", filter=Q(mode=m, status__in=ATTENDED))
        for m in AttendanceMode.values
    },
}


def rate(attended, invited):
    """Participation in per cent, one decimal, rounded half up (96.7)."""
    if not invited:
        return None
    value = Decimal(attended) * 100 / Decimal(invited)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Row:
    """One line of the ledger (a branch, a branch-month, or the total)."""

    label: str
    sessions: int = 0
    invited: int = 0
    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    onsite: int = 0
    online: int = 0
    home: int = 0
    phone: int = 0
    month: datetime.date | None = None
    branch_id: int | None = None

    @property
    def attended(self):
        """人次: person-times present or late."""
        return self.present + self.late

    @property
    def rate(self):
        return rate(self.attended, self.invited)

    @classmethod
    def from_values(cls, label, values, **extra):
        return cls(
            label=label,
            sessions=values["sessions"],
            invited=values["invited"],
            present=values["status_present"],
            late=values["status_late"],
            excused=values["status_excused"],
            absent=values["status_absent"],
            onsite=values["mode_onsite"],
            online=values["mode_online"],
            home=values["mode_home"],
            phone=values["mode_phone"],
            **extra,
        )


def period(year, month=None):
    """First and last day of a year or of one month."""
    if month:
        first = datetime.date(year, month, 1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return first, last
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _rows(first, last, branches=None):
    qs = Attendance.objects.filter(day__range=(first, last))
    if branches is not None:
        qs = qs.filter(branch__in=branches)
    return qs


def by_branch(first, last, branches=None):
    """One row per branch (every branch, also those with nothing) and a total row."""
    figures = {
        v["branch"]: v
        for v in _rows(first, last, branches).values("branch").annotate(**_COUNTS).order_by()
    }
    listed = Branch.objects.all() if branches is None else Branch.objects.filter(pk__in=branches)
    empty = dict.fromkeys(_COUNTS, 0)
    rows = [Row.from_values(b.name, figures.get(b.pk, empty), branch_id=b.pk) for b in listed]
    total_values = _rows(first, last, branches).aggregate(**_COUNTS)
    total = Row.from_values("合计", {k: v or 0 for k, v in total_values.items()})
    return rows, total


def by_branch_and_month(first, last, branches=None):
    """{branch_id: {month (date, 1st): Row}} for the chart and the year sheet."""
    result = {}
    values = (
        _rows(first, last, branches)
        .annotate(m=TruncMonth("day"))
        .values("branch", "m")
        .annotate(**_COUNTS)
        .order_by()
    )
    for v in values:
        month = v["m"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        result.setdefault(v["branch"], {})[month] = Row.from_values(
            f"{month:%Y年%m月}", v, month=month, branch_id=v["branch"]
        )
    return result


def months_of(first, last):
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def by_member(first, last, branch=None):
    """Per member: sessions on the roll, attended, rate, courses completed."""
    qs = Member.objects.filter(active=True).select_related("branch")
    if branch is not None:
        qs = qs.filter(branch=branch)
    in_period = Q(attendances__day__range=(first, last))
    qs = qs.annotate(
        invited=Count("attendances", filter=in_period),
        attended=Count("attendances", filter=in_period & Q(attendances__status__in=ATTENDED)),
    ).order_by("branch__sort_order", "branch__name", "name", "pk")
    return qs


def courses_completed(members, first, last):
    """{member id: courses completed in the period} for members with accounts."""
    from learning.courses.models import CourseProgress

    start = datetime.datetime.combine(first, datetime.time.min)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min)
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    counts = (
        CourseProgress.objects.filter(
            user__party_member__in=members,
            completed_at__gte=start.replace(tzinfo=zone),
            completed_at__lt=end.replace(tzinfo=zone),
        )
        .values("user__party_member")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {c["user__party_member"]: c["n"] for c in counts}


def sessions_held(first, last):
    """Distinct sessions with a roll in the period (a session shared by
    several branches counts once)."""
    return _rows(first, last).values("session").distinct().count()
