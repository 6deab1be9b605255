"""Events: the list/calendar page, the event page other apps extend, its
occurrences (one row per date, each with its own places) and registrations.

Extension (docs/architecture.md, "Extending a page type"): a study session or a volunteer activity is
a subclass of ``EventPage`` (Wagtail multi-table inheritance). It sets
``fixed_kind`` (and usually its own ``parent_page_types`` and panels) and
inherits dates, repetition, occurrences, registration, calendar files and
the calendar listing; ``Occurrence`` and ``Registration`` point at the
concrete ``EventPage`` row that every subclass has.

One module per aggregate: ``index`` (``EventIndexPage`` and its routes),
``pages`` (``EventPage``, ``EventExceptionDate``), ``occurrences``,
``registrations``, and ``choices`` (kinds and audiences). Every model is imported here, so Django finds them
all in the ``events`` app and ``from events.models import EventPage`` works.
"""

from .choices import Audience, EventKind
from .index import EVENTS_PER_PAGE, EventIndexPage
from .occurrences import Occurrence, OccurrenceQuerySet
from .pages import (
    CAPACITY_HELP,
    OCCURRENCES_ON_PAGE,
    EventExceptionDate,
    EventPage,
    EventPageQuerySet,
)
from .registrations import Registration

__all__ = [
    "Audience",
    "CAPACITY_HELP",
    "EVENTS_PER_PAGE",
    "EventExceptionDate",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventPageQuerySet",
    "OCCURRENCES_ON_PAGE",
    "Occurrence",
    "OccurrenceQuerySet",
    "Registration",
]
