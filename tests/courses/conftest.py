import pytest

from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory


@pytest.fixture
def library(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def course(library):
    """A published ten-minute course in 基层党建."""
    return CoursePageFactory(parent=library, title="基层党建工作学习")
