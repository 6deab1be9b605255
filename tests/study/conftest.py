import pytest

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.events.factories import EventIndexPageFactory
from tests.study.factories import BranchFactory, MemberFactory, make_session


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def branch(db):
    return BranchFactory(name="第一党支部")


@pytest.fixture
def other_branch(db):
    return BranchFactory(name="第二党支部")


@pytest.fixture
def members(branch):
    return [MemberFactory(branch=branch) for _ in range(5)]


@pytest.fixture
def session(event_index, branch, members):
    return make_session(event_index, [branch], title="十一月远教学习会")


@pytest.fixture
def branch_admin(db):
    return UserFactory(roles=[roles.BRANCH_ADMINS])


@pytest.fixture
def admin_client(client, branch_admin):
    client.force_login(branch_admin)
    return client
