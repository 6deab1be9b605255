"""The study app's part of 我的数据.

A ``Member`` row is the branch's organisational register (党员名册), kept by
the secretary, not account data: deleting the account unlinks it and erases
what the person gave through the account (reflections, leave reasons); the
register and its roll-call lines stay, so the ledger does not change.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalData

from .models import Attendance, LeaveStatus, Member, Reflection


def _member(user):
    return Member.objects.filter(user=user).select_related("branch", "grid", "party_group").first()


def _own_reflections(member, user):
    """Reflections the member wrote through the account (not those an
    administrator recorded from paper for them)."""
    return Reflection.objects.filter(member=member).filter(
        Q(recorded_by=None) | Q(recorded_by=user)
    )


def export(user):
    member = _member(user)
    if member is None:
        return None
    return {
        "member_register": {
            "name": member.name,
            "phone": member.phone,
            "branch": member.branch.name,
            "grid": member.grid.name if member.grid else "",
            "party_group": member.party_group.name if member.party_group else "",
            "status": member.get_status_display(),
            "role": member.get_role_display(),
            "on_the_register": member.active,
        },
        "attendance": [
            {
                "session": a.session.title,
                "date": a.day,
                "status": a.get_status_display(),
                "mode": a.get_mode_display(),
                "note": a.note,
            }
            for a in Attendance.objects.filter(member=member)
            .select_related("session")
            .order_by("day", "pk")
        ],
        "leave_requests": [
            {
                "session": leave.session.title,
                "reason": leave.reason,
                "status": leave.get_status_display(),
                "asked_at": leave.created_at,
                "decided_at": leave.decided_at,
            }
            for leave in member.leaves.select_related("session").order_by("created_at", "pk")
        ],
        "reflections": [
            {
                "session": r.session.title,
                "text": r.text,
                "rating": r.rating,
                "status": r.get_status_display(),
                "written_at": r.created_at,
                "recorded_by_an_administrator": r.recorded_by_id not in (None, user.pk),
            }
            for r in member.reflections.select_related("session").order_by("created_at", "pk")
        ],
    }


def summary(user):
    member = _member(user)
    if member is None:
        return []
    return [
        _("党员名册：%(branch)s（由支部保管）") % {"branch": member.branch.name},
        _("学习会出勤记录 %(n)s 条，请假申请 %(l)s 条，学习心得 %(r)s 篇")
        % {
            "n": member.attendances.count(),
            "l": member.leaves.count(),
            "r": member.reflections.count(),
        },
    ]


def erase(user, actor, now):
    member = Member.objects.select_for_update().filter(user=user).first()
    if member is None:
        return
    _own_reflections(member, user).delete()  # approved ones leave the session page
    member.leaves.filter(status=LeaveStatus.PENDING, session__start__gt=now).delete()
    member.leaves.update(reason=_("（申请人已注销账户，原因已删除）"))
    Member.objects.filter(pk=member.pk).update(user=None)


def provider():
    return PersonalData(
        key="party_member",
        label=gettext_lazy("学习会（党员）"),
        export=export,
        erase=erase,
        summary=summary,
        erased=gettext_lazy(
            "通过账户写的学习心得删除（已公开的从学习会页面撤下）；请假申请的原因删除，"
            "还没审批、学习会也没开始的请假申请撤回。"
        ),
        kept=gettext_lazy(
            "党员名册（姓名、手机号码、支部）是支部书记保管的组织档案，不是账户数据："
            "注销账户只解除账户和名册的关联，名册和点名册上的出勤记录照常保留，"
            "学习台账的人次和参学率不变。名册如需更正，请联系支部书记。"
        ),
        order=40,
    )
