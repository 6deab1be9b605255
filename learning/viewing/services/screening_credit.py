"""Who watched what on site (现场观看), read when asked.

A member whose roll-call row for the session is attended (出席 / 迟到) with
the mode 现场 watched every course the session's screenings played to at
least 90 % of its length (``ScreeningCourse.completed``). Nothing is stored
for the member: the roll call may be saved, or corrected, after the
screening, and the answer follows it.
"""

import datetime

from django.db.models import Count, Exists, OuterRef

from learning.study.models import ATTENDED, Attendance, AttendanceMode

from ..models import ScreeningCourse


def _on_site(**filters):
    return Attendance.objects.filter(status__in=ATTENDED, mode=AttendanceMode.ON_SITE, **filters)


def on_site_members(session, branch_ids=None):
    """The session's on-site attendance rows (with their members), limited
    to these branches (None: every branch)."""
    rows = _on_site(session=session).select_related("member", "member__branch")
    if branch_ids is not None:
        rows = rows.filter(branch__in=branch_ids)
    return rows.order_by("member__branch__sort_order", "member__branch__name", "member__name")


def credited(screening, branch_ids=None):
    """(the courses credited, the on-site attendance rows): everyone in the
    second list is credited with every course in the first."""
    courses = [row for row in screening.shown.select_related("course") if row.completed]
    return courses, list(on_site_members(screening.session_id, branch_ids))


def watched_on_site(member):
    """The member's courses watched in the room, newest first (one row per
    course shown)."""
    there = _on_site(member=member, session=OuterRef("screening__session"))
    return (
        ScreeningCourse.objects.filter(completed=True)
        .filter(Exists(there))
        .select_related("course", "screening__session")
        .order_by("-started_at", "-pk")
    )


def year_counts(members, year):
    """{member id: different courses watched on site at sessions of the
    year} for these members, in one query."""
    ids = [member.pk for member in members]
    if not ids:
        return {}
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = (
        _on_site(member__in=ids, day__range=(first, last))
        .filter(session__screenings__shown__completed=True)
        .values("member")
        .annotate(n=Count("session__screenings__shown__course", distinct=True))
        .order_by()
    )
    return {row["member"]: row["n"] for row in rows}
