import pytest

from tests.events.factories import EventIndexPageFactory, make_event

# The phone tab that fails a browser test on any pop-up dialog or CSP violation
# (and, on main, on a missing asset): one definition for every app's browser tests.
from tests.home.test_browser import tab  # noqa: F401


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def event(event_index):
    """A lecture in three days, 10 places, up to 2 companions, open now."""
    return make_event(event_index, title="社区大讲堂：防范电信诈骗")


@pytest.fixture
def occurrence(event):
    return event.occurrences.get()
