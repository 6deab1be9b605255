"""Wagtail's own mail goes through the outbox too (core.mail.OutboxBackend):
a reviewer's notification of a submitted notice never holds the editor's
request, even when the mail server hangs, and is delivered by the worker."""

import pytest
from django.core import mail

from accounts import roles
from core.mail import check_delivery_backend
from core.models import MailStatus, OutgoingMessage
from tests.accounts.factories import UserFactory
from tests.home.test_workflow import _add_url, _notice_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _outbox_backend(settings):
    """Production's EMAIL_BACKEND, which Django's test set-up replaces by locmem."""
    settings.EMAIL_BACKEND = "core.mail.OutboxBackend"


def test_a_review_request_is_mailed_through_the_outbox_while_the_server_hangs(
    client, notice_index, task_queue, hanging_smtp_server, django_capture_on_commit_callbacks
):
    reviewer = UserFactory(roles=[roles.REVIEWERS], email="reviewer@example.cn")
    client.force_login(UserFactory(roles=[roles.EDITORS]))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_add_url(notice_index), _notice_form("请审核", "action-submit"))

    assert response.status_code == 302
    assert hanging_smtp_server == []  # the editor's request never opened a connection
    message = OutgoingMessage.objects.get(to="reviewer@example.cn")
    assert message.status == MailStatus.PENDING
    assert message.recipient == reviewer  # in the reviewer's 我的数据, erased with the account
    assert "请审核" in message.subject + message.body

    task_queue()  # the worker tries, the server never answers: retried later, not lost
    message.refresh_from_db()
    assert len(hanging_smtp_server) == 1
    assert message.status == MailStatus.RETRYING
    assert "超时" in message.last_error


def test_the_worker_delivers_wagtails_mail_with_the_delivery_backend(
    client, notice_index, django_capture_on_commit_callbacks
):
    UserFactory(roles=[roles.REVIEWERS], email="reviewer@example.cn")
    client.force_login(UserFactory(roles=[roles.EDITORS]))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_add_url(notice_index), _notice_form("请审核", "action-submit"))

    assert [m.to for m in mail.outbox] == [["reviewer@example.cn"]]
    assert OutgoingMessage.objects.get(to="reviewer@example.cn").status == MailStatus.SENT


def test_the_outbox_as_its_own_delivery_backend_stops_the_site_at_start(settings):
    settings.MAIL_DELIVERY_BACKEND = "core.mail.OutboxBackend"
    errors = check_delivery_backend()
    assert [error.id for error in errors] == ["core.E001"]
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert check_delivery_backend() == []
