import pytest

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.study.factories import BranchFactory, MemberFactory


@pytest.fixture
def branch(db):
    return BranchFactory(name="第一党支部")


@pytest.fixture
def other_branch(db):
    return BranchFactory(name="第二党支部")


@pytest.fixture
def members(branch):
    """Four members of the first branch, each with an account."""
    found = []
    for name in ["甲", "乙", "丙", "丁"]:
        member = MemberFactory(branch=branch, name=name)
        member.user = UserFactory(phone=member.phone)
        member.save()
        found.append(member)
    return found


@pytest.fixture
def branch_admin(branch):
    user = UserFactory(roles=[roles.BRANCH_ADMINS])
    branch.administrators.add(user)
    return user


@pytest.fixture
def community_admin(db):
    return UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS])
