"""Mail is never lost (core/mail.py): every message is stored, sent by the
background worker after commit, retried with back-off, and a mail server
that refuses or hangs never touches the request that caused the message."""

import datetime
import io
import os
import smtplib
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from accounts import roles
from core import mail as outbox
from core.models import MailStatus, OutgoingMessage
from events import services
from tests.accounts.factories import UserFactory
from tests.events.factories import EventIndexPageFactory, make_event

pytestmark = pytest.mark.django_db


class RefusingBackend:
    """A mail server that refuses every connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


class AddressRefusingBackend(RefusingBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"w@example.cn": (550, b"no such user")})


@pytest.fixture
def full_occurrence(home_page):
    """A date with its 10 places taken and one resident waiting, with an address."""
    event = make_event(EventIndexPageFactory(parent=home_page), capacity=10)
    occurrence = event.occurrences.get()
    confirmed = [
        services.register(occurrence, name=f"居民{n}", phone=f"1380000{n:04d}") for n in range(10)
    ]
    waiting = services.register(occurrence, name="候补", phone="13800009999", email="w@example.cn")
    return confirmed[0], waiting


def _cancel_through_the_web(client, registration, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:cancel", args=[registration.code]))
    assert response.status_code == 302
    return OutgoingMessage.objects.get(to="w@example.cn")


def _make_due(message):
    """Time passes: the message's retry is due now."""
    now = timezone.now()
    OutgoingMessage.objects.filter(pk=message.pk).update(next_attempt_at=now)
    DBTaskResult.objects.filter(status="READY").update(run_after=now)


def test_a_refusing_mail_server_never_breaks_the_request_and_the_message_is_retried(
    client, full_occurrence, task_queue, settings, django_capture_on_commit_callbacks
):
    cancelled, waiting = full_occurrence
    settings.MAIL_DELIVERY_BACKEND = "tests.core.test_mail.RefusingBackend"

    message = _cancel_through_the_web(client, cancelled, django_capture_on_commit_callbacks)

    assert message.status == MailStatus.PENDING  # stored, not yet tried
    assert "候补转正" in message.subject
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"  # what the person did stands

    task_queue()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MailStatus.RETRYING, 1)
    assert "拒绝连接" in message.last_error
    assert message.next_attempt_at > timezone.now()
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == message.next_attempt_at  # the back-off waits in the queue

    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _make_due(message)
    task_queue()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MailStatus.SENT, 2)
    assert message.sent_at is not None and message.last_error == ""
    assert [m.to for m in mail.outbox] == [["w@example.cn"]]


def test_a_hanging_mail_server_is_not_contacted_by_the_request_and_times_out_in_the_worker(
    client, full_occurrence, task_queue, hanging_smtp_server, django_capture_on_commit_callbacks
):
    cancelled, _ = full_occurrence

    message = _cancel_through_the_web(client, cancelled, django_capture_on_commit_callbacks)

    assert hanging_smtp_server == []  # the request never opened a connection
    task_queue()
    assert len(hanging_smtp_server) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MailStatus.RETRYING, 1)
    assert "超时" in message.last_error


def test_a_refused_address_fails_at_once_with_the_reason(settings):
    settings.MAIL_DELIVERY_BACKEND = "tests.core.test_mail.AddressRefusingBackend"
    message = OutgoingMessage.objects.create(to="w@example.cn", subject="s", body="b")
    assert outbox.deliver(message.pk) == MailStatus.FAILED
    message.refresh_from_db()
    assert message.attempts == 1 and "拒收" in message.last_error


def test_a_message_fails_after_the_last_attempt(settings):
    settings.MAIL_DELIVERY_BACKEND = "tests.core.test_mail.RefusingBackend"
    settings.MAIL_MAX_ATTEMPTS = 3
    message = OutgoingMessage.objects.create(to="a@example.cn", subject="s", body="b")
    statuses = []
    for _ in range(3):
        statuses.append(outbox.deliver(message.pk, now=timezone.now() + datetime.timedelta(days=1)))
    assert statuses == [MailStatus.RETRYING, MailStatus.RETRYING, MailStatus.FAILED]
    message.refresh_from_db()
    assert message.attempts == 3 and message.next_attempt_at is None


def test_the_wait_grows_with_each_failed_attempt(settings):
    settings.MAIL_RETRY_SECONDS = 60
    assert [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3)] == [60, 180, 540]


def test_a_retry_that_is_not_yet_due_sends_nothing(settings):
    message = OutgoingMessage.objects.create(
        to="a@example.cn",
        subject="s",
        body="b",
        status=MailStatus.RETRYING,
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    assert outbox.deliver(message.pk) is None
    assert mail.outbox == []


def test_two_deliveries_of_one_message_send_it_once(task_queue):
    message = OutgoingMessage.objects.create(to="a@example.cn", subject="s", body="b")
    outbox.deliver_message.enqueue(message.pk)
    outbox.deliver_message.enqueue(message.pk)

    task_queue()

    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MailStatus.SENT, 1)


def test_a_message_whose_worker_died_while_sending_is_sent_again_by_the_reaper(
    task_queue, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    message = OutgoingMessage.objects.create(to="a@example.cn", subject="s", body="b")
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=MailStatus.SENDING, attempts=1, last_attempt_at=long_ago
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("reap_stale_tasks", older_than=120, stdout=io.StringIO())
    task_queue()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MailStatus.SENT, 2)
    assert len(mail.outbox) == 1


# --- The admin: 设置 › 邮件发送记录 ----------------------------------------------------


@pytest.fixture
def failed_message():
    return OutgoingMessage.objects.create(
        to="w@example.cn",
        subject="候补转正通知",
        body="您已转为正式报名。",
        status=MailStatus.FAILED,
        attempts=6,
        last_error="邮件服务器拒绝连接：ConnectionRefusedError",
    )


def test_an_administrator_sees_each_message_with_its_state_and_reason(client, failed_message):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("outgoing_mail:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "候补转正通知" in html and "失败" in html and "邮件服务器拒绝连接" in html
    inspect = client.get(reverse("outgoing_mail:inspect", args=[failed_message.pk]))
    assert "立即重发" in inspect.content.decode()


def test_nobody_edits_or_deletes_a_message_in_the_admin(client, failed_message):
    client.force_login(UserFactory(is_superuser=True))
    for name in ("edit", "delete"):
        response = client.get(reverse(f"outgoing_mail:{name}", args=[failed_message.pk]))
        assert response.status_code in (302, 403)
    assert client.get(reverse("outgoing_mail:add")).status_code in (302, 403)
    failed_message.refresh_from_db()
    assert failed_message.status == MailStatus.FAILED


def test_retry_now_sends_a_failed_message_and_is_logged(
    client, failed_message, django_capture_on_commit_callbacks
):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outgoing_mail:retry", args=[failed_message.pk]))
    assert response.status_code == 302
    failed_message.refresh_from_db()
    assert failed_message.status == MailStatus.SENT
    assert [m.to for m in mail.outbox] == [["w@example.cn"]]
    assert ModelLogEntry.objects.filter(action="core.mail.retry", user=admin).exists()


def test_a_sent_message_cannot_be_sent_again(client, failed_message):
    OutgoingMessage.objects.filter(pk=failed_message.pk).update(
        status=MailStatus.SENT, sent_at=timezone.now()
    )
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(reverse("outgoing_mail:retry", args=[failed_message.pk]), follow=True)
    assert "只有“失败”或“重试中”的邮件可以立即重发" in response.content.decode()
    assert mail.outbox == []


def test_staff_without_the_permission_neither_see_nor_retry_messages(client, failed_message):
    client.force_login(UserFactory(roles=[roles.REVIEWERS]))
    assert client.get(reverse("outgoing_mail:index")).status_code in (302, 403)
    response = client.post(reverse("outgoing_mail:retry", args=[failed_message.pk]))
    assert response.status_code in (302, 403)
    failed_message.refresh_from_db()
    assert failed_message.status == MailStatus.FAILED
    with pytest.raises(outbox.MailError):
        outbox.retry_now(failed_message, UserFactory())


# --- 我的数据 and retention --------------------------------------------------------------


def test_my_data_exports_the_mail_written_to_me_and_erasing_the_account_deletes_it():
    from accounts import personal_data

    user = UserFactory(email="me@example.cn")
    mine = OutgoingMessage.objects.create(
        to="other@example.cn", recipient=user, subject="a", body="b"
    )
    to_my_address = OutgoingMessage.objects.create(to="ME@example.cn", subject="c", body="d")
    someone_elses = OutgoingMessage.objects.create(to="x@example.cn", subject="e", body="f")

    exported = personal_data.export(user)["outgoing_mail"]
    assert sorted(item["subject"] for item in exported) == ["a", "c"]

    personal_data.erase_account(user, user)

    remaining = set(OutgoingMessage.objects.values_list("pk", flat=True))
    assert remaining == {someone_elses.pk}
    assert mine.pk not in remaining and to_my_address.pk not in remaining


def test_old_sent_and_failed_messages_are_pruned_and_waiting_ones_kept():
    old = timezone.now() - datetime.timedelta(days=40)
    for status in (MailStatus.SENT, MailStatus.FAILED, MailStatus.RETRYING):
        message = OutgoingMessage.objects.create(
            to="a@example.cn", subject=status, body="b", status=status, sent_at=timezone.now()
        )
        OutgoingMessage.objects.filter(pk=message.pk).update(created_at=old)
    OutgoingMessage.objects.create(
        to="a@example.cn", subject="recent", body="b", status=MailStatus.SENT, sent_at=old
    )

    out = io.StringIO()
    call_command("prune_outgoing_mail", days=30, stdout=out)

    assert "已删除 2 封" in out.getvalue()
    assert set(OutgoingMessage.objects.values_list("subject", flat=True)) == {"retrying", "recent"}


def test_the_file_backend_delivers_where_the_email_file_path_variable_says(settings, tmp_path):
    """An operator (or bench/operations.py) may deliver into files: with
    EMAIL_BACKEND=...filebased.EmailBackend the worker writes each message
    under EMAIL_FILE_PATH instead of retrying for ever without a folder."""
    folder = tmp_path / "mail"
    shown = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW_MAIL_SETTINGS],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": "",
            "VAR_DIR": str(tmp_path),
            "EMAIL_BACKEND": FILE_BACKEND,
            "EMAIL_FILE_PATH": str(folder),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.stdout.splitlines()[-1].split() == [FILE_BACKEND, str(folder)], shown.stderr
    settings.MAIL_DELIVERY_BACKEND, settings.EMAIL_FILE_PATH = FILE_BACKEND, str(folder)
    message = OutgoingMessage.objects.create(to="f@example.cn", subject="报名候补转正", body="b")
    assert outbox.deliver(message.pk) == MailStatus.SENT
    (written,) = folder.iterdir()
    assert "f@example.cn" in written.read_text()


FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
SHOW_MAIL_SETTINGS = "from django.conf import settings; print(settings.MAIL_DELIVERY_BACKEND, settings.EMAIL_FILE_PATH)"
ROOT = Path(__file__).resolve().parents[2]
