"""Demo study data: four branches, grids, about sixty members, this year's
plans, monthly sessions (three past with their roll calls, one coming) with
leave requests and reflections. Idempotent: everything is looked up by name,
phone number or slug, and a roll already taken is left as it is."""

import datetime

from django.utils import timezone

from accounts import roles
from core.demo_utils import get_or_create_child
from events.models import EventIndexPage

from . import services
from .models import (
    Branch,
    Grid,
    LeaveRequest,
    Member,
    MemberStatus,
    Reflection,
    ReflectionStatus,
    StudyPlan,
    StudySession,
)

BRANCHES = [
    ("幸福里小区党支部", "王秀兰"),
    ("和平街小区党支部", "李国庆"),
    ("离退休干部党支部", "张德明"),
    ("非公企业联合党支部", "陈晓东"),
]
GRIDS = ["第一网格", "第二网格", "第三网格", "第四网格"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡"
GIVEN = [
    "建国",
    "秀英",
    "桂兰",
    "志强",
    "玉梅",
    "德华",
    "淑珍",
    "海涛",
    "丽华",
    "明远",
    "春生",
    "凤英",
]
MEMBERS_PER_BRANCH = 15
TOPICS = [
    "学习党的二十届四中全会精神",
    "《中国共产党纪律处分条例》解读",
    "基层治理与网格化服务",
    "冬季安全生产与消防常识",
]
REFLECTIONS = [
    "通过这次学习，我对基层党组织建设有了更深的认识，要在小区里多为邻居办实事。",
    "课程讲得通俗易懂，老党员也能听明白。希望以后多安排一些政策解读。",
    "送学上门让我这个行动不便的老党员也能跟上组织的学习，非常感谢支部。",
]


def _members():
    count = 0
    for branch_index, (branch_name, _secretary) in enumerate(BRANCHES):
        for n in range(MEMBERS_PER_BRANCH):
            name = (
                SURNAMES[(branch_index * 4 + n) % len(SURNAMES)]
                + GIVEN[(branch_index + n * 5) % len(GIVEN)]
            )
            phone = f"1580000{branch_index:01d}{n:03d}"
            status = MemberStatus.NORMAL
            if n == 13:
                status = MemberStatus.HOMEBOUND
            elif n == 14:
                status = MemberStatus.AWAY
            yield branch_name, name, phone, GRIDS[n % len(GRIDS)], status
            count += 1


def _month_start(day, months_back):
    day = day.replace(day=1)
    for _ in range(months_back):
        day = (day - datetime.timedelta(days=1)).replace(day=1)
    return day


def _at(day, hour):
    return datetime.datetime.combine(
        day, datetime.time(hour, 0), tzinfo=timezone.get_current_timezone()
    )


def grant_session_pages(index):
    """Branch administrators (and community-level ones) add and edit study
    sessions under 社区活动; publishing goes through the 内容审核 review."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    for group in Group.objects.filter(name__in=[roles.BRANCH_ADMINS, roles.COMMUNITY_STUDY_ADMINS]):
        for codename in ("add_page", "change_page"):
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )


def load(home, stdout):
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        stdout.write("  没有社区活动栏目，跳过学习会")
        return
    grant_session_pages(index)
    branches = {}
    for order, (name, secretary) in enumerate(BRANCHES, start=1):
        branches[name], _ = Branch.objects.get_or_create(
            name=name, defaults={"secretary": secretary, "sort_order": order}
        )
    grids = {name: Grid.objects.get_or_create(name=name)[0] for name in GRIDS}
    new_members = 0
    for branch_name, name, phone, grid, status in _members():
        _, created = Member.objects.get_or_create(
            phone=phone,
            defaults={
                "name": name,
                "branch": branches[branch_name],
                "grid": grids[grid],
                "status": status,
            },
        )
        new_members += created

    today = timezone.localdate()
    year_start = today.replace(month=1, day=1)
    for branch in branches.values():
        month = year_start
        while month.year == today.year:
            StudyPlan.objects.get_or_create(
                branch=branch,
                month=month,
                defaults={"topic": TOPICS[month.month % len(TOPICS)]},
            )
            month = (month + datetime.timedelta(days=32)).replace(day=1)

    from learning.courses.models import CoursePage

    courses = list(CoursePage.objects.live().order_by("pk")[:2])
    all_branches = list(branches.values())
    specs = [
        # (months back, day, branches invited, title)
        (3, 12, all_branches, "远教学习会：学习党的二十届四中全会精神"),
        (2, 10, all_branches[:3], "远教学习会：纪律处分条例解读"),
        # The non-public enterprises' branch has no session last month: the plan flags it.
        (1, 14, all_branches[:3], "远教学习会：基层治理与网格化服务"),
        (-1, 9, all_branches, "远教学习会：冬季安全生产与消防常识"),
    ]
    new_sessions = 0
    admin = None
    for months_back, day_of_month, invited, title in specs:
        if months_back >= 0:
            day = _month_start(today, months_back).replace(day=day_of_month)
        else:
            day = today + datetime.timedelta(days=7)
        slug = f"study-{day:%Y%m}-{day_of_month}"
        session, created = get_or_create_child(
            index,
            StudySession,
            slug,
            title=title,
            start=_at(day, 9),
            end=_at(day, 11),
            host=BRANCHES[0][1],
            summary="集中收看远程教育节目，随后分组讨论，交流学习心得。行动不便的党员由网格员送学上门。",
        )
        if created:
            session.branches.set(invited)
            session.courses.set(courses)
            session.save_revision().publish()
            new_sessions += 1
        session = StudySession.objects.get(pk=session.pk)
        members = list(session.invited_members().order_by("pk"))
        if months_back >= 0 and not session.roll_calls.exists():
            changes = {}
            for position, member in enumerate(members):
                if member.status == MemberStatus.AWAY:
                    changes[member.pk] = ("present", "phone", "在外务工，电话参学")
                elif position % 11 == 5:
                    changes[member.pk] = ("excused", "", "")
                elif position % 17 == 3:
                    changes[member.pk] = ("absent", "", "")
                elif position % 9 == 2:
                    changes[member.pk] = ("late", "onsite", "")
            services.save_roll(session, changes, admin)
            for text, member in zip(REFLECTIONS, members[::7], strict=False):
                Reflection.objects.get_or_create(
                    session=session,
                    member=member,
                    defaults={"text": text, "rating": 5, "status": ReflectionStatus.APPROVED},
                )
        if months_back < 0:
            for member, reason in zip(members[1:3], ["外出就医", "在外地照顾孙子"], strict=True):
                LeaveRequest.objects.get_or_create(
                    session=session, member=member, defaults={"reason": reason}
                )
    stdout.write(f"  学习会：新建 {new_members} 名党员，{new_sessions} 场学习会")
