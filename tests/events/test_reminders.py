"""The reminder the day before, sent by a management command."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from events import services
from tests.events.factories import days_from_now, make_event

pytestmark = pytest.mark.django_db


def _run(*args):
    import io

    out = io.StringIO()
    call_command("send_event_reminders", *args, stdout=out)
    return out.getvalue()


def test_confirmed_registrants_of_tomorrow_get_one_reminder(event_index):
    tomorrow = make_event(event_index, title="明天的讲座", start=days_from_now(1, 9), capacity=1)
    later = make_event(event_index, title="下周的讲座", start=days_from_now(7, 9))
    occurrence = tomorrow.occurrences.get()
    services.register(occurrence, name="甲", phone="13800000001", email="a@example.cn")
    services.register(occurrence, name="乙", phone="13800000002", email="b@example.cn")  # waiting
    services.register(later.occurrences.get(), name="丙", phone="13800000003", email="c@example.cn")
    mail.outbox.clear()
    assert "已发送 1 封" in _run()
    assert [m.to for m in mail.outbox] == [["a@example.cn"]]
    assert "明天的讲座" in mail.outbox[0].subject
    assert "/registrations/r/" in mail.outbox[0].body
    assert "已发送 0 封" in _run()  # never twice
    assert len(mail.outbox) == 1


def test_reminders_for_a_chosen_date(event_index):
    event = make_event(event_index, start=days_from_now(5, 9))
    services.register(event.occurrences.get(), name="甲", phone="13800000001", email="a@x.cn")
    day = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    assert "已发送 1 封" in _run("--date", day)


def test_a_failed_mail_is_tried_again_on_the_next_run(event_index, settings):
    event = make_event(event_index, start=days_from_now(1, 9))
    services.register(event.occurrences.get(), name="甲", phone="13800000001", email="a@x.cn")
    settings.EMAIL_BACKEND = "tests.events.test_reminders.FailingBackend"
    assert "已发送 0 封" in _run()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "已发送 1 封" in _run()


def test_a_garbage_date_is_refused_in_chinese():
    with pytest.raises(CommandError, match="日期格式不正确"):
        _run("--date", "明天")


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")
