import datetime

import pytest
from django.utils import timezone

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
    """A session in three days (leave can be asked, no roll yet)."""
    return make_session(event_index, [branch], title="十一月远教学习会")


@pytest.fixture
def held_session(event_index, branch, members):
    """A session that began an hour ago: its roll can be saved."""
    start = timezone.now() - datetime.timedelta(hours=1)
    return make_session(
        event_index,
        [branch],
        title="刚开始的远教学习会",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )


@pytest.fixture
def branch_admin(branch):
    """A 远教管理员 responsible for ``branch`` (the first branch) only."""
    user = UserFactory(roles=[roles.BRANCH_ADMINS])
    branch.administrators.add(user)
    return user


@pytest.fixture
def community_admin(db):
    """A community-level administrator: every branch."""
    return UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS])


@pytest.fixture
def admin_client(client, branch_admin):
    client.force_login(branch_admin)
    return client
