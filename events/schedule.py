"""When an event happens: its occurrence rows kept in step with its rule up
to the horizon (``sync_occurrences``, on publishing and daily), and the
reminders sent the day before (``send_reminders``, daily). Registering,
cancelling and fitting a date's places are in ``services``.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import local_zone

from . import capacity, notifications
from .capacity import RegistrationStatus
from .models import EventPage, Occurrence, Registration
from .recurrence import HORIZON_DAYS

# The check-in QR code signs the registration's id under this salt. It used
# to sign the secret ``code`` (salt "events.check-in"), which let whoever
# scanned it open the confirmation page and cancel; such codes are refused.
from .services import fit_capacity

# --- Occurrences --------------------------------------------------------------------


@dataclass
class SyncResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    deleted: int = 0


def sync_occurrences(event, now=None, horizon_days=HORIZON_DAYS):
    """Make the event's occurrence rows match its rule, up to the horizon.

    An occurrence is identified by its local date: a change of time or place
    keeps its registrations. Past occurrences are never touched. A future
    date the rule no longer produces is deleted when nobody is registered;
    otherwise it is marked cancelled, its registrations are cancelled (not
    deleted) and the people are told. A larger capacity promotes people from
    the waiting list; a smaller one than is confirmed (the editor's form
    refuses it, but someone may register between the form and publishing)
    moves the latest confirmed back to the head of the waiting list.
    """
    now = now or timezone.now()
    event = EventPage.objects.get(pk=event.pk)  # the base row, whatever the subclass
    zone = local_zone()
    today = now.astimezone(zone).date()
    wanted = {
        start.astimezone(zone).date(): (start, end)
        for start, end in event.schedule().occurrences(
            until=today + datetime.timedelta(days=horizon_days)
        )
    }
    result = SyncResult()
    opens_offset = event.registration_opens - event.start if event.registration_opens else None
    closes_offset = event.registration_closes - event.start if event.registration_closes else None

    with transaction.atomic():
        existing = {o.day: o for o in event.occurrences.all()}
        for day, (start, end) in sorted(wanted.items()):
            values = {
                "start": start,
                "end": end,
                "capacity": event.capacity if event.registration_enabled else None,
                "registration_opens": start + opens_offset if opens_offset is not None else None,
                "registration_closes": start + closes_offset if closes_offset is not None else None,
                "cancelled": False,
            }
            occurrence = existing.pop(day, None)
            if occurrence is None:
                if end < now:
                    continue  # a new rule does not invent past dates
                result.created.append(Occurrence.objects.create(event=event, day=day, **values))
                continue
            if occurrence.end < now and end < now:
                continue  # history stays as it was
            occurrence = capacity.lock(occurrence)
            changed = [name for name, value in values.items() if getattr(occurrence, name) != value]
            if changed:
                for name in changed:
                    setattr(occurrence, name, values[name])
                occurrence.save(update_fields=changed)
                result.updated.append(occurrence)
                # Re-checked here, under the lock and after the write: the
                # form's check ran earlier, and people may have registered since.
                fit_capacity(occurrence, now)
        for occurrence in existing.values():
            if occurrence.end < now or occurrence.cancelled:
                continue
            occurrence = capacity.lock(occurrence)
            active = list(occurrence.registrations.filter(status__in=capacity.ACTIVE))
            if not active and not occurrence.registrations.exists():
                occurrence.delete()
                result.deleted += 1
                continue
            occurrence.cancelled = True
            occurrence.save(update_fields=["cancelled"])
            occurrence.registrations.filter(status__in=capacity.ACTIVE).update(
                status=RegistrationStatus.CANCELLED,
                cancelled_at=now,
                cancel_reason=_("活动场次取消"),
            )
            result.cancelled.append(occurrence)
            ids = [r.pk for r in active]
            if ids:
                notifications.tell_occurrence_cancelled.enqueue(ids)
    return result


def sync_all_occurrences(now=None):
    """Move every live event's horizon on (run daily, see docs/operations.md "Scheduled jobs")."""
    count = 0
    for event in EventPage.objects.live().only("pk"):
        sync_occurrences(event, now=now)
        count += 1
    return count


# --- Reminders --------------------------------------------------------------------


def send_reminders(day=None, now=None):
    """E-mail everyone confirmed for an occurrence on ``day`` (default:
    tomorrow) who has an address and has not been reminded. Returns the
    number of messages stored for the background worker to send (and retry,
    core/mail.py); running it twice stores nothing twice."""
    now = now or timezone.now()
    day = day or (timezone.localtime(now).date() + datetime.timedelta(days=1))
    registrations = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        occurrence__day=day,
        occurrence__cancelled=False,
        occurrence__event__live=True,
    ).exclude(email="")
    sent = 0
    for registration_id in registrations.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration_id, reminded_at__isnull=True
            ).update(reminded_at=now)
        if not claimed:
            continue
        if notifications.reminder(registration_id):
            sent += 1
        else:  # nothing stored (the registration has gone): try again on the next run
            Registration.objects.filter(pk=registration_id).update(reminded_at=None)
    return sent
