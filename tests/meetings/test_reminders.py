"""send_meeting_reminders: before a period's end, branch administrators are
mailed once about what is still missing; nothing twice, nothing held."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from learning.meetings.models import ReminderSent
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """The command, with the reminders it stores in the outbox sent once it
    commits (core/mail.py)."""

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_meeting_reminders", "--date", day)

    return run


@pytest.fixture
def mailbox(branch_admin):
    branch_admin.email = "secretary@example.com"
    branch_admin.save()
    return mail.outbox


def test_a_period_ending_soon_is_reminded_once(branch, mailbox, remind):
    # 25 May: the month's 支委会 and 主题党日 are missing, May ends in 6 days.
    MeetingFactory(branch=branch, kind="committee", day=datetime.date(2026, 4, 10))
    remind("2026-05-25")
    assert len(mailbox) == 1
    body = mailbox[0].body
    assert "支部委员会" in body and "主题党日" in body and "5月" in body
    assert mailbox[0].to == ["secretary@example.com"]
    remind("2026-05-26")
    assert len(mailbox) == 1
    assert ReminderSent.objects.filter(period_start=datetime.date(2026, 5, 1)).count() == 2


def test_nothing_is_reminded_for_what_was_held_or_is_far_off(branch, mailbox, remind):
    MeetingFactory(branch=branch, kind="committee", day=datetime.date(2026, 5, 3))
    MeetingFactory(branch=branch, kind="themeday", day=datetime.date(2026, 5, 4))
    remind("2026-05-25")
    assert mailbox == []
    remind("2026-05-10")
    assert mailbox == []


def test_a_branch_without_an_address_is_tried_again_on_the_next_run(branch, branch_admin, remind):
    remind("2026-05-25")
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    branch_admin.email = "secretary@example.com"
    branch_admin.save()
    remind("2026-05-26")
    assert len(mail.outbox) == 1


def test_a_bad_date_is_refused_in_chinese(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期格式不正确"):
        call_command("send_meeting_reminders", "--date", "明天")
