import pytest

from tests.events.factories import EventIndexPageFactory
from tests.volunteers.factories import VolunteerFactory, coordinator, make_activity


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def activity(event_index):
    """A published activity in three days with a morning and an afternoon shift (5 places each)."""
    return make_activity(event_index, title="重阳节敬老志愿服务")


@pytest.fixture
def morning(activity):
    return activity.shifts.get(title="上午班")


@pytest.fixture
def volunteer(db):
    return VolunteerFactory()


@pytest.fixture
def boss(db):
    return coordinator(real_name="李协调")
