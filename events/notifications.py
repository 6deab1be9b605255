"""E-mail to registrants (Django's mail backend: the console embedded, SMTP
when EMAIL_HOST is set). Called after commit with registration ids."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Registration

logger = logging.getLogger(__name__)


def absolute_url(page, path):
    """``path`` on the site that serves ``page`` (e-mail needs whole links)."""
    site = page.get_site()
    root = site.root_url if site else ""
    return f"{root}{path}"


def send_message(address, subject_template, body_template, context, about):
    """Render and send one e-mail to ``address``. Returns whether it went;
    never raises: a mail server that is down must not undo what the person
    just did (it is logged, naming ``about``)."""
    if not address:
        return False
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    try:
        send_mail(subject, body, None, [address])
    except Exception:
        logger.exception("could not send %s about %s", body_template, about)
        return False
    return True


def _send(registration, subject_template, body_template):
    occurrence = registration.occurrence
    event = occurrence.event
    context = {
        "registration": registration,
        "occurrence": occurrence,
        "event": event,
        "confirmation_url": absolute_url(
            event, reverse("events:confirmation", args=[registration.code])
        ),
        "event_url": event.get_full_url() or "",
    }
    return send_message(
        registration.email,
        subject_template,
        body_template,
        context,
        f"registration {registration.pk}",
    )


def _registrations(ids):
    return Registration.objects.select_related("occurrence__event").filter(pk__in=ids)


def promoted(ids):
    for registration in _registrations(ids):
        _send(registration, "events/email/promoted_subject.txt", "events/email/promoted.txt")


def moved_to_waiting(ids):
    """Tell those moved back to the waiting list when the places were lowered."""
    for registration in _registrations(ids):
        _send(registration, "events/email/waiting_subject.txt", "events/email/waiting.txt")


def occurrence_cancelled(ids):
    for registration in _registrations(ids):
        _send(registration, "events/email/cancelled_subject.txt", "events/email/cancelled.txt")


def reminder(registration_id):
    registration = _registrations([registration_id]).first()
    if registration is None:
        return False
    return _send(registration, "events/email/reminder_subject.txt", "events/email/reminder.txt")
