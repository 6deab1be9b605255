"""The roll call's lock holds the session's own row only: an editor saving
or publishing the page (an UPDATE of ``wagtailcore_page``) is not blocked
while an administrator saves the roll. Row locks exist on PostgreSQL only
(on SQLite ``select_for_update`` does nothing), so this runs there."""

import datetime
import threading

import pytest
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from learning.study import services
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home
from tests.study.factories import BranchFactory, make_session

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks exist on PostgreSQL only"
    ),
]


def _can_run(sql, pk):
    """Whether the statement gets its row locks within two seconds."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '2s'")
        try:
            with transaction.atomic():
                cursor.execute(sql, [pk])
        except OperationalError:  # lock_timeout: someone holds the row
            return False
    return True


def test_holding_the_roll_lock_does_not_block_the_page_row():
    index = EventIndexPageFactory(parent=make_site_home())
    start = timezone.now() - datetime.timedelta(minutes=5)
    session = make_session(
        index,
        [BranchFactory(name="锁测试支部")],
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    locked, done = threading.Event(), threading.Event()

    def hold_the_roll_lock():
        try:
            with transaction.atomic():
                services.lock_session(session)
                locked.set()
                done.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_roll_lock)
    holder.start()
    try:
        assert locked.wait(timeout=30)
        page_row_free = _can_run(
            "UPDATE wagtailcore_page SET title = title WHERE id = %s", session.pk
        )
        session_row_free = _can_run(
            "SELECT 1 FROM study_studysession WHERE eventpage_ptr_id = %s FOR UPDATE", session.pk
        )
    finally:
        done.set()
        holder.join(timeout=30)
    assert page_row_free, "saving the roll must not lock the page's wagtailcore_page row"
    assert not session_row_free, "the session's own row is what serialises roll changes"
