"""Demo volunteer data: the 志愿服务 section page, twelve volunteers (two
waiting for approval) in two teams, a coming activity with three shifts and
some sign-ups, approved hours from the past months (some volunteers on the
leaderboard), a record and a wish waiting for a coordinator, and two public
wishes. Idempotent: looked up by slug, mobile number or title.

The demo coordinator (李协调, 15900009999) has no usable password: the
administrator `make run` prints approves in the admin, and may give the
coordinator a password there."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from core.demo_utils import get_or_create_child
from events.models import EventIndexPage

from . import services
from .models import (
    RecordStatus,
    ServiceArea,
    ServiceRecord,
    Shift,
    Skill,
    Team,
    Volunteer,
    VolunteerActivity,
    VolunteerIndexPage,
    VolunteerStatus,
    Wish,
    WishStatus,
)

COORDINATOR = ("15900009999", "李协调")
# name, phone, team, skills, on the leaderboard, status
VOLUNTEERS = [
    ("王秀兰", "15900000001", "党员志愿服务队", ["急救"], True, VolunteerStatus.APPROVED),
    ("李建国", "15900000002", "党员志愿服务队", ["驾驶"], True, VolunteerStatus.APPROVED),
    ("张德明", "15900000003", "党员志愿服务队", [], False, VolunteerStatus.APPROVED),
    ("陈晓东", "15900000004", "平安巡逻队", ["法律咨询"], True, VolunteerStatus.APPROVED),
    ("刘玉梅", "15900000005", "平安巡逻队", ["心理疏导"], True, VolunteerStatus.APPROVED),
    ("赵志强", "15900000006", "平安巡逻队", ["急救", "驾驶"], False, VolunteerStatus.APPROVED),
    ("孙丽华", "15900000007", None, ["医疗护理"], True, VolunteerStatus.APPROVED),
    ("周海涛", "15900000008", None, ["摄影"], False, VolunteerStatus.APPROVED),
    ("吴淑珍", "15900000009", None, [], True, VolunteerStatus.APPROVED),
    ("郑春生", "15900000010", None, ["电脑操作"], False, VolunteerStatus.APPROVED),
    ("黄凤英", "15900000011", None, [], False, VolunteerStatus.PENDING),
    ("马明远", "15900000012", "平安巡逻队", [], False, VolunteerStatus.PENDING),
]
PAST_SERVICE = [
    # (days ago, activity, place, content, hours)
    (12, "楼道清洁志愿服务", "幸福里小区", "清理楼道杂物、张贴垃圾分类宣传画", "3"),
    (26, "夜间治安巡逻", "和平街小区", "夜间巡逻、检查消防通道", "2.5"),
    (41, "独居老人探访", "幸福里小区", "上门陪伴聊天、打扫卫生", "2"),
    (60, "法律知识进社区", "社区广场", "发放宣传册、解答居民咨询", "4"),
]
WISHES = [
    (
        "帮80岁独居老人买一次菜",
        "王奶奶腿脚不便，希望有人每周帮忙买一次蔬菜。",
        "王奶奶",
        "幸福里小区5号楼",
        WishStatus.OPEN,
    ),
    (
        "给留守儿童辅导一次数学作业",
        "小明父母在外务工，希望有志愿者周末辅导一次五年级数学。",
        "小明",
        "和平街小区2号楼",
        WishStatus.OPEN,
    ),
    (
        "帮忙修理轮椅",
        "李爷爷的轮椅刹车坏了，希望有懂维修的志愿者帮忙看看。",
        "李爷爷",
        "幸福里小区9号楼",
        WishStatus.PENDING,
    ),
]


def _user(phone, name):
    User = get_user_model()
    user = User.objects.filter(phone=phone).first()
    if user is None:
        user = User.objects.create_user(phone, None, real_name=name)  # no usable password
    return user


def _at(day, hour):
    return datetime.datetime.combine(
        day, datetime.time(hour, 0), tzinfo=timezone.get_current_timezone()
    )


def load(home, stdout):
    events = EventIndexPage.objects.child_of(home).first()
    if events is None:
        stdout.write("  没有社区活动栏目，跳过志愿服务")
        return
    get_or_create_child(
        home,
        VolunteerIndexPage,
        "volunteers",
        title="志愿服务",
        show_in_menus=True,
        intro="<p>社区志愿服务站：社会救助、治安巡逻、关爱老人、法律宣传……欢迎居民和在职党员登记成为志愿者。</p>",
    )
    boss = _user(*COORDINATOR)
    group = Group.objects.filter(name=roles.VOLUNTEER_COORDINATORS).first()
    if group is not None:
        boss.groups.add(group)
        boss.is_staff = True
        boss.save(update_fields=["is_staff"])

    patrol, _ = Team.objects.get_or_create(
        name="平安巡逻队", defaults={"description": "夜间和节假日治安巡逻、矛盾纠纷排查。"}
    )
    volunteers = []
    new_volunteers = 0
    care = ServiceArea.objects.filter(name__in=["关爱老人", "治安巡逻"])
    for name, phone, team, skills, shown, status in VOLUNTEERS:
        user = _user(phone, name)
        volunteer = Volunteer.objects.filter(user=user).first()
        if volunteer is None:
            volunteer = Volunteer.objects.create(
                user=user,
                real_name=name,
                phone=phone,
                availability="weekend",
                show_on_leaderboard=shown,
                team=Team.objects.filter(name=team).first() if team else None,
                is_party_member=team == "党员志愿服务队",
                work_unit="区人民医院" if team == "党员志愿服务队" else "",
                status=status,
                decided_by=boss if status == VolunteerStatus.APPROVED else None,
                decided_at=timezone.now() if status == VolunteerStatus.APPROVED else None,
            )
            volunteer.areas.set(care)
            volunteer.skills.set(Skill.objects.filter(name__in=skills))
            new_volunteers += 1
        volunteers.append(volunteer)
    if patrol.leader_id is None:
        patrol.leader = volunteers[3]
        patrol.save(update_fields=["leader"])

    today = timezone.localdate()
    day = today + datetime.timedelta(days=10)
    activity, created = get_or_create_child(
        events,
        VolunteerActivity,
        "volunteer-elderly-care",
        title="敬老院关爱志愿服务",
        start=_at(day, 8),
        end=_at(day, 17),
        place="幸福里社区养老服务中心",
        summary="陪伴老人、协助午餐、义诊引导。分上午、下午两个班次，义诊引导岗需要急救技能。",
        organiser="幸福里社区居委会",
        person_in_charge="李协调",
        service_content="陪伴老人聊天、协助午餐、义诊现场引导",
        shifts=[
            Shift(title="上午陪伴班", start=_at(day, 8), end=_at(day, 11), capacity=6),
            Shift(title="午餐协助班", start=_at(day, 11), end=_at(day, 13), capacity=4),
            Shift(title="义诊引导岗", start=_at(day, 14), end=_at(day, 17), capacity=2),
        ],
    )
    if created:
        activity = VolunteerActivity.objects.get(pk=activity.pk)
        guide = activity.shifts.get(title="义诊引导岗")
        guide.required_skills.set(Skill.objects.filter(name="急救"))
        guide.save()
        for volunteer in volunteers[:5]:
            services.sign_up(activity.shifts.get(title="上午陪伴班"), volunteer, volunteer.user)
        services.sign_up(guide, volunteers[0], volunteers[0].user)
        services.sign_up(guide, volunteers[5], volunteers[5].user)

    new_records = 0
    if not ServiceRecord.objects.filter(volunteer__in=volunteers).exists():
        for index, volunteer in enumerate(volunteers[:10]):
            for days, name, place, content, hours in PAST_SERVICE[: 1 + index % 4]:
                record = ServiceRecord.objects.create(
                    volunteer=volunteer,
                    volunteer_user=volunteer.user,
                    source="coordinator",
                    activity_name=name,
                    date=today - datetime.timedelta(days=days),
                    place=place,
                    content=content,
                    hours=hours,
                    organiser="幸福里社区居委会",
                    person_in_charge="李协调",
                    recorded_by=boss,
                    recorded_at=timezone.now() - datetime.timedelta(days=days - 1),
                    status=RecordStatus.APPROVED,
                    decided_by=boss,
                    decided_at=timezone.now() - datetime.timedelta(days=days - 2),
                )
                record.changes.create(changed_by=boss, action="created")
                new_records += 1
        services.submit_record(
            volunteers[6],
            volunteers[6].user,
            activity_name="上门看望独居老人",
            date=today - datetime.timedelta(days=2),
            start_time=datetime.time(9, 0),
            end_time=datetime.time(10, 30),
            place="幸福里小区3号楼",
            content="陪老人聊天、帮忙打扫卫生",
            organiser="幸福里社区居委会",
            person_in_charge="李协调",
        )
        new_records += 1

    for title, description, beneficiary, place, status in WISHES:
        if not Wish.objects.filter(title=title).exists():
            Wish.objects.create(
                title=title,
                description=description,
                beneficiary=beneficiary,
                place=place,
                contact_name="社区网格员",
                contact_phone="15900008888",
                status=status,
                decided_by=boss if status == WishStatus.OPEN else None,
                decided_at=timezone.now() if status == WishStatus.OPEN else None,
            )
    stdout.write(f"  志愿服务：新建 {new_volunteers} 名志愿者，{new_records} 条服务记录")
