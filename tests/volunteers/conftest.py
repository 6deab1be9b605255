import datetime

import pytest
from django.utils import timezone

from events.capacity import RegistrationStatus
from tests.events.factories import EventIndexPageFactory
from tests.volunteers.factories import VolunteerFactory, coordinator, make_activity
from volunteers.models import ShiftSignup


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


@pytest.fixture
def today_shift(event_index):
    """A shift that started an hour ago and runs three hours, 30 min tolerance."""
    start = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=1)
    activity = make_activity(
        event_index,
        start=start - datetime.timedelta(hours=1),
        end=start + datetime.timedelta(hours=6),
        checkout_tolerance_minutes=30,
        shifts=[{"title": "上午班", "start": start, "end": start + datetime.timedelta(hours=3)}],
    )
    return activity.shifts.get()


@pytest.fixture
def signup(today_shift, volunteer):
    # Signing up is refused once a shift has started; it was made before.
    return ShiftSignup.objects.create(
        shift=today_shift,
        volunteer=volunteer,
        user=volunteer.user,
        name=volunteer.real_name,
        phone=volunteer.phone,
        status=RegistrationStatus.CONFIRMED,
    )
