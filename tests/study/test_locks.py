"""The roll call's lock holds the session's own row only: an editor saving
or publishing the page (an UPDATE of ``wagtailcore_page``) is not blocked
while an administrator saves the roll. Row locks exist on PostgreSQL only
(on SQLite ``select_for_update`` does nothing), so this runs there."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from learning.study import services
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home
from tests.row_locks import goes_through, held
from tests.study.factories import BranchFactory, make_session

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks exist on PostgreSQL only"
    ),
]


def _statement(sql, pk):
    def action():
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])

    return action


def test_holding_the_roll_lock_does_not_block_the_page_row():
    index = EventIndexPageFactory(parent=make_site_home())
    start = timezone.now() - datetime.timedelta(minutes=5)
    session = make_session(
        index,
        [BranchFactory(name="锁测试支部")],
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    with held(lambda: services.lock_session(session)):
        page_row_free = goes_through(
            _statement("UPDATE wagtailcore_page SET title = title WHERE id = %s", session.pk)
        )
        session_row_free = goes_through(
            _statement(
                "SELECT 1 FROM study_studysession WHERE eventpage_ptr_id = %s FOR UPDATE NOWAIT",
                session.pk,
            )
        )
    assert page_row_free, "saving the roll must not lock the page's wagtailcore_page row"
    assert not session_row_free, "the session's own row is what serialises roll changes"
