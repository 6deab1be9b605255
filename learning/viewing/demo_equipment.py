"""Demo 设备运行、维修情况记录簿: the room's five kinds of equipment, runs over
the last six weeks (two a week, but only one three weeks ago, so the weekly
check has a week to flag), a projector fault sent for repair and repaired,
and one 五防 inspection with 防尘 failed. Recorded through the services as
the system (actor None); idempotent: assets by name, the rest only when
there is none yet."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import roles
from core.dates import local_zone

from .models import Asset, Fault, Inspection, Run, ShowingMode
from .services import equipment as services
from .services.runs import record_run

KEEPER = "社区远教管理员"
ASSETS = [
    ("电脑", "联想 启天 M430", 1, ShowingMode.COMPUTER),
    ("投影仪", "爱普生 CB-X06", 1, None),
    ("机顶盒（卫星接收机）", "远教 IP 机顶盒", 1, ShowingMode.TV),
    ("摄像头", "罗技 C930e", 1, None),
    ("话筒", "无线手持话筒", 2, None),
]
SHORT_WEEK = 3  # weeks ago


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=local_zone())


def _operator():
    return get_user_model().objects.filter(groups__name=roles.BRANCH_ADMINS).first()


def _assets():
    for index, (name, model_number, quantity, _mode) in enumerate(ASSETS):
        if not Asset.objects.filter(name=name).exists():
            purchased = datetime.date(2021 + index % 3, 3 + index, 15)
            services.save_asset(
                None,
                Asset(
                    name=name,
                    model_number=model_number,
                    quantity=quantity,
                    purchased_on=purchased,
                    keeper=KEEPER,
                ),
            )


def _runs(today, operator):
    monday = today - datetime.timedelta(days=today.weekday())
    created = 0
    for weeks_ago in range(6, 0, -1):
        start = monday - datetime.timedelta(weeks=weeks_ago)
        times = [(_at(start + datetime.timedelta(days=1), 19, 30), ShowingMode.COMPUTER)]
        if weeks_ago != SHORT_WEEK:
            times.append((_at(start + datetime.timedelta(days=4), 9), ShowingMode.TV))
        for started, mode in times:
            record_run(
                None,
                started_at=started,
                ended_at=started + datetime.timedelta(minutes=90),
                purpose="党员远程教育：每周学习"
                if mode == ShowingMode.TV
                else "电脑教学：党课视频",
                operator=operator,
                mode=mode,
            )
            created += 1
    return created


def _repaired_fault(now):
    projector = Asset.objects.get(name="投影仪")
    if projector.faults.exists():
        return
    fault = services.report_fault(
        None,
        projector,
        reported_at=now - datetime.timedelta(days=20, hours=3),
        reporter=KEEPER,
        description="投影仪开机后无画面，指示灯闪红",
    )
    services.send_for_repair(
        None, fault, sent_at=now - datetime.timedelta(days=19), sent_to="区广电设备维修站"
    )
    services.mark_repaired(
        None,
        fault,
        repaired_at=now - datetime.timedelta(days=15),
        repairer="维修站 张师傅",
        cost=Decimal("180.00"),
        repair_note="更换灯泡",
    )


def load(home, stdout):
    now = timezone.now()
    _assets()
    created = 0
    if not Run.objects.exists():
        created = _runs(timezone.localdate(now), _operator())
    _repaired_fault(now)
    if not Inspection.objects.exists():
        services.record_inspection(
            None,
            Inspection(
                inspected_on=timezone.localdate(now) - datetime.timedelta(days=10),
                inspector=KEEPER,
                dust_ok=False,
                dust_note="投影仪滤网积灰，已清理",
                note="雷雨季节前检查避雷接地",
            ),
        )
    stdout.write(
        f"  远教设备：{Asset.objects.count()} 种设备，新登记 {created} 次运行，"
        f"{Fault.objects.count()} 次故障维修"
    )
