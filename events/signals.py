"""Keep occurrence rows in step with an event's rule whenever it is published
(by an editor, a reviewer's approval or a scheduled publication); give an
account the guest registrations made with its number once it has proven it
holds that number."""

from wagtail.signals import page_published


def _sync_on_publish(sender, instance, **kwargs):
    from .models import EventPage
    from .schedule import sync_occurrences

    if isinstance(instance, EventPage):
        sync_occurrences(instance)


def link_guest_registrations(sender, user, **kwargs):
    """Receiver of ``accounts.signals.phone_verified``: registrations made
    without an account but with this number become the account's (they
    show in 我的活动报名), except where the account already has an active
    registration for the same date."""
    from .capacity import ACTIVE
    from .models import Registration

    own = Registration.objects.filter(user=user, status__in=ACTIVE).values("occurrence")
    Registration.objects.filter(user=None, phone=user.phone).exclude(
        status__in=ACTIVE, occurrence__in=own
    ).update(user=user)


def connect():
    from accounts.signals import phone_verified

    page_published.connect(_sync_on_publish, dispatch_uid="events-sync-occurrences")
    phone_verified.connect(link_guest_registrations, dispatch_uid="events-link-guests")
