"""Demo 三会一课 register: the first demo branch gets two party groups and
last year's meetings — 党员大会4次、支委会12次、党小组会15次, a 党课 each
quarter, a 主题党日 each month and the year's 组织生活会 — each with its
attendance, recorded through the service. Idempotent: groups by name,
meetings by branch, kind, group and day."""

import datetime

from django.utils import timezone

from learning.study.models import Branch, Member, MemberStatus, PartyGroup

from . import services
from .models import Meeting, MeetingKind

DEMO_BRANCH = "幸福里小区党支部"
GROUPS = ["第一党小组", "第二党小组"]
# (kind, months, day of month, topic); 党小组会 per group.
PLAN = [
    (MeetingKind.GENERAL, (3, 6, 9, 12), 20, "支部党员大会：通报季度工作，讨论党员发展"),
    (MeetingKind.COMMITTEE, range(1, 13), 5, "支委会：研究本月工作安排"),
    (MeetingKind.LECTURE, (2, 5, 8, 11), 25, "书记讲党课：践行初心使命，服务社区群众"),
    (MeetingKind.THEME_DAY, range(1, 13), 15, "主题党日：志愿服务进小区"),
    (MeetingKind.LIFE, (12,), 28, "年度组织生活会：对照检查，开展批评和自我批评"),
]
GROUP_MONTHS = {GROUPS[0]: (1, 2, 3, 4, 6, 7, 9, 10), GROUPS[1]: (1, 3, 5, 7, 9, 11, 12)}


def _groups(branch):
    groups = {
        name: PartyGroup.objects.get_or_create(
            branch=branch, name=name, defaults={"sort_order": i}
        )[0]
        for i, name in enumerate(GROUPS)
    }
    members = list(Member.objects.filter(branch=branch).order_by("pk"))
    half = len(members) // 2
    for position, member in enumerate(members):
        if member.party_group_id is None:
            member.party_group = groups[GROUPS[0] if position < half else GROUPS[1]]
            member.save(update_fields=["party_group"])
    for group in groups.values():
        if group.leader_id is None:
            group.leader = group.members.order_by("pk").first()
            group.save(update_fields=["leader"])
    return groups


def _lines(meeting, seed):
    """Most present on site; the away member by phone, the homebound at home,
    one excused now and then."""
    lines = {}
    for position, member in enumerate(services.expected_members(meeting)):
        if member.status == MemberStatus.AWAY:
            lines[member.pk] = ("present", "phone", "在外务工，电话参会")
        elif member.status == MemberStatus.HOMEBOUND:
            lines[member.pk] = ("present", "home", "")
        elif (position + seed) % 7 == 3:
            lines[member.pk] = ("excused", "", "")
        else:
            lines[member.pk] = ("present", "onsite", "")
    return lines


def _record(branch, kind, day, topic, group=None):
    if Meeting.objects.filter(branch=branch, kind=kind, day=day, party_group=group).exists():
        return False
    meeting = Meeting(
        branch=branch,
        kind=kind,
        party_group=group,
        day=day,
        start_time=datetime.time(9, 0),
        place="社区党群服务中心" if group is None else "小区议事厅",
        host=branch.secretary or "支部书记",
        recorder="组织委员" if group is None else "小组记录员",
        topic=topic,
        minutes="会议按议程进行，与会党员逐项讨论并发表意见。",
    )
    services.save_meeting(meeting, _lines(meeting, day.month), None)
    return True


def load(home, stdout):
    branch = Branch.objects.filter(name=DEMO_BRANCH).first()
    if branch is None:
        stdout.write("  没有演示支部，跳过组织生活")
        return
    groups = _groups(branch)
    year = timezone.localdate().year - 1
    created = 0
    for kind, months, day_of_month, topic in PLAN:
        for month in months:
            created += _record(branch, kind, datetime.date(year, month, day_of_month), topic)
    for name, months in GROUP_MONTHS.items():
        for month in months:
            created += _record(
                branch,
                MeetingKind.GROUP,
                datetime.date(year, month, 12),
                f"{name}会：学习讨论，收集居民意见",
                groups[name],
            )
    stdout.write(f"  组织生活：{year}年新登记 {created} 次会议")
