"""The reminder the day before, stored by a management command and sent by
the background worker through the outbox (core/mail.py)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.models import MailStatus, OutgoingMessage
from events import services
from tests.events.factories import days_from_now, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The command, with the mail it stores sent once it commits (by the
    tests' immediate task backend)."""

    def run(*args):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_event_reminders", *args, stdout=out)
        return out.getvalue()

    return run


def test_confirmed_registrants_of_tomorrow_get_one_reminder(event_index, run):
    tomorrow = make_event(event_index, title="明天的讲座", start=days_from_now(1, 9), capacity=1)
    later = make_event(event_index, title="下周的讲座", start=days_from_now(7, 9))
    occurrence = tomorrow.occurrences.get()
    services.register(occurrence, name="甲", phone="13800000001", email="a@example.cn")
    services.register(occurrence, name="乙", phone="13800000002", email="b@example.cn")  # waiting
    services.register(later.occurrences.get(), name="丙", phone="13800000003", email="c@example.cn")
    mail.outbox.clear()
    assert "已安排发送 1 封" in run()
    assert [m.to for m in mail.outbox] == [["a@example.cn"]]
    assert "明天的讲座" in mail.outbox[0].subject
    assert "/registrations/r/" in mail.outbox[0].body
    assert "已安排发送 0 封" in run()  # never twice
    assert len(mail.outbox) == 1


def test_reminders_for_a_chosen_date(event_index, run):
    event = make_event(event_index, start=days_from_now(5, 9))
    services.register(event.occurrences.get(), name="甲", phone="13800000001", email="a@x.cn")
    day = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    assert "已安排发送 1 封" in run("--date", day)


def test_a_failed_reminder_waits_in_the_outbox_and_is_not_stored_twice(event_index, settings, run):
    event = make_event(event_index, start=days_from_now(1, 9))
    services.register(event.occurrences.get(), name="甲", phone="13800000001", email="a@x.cn")
    settings.MAIL_DELIVERY_BACKEND = "tests.events.test_reminders.FailingBackend"
    assert "已安排发送 1 封" in run()
    message = OutgoingMessage.objects.get(to="a@x.cn", subject__contains="提醒")
    assert (message.status, message.attempts) == (MailStatus.RETRYING, 1)
    assert "mail server down" in message.last_error
    assert "已安排发送 0 封" in run()  # the outbox retries it; the command stores nothing twice
    assert OutgoingMessage.objects.filter(to="a@x.cn", subject__contains="提醒").count() == 1


def test_a_garbage_date_is_refused_in_chinese(run):
    with pytest.raises(CommandError, match="日期格式不正确"):
        run("--date", "明天")


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")
