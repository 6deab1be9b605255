"""Repetition rules and their exceptions, as dates, as text and in the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset

from events.models import EventPage
from events.recurrence import Repeat, Schedule
from tests.accounts.factories import UserFactory
from tests.events.factories import at, event_form_data


def _schedule(start, **kwargs):
    return Schedule(start=start, end=start + datetime.timedelta(hours=2), **kwargs)


def test_every_tuesday_gives_the_tuesdays_until_the_end_date():
    start = at(datetime.date(2026, 12, 1), 19)  # a Tuesday
    schedule = _schedule(start, repeat=Repeat.WEEKLY, until=datetime.date(2026, 12, 31))
    days = [s.date() for s in schedule.starts()]
    assert days == [datetime.date(2026, 12, d) for d in (1, 8, 15, 22, 29)]
    assert all(s.hour == 19 and str(s.tzinfo) == "Asia/Shanghai" for s in schedule.starts())
    assert schedule.describe() == "每周星期二，至2026年12月31日"


def test_weekly_on_several_days_every_second_week():
    start = at(datetime.date(2026, 12, 1))  # Tuesday
    schedule = _schedule(start, repeat=Repeat.WEEKLY, interval=2, weekdays=[1, 3], count=4)
    assert [s.date() for s in schedule.starts()] == [
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 3),
        datetime.date(2026, 12, 15),
        datetime.date(2026, 12, 17),
    ]
    assert schedule.describe() == "每2周的星期二、星期四，共4次"


def test_the_15th_of_every_month_skips_the_exception_dates():
    start = at(datetime.date(2026, 12, 15), 8, 30)
    schedule = _schedule(
        start,
        repeat=Repeat.MONTHLY_DAY,
        count=4,
        exceptions={datetime.date(2027, 2, 15)},
    )
    assert [s.date() for s in schedule.starts()] == [
        datetime.date(2026, 12, 15),
        datetime.date(2027, 1, 15),
        datetime.date(2027, 3, 15),
    ]
    assert schedule.describe() == "每月15日，共4次（2月15日除外）"


def test_second_wednesday_of_every_month_and_the_last_one_for_a_fifth_week():
    second = _schedule(at(datetime.date(2026, 12, 9)), repeat=Repeat.MONTHLY_WEEKDAY, count=3)
    assert [s.date() for s in second.starts()] == [
        datetime.date(2026, 12, 9),
        datetime.date(2027, 1, 13),
        datetime.date(2027, 2, 10),
    ]
    assert second.describe() == "每月第2个星期三，共3次"
    last = _schedule(at(datetime.date(2026, 12, 30)), repeat=Repeat.MONTHLY_WEEKDAY, count=2)
    assert [s.date() for s in last.starts()] == [
        datetime.date(2026, 12, 30),
        datetime.date(2027, 1, 27),
    ]
    assert last.describe().startswith("每月最后一个星期三")


def test_an_endless_rule_stops_at_the_horizon():
    schedule = _schedule(at(datetime.date(2026, 12, 1)), repeat=Repeat.WEEKLY)
    starts = schedule.starts(until=datetime.date(2027, 1, 31))
    assert len(starts) == 9
    assert starts[-1].date() == datetime.date(2027, 1, 26)


def test_a_rule_whose_every_date_is_an_exception_has_no_date():
    start = at(datetime.date(2026, 12, 15))
    schedule = _schedule(
        start,
        repeat=Repeat.MONTHLY_DAY,
        count=2,
        exceptions={datetime.date(2026, 12, 15), datetime.date(2027, 1, 15)},
    )
    assert schedule.starts() == []
    assert not schedule.has_any_date()
    assert _schedule(start, repeat=Repeat.MONTHLY_DAY, count=3).has_any_date()


def test_the_rrule_for_calendar_files_carries_interval_days_and_end():
    start = at(datetime.date(2026, 12, 1), 19)
    weekly = _schedule(
        start, repeat=Repeat.WEEKLY, interval=2, weekdays=[1], until=datetime.date(2027, 3, 1)
    )
    recur = weekly.ical_rrule()
    assert recur["FREQ"] == "WEEKLY" and recur["INTERVAL"] == 2 and recur["BYDAY"] == ["TU"]
    assert recur["UNTIL"] == datetime.datetime(2027, 3, 1, 15, 59, 59, tzinfo=datetime.UTC)
    monthly = _schedule(at(datetime.date(2026, 12, 9)), repeat=Repeat.MONTHLY_WEEKDAY)
    assert monthly.ical_rrule() == {"FREQ": "MONTHLY", "BYDAY": "2WE"}


# --- The editors' form ---------------------------------------------------------------


# The admin tests' dates lie in the coming months (D1, D2, D3: the 15th of the
# months two, three and four ahead), always in the future and within the horizon.
def _month_15th(months_ahead):
    first = timezone.localdate().replace(day=1)
    for _ in range(months_ahead):
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    return first.replace(day=15)


D1, D2, D3 = _month_15th(2), _month_15th(3), _month_15th(4)


def _event_form(**overrides):
    return event_form_data(
        **{"start": f"{D1} 08:30", "end": f"{D1} 11:30", "kind": "service", **overrides}
    )


@pytest.fixture
def admin_client(client, event_index):
    client.force_login(UserFactory(is_superuser=True))
    return client


def _add(admin_client, event_index, data):
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", event_index.pk))
    return admin_client.post(url, data)


def test_an_editor_publishes_a_repeating_event_with_an_exception(admin_client, event_index):
    data = _event_form(
        repeat="monthly_day",
        repeat_count="3",
        exception_dates=inline_formset([{"date": f"{D2}", "reason": "元旦假期"}]),
        registration_enabled="on",
        capacity="30",
    )
    response = _add(admin_client, event_index, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="clinic")
    assert event.live
    assert [o.day for o in event.occurrences.order_by("start")] == [
        D1,
        D3,
    ]
    assert all(o.capacity == 30 for o in event.occurrences.all())


def test_weekdays_are_chosen_with_checkboxes_and_kept(admin_client, event_index):
    data = _event_form(
        start=f"{D1 - datetime.timedelta(days=14)} 19:00",
        end=f"{D1 - datetime.timedelta(days=14)} 20:00",
        repeat="weekly",
        repeat_count="4",
    )
    data["repeat_weekdays"] = ["1", "3"]  # two ticked checkboxes
    assert _add(admin_client, event_index, data).status_code == 302
    event = EventPage.objects.get(slug="clinic")
    assert event.repeat_weekdays == "1,3"
    assert event.occurrences.count() == 4
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    field = edit.context["form"]["repeat_weekdays"]
    assert field.value() == ["1", "3"]
    assert sum(1 for widget in field.subwidgets if widget.data["selected"]) == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end": f"{D1} 07:00"}, "end", "结束时间必须晚于开始时间。"),
        (
            {
                "all_day": "on",
                "start": f"{D1} 00:00",
                "end": f"{D1 - datetime.timedelta(days=1)} 00:00",
            },
            "end",
            "结束日期不能早于开始日期。",
        ),
        (
            {
                "repeat": "monthly_day",
                "repeat_count": "1",
                "exception_dates": inline_formset([{"date": f"{D1}", "reason": ""}]),
            },
            "repeat",
            "找不到任何一天可以举办活动",
        ),
        (
            {"repeat": "weekly", "repeat_until": f"{D1 - datetime.timedelta(days=14)}"},
            "repeat_until",
            "重复截止日期不能早于第一场活动的日期。",
        ),
        (
            {
                "registration_enabled": "on",
                "registration_opens": f"{D1 - datetime.timedelta(days=5)} 09:00",
                "registration_closes": f"{D1 - datetime.timedelta(days=6)} 09:00",
            },
            "registration_closes",
            "报名截止时间必须晚于报名开始时间。",
        ),
    ],
)
def test_bad_dates_get_a_chinese_message_and_nothing_is_saved(
    admin_client, event_index, overrides, field, message
):
    response = _add(admin_client, event_index, _event_form(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in str(error) for error in form.errors.get(field, [])), form.errors
    assert not EventPage.objects.filter(slug="clinic").exists()
    # What the editor typed is still in the form.
    assert "便民服务大厅" in response.content.decode()


def test_editors_preview_a_new_repeating_event_with_the_dates_of_their_draft(
    admin_client, event_index
):
    url = reverse("wagtailadmin_pages:preview_on_add", args=("events", "eventpage", event_index.pk))
    data = _event_form(repeat="monthly_day", repeat_count="3", registration_enabled="on")
    data.pop("action-publish")
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "每月义诊" in html and "每月15日，共3次" in html
    assert html.count('class="occurrence"') == 3
    assert not EventPage.objects.filter(slug="clinic").exists()


def test_an_event_with_registrations_for_coming_dates_is_not_deleted(admin_client, event):
    from events import services

    services.register(event.occurrences.get(), name="张三", phone="13812345678")
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=(event.pk,)))
    assert response.status_code == 302
    assert EventPage.objects.filter(pk=event.pk).exists()
    messages = admin_client.get(response["Location"]).content.decode()
    assert "不能删除" in messages


def test_an_event_without_registrations_can_be_deleted(admin_client, event):
    admin_client.post(reverse("wagtailadmin_pages:delete", args=(event.pk,)))
    assert not EventPage.objects.filter(pk=event.pk).exists()


def test_the_page_above_an_event_with_registrations_is_not_deleted(admin_client, event):
    from events import services

    services.register(event.occurrences.get(), name="张三", phone="13812345678")
    index = event.get_parent()
    admin_client.post(reverse("wagtailadmin_pages:delete", args=(index.pk,)))
    assert EventPage.objects.filter(pk=event.pk).exists()


def test_a_bulk_delete_keeps_events_with_registrations(admin_client, event):
    from events import services

    services.register(event.occurrences.get(), name="张三", phone="13812345678")
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    response = admin_client.post(f"{url}?id={event.pk}", {})
    assert response.status_code == 302
    assert EventPage.objects.filter(pk=event.pk).exists()
    assert "不能删除" in admin_client.get(response["Location"]).content.decode()


def test_a_bulk_delete_of_events_without_registrations_goes_through(admin_client, event):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    admin_client.post(f"{url}?id={event.pk}", {})
    assert not EventPage.objects.filter(pk=event.pk).exists()
