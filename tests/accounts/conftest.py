import pytest

from tests.accounts.personal_data import build_member, build_resident, build_site


@pytest.fixture
def site(home_page):
    """The section pages of every app and a volunteer coordinator."""
    return build_site(home_page)


@pytest.fixture
def resident(site):
    return build_resident(site)


@pytest.fixture
def member(site):
    return build_member(site)
