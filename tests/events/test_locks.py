"""A registration's lock holds its date's row only (``capacity.lock`` takes
``FOR UPDATE OF`` the occurrence): while a resident's registration is being
written, an editor saving the event's page (an UPDATE of ``wagtailcore_page``)
does not wait. Row locks exist on PostgreSQL only (on SQLite
``select_for_update`` does nothing), so this runs there."""

import pytest
from django.db import connection, models

from events import capacity
from events.models import EventPage, Occurrence
from tests.accounts.factories import UserFactory
from tests.events.factories import EventIndexPageFactory, make_event
from tests.home.factories import make_site_home
from tests.row_locks import goes_through, held

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks exist on PostgreSQL only"
    ),
]


@pytest.fixture
def event():
    index = EventIndexPageFactory(parent=make_site_home())
    return make_event(index, title="锁测试讲座", capacity=10)


def _save_a_draft(event):
    def action():
        page = EventPage.objects.get(pk=event.pk)
        page.title = "锁测试讲座（改期通知）"
        page.save_revision(user=UserFactory())

    return action


def _take_the_date(event):
    occurrence = event.occurrences.get()

    def action():
        Occurrence.objects.select_for_update(nowait=True).get(pk=occurrence.pk)

    return action


def test_an_editor_saves_the_event_page_while_a_registration_holds_its_date(event):
    occurrence = event.occurrences.get()
    with held(lambda: capacity.lock(occurrence)):
        draft_saved = goes_through(_save_a_draft(event))
        date_taken = goes_through(_take_the_date(event))
    assert draft_saved
    assert EventPage.objects.get(pk=event.pk).draft_title == "锁测试讲座（改期通知）"
    assert not date_taken  # the registration's lock is real: the date itself is held


class _JoiningManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("event")


def test_the_lock_keeps_to_the_holders_row_even_when_its_query_joins_the_page(event, monkeypatch):
    """A holder whose manager follows its page (here the occurrence's, made
    to join ``events_eventpage`` and ``wagtailcore_page``): without ``of``
    the lock would hold the page rows and the editor would wait."""
    manager = _JoiningManager()
    manager.model = Occurrence
    monkeypatch.setattr(Occurrence._meta, "default_manager", manager)
    occurrence = event.occurrences.get()
    with held(lambda: capacity.lock(occurrence)):
        assert goes_through(_save_a_draft(event))
