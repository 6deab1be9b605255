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

from .models import ATTENDED, Attendance, AttendanceMode, AttendanceStatus, Branch, Member

# Per (branch, day, session) group: at most a few thousand groups a year, so
# everything else is summed from them in Python without touching the rows.
_COUNTS = {
    "invited": Count("pk"),
    **{f"status_{s}": Count("pk", filter=Q(status=s)) for s in AttendanceStatus.values},
    **{
        f"mode_{m}": Count("pk", filter=Q(mode=m, status__in=ATTENDED))
        for m in AttendanceMode.values
    },
}
_FIELDS = {
    "invited": "invited",
    "present": "status_present",
    "late": "status_late",
    "excused": "status_excused",
    "absent": "status_absent",
    "onsite": "mode_onsite",
    "online": "mode_online",
    "home": "mode_home",
    "phone": "mode_phone",
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

    def add(self, group):
        """Add one (branch, day, session) group of counts."""
        for name, key in _FIELDS.items():
            setattr(self, name, getattr(self, name) + group[key])
        self.sessions += 1


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


def _groups(first, last, branches=None):
    """One query: counts per (branch, day, session), covered by the index
    ``study_att_ledger``."""
    return (
        _rows(first, last, branches)
        .values("branch", "day", "session")
        .annotate(**_COUNTS)
        .order_by()
    )


@dataclass
class Summary:
    rows: list  # one Row per branch, also those with nothing
    total: Row
    monthly: dict  # {branch id: {month: Row}}
    month_totals: dict  # {month: Row}


def summary(first, last, branches=None):
    """All the ledger's figures for a period from one grouped query. A
    session shared by several branches counts once in the totals."""
    listed = Branch.objects.all() if branches is None else Branch.objects.filter(pk__in=branches)
    rows = {b.pk: Row(label=b.name, branch_id=b.pk) for b in listed}
    total = Row(label="合计")
    monthly, month_totals = {}, {}
    sessions, month_sessions = set(), {}
    for group in _groups(first, last, branches):
        branch_id, month = group["branch"], group["day"].replace(day=1)
        row = rows.get(branch_id)
        if row is None:
            continue
        row.add(group)
        total.add(group)
        sessions.add(group["session"])
        month_sessions.setdefault(month, set()).add(group["session"])
        month_totals.setdefault(month, Row(label="合计", month=month)).add(group)
        cell = monthly.setdefault(branch_id, {}).get(month)
        if cell is None:
            cell = monthly[branch_id][month] = Row(
                label=f"{month:%Y年%m月}", month=month, branch_id=branch_id
            )
        cell.add(group)
    total.sessions = len(sessions)
    for month, row in month_totals.items():
        row.sessions = len(month_sessions[month])
    return Summary(list(rows.values()), total, monthly, month_totals)


def by_branch(first, last, branches=None):
    result = summary(first, last, branches)
    return result.rows, result.total


def by_branch_and_month(first, last, branches=None):
    return summary(first, last, branches).monthly


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
