"""Attendance figures of meetings (应到, 实到, 请假, 缺席) and the member's
year for the evaluation (``register_member_year_figures``).

A meeting standing for a study session has no rows of its own: its figures
are the session's roll call for the meeting's branch.
"""

from collections import Counter, defaultdict

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from learning.study.models import ATTENDED, Attendance, AttendanceStatus

from .models import MeetingAttendance


def _empty():
    return {"expected": 0, "attended": 0, "excused": 0, "absent": 0}


def _aggregate(queryset, *keys):
    return queryset.values(*keys).annotate(
        expected=Count("pk"),
        attended=Count("pk", filter=Q(status__in=ATTENDED)),
        excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
        absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
    )


def attendance_counts(meetings):
    """{meeting id: figures} for these meetings, in two queries."""
    meetings = list(meetings)
    counts = defaultdict(_empty)
    own = [m.pk for m in meetings if m.session_id is None]
    for row in _aggregate(MeetingAttendance.objects.filter(meeting__in=own), "meeting_id"):
        counts[row.pop("meeting_id")].update(row)
    linked = {(m.session_id, m.branch_id): m.pk for m in meetings if m.session_id is not None}
    if linked:
        rows = Attendance.objects.filter(session__in={session for session, _branch in linked})
        for row in _aggregate(rows, "session_id", "branch_id"):
            key = (row.pop("session_id"), row.pop("branch_id"))
            if key in linked:
                counts[linked[key]].update(row)
    return {m.pk: counts[m.pk] for m in meetings}


def absentees(meetings):
    """{meeting id: {"excused": [names], "absent": [names]}} for these
    meetings (the 记录本's 请假 / 缺席 人员), in two queries: meeting rows,
    and the roll calls of the sessions that meetings stand for."""
    meetings = list(meetings)
    found = {m.pk: {"excused": [], "absent": []} for m in meetings}
    missing = [AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT]
    own = MeetingAttendance.objects.filter(
        meeting__in=[m.pk for m in meetings if m.session_id is None], status__in=missing
    ).values_list("meeting_id", "status", "member__name")
    for meeting_id, status, name in own.order_by("member__name", "member_id"):
        found[meeting_id][status].append(name)
    linked = {(m.session_id, m.branch_id): m.pk for m in meetings if m.session_id is not None}
    if linked:
        rows = Attendance.objects.filter(
            session__in={session for session, _branch in linked}, status__in=missing
        ).values_list("session_id", "branch_id", "status", "member__name")
        for session_id, branch_id, status, name in rows.order_by("member__name", "member_id"):
            if (session_id, branch_id) in linked:
                found[linked[(session_id, branch_id)]][status].append(name)
    return found


def with_counts(meetings):
    """[(meeting, figures)] in the meetings' order."""
    meetings = list(meetings)
    counts = attendance_counts(meetings)
    return [(meeting, counts[meeting.pk]) for meeting in meetings]


def meetings_attended(members, year):
    """{member id: how many meetings of the register the member attended in
    ``year``}: their own attendance rows, and the roll calls of the study
    sessions recorded as a 党课 or 主题党日 of the member's branch. Two
    grouped queries for all the members."""
    ids = [m.pk for m in members]
    counts = Counter()
    own = (
        MeetingAttendance.objects.filter(
            member__in=ids, status__in=ATTENDED, meeting__day__year=year
        )
        .values("member_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    through_sessions = (
        Attendance.objects.filter(
            member__in=ids,
            status__in=ATTENDED,
            session__meeting__isnull=False,
            session__meeting__branch_id=F("member__branch_id"),
            session__meeting__day__year=year,
        )
        .values("member_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in [*own, *through_sessions]:
        counts[row["member_id"]] += row["n"]
    return {pk: counts[pk] for pk in ids}


def member_year_figures(members, year):
    return {
        pk: [
            {
                "key": "meetings_attended",
                "label": _("参加三会一课（次）"),
                "value": n,
                "order": 30,
            }
        ]
        for pk, n in meetings_attended(members, year).items()
    }
