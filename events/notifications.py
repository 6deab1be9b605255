"""E-mail to registrants (``core.mail.send_message``). Called after commit
with registration ids."""

from django.urls import reverse
from django_tasks import task

from core import mail, site_url

from .models import Registration


def _send(registration, subject_template, body_template):
    occurrence = registration.occurrence
    event = occurrence.event
    context = {
        "registration": registration,
        "occurrence": occurrence,
        "event": event,
        "confirmation_url": site_url.absolute_url(
            reverse("events:confirmation", args=[registration.code])
        ),
        "event_url": event.get_full_url() or "",
    }
    return mail.send_message(
        registration.email,
        subject_template,
        body_template,
        context,
        f"registration {registration.pk}",
        recipient=registration.user,
    )


def _registrations(ids):
    return Registration.objects.select_related("occurrence__event", "user").filter(pk__in=ids)


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


@task()
def tell_occurrence_cancelled(ids):
    """The background task: write the cancellation e-mail of each of the
    registrations ``ids`` (a date the rule dropped, schedule.sync_occurrences)
    into the outbox. Queued in the transaction that cancelled them, so the
    publishing request renders none of them, and a rolled-back change tells
    nobody."""
    occurrence_cancelled(ids)
    return len(ids)


def reminder(registration_id):
    registration = _registrations([registration_id]).first()
    if registration is None:
        return False
    return _send(registration, "events/email/reminder_subject.txt", "events/email/reminder.txt")
