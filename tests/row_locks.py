"""Row-lock tests (PostgreSQL): hold a lock in another connection while the
test checks what still goes through."""

import threading
from contextlib import contextmanager

from django.db import OperationalError, connection, transaction

TIMEOUT = 30


@contextmanager
def held(lock):
    """While the block runs, another thread holds ``lock()``'s row locks in
    an open transaction on its own connection."""
    locked, done = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                lock()
                locked.set()
                done.wait(timeout=TIMEOUT)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(timeout=TIMEOUT)
        yield
    finally:
        done.set()
        holder.join(timeout=TIMEOUT)


def goes_through(action):
    """Whether ``action()`` gets its row locks within two seconds (it runs in
    a transaction that gives up waiting then, and is rolled back if it fails)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '2s'")
        try:
            with transaction.atomic():
                action()
        except OperationalError:  # lock_timeout or NOWAIT: someone holds the row
            return False
    return True
