import pytest

from tests.courses.conftest import mp4_bytes  # noqa: F401 (a real 3-second clip)
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.study.conftest import (  # noqa: F401 (fixtures shared with the study tests)
    admin_client,
    branch,
    branch_admin,
    community_admin,
    event_index,
    held_session,
    members,
    other_branch,
    session,
)


@pytest.fixture
def library(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def shown_courses(library, held_session):  # noqa: F811
    """Two ten-minute courses of the session that began an hour ago."""
    courses = [
        CoursePageFactory(parent=library, title="党章学习第一讲"),
        CoursePageFactory(parent=library, title="党章学习第二讲"),
    ]
    held_session.courses.set(courses)
    held_session.save()
    return courses
