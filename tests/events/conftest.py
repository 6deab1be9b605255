import pytest

from tests.events.factories import EventIndexPageFactory, make_event


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
