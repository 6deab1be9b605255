"""Keep occurrence rows in step with an event's rule whenever it is published
(by an editor, a reviewer's approval or a scheduled publication)."""

from wagtail.signals import page_published


def _sync_on_publish(sender, instance, **kwargs):
    from .models import EventPage
    from .services import sync_occurrences

    if isinstance(instance, EventPage):
        sync_occurrences(instance)


def connect():
    page_published.connect(_sync_on_publish, dispatch_uid="events-sync-occurrences")
