"""Demo events under the home page: lectures (大讲堂), 文体活动, a monthly
repeating event with an exception, a weekly one, a party members' event and
a past one, with a few registrations. Idempotent: looked up by slug."""

import datetime

from django.utils import timezone

from core.demo_utils import get_or_create_child, get_or_create_image

from .models import Audience, EventExceptionDate, EventIndexPage, EventKind, EventPage, Occurrence
from .recurrence import Repeat

EVENTS = [
    {
        "slug": "lecture-anti-fraud",
        "title": "社区大讲堂：防范电信网络诈骗",
        "kind": EventKind.LECTURE,
        "days": 5,
        "time": (9, 0, 11, 0),
        "place": "社区党群服务中心三楼多功能厅",
        "summary": "派出所民警结合真实案例，讲解养老诈骗、冒充客服等常见骗局的识别与防范。",
        "capacity": 60,
        "paragraphs": [
            "主讲人：辖区派出所社区民警。",
            "欢迎老年朋友在家属陪同下参加，现场发放防诈骗宣传手册。",
        ],
    },
    {
        "slug": "lecture-health",
        "title": "社区大讲堂：冬季老年人健康保健",
        "kind": EventKind.LECTURE,
        "days": 12,
        "time": (14, 30, 16, 0),
        "place": "社区党群服务中心三楼多功能厅",
        "summary": "社区卫生服务中心医生讲解冬季心脑血管疾病预防和合理用药。",
        "capacity": 40,
        "paragraphs": ["讲座结束后提供免费测量血压、血糖服务。"],
    },
    {
        "slug": "square-dance",
        "title": "“欢乐幸福里”广场舞展演",
        "kind": EventKind.CULTURE,
        "days": 9,
        "time": (19, 0, 21, 0),
        "place": "社区健身广场",
        "summary": "各小区广场舞队同台展演，欢迎居民观看。",
        "capacity": None,
        "paragraphs": ["无需报名，直接到场观看。"],
    },
    {
        "slug": "free-clinic",
        "title": "每月义诊：家门口的健康服务",
        "kind": EventKind.SERVICE,
        "monthly_day": 15,
        "time": (8, 30, 11, 30),
        "place": "社区便民服务大厅",
        "summary": "每月15日上午，社区卫生服务中心医生坐诊，免费量血压、测血糖、健康咨询。",
        "capacity": 30,
        "repeat": Repeat.MONTHLY_DAY,
        "count": 12,
        "exception_months": 2,
        "paragraphs": [
            "每场限 30 人，可带一名家属陪同。",
            "遇法定节假日暂停一次，请留意页面上的场次安排。",
        ],
    },
    {
        "slug": "taichi",
        "title": "太极拳晨练班",
        "kind": EventKind.CULTURE,
        "weekly": 1,
        "time": (7, 0, 8, 0),
        "place": "社区健身广场东侧",
        "summary": "每周二清晨，太极拳协会老师带练二十四式太极拳。",
        "capacity": 25,
        "repeat": Repeat.WEEKLY,
        "paragraphs": ["请穿着宽松衣物和平底鞋。"],
    },
    {
        "slug": "party-day",
        "title": "主题党日：学习身边榜样",
        "kind": EventKind.STUDY,
        "days": 17,
        "time": (9, 0, 11, 30),
        "place": "社区党群服务中心远教活动室",
        "summary": "观看先进事迹专题片，交流学习体会。",
        "capacity": 50,
        "audience": Audience.PARTY_MEMBERS,
        "paragraphs": ["请各支部党员按时参加，行动不便的老党员由网格员送学上门。"],
    },
    {
        "slug": "volunteer-cleanup",
        "title": "“洁净家园”志愿服务活动",
        "kind": EventKind.VOLUNTEER,
        "days": -10,
        "time": (8, 30, 11, 0),
        "place": "幸福里小区各楼栋",
        "summary": "志愿者清理楼道杂物、张贴垃圾分类宣传画。",
        "capacity": 20,
        "audience": Audience.VOLUNTEERS,
        "paragraphs": ["活动已结束，感谢 18 名志愿者的参与。"],
    },
]

GUESTS = [("张秀英", "13800000001", 1), ("李建国", "13800000002", 0), ("王桂兰", "13800000003", 0)]


def _draw_banner(draw, size):
    w, h = size
    draw.rectangle([0, 0, w, h], fill=(163, 21, 21))
    draw.rectangle([w * 0.08, h * 0.3, w * 0.92, h * 0.7], fill=(255, 240, 200))
    for i in range(6):
        x = w * (0.12 + i * 0.14)
        draw.ellipse([x, h * 0.38, x + w * 0.08, h * 0.62], fill=(163, 21, 21))


def _start(spec, today):
    zone = timezone.get_current_timezone()
    h1, m1, h2, m2 = spec["time"]
    if "monthly_day" in spec:
        day = today.replace(day=spec["monthly_day"])
        if day < today:
            day = (day.replace(day=1) + datetime.timedelta(days=32)).replace(
                day=spec["monthly_day"]
            )
    elif "weekly" in spec:
        day = today + datetime.timedelta(days=(spec["weekly"] - today.weekday()) % 7 or 7)
    else:
        day = today + datetime.timedelta(days=spec["days"])
    start = datetime.datetime.combine(day, datetime.time(h1, m1), tzinfo=zone)
    end = datetime.datetime.combine(day, datetime.time(h2, m2), tzinfo=zone)
    return start, end


def load(home, stdout):
    from . import services

    index, _ = get_or_create_child(
        home,
        EventIndexPage,
        "events",
        title="社区活动",
        show_in_menus=True,
        intro="<p>社区大讲堂、文体活动、学习会和志愿服务。可以按月查看，也可以订阅到手机日历。</p>",
    )
    banner = get_or_create_image("社区活动横幅", _draw_banner, size=(800, 300))
    today = timezone.localdate()
    created = 0
    for spec in EVENTS:
        start, end = _start(spec, today)
        exceptions = []
        if spec.get("exception_months"):
            skipped = start.date()
            for _month in range(spec["exception_months"]):
                skipped = (skipped.replace(day=1) + datetime.timedelta(days=32)).replace(
                    day=skipped.day
                )
            exceptions = [EventExceptionDate(date=skipped, reason="法定节假日暂停")]
        page, was_created = get_or_create_child(
            index,
            EventPage,
            spec["slug"],
            title=spec["title"],
            kind=spec["kind"],
            audience=spec.get("audience", Audience.EVERYONE),
            start=start,
            end=end,
            place=spec["place"],
            summary=spec["summary"],
            image=banner if spec["kind"] == EventKind.LECTURE else None,
            body=[{"type": "paragraph", "value": f"<p>{text}</p>"} for text in spec["paragraphs"]],
            registration_enabled=spec["capacity"] is not None,
            capacity=spec["capacity"],
            max_companions=1,
            repeat=spec.get("repeat", Repeat.NONE),
            repeat_count=spec.get("count"),
            exception_dates=exceptions,
        )
        created += was_created
        if was_created and spec.get("days", 0) < 0:
            # A past event: publishing does not invent past dates, so add its one date.
            Occurrence.objects.get_or_create(
                event=page,
                day=start.date(),
                defaults={"start": start, "end": end, "capacity": spec["capacity"]},
            )
        if was_created and spec["slug"] == "lecture-anti-fraud":
            occurrence = page.occurrences.order_by("start").first()
            for name, phone, companions in GUESTS:
                services.register(occurrence, name=name, phone=phone, companions=companions)
    stdout.write(f"  社区活动：新建 {created} 个，共 {index.get_children().count()} 个")
