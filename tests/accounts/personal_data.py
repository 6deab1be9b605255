"""People with data in every app, for the 我的数据 tests, and a search of the
whole database for what must be gone."""

import datetime

from django.db import connection
from django.utils import timezone

from events import services as events
from events.models import Occurrence
from learning.courses.models import CourseProgress
from learning.study import services as study
from tests.accounts.factories import UserFactory
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import EventIndexPageFactory, at, days_from_now, make_event
from tests.study.factories import BranchFactory, MemberFactory, make_session
from tests.volunteers.factories import (
    RecordFactory,
    VolunteerFactory,
    VolunteerIndexPageFactory,
    coordinator,
    make_activity,
)
from volunteers import services as volunteers
from volunteers.models import Commendation, Training

RESIDENT_PHONE = "13912340001"
RESIDENT_NAME = "欧阳娜娜"
MEMBER_PHONE = "13912340002"
MEMBER_NAME = "司马秀英"


def rows_mentioning(text):
    """``table.column`` of every column, in every table of the database,
    holding ``text`` somewhere (whatever the column's type)."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                # Names from the database's own catalogue, quoted; the text is a parameter.
                sql = f"SELECT COUNT(*) FROM {quote(table)} WHERE CAST({quote(column.name)} AS TEXT) LIKE %s"  # noqa: S608
                cursor.execute(sql, [f"%{text}%"])
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


def build_site(home):
    events_index = EventIndexPageFactory(parent=home)
    return {
        "events": events_index,
        "volunteers": VolunteerIndexPageFactory(parent=home),
        "library": CourseIndexPageFactory(parent=home),
        "boss": coordinator(real_name="李协调"),
    }


def build_resident(site, user=None):
    """A resident who registered for a coming event (a guest waits behind
    her), went to a past one, is an approved volunteer on the leaderboard
    with approved and waiting hours, training, a commendation, a certificate
    and a shift (another volunteer waits behind her), posted a wish and
    watched a course."""
    user = user or UserFactory(
        phone=RESIDENT_PHONE, real_name=RESIDENT_NAME, email="ouyang@example.cn"
    )
    boss = site["boss"]
    lecture = make_event(site["events"], title="社区大讲堂：防范电信诈骗", capacity=1)
    coming = lecture.occurrences.get()
    registration = events.register(coming, user=user)
    guest = events.register(coming, name="李建国", phone="13800000002", email="li@example.cn")
    # A talk she registered for and attended ten days ago.
    past = make_event(site["events"], title="往期讲座", capacity=5).occurrences.get()
    earlier = events.register(past, user=user)
    Occurrence.objects.filter(pk=past.pk).update(
        start=days_from_now(-10, 9), end=days_from_now(-10, 11)
    )
    events.check_in(earlier, boss)

    volunteer = VolunteerFactory(user=user, show_on_leaderboard=True)
    for day in (5, 6):
        record = RecordFactory(
            volunteer=volunteer, hours=3, date=timezone.localdate() - datetime.timedelta(days=day)
        )
        volunteers.approve_record(record, boss)
    RecordFactory(volunteer=volunteer, hours=1, activity_name="待审核的服务")
    Training.objects.create(
        volunteer=volunteer,
        name="应急救护培训",
        hours=4,
        organiser="区红十字会",
        date=datetime.date(2026, 10, 10),
    )
    Commendation.objects.create(
        volunteer=volunteer,
        title="优秀志愿者",
        awarded_by="街道党工委",
        date=datetime.date(2026, 7, 1),
    )
    today = timezone.localdate()
    volunteers.issue_certificate(
        volunteer, user, today - datetime.timedelta(days=30), today, "幸福里社区居委会"
    )
    activity = make_activity(
        site["events"],
        title="重阳节敬老志愿服务",
        shifts=[
            {
                "title": "上午班",
                "start": days_from_now(4, 8),
                "end": days_from_now(4, 11),
                "capacity": 1,
            }
        ],
    )
    shift = activity.shifts.get()
    signup = volunteers.sign_up(shift, volunteer, user)
    other = VolunteerFactory(user=UserFactory(email="wang@example.cn"), real_name="王志愿")
    behind = volunteers.sign_up(shift, other, other.user)
    wish = volunteers.post_wish(
        title="帮忙修理楼道灯",
        description="三号楼二单元楼道灯坏了。",
        beneficiary="三号楼居民",
        place="幸福里小区3号楼",
        contact_name=RESIDENT_NAME,
        contact_phone=RESIDENT_PHONE,
        user=user,
    )
    course = CoursePageFactory(parent=site["library"], title="基层党建工作学习")
    CourseProgress.objects.create(
        user=user,
        course=course,
        watched_seconds=300,
        last_position=300,
        watched_intervals=[[0, 300]],
    )
    return {
        "user": user,
        "registration": registration,
        "guest": guest,
        "past": past,
        "volunteer": volunteer,
        "shift": shift,
        "signup": signup,
        "behind": behind,
        "wish": wish,
        "course": course,
    }


def build_member(site, user=None):
    """A party member with an account: on the roll of a March session
    (present), a leave request, her own reflection (approved, shown on the
    session page) and one an administrator recorded for another session."""
    user = user or UserFactory(phone=MEMBER_PHONE, real_name=MEMBER_NAME)
    branch = BranchFactory(name="第一党支部")
    member = MemberFactory(name=MEMBER_NAME, phone=user.phone, branch=branch, user=user)
    others = MemberFactory.create_batch(3, branch=branch)
    march = datetime.date(2026, 3, 10)
    held = make_session(
        site["events"], [branch], title="三月学习会", start=at(march, 9), end=at(march, 11)
    )
    boss = UserFactory(is_superuser=True)
    study.save_roll(held, {m.pk: ("present", "onsite", "") for m in [member, *others]}, boss)
    reflection = study.submit_reflection(held, member, "学习很有收获，要落实到社区工作中。", 5)
    study.moderate_reflection(reflection, True, boss)
    coming = make_session(site["events"], [branch], title="下月学习会")
    leave = study.request_leave(coming, member, "在外地照顾生病的母亲")
    april = datetime.date(2026, 4, 10)
    paper = make_session(
        site["events"], [branch], title="四月学习会", start=at(april, 9), end=at(april, 11)
    )
    recorded = study.submit_reflection(
        paper, member, "纸质心得，由管理员代录。", 4, recorded_by=boss
    )
    return {
        "user": user,
        "member": member,
        "held": held,
        "reflection": reflection,
        "leave": leave,
        "recorded": recorded,
    }
