"""Study hours (学时): per member and year, from

* the sessions the member attended (出席 or 迟到, any mode — 现场, 线上,
  送学上门, 电话) on a saved roll (已点名, the ledger's rule), each for its
  scheduled length (``end - start``), and
* the courses the member completed online in the year (``completed_at``,
  90 % of the duration actually watched), each for its stated duration —
  except a course shown at a session already counted for that member in the
  year: the session's length counts, the course does not count twice.

Minutes become 学时 by the community's ``StudyHoursSettings.minutes_per_hour``
(45 by default) and are compared with the member's target (32, or 56 for
支部书记 and 支部委员). docs/study-rules.md ("Study hours") is the reference.

Two grouped queries (plus the settings row) whatever the number of members.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Sum
from django.utils import timezone

from .ledger import bounds, period
from .models import ATTENDED, Attendance, Member, RollCall, StudyHoursSettings

# From October on, the members still short of their target are listed.
LAST_QUARTER = 10


@dataclass
class YearHours:
    """One member's study hours in a year."""

    target: int
    minutes_per_hour: int
    sessions: int = 0
    session_minutes: int = 0
    courses: int = 0
    course_minutes: int = 0

    @property
    def minutes(self):
        return self.session_minutes + self.course_minutes

    @property
    def hours(self):
        """学时, one decimal, rounded down (31.96 is not shown as 32.0)."""
        value = Decimal(self.minutes) / Decimal(self.minutes_per_hour)
        return value.quantize(Decimal("0.1"), rounding=ROUND_DOWN)

    @property
    def short(self):
        return self.minutes < self.target * self.minutes_per_hour

    @property
    def missing(self):
        """学时 still to do (0 when the target is met), one decimal, rounded up."""
        if not self.short:
            return Decimal("0.0")
        value = Decimal(self.target * self.minutes_per_hour - self.minutes) / Decimal(
            self.minutes_per_hour
        )
        return value.quantize(Decimal("0.1"), rounding="ROUND_UP")


def _minutes(duration):
    return int(duration.total_seconds() // 60) if duration else 0


def _counted_rows(first, last, now):
    """Attendance rows that count: attended, on a saved roll of a session
    that has started, in the period."""
    saved = RollCall.objects.filter(session=OuterRef("session"), branch=OuterRef("branch"))
    return Attendance.objects.filter(
        day__range=(first, last), status__in=ATTENDED, session__start__lte=now
    ).filter(Exists(saved))


def year_hours(members, year, now=None):
    """{member id: YearHours} for ``members`` (Member objects) in ``year``."""
    from learning.courses.models import CourseProgress

    now = now or timezone.now()
    members = list(members)
    rules = StudyHoursSettings.load()
    result = {
        m.pk: YearHours(target=rules.target_for(m), minutes_per_hour=rules.minutes_per_hour)
        for m in members
    }
    if not result:
        return result
    first, last = period(year)
    # A page of members by id; a whole community by branch (no huge IN list).
    if len(result) <= 500:
        who, whose = {"member__in": list(result)}, {"user__party_member__in": list(result)}
    else:
        branch_ids = {m.branch_id for m in members}
        who = {"member__branch__in": branch_ids}
        whose = {"user__party_member__branch__in": branch_ids}
    length = ExpressionWrapper(
        F("session__end") - F("session__start"), output_field=DurationField()
    )
    sessions = (
        _counted_rows(first, last, now)
        .filter(**who)
        .values("member")
        .annotate(n=Count("pk"), length=Sum(length))
        .order_by()
    )
    for row in sessions:
        entry = result.get(row["member"])
        if entry is None:
            continue
        entry.sessions, entry.session_minutes = row["n"], _minutes(row["length"])
    start, end = bounds(first, last)
    shown_at_counted_session = _counted_rows(first, last, now).filter(
        member=OuterRef("user__party_member"), session__courses=OuterRef("course")
    )
    courses = (
        CourseProgress.objects.filter(
            **whose,
            completed_at__gte=start,
            completed_at__lt=min(end, now + datetime.timedelta(microseconds=1)),
        )
        .exclude(Exists(shown_at_counted_session))
        .values("user__party_member")
        .annotate(n=Count("pk"), length=Sum("course__duration"))
        .order_by()
    )
    for row in courses:
        entry = result.get(row["user__party_member"])
        if entry is None:
            continue
        entry.courses, entry.course_minutes = row["n"], _minutes(row["length"])
    return result


def attach(members, year, now=None):
    """Set ``member.study_hours`` on each member (for tables); returns them."""
    members = list(members)
    found = year_hours(members, year, now)
    for member in members:
        member.study_hours = found[member.pk]
    return members


def short_list_opens(year, today):
    """The short-of-target list of a year is shown from 1 October of that
    year (the last quarter) on; a past year's at any time."""
    return today >= datetime.date(year, LAST_QUARTER, 1)


def short_of_target(year, branches=None, now=None):
    """Active members of ``branches`` (ids; None: all) short of their target
    in ``year``, fewest hours first."""
    qs = Member.objects.filter(active=True).select_related("branch")
    if branches is not None:
        qs = qs.filter(branch__in=branches)
    members = attach(qs.order_by("branch__sort_order", "branch__name", "name", "pk"), year, now)
    short = [m for m in members if m.study_hours.short]
    return sorted(short, key=lambda m: m.study_hours.minutes)
