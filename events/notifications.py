"""E-mail to registrants (Django's mail backend: the console embedded, SMTP
when EMAIL_HOST is set). Called after commit with registration ids."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Registration

logger = logging.getLogger(__name__)


def _absolute(event, path):
    site = event.get_site()
    root = site.root_url if site else ""
    return f"{root}{path}"


def _send(registration, subject_template, body_template):
    if not registration.email:
        return False
    occurrence = registration.occurrence
    event = occurrence.event
    context = {
        "registration": registration,
        "occurrence": occurrence,
        "event": event,
        "confirmation_url": _absolute(
            event, reverse("events:confirmation", args=[registration.code])
        ),
        "event_url": event.get_full_url() or "",
    }
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    try:
        send_mail(subject, body, None, [registration.email])
    except Exception:  # a mail server that is down must not undo a registration
        logger.exception("could not send %s to registration %s", body_template, registration.pk)
        return False
    return True


def _registrations(ids):
    return Registration.objects.select_related("occurrence__event").filter(pk__in=ids)


def promoted(ids):
    for registration in _registrations(ids):
        _send(registration, "events/email/promoted_subject.txt", "events/email/promoted.txt")


def occurrence_cancelled(ids):
    for registration in _registrations(ids):
        _send(registration, "events/email/cancelled_subject.txt", "events/email/cancelled.txt")


def reminder(registration_id):
    registration = _registrations([registration_id]).first()
    if registration is None:
        return False
    return _send(registration, "events/email/reminder_subject.txt", "events/email/reminder.txt")
