"""Branches and members, study plans, study sessions (events), the roll call
with its audit trail, leave requests and reflections.

A ``StudySession`` is an ``events.EventPage`` (multi-table) with
``fixed_kind = STUDY``, so it is on the calendar, in the feeds and in the
home page's broadcast preview. Its roll call is one ``Attendance`` row per
invited member (unique in the database); every change to a row leaves an
``AttendanceChange``.

One module per aggregate: ``members`` (grids, branches, party groups, members),
``sessions`` (study plans, sessions), ``attendance`` (the roll call),
``leave``, ``reflections``, ``hours`` (the yearly study-hours target), and ``choices`` (their status vocabularies).
Every model is imported here, so Django finds them all in the ``study`` app
and ``from learning.study.models import Attendance`` works everywhere.
"""

from .attendance import (
    ATTENDED,
    NO_MODE,
    NOT_ATTENDED,
    Attendance,
    AttendanceChange,
    AttendanceMode,
    AttendanceStatus,
    ChangeSource,
    RollCall,
    mode_label,
    status_label,
)
from .choices import COMMITTEE_ROLES, LeaveStatus, MemberRole, MemberStatus, ReflectionStatus
from .hours import StudyHoursSettings
from .leave import LeaveRequest
from .members import Branch, Grid, Member, PartyGroup, check_party_group
from .reflections import Reflection
from .sessions import DEFAULT_PLACE, StudyPlan, StudySession

__all__ = [
    "ATTENDED",
    "Attendance",
    "AttendanceChange",
    "AttendanceMode",
    "AttendanceStatus",
    "Branch",
    "ChangeSource",
    "DEFAULT_PLACE",
    "Grid",
    "LeaveRequest",
    "LeaveStatus",
    "COMMITTEE_ROLES",
    "Member",
    "MemberRole",
    "MemberStatus",
    "NOT_ATTENDED",
    "NO_MODE",
    "PartyGroup",
    "Reflection",
    "ReflectionStatus",
    "RollCall",
    "StudyHoursSettings",
    "StudyPlan",
    "StudySession",
    "mode_label",
    "check_party_group",
    "status_label",
]
