"""What the data migrations promise a freshly migrated database (the table
in docs/users-and-roles.md, "What each role may do"): every role holds its
permissions, checked the way the code checks them (``user.has_perm`` with a
codename, Wagtail's page and collection permissions), and none of what the
table withholds. A migration that stops granting, grants to the wrong group
or to a renamed codename fails here, not on a secretary's screen."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from accounts import roles
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

EVERY_ROLE = ("events.view_registration", "events.check_in_registration")
ORGANISER = ("events.view_registrant_phone", "events.change_registration")
CONTENT = ("courses.add_coursecategory", "courses.change_coursecategory")
STUDY = tuple(
    f"study.{action}_{model}"
    for model in ("grid", "member", "studyplan", "attendance", "leaverequest", "reflection")
    for action in ("add", "change", "delete", "view")
) + ("study.take_roll", "study.view_attendancechange", "study.manage_member_access")

GRANTED = {
    roles.EDITORS: (*EVERY_ROLE, *CONTENT),
    roles.REVIEWERS: (*EVERY_ROLE, *ORGANISER, *CONTENT, "core.change_communitysettings"),
    roles.BRANCH_ADMINS: (*EVERY_ROLE, *ORGANISER, *STUDY, "study.change_branch"),
    roles.COMMUNITY_STUDY_ADMINS: (
        *STUDY,
        "study.add_branch",
        "study.delete_branch",
        "study.manage_all_branches",
    ),
    roles.VOLUNTEER_COORDINATORS: (
        *EVERY_ROLE,
        *ORGANISER,
        "volunteers.view_volunteer_phone",
        "volunteers.review_volunteer",
        "volunteers.approve_servicerecord",
        "volunteers.moderate_wish",
        "volunteers.add_team",
        "volunteers.add_scheduledday",
        "volunteers.delete_scheduledday",
    ),
}

WITHHELD = {
    roles.EDITORS: (*ORGANISER, "core.change_communitysettings", "study.take_roll"),
    roles.REVIEWERS: ("study.take_roll", "volunteers.view_volunteer_phone"),
    roles.BRANCH_ADMINS: (
        "study.add_branch",  # only the community's administrators (study 0008)
        "study.delete_branch",
        "study.manage_all_branches",
        "volunteers.view_volunteer_phone",
        "core.change_communitysettings",
    ),
    roles.COMMUNITY_STUDY_ADMINS: ("volunteers.view_volunteer_phone",),
    roles.VOLUNTEER_COORDINATORS: (
        "study.take_roll",
        "courses.add_coursecategory",
        "core.change_communitysettings",
    ),
}


@pytest.mark.parametrize("role", roles.ALL)
def test_each_role_holds_what_its_data_migrations_grant(role):
    user = UserFactory(roles=[role])
    missing = [codename for codename in GRANTED[role] if not user.has_perm(codename)]
    assert missing == []
    assert user.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("role", roles.ALL)
def test_no_role_holds_what_the_table_withholds(role):
    user = UserFactory(roles=[role])
    assert [codename for codename in WITHHELD[role] if user.has_perm(codename)] == []


def test_the_roles_are_granted_by_codename_not_by_their_group_name():
    """Renaming a group in the admin keeps what its members may do."""
    group = Group.objects.get(name=roles.BRANCH_ADMINS)
    group.name = "支部远教员（改名）"
    group.save()
    user = UserFactory()
    user.groups.add(group)
    assert user.has_perm("study.take_roll")


def _page_codenames(role):
    root = Page.get_first_root_node()
    return set(
        GroupPagePermission.objects.filter(group__name=role, page=root).values_list(
            "permission__codename", flat=True
        )
    )


def test_editors_write_pages_and_only_reviewers_publish_them():
    assert {"add_page", "change_page"} <= _page_codenames(roles.EDITORS)
    assert "publish_page" not in _page_codenames(roles.EDITORS)
    assert {"add_page", "change_page", "publish_page"} <= _page_codenames(roles.REVIEWERS)
    for role in (roles.BRANCH_ADMINS, roles.VOLUNTEER_COORDINATORS):
        assert _page_codenames(role) == set(), role


def _video_codenames(role):
    return set(
        GroupCollectionPermission.objects.filter(
            group__name=role,
            collection=Collection.get_first_root_node(),
            permission__content_type__app_label="wagtailvideos",
        ).values_list("permission__codename", flat=True)
    )


def test_editors_and_reviewers_add_course_videos_and_every_role_chooses_them():
    for role in (roles.EDITORS, roles.REVIEWERS):
        assert {"add_video", "change_video", "choose_video"} <= _video_codenames(role), role
    for role in (roles.BRANCH_ADMINS, roles.VOLUNTEER_COORDINATORS):
        assert _video_codenames(role) == {"choose_video"}, role
