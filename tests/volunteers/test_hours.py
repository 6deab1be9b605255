"""Hours: check-in and check-out (by QR code or marked by a coordinator),
rounding and caps, records outside shifts, approval (never one's own),
history of every change, corrections, the 10-working-day flag and stars."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import days_from_now
from tests.volunteers.factories import RecordFactory, VolunteerFactory, coordinator, make_activity
from volunteers import services
from volunteers.models import (
    CorrectionRequest,
    RecordChange,
    ScheduledDay,
    ServiceRecord,
    quarter_hours,
    star_level,
    working_days_between,
)

pytestmark = pytest.mark.django_db

T = datetime.timedelta


def test_quarter_hours_round_to_the_nearest_quarter():
    assert quarter_hours(T(minutes=7, seconds=29)) == Decimal("0")
    assert quarter_hours(T(minutes=7, seconds=30)) == Decimal("0.25")
    assert quarter_hours(T(hours=2, minutes=8)) == Decimal("2.25")
    assert quarter_hours(T(hours=2, minutes=7)) == Decimal("2")


def test_scanning_twice_checks_in_then_out_and_rounds_the_hours(today_shift, signup, volunteer):
    start = today_shift.start
    services.check_in(signup, volunteer.user, now=start + T(minutes=2))
    record = services.check_out(signup, volunteer.user, now=start + T(hours=2, minutes=10))
    assert record.hours == Decimal("2.25")  # 2 h 8 min -> 2¼ h
    assert record.status == "submitted"  # the volunteer's own scan waits for approval
    assert record.activity_name.startswith(today_shift.activity.title)
    assert record.organiser == "幸福里社区居委会" and record.person_in_charge == "李主任"
    assert record.place == today_shift.activity.place


def test_hours_never_exceed_the_shift_plus_the_tolerance(today_shift, signup, boss):
    start = today_shift.start
    record = services.mark_attendance(
        signup, boss, start - T(minutes=30), start + T(hours=5), now=start + T(hours=6)
    )
    assert record.hours == Decimal("3.50")  # 3 h shift + 30 min, not 5.5 h
    assert record.status == "approved" and record.decided_by == boss


def test_a_check_out_without_check_in_is_refused(signup, volunteer):
    with pytest.raises(services.VolunteerError, match="还没有签到，不能签退"):
        services.check_out(signup, volunteer.user)
    assert not ServiceRecord.objects.exists()


def test_a_check_out_before_the_check_in_is_refused(today_shift, signup, boss):
    start = today_shift.start
    with pytest.raises(services.VolunteerError, match="签退时间必须晚于签到时间"):
        services.mark_attendance(signup, boss, start + T(hours=1), start, now=start + T(hours=2))
    signup.refresh_from_db()
    assert signup.checked_in_at is None and not ServiceRecord.objects.exists()


def test_the_qr_code_of_another_shift_is_refused_with_a_clear_message(
    client, event_index, today_shift, signup, volunteer
):
    # A parallel shift at the same time, so it is the same local day at
    # any hour the test runs (four hours later crossed midnight after 20:00).
    other = make_activity(
        event_index,
        shifts=[
            {
                "title": "第二组",
                "start": today_shift.start,
                "end": today_shift.start + T(hours=2),
            }
        ],
    ).shifts.get()
    client.force_login(volunteer.user)
    url = reverse("volunteers:scan", args=[services.shift_code(other)])
    response = client.post(url, follow=True)
    assert "这是另一个班次（第二组）的二维码，您报名的是“上午班”" in response.content.decode()
    signup.refresh_from_db()
    assert signup.checked_in_at is None


def test_another_shifts_code_before_eight_in_the_morning_names_the_shift_signed_up_for(
    client, event_index, volunteer
):
    # 07:00 in Asia/Shanghai is 23:00 UTC the day before: the day compared
    # must be the local one, or the volunteer is told they signed up for nothing.
    activity = make_activity(
        event_index,
        start=days_from_now(3, 6),
        end=days_from_now(3, 12),
        shifts=[
            {"title": "早班", "start": days_from_now(3, 7), "end": days_from_now(3, 8, 30)},
            {"title": "上午班", "start": days_from_now(3, 9), "end": days_from_now(3, 12)},
        ],
    )
    services.sign_up(activity.shifts.get(title="上午班"), volunteer, volunteer.user)
    early = activity.shifts.get(title="早班")
    client.force_login(volunteer.user)
    html = client.get(reverse("volunteers:scan", args=[services.shift_code(early)])).content
    assert "这是另一个班次（早班）的二维码，您报名的是“上午班”" in html.decode()


def test_a_forged_qr_code_is_refused(client, today_shift, volunteer):
    client.force_login(volunteer.user)
    forged = services.shift_code(today_shift).replace(
        str(today_shift.pk), str(today_shift.pk + 1), 1
    )
    response = client.get(reverse("volunteers:scan", args=[forged]))
    assert response.status_code == 400
    assert "二维码无效" in response.content.decode()


def test_scanning_the_shift_code_through_the_web_checks_in_and_out(
    client, today_shift, signup, volunteer
):
    client.force_login(volunteer.user)
    url = reverse("volunteers:scan", args=[services.shift_code(today_shift)])
    assert "签到" in client.get(url).content.decode()
    client.post(url)
    signup.refresh_from_db()
    assert signup.checked_in_at is not None
    signup.checked_in_at -= T(hours=1)  # an hour of service later
    signup.save()
    response = client.post(url, follow=True)
    assert "签退成功，本次服务 1.00 小时" in response.content.decode()


def test_a_volunteer_submits_a_record_outside_a_shift(volunteer):
    day = timezone.localdate() - T(days=1)
    record = services.submit_record(
        volunteer,
        volunteer.user,
        activity_name="上门看望独居老人",
        date=day,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(10, 50),
        place="幸福里小区3号楼",
        content="陪老人聊天",
        organiser="幸福里社区居委会",
        person_in_charge="李主任",
    )
    assert record.hours == Decimal("1.75") and record.status == "submitted"
    assert record.recorded_by == volunteer.user
    assert RecordChange.objects.get(record=record).action == "created"


@pytest.mark.parametrize(
    ("day", "start", "end", "message"),
    [
        (-1, (10, 0), (9, 0), "结束时间必须晚于开始时间"),
        (-1, (9, 0), (9, 0), "结束时间必须晚于开始时间"),
        (-1, (9, 0), (9, 5), "不足一刻钟"),
        (1, (9, 0), (10, 0), "不能申报还没有发生的服务"),
    ],
)
def test_bad_records_are_refused_and_nothing_is_saved(volunteer, day, start, end, message):
    with pytest.raises(services.VolunteerError, match=message):
        services.submit_record(
            volunteer,
            volunteer.user,
            activity_name="巡逻",
            date=timezone.localdate() + T(days=day),
            start_time=datetime.time(*start),
            end_time=datetime.time(*end),
            place="小区",
            content="夜间巡逻",
            organiser="居委会",
            person_in_charge="李主任",
        )
    assert not ServiceRecord.objects.exists()


def test_the_record_form_keeps_what_was_typed_on_error(client, volunteer):
    client.force_login(volunteer.user)
    response = client.post(
        reverse("volunteers:record_new"),
        {
            "activity_name": "上门看望独居老人",
            "date": f"{timezone.localdate() - T(days=1):%Y-%m-%d}",
            "start_time": "10:00",
            "end_time": "09:00",
            "place": "3号楼",
            "content": "陪伴",
            "organiser": "居委会",
            "person_in_charge": "李主任",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "结束时间必须晚于开始时间" in html
    assert 'value="上门看望独居老人"' in html


def test_nobody_approves_their_own_record(db):
    boss = coordinator()
    own = RecordFactory(volunteer=VolunteerFactory(user=boss))
    with pytest.raises(services.VolunteerError, match="不能审核自己的服务记录"):
        services.approve_record(own, boss)
    own.refresh_from_db()
    assert own.status == "submitted"


def test_the_database_refuses_a_self_approval_too(db):
    record = RecordFactory()
    record.decided_by = record.volunteer_user
    record.status = "approved"
    with pytest.raises(IntegrityError):
        record.save()


@pytest.mark.parametrize(
    "fields",
    [
        {"hours": 0},
        {"hours": -1},
        {
            "start": datetime.datetime(2026, 11, 2, 10, tzinfo=datetime.UTC),
            "end": datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC),
        },
    ],
)
def test_the_database_refuses_zero_or_negative_hours_and_end_before_start(db, fields):
    volunteer = VolunteerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RecordFactory(volunteer=volunteer, **fields)
    assert not ServiceRecord.objects.exists()


def test_only_approved_hours_count(volunteer, boss):
    approved = RecordFactory(volunteer=volunteer, hours=3)
    RecordFactory(volunteer=volunteer, hours=5)  # still waiting
    rejected = RecordFactory(volunteer=volunteer, hours=7)
    services.approve_record(approved, boss)
    services.reject_record(rejected, boss, "当天没有这项活动")
    assert volunteer.approved_hours() == Decimal("3")


def test_a_rejection_needs_a_reason(volunteer, boss):
    record = RecordFactory(volunteer=volunteer)
    with pytest.raises(services.VolunteerError, match="请填写未通过的原因"):
        services.reject_record(record, boss, "")


def test_every_change_keeps_who_when_and_the_values_before(volunteer, boss):
    record = RecordFactory(volunteer=volunteer, hours=2)
    services.approve_record(record, boss)
    with pytest.raises(services.VolunteerError, match="必须写明原因"):
        services.change_record(record, boss, "", hours="3")
    services.change_record(record, boss, "签退漏登记", hours="2.5")
    change = RecordChange.objects.filter(record=record, action="changed").get()
    assert change.changed_by == boss and change.changed_at
    assert change.before == {"hours": "2.00"} and change.after == {"hours": "2.50"}
    assert change.reason == "签退漏登记"
    assert list(record.changes.values_list("action", flat=True)) == ["approved", "changed"]


def test_a_correction_is_accepted_with_history_or_refused_with_a_reason(client, volunteer, boss):
    record = RecordFactory(volunteer=volunteer, hours=2)
    services.approve_record(record, boss)
    client.force_login(volunteer.user)
    url = reverse("volunteers:record", args=[record.pk])
    client.post(url, {"proposed_hours": "3", "message": "实际服务到11点"})
    correction = CorrectionRequest.objects.get()
    services.accept_correction(correction, boss)
    record.refresh_from_db()
    assert record.hours == Decimal("3")
    assert record.changes.filter(action="changed", before={"hours": "2.00"}).exists()

    client.post(url, {"proposed_hours": "5", "message": "还应加上准备时间"})
    second = CorrectionRequest.objects.filter(status="pending").get()
    with pytest.raises(services.VolunteerError, match="不予更正的原因"):
        services.refuse_correction(second, boss, "")
    services.refuse_correction(second, boss, "准备时间不计入服务时长")
    html = client.get(url).content.decode()
    assert "不予更正" in html and "准备时间不计入服务时长" in html
    record.refresh_from_db()
    assert record.hours == Decimal("3")


def test_records_entered_more_than_ten_working_days_late_are_flagged(volunteer):
    monday = datetime.date(2026, 11, 2)
    late = RecordFactory(
        volunteer=volunteer,
        date=monday,
        recorded_at=datetime.datetime(2026, 11, 17, 10, tzinfo=datetime.UTC),
    )
    in_time = RecordFactory(
        volunteer=volunteer,
        date=monday,
        recorded_at=datetime.datetime(2026, 11, 16, 10, tzinfo=datetime.UTC),
    )
    assert working_days_between(monday, datetime.date(2026, 11, 16)) == 10
    assert late.recorded_late and not in_time.recorded_late


def test_official_holidays_and_worked_weekends_count_as_the_notice_says(volunteer):
    # 2025: 1–8 October off (six weekdays), Saturday 11 October worked.
    eve = datetime.date(2025, 9, 30)
    assert working_days_between(eve, datetime.date(2025, 10, 20)) == 9
    in_time = RecordFactory(
        volunteer=volunteer,
        date=eve,
        recorded_at=datetime.datetime(2025, 10, 21, 2, tzinfo=datetime.UTC),
    )
    late = RecordFactory(
        volunteer=volunteer,
        date=eve,
        recorded_at=datetime.datetime(2025, 10, 22, 2, tzinfo=datetime.UTC),
    )
    assert not in_time.recorded_late and late.recorded_late


def test_a_coordinator_enters_next_years_holidays_in_the_admin(client, boss):
    monday = datetime.date(2027, 2, 1)
    assert working_days_between(monday, datetime.date(2027, 2, 15)) == 10
    client.force_login(boss)
    add = reverse("volunteer_holidays:add")
    form = {"date": "2027-02-08", "name": "春节", "is_working_day": ""}
    assert client.post(add, form).status_code == 302
    assert working_days_between(monday, datetime.date(2027, 2, 15)) == 9
    # The same day twice is refused in Chinese and keeps what was typed.
    again = client.post(add, {**form, "name": "春节调整"})
    assert again.status_code == 200
    assert "这一天已经登记过了。" in again.content.decode()
    assert 'value="春节调整"' in again.content.decode()
    assert ScheduledDay.objects.filter(date="2027-02-08").count() == 1


def test_the_holiday_schedule_is_closed_to_volunteers(client, volunteer):
    client.force_login(volunteer.user)
    assert client.get(reverse("volunteer_holidays:index")).status_code in (302, 403)


def test_star_levels_follow_the_thresholds():
    assert [star_level(h) for h in (0, 99.75, 100, 299, 300, 600, 1000, 1499, 1500, 9000)] == [
        0,
        0,
        1,
        1,
        2,
        3,
        4,
        4,
        5,
        5,
    ]


def test_the_admin_record_page_shows_the_history_and_changes_with_a_reason(client, boss):
    record = RecordFactory(hours=2)
    client.force_login(boss)
    url = reverse("volunteer_admin:record", args=[record.pk])
    client.post(url, {"hours": "-1", "reason": "测试"})
    record.refresh_from_db()
    assert record.hours == Decimal("2")
    client.post(url, {"hours": "1.5", "date": f"{record.date:%Y-%m-%d}", "reason": "核对签到表"})
    record.refresh_from_db()
    assert record.hours == Decimal("1.5")
    html = client.get(url).content.decode()
    assert "核对签到表" in html and "hours=2.00" in html
