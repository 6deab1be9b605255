"""Occurrence rows follow the rule on publish without losing registrations."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import OutgoingMessage
from events import schedule, services
from events.models import EventExceptionDate, Occurrence, Registration
from tests.events.factories import days_from_now, make_event, publish

pytestmark = pytest.mark.django_db


def _weekly(event_index, **fields):
    start = days_from_now(2, 19)
    return make_event(
        event_index,
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_count=4,
        **fields,
    )


def _days(event):
    return [o.day for o in event.occurrences.filter(cancelled=False).order_by("start")]


def test_publishing_makes_one_occurrence_per_date(event_index):
    event = _weekly(event_index)
    first = event.start.astimezone(timezone.get_current_timezone()).date()
    assert _days(event) == [first + datetime.timedelta(weeks=n) for n in range(4)]
    assert event.occurrences.filter(capacity=10).count() == 4


def test_an_exception_date_added_later_cancels_that_date_and_tells_registrants(
    event_index, django_capture_on_commit_callbacks
):
    event = _weekly(event_index)
    second = event.occurrences.order_by("start")[1]
    registration = services.register(
        second, name="张三", phone="13812345678", email="zhang@example.cn"
    )
    mail.outbox.clear()
    event.exception_dates.add(EventExceptionDate(date=second.day, reason="社区停电"))
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    second.refresh_from_db()
    registration.refresh_from_db()
    assert second.cancelled  # kept, with its registration, never silently deleted
    assert registration.status == "cancelled" and registration.cancel_reason == "活动场次取消"
    assert second.day not in _days(event)
    assert [m.to for m in mail.outbox] == [["zhang@example.cn"]]
    assert "活动取消" in mail.outbox[0].subject


def test_the_cancellation_mail_of_a_dropped_date_is_written_by_the_worker(
    event_index, task_queue, django_capture_on_commit_callbacks
):
    event = _weekly(event_index)
    second = event.occurrences.order_by("start")[1]
    services.register(second, name="张三", phone="13812345678", email="zhang@example.cn")
    OutgoingMessage.objects.all().delete()
    task_queue()
    event.exception_dates.add(EventExceptionDate(date=second.day, reason="社区停电"))
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert not OutgoingMessage.objects.exists()  # nothing rendered in the publishing request
    assert DBTaskResult.objects.ready().filter(task_path__endswith="tell_occurrence_cancelled")

    with django_capture_on_commit_callbacks(execute=True):
        task_queue()
    task_queue()  # the delivery the outbox queued

    message = OutgoingMessage.objects.get()
    assert (message.to, message.status) == ("zhang@example.cn", "sent")
    assert "活动取消" in message.subject


def test_a_removed_date_without_registrations_is_deleted(event_index):
    event = _weekly(event_index)
    event.repeat_count = 2
    publish(event)
    assert event.occurrences.count() == 2


def test_a_change_of_time_keeps_the_registrations(event_index):
    event = _weekly(event_index)
    first = event.occurrences.order_by("start").first()
    registration = services.register(first, name="张三", phone="13812345678")
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    event.place = "新地点"
    publish(event)
    first.refresh_from_db()
    registration.refresh_from_db()
    assert first.local_start.hour == 20
    assert registration.is_confirmed and registration.occurrence_id == first.pk


def test_more_places_move_the_waiting_list_up(event_index):
    event = make_event(event_index, capacity=1)
    occurrence = event.occurrences.get()
    services.register(occurrence, name="甲", phone="13800000001")
    waiting = services.register(occurrence, name="乙", phone="13800000002")
    assert waiting.is_waiting
    event.capacity = 2
    publish(event)
    waiting.refresh_from_db()
    assert waiting.is_confirmed and waiting.promoted_at is not None


def test_past_occurrences_are_history_and_are_not_touched(event_index):
    event = _weekly(event_index)
    first = event.occurrences.order_by("start").first()
    services.register(first, name="张三", phone="13812345678")
    later = first.end + datetime.timedelta(days=1)
    event.repeat_count = 1
    event.place = "别处"
    schedule.sync_occurrences(event, now=later + datetime.timedelta(weeks=5))
    first.refresh_from_db()
    assert not first.cancelled
    assert first.registrations.get().is_confirmed


def test_an_endless_rule_is_materialised_for_a_year_and_moved_on_daily(event_index):
    start = days_from_now(1, 7)
    event = make_event(
        event_index, start=start, end=start + datetime.timedelta(hours=1), repeat="weekly"
    )
    count = event.occurrences.count()
    assert 52 <= count <= 53
    schedule.sync_occurrences(event, now=timezone.now() + datetime.timedelta(days=60))
    assert event.occurrences.count() > count
    call_command("sync_event_occurrences", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_deleting_nothing_when_an_event_becomes_a_one_off(event_index):
    event = _weekly(event_index)
    occurrences = list(event.occurrences.order_by("start"))
    services.register(occurrences[2], name="张三", phone="13812345678")
    event.repeat = "none"
    publish(event)
    assert _days(event) == [occurrences[0].day]
    assert Occurrence.objects.get(pk=occurrences[2].pk).cancelled
    assert Registration.objects.get().status == "cancelled"
