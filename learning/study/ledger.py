"""The study ledger (台账): figures per branch and month or year, and per
member, computed by the database (grouped aggregates over ``Attendance``,
which carries its branch and day so no join is needed).

What counts (docs/study-rules.md has the full definitions):

* A session counts for a branch once it has started **and** that branch's
  roll has been saved (a ``RollCall``): 已点名. Only these sessions give
  学习会（次）, 应参加, 出席/迟到/请假/缺席, the modes, 参学人次 and 参学率.
* A published session that has started but whose roll for a branch is not
  saved is 未点名 for that branch: it is counted apart (未点名（次）, with
  the branch's active members as its 应参加) and listed in a warning, but
  gives no figure to the rate — a few QR check-ins are not a roll.
* A session that has not started counts nowhere (an accepted leave for it
  is not a session held).

Rate = members who attended (present or late, any mode) ÷ members on the
saved rolls, as the reports write it ("117人参加, 占总数96.7%").
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import (
    ATTENDED,
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Branch,
    Member,
    RollCall,
    StudySession,
)

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
    pending: int = 0  # 未点名（次）: started, roll not saved
    pending_invited: int = 0  # their active members (not in ``invited``)
    month: datetime.date | None = None
    branch_id: int | None = None

    @property
    def attended(self):
        """参学人次: person-times present or late."""
        return self.present + self.late

    @property
    def rate(self):
        return rate(self.attended, self.invited)

    def add(self, group):
        """Add one (branch, day, session) group of counts of a saved roll."""
        for name, key in _FIELDS.items():
            setattr(self, name, getattr(self, name) + group[key])
        self.sessions += 1

    def add_pending(self, invited):
        self.pending += 1
        self.pending_invited += invited


@dataclass
class Pending:
    """A session that has started without a saved roll for some branches."""

    session_id: int
    title: str
    start: datetime.datetime
    branches: list = field(default_factory=list)  # [(branch id, name, invited, checked in)]

    @property
    def month(self):
        return timezone.localtime(self.start).date().replace(day=1)

    @property
    def invited(self):
        return sum(b[2] for b in self.branches)

    @property
    def checked_in(self):
        return sum(b[3] for b in self.branches)


def period(year, month=None):
    """First and last day of a year or of one month."""
    if month:
        first = datetime.date(year, month, 1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return first, last
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def bounds(first, last):
    """The period as aware datetimes (local midnight to local midnight)."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def _groups(first, last, branches=None):
    """One query: counts per (branch, day, session), covered by the index
    ``study_att_ledger``."""
    qs = Attendance.objects.filter(day__range=(first, last))
    if branches is not None:
        qs = qs.filter(branch__in=branches)
    return qs.values("branch", "day", "session").annotate(**_COUNTS).order_by()


def _started(first, last, now, prefix=""):
    start, end = bounds(first, last)
    return {
        f"{prefix}start__gte": start,
        f"{prefix}start__lt": min(end, now + datetime.timedelta(microseconds=1)),
    }


def held_pairs(first, last, branches=None, now=None):
    """{(session id, branch id)} of saved rolls of sessions started in the period."""
    qs = RollCall.objects.filter(**_started(first, last, now or timezone.now(), "session__"))
    if branches is not None:
        qs = qs.filter(branch__in=branches)
    return set(qs.values_list("session_id", "branch_id"))


def _pending(first, last, branches, now, held):
    """Published sessions started in the period, per invited branch whose
    roll is not saved, with that branch's active members as 应参加."""
    through = StudySession.branches.through.objects.filter(
        studysession__live=True, **_started(first, last, now, "studysession__")
    )
    if branches is not None:
        through = through.filter(branch__in=branches)
    pairs = [
        p
        for p in through.values_list(
            "studysession_id",
            "branch_id",
            "branch__name",
            "studysession__title",
            "studysession__start",
        ).order_by("studysession__start", "studysession_id", "branch__sort_order", "branch__name")
        if (p[0], p[1]) not in held
    ]
    if not pairs:
        return {}
    active = dict(
        Member.objects.filter(active=True, branch__in={p[1] for p in pairs})
        .values("branch")
        .annotate(n=Count("pk"))
        .values_list("branch", "n")
        .order_by()
    )
    pending = {}
    for session_id, branch_id, name, title, start in pairs:
        entry = pending.setdefault(session_id, Pending(session_id, title, start))
        entry.branches.append([branch_id, name, active.get(branch_id, 0), 0])
    return pending


@dataclass
class Summary:
    rows: list  # one Row per branch, also those with nothing
    total: Row
    monthly: dict  # {branch id: {month: Row}}
    month_totals: dict  # {month: Row}
    pending: list  # [Pending], oldest first

    def for_month(self, month):
        """The same figures for one month of the period (no query)."""
        rows = []
        for row in self.rows:
            cell = self.monthly.get(row.branch_id, {}).get(month)
            rows.append(cell or Row(label=row.label, branch_id=row.branch_id, month=month))
            rows[-1].label = row.label
        total = self.month_totals.get(month) or Row(label="合计", month=month)
        pending = [p for p in self.pending if p.month == month]
        return Summary(rows, total, {}, {}, pending)


def summary(first, last, branches=None, now=None):
    """All the ledger's figures for a period: the grouped query over the
    rows, the saved rolls, and the started sessions without one (three or
    four queries whatever the size). A session shared by several branches
    counts once in the totals. ``branches``: ids or a queryset (None: all)."""
    now = now or timezone.now()
    listed = Branch.objects.all() if branches is None else Branch.objects.filter(pk__in=branches)
    rows = {b.pk: Row(label=b.name, branch_id=b.pk) for b in listed}
    total = Row(label="合计")
    monthly, month_totals = {}, {}
    sessions, month_sessions = set(), {}

    def cell(branch_id, month):
        found = monthly.setdefault(branch_id, {}).get(month)
        if found is None:
            found = monthly[branch_id][month] = Row(
                label=f"{month:%Y年%m月}", month=month, branch_id=branch_id
            )
        return found

    held = held_pairs(first, last, branches, now)
    pending = _pending(first, last, branches, now, held)
    checked_in = {}
    for group in _groups(first, last, branches):
        branch_id, session_id = group["branch"], group["session"]
        if (session_id, branch_id) not in held:
            if session_id in pending:  # QR check-ins before the roll is saved
                attended = group["status_present"] + group["status_late"]
                checked_in[(session_id, branch_id)] = attended
            continue
        row = rows.get(branch_id)
        if row is None:
            continue
        month = group["day"].replace(day=1)
        for line in (row, total, cell(branch_id, month)):
            line.add(group)
        sessions.add(session_id)
        month_sessions.setdefault(month, set()).add(session_id)
        month_totals.setdefault(month, Row(label="合计", month=month)).add(group)
    for entry in pending.values():
        month_total = month_totals.setdefault(entry.month, Row(label="合计", month=entry.month))
        for branch in entry.branches:
            branch[3] = checked_in.get((entry.session_id, branch[0]), 0)
            if branch[0] in rows:
                rows[branch[0]].add_pending(branch[2])
                cell(branch[0], entry.month).add_pending(branch[2])
        total.add_pending(entry.invited)
        month_total.add_pending(entry.invited)
    total.sessions = len(sessions)
    for month, row in month_totals.items():
        row.sessions = len(month_sessions.get(month, ()))
    return Summary(list(rows.values()), total, monthly, month_totals, list(pending.values()))


def months_of(first, last):
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def by_member(first, last, branch=None, now=None):
    """Per member: sessions on a saved roll in the period (应参加（次）),
    attended among them, for the rate. Sessions not yet saved count nowhere
    here (the page says how many there are)."""
    now = now or timezone.now()
    saved = RollCall.objects.filter(
        session=OuterRef("session"), branch=OuterRef("branch"), session__start__lte=now
    )
    rows = Attendance.objects.filter(member=OuterRef("pk"), day__range=(first, last)).filter(
        Exists(saved)
    )

    def counted(queryset):
        return Coalesce(
            Subquery(
                queryset.values("member").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    qs = Member.objects.filter(active=True).select_related("branch")
    if branch is not None:
        qs = qs.filter(branch=branch)
    return qs.annotate(
        invited=counted(rows), attended=counted(rows.filter(status__in=ATTENDED))
    ).order_by("branch__sort_order", "branch__name", "name", "pk")


def courses_completed(members, first, last):
    """{member id: courses completed in the period} for members with accounts."""
    from learning.courses.models import CourseProgress

    start, end = bounds(first, last)
    counts = (
        CourseProgress.objects.filter(
            user__party_member__in=members, completed_at__gte=start, completed_at__lt=end
        )
        .values("user__party_member")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {c["user__party_member"]: c["n"] for c in counts}
