"""The meetings app's part of 我的数据: the member's lines in the 三会一课
register. Like the roll call, they are the branch's organisational record,
kept when the account is deleted (study's eraser unlinks the member)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalData
from learning.study.models import Member

from .models import MeetingAttendance


def _rows(user):
    member = Member.objects.filter(user=user).first()
    if member is None:
        return None
    return MeetingAttendance.objects.filter(member=member).select_related("meeting")


def export(user):
    rows = _rows(user)
    if rows is None:
        return None
    return {
        "meeting_attendance": [
            {
                "date": row.meeting.day,
                "kind": row.meeting.get_kind_display(),
                "topic": row.meeting.topic,
                "status": row.get_status_display(),
                "mode": row.get_mode_display(),
                "note": row.note,
            }
            for row in rows.order_by("meeting__day", "pk")
        ]
    }


def summary(user):
    rows = _rows(user)
    if rows is None:
        return []
    return [_("三会一课出勤记录 %(n)s 条（由支部保管）") % {"n": rows.count()}]


def erase(user, actor, now):
    """Nothing here was given through the account."""


def provider():
    return PersonalData(
        key="meetings",
        label=gettext_lazy("组织生活（三会一课）"),
        export=export,
        erase=erase,
        summary=summary,
        kept=gettext_lazy(
            "三会一课的会议记录和出勤是支部保管的组织档案，注销账户后照常保留，"
            "如需更正请联系支部书记。"
        ),
        order=41,
    )
