"""E-mail that is never lost: the one door every message the site sends goes
through.

``send_message`` renders the message and stores it as an ``OutgoingMessage``
(待发送); after the change that caused it commits, the ``deliver_message``
task sends it in the background worker. A mail server that refuses or hangs
(``EMAIL_TIMEOUT``) never holds or breaks the request that caused the
message: the attempt fails in the worker, the message waits 重试中 with
back-off (``MAIL_RETRY_SECONDS`` × 3ⁿ) and is 失败 with the reason after
``MAIL_MAX_ATTEMPTS`` attempts, or at once when the server refuses the
address itself. An administrator sees every message's state in 设置 ›
邮件发送记录 and may send a failed one again (``retry_now``).
See docs/operations.md "E-mail".
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from .errors import DomainError
from .log_actions import log
from .models import MailStatus, OutgoingMessage
from .text import clean_text

logger = logging.getLogger(__name__)

RETRY_PERMISSION = "core.retry_outgoingmessage"
# A message due this long ago and still not sent lost its task (a worker that
# died while sending): ``requeue_stalled`` queues it again.
STALLED_AFTER = datetime.timedelta(minutes=10)
_WAITING = (MailStatus.PENDING, MailStatus.RETRYING)


class MailError(DomainError):
    pass


def send_message(address, subject_template, body_template, context, about, recipient=None):
    """Render one e-mail to ``address`` and store it to be sent after the
    current transaction commits; ``recipient`` is the account it is written
    to, if any. Returns whether a message was stored (no address, no
    message). Never talks to the mail server."""
    if not address:
        return False
    store(
        address,
        render_to_string(subject_template, context),
        render_to_string(body_template, context),
        about,
        recipient,
    )
    return True


def store(address, subject, body, about, recipient=None):
    """Store one message to ``address`` and queue its delivery for after the
    current transaction commits."""
    message = OutgoingMessage.objects.create(
        to=address,
        recipient=recipient,
        subject=clean_text(subject, max_length=255),
        body=body,
        about=about[:100],
    )
    # robust: a queue that cannot be written now must not break the request
    # that has already committed; reap_stale_tasks queues the message later.
    transaction.on_commit(lambda: deliver_message.enqueue(message.pk), robust=True)
    return message


class OutboxBackend(BaseEmailBackend):
    """``EMAIL_BACKEND``: mail sent with Django's own API by code that is
    not ours — Wagtail's workflow notifications to reviewers, a password
    reset — is stored in the outbox like ours, one message per address, and
    delivered by the worker through ``MAIL_DELIVERY_BACKEND``. Only the text
    part is kept (HTML alternatives and attachments are dropped: the site
    sends neither itself); a message to the address of exactly one account
    is linked to it, so 我的数据 exports it and erasure deletes it."""

    def send_messages(self, email_messages):
        stored = 0
        for email in email_messages:
            about = _("系统邮件：%(subject)s") % {
                "subject": clean_text(email.subject, max_length=60)
            }
            for address in email.recipients():
                store(address, email.subject, email.body, about, _account_of(address))
                stored += 1
        return stored


def _account_of(address):
    accounts = list(get_user_model().objects.filter(email__iexact=address)[:2])
    return accounts[0] if len(accounts) == 1 else None


@checks.register(checks.Tags.compatibility)
def check_delivery_backend(app_configs=None, **kwargs):
    """The worker must deliver through a real backend: the outbox as its own
    delivery backend would store each message again, for ever."""
    if import_string(settings.MAIL_DELIVERY_BACKEND) is OutboxBackend:
        return [
            checks.Error(
                "MAIL_DELIVERY_BACKEND (the EMAIL_BACKEND variable) names the outbox itself",
                hint="Name the backend that talks to the mail server, e.g. "
                "django.core.mail.backends.smtp.EmailBackend.",
                id="core.E001",
            )
        ]
    return []


@task()
def deliver_message(message_id):
    """The background task: one attempt at sending one stored message."""
    return deliver(message_id)


def deliver(message_id, now=None):
    """Claim the message if it is due, send it, record the outcome. Two
    tasks for one message (a retry asked for by hand beside a scheduled one)
    never both send: only one claim succeeds. Returns the new status, or
    None when the message was not due."""
    now = now or timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    with transaction.atomic():
        message = (
            OutgoingMessage.objects.select_for_update()
            .filter(due, pk=message_id, status__in=_WAITING)
            .first()
        )
        if message is None:
            return None
        message.status = MailStatus.SENDING
        message.attempts += 1
        message.last_attempt_at = now
        message.save(update_fields=["status", "attempts", "last_attempt_at"])
    # Outside any transaction: the SMTP conversation (at most EMAIL_TIMEOUT
    # per step) must not hold a database lock.
    try:
        EmailMessage(
            message.subject,
            message.body,
            None,
            [message.to],
            connection=get_connection(settings.MAIL_DELIVERY_BACKEND),
        ).send()
    except Exception as error:  # every failure is recorded on the message
        return _failed(message, error, timezone.now())
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=MailStatus.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
    )
    return MailStatus.SENT


def _reason(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        label = _("邮件服务器拒收这个地址")
    elif isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError):
        # smtplib reports a server that stopped answering as "disconnected".
        label = _("邮件服务器没有响应（超时）")
    elif isinstance(error, ConnectionRefusedError):
        label = _("邮件服务器拒绝连接")
    elif isinstance(error, smtplib.SMTPAuthenticationError):
        label = _("邮件服务器登录失败，请检查 EMAIL_HOST_USER 和 EMAIL_HOST_PASSWORD")
    else:
        label = _("发送失败")
    return f"{label}：{type(error).__name__}: {error}"[:1000]


def retry_delay(attempts):
    """Wait before the next attempt after ``attempts`` failed ones."""
    return datetime.timedelta(seconds=settings.MAIL_RETRY_SECONDS * 3 ** (attempts - 1))


def _failed(message, error, now):
    permanent = isinstance(error, smtplib.SMTPRecipientsRefused)
    logger.warning("could not send message %s (%s): %s", message.pk, message.about, error)
    values = {"last_error": _reason(error)}
    if permanent or message.attempts >= settings.MAIL_MAX_ATTEMPTS:
        values.update(status=MailStatus.FAILED, next_attempt_at=None)
    else:
        values.update(
            status=MailStatus.RETRYING, next_attempt_at=now + retry_delay(message.attempts)
        )
    OutgoingMessage.objects.filter(pk=message.pk).update(**values)
    if values["status"] == MailStatus.RETRYING:
        _enqueue(message.pk, at=values["next_attempt_at"])
    return values["status"]


def _enqueue(message_id, at=None):
    """Queue a delivery, at ``at`` where the backend can wait (the database
    queue can; the tests' immediate backend cannot, and leaves the message
    for ``requeue_stalled``)."""
    if at is None:
        deliver_message.enqueue(message_id)
    elif default_task_backend.supports_defer:
        deliver_message.using(run_after=at).enqueue(message_id)


def retry_now(message, actor, now=None):
    """An administrator sends a failed (or waiting) message again now."""
    if not (actor.is_active and actor.has_perm(RETRY_PERMISSION)):
        raise MailError(_("您没有重发邮件的权限。"))
    now = now or timezone.now()
    with transaction.atomic():
        message = OutgoingMessage.objects.select_for_update().get(pk=message.pk)
        if message.status not in (MailStatus.FAILED, MailStatus.RETRYING):
            raise MailError(_("只有“失败”或“重试中”的邮件可以立即重发。"))
        message.status = MailStatus.RETRYING
        message.next_attempt_at = now
        message.save(update_fields=["status", "next_attempt_at"])
        log(message, "core.mail.retry", actor)
        transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def requeue_stalled(now=None):
    """Queue again the messages whose task was lost: due (or being sent)
    for longer than ``STALLED_AFTER``. Returns how many."""
    now = now or timezone.now()
    cutoff = now - STALLED_AFTER
    with transaction.atomic():
        OutgoingMessage.objects.filter(
            status=MailStatus.SENDING, last_attempt_at__lt=cutoff
        ).update(
            status=MailStatus.RETRYING,
            next_attempt_at=now,
            last_error=_("发送中断（后台进程停止），将重新发送"),
        )
        stalled = list(
            OutgoingMessage.objects.filter(status__in=_WAITING)
            .filter(
                Q(next_attempt_at__lt=cutoff)
                | Q(next_attempt_at__isnull=True, created_at__lt=cutoff)
                | Q(next_attempt_at=now)
            )
            .values_list("pk", flat=True)
        )
        for message_id in stalled:
            transaction.on_commit(lambda message_id=message_id: _enqueue(message_id))
    return len(stalled)


def prune(older_than, now=None):
    """Delete sent and failed messages older than ``older_than`` (a
    timedelta): the outbox is a record of delivery, not an archive of
    what people were told. Returns how many."""
    now = now or timezone.now()
    deleted, _counts = OutgoingMessage.objects.filter(
        status__in=(MailStatus.SENT, MailStatus.FAILED), created_at__lt=now - older_than
    ).delete()
    return deleted
