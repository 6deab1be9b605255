"""Existing data moves to the new rules (migrations 0006–0008): old modes of
absent and excused members are cleared, rolls saved before this version
count as saved (unless they were saved before the session began), and
branch administrators lose their right to publish pages."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import GroupPagePermission

from accounts import roles
from learning.study.models import Attendance, AttendanceChange, RollCall
from tests.events.factories import EventIndexPageFactory
from tests.home.factories import make_site_home
from tests.study.factories import BranchFactory, MemberFactory, make_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("study", "0005_roll_calls_modes_and_branch_administrators")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _legacy_row(session, member, status, mode):
    row = Attendance.objects.create(
        session=session,
        member=member,
        branch=member.branch,
        day=session.local_day,
        status=status,
        mode=mode,
    )
    AttendanceChange.objects.create(
        attendance=row, source="roll", status_after=status, mode_after=mode
    )
    return row


def test_old_data_is_brought_to_the_new_rules():
    index = EventIndexPageFactory(parent=make_site_home())
    first, second = BranchFactory(name="老数据一支部"), BranchFactory(name="老数据二支部")
    one, two = MemberFactory(branch=first), MemberFactory(branch=second)
    past = timezone.now() - datetime.timedelta(days=3)
    held = make_session(index, [first, second], start=past, end=past + datetime.timedelta(hours=2))
    early = make_session(index, [first])  # in three days, its roll saved too early
    group = Group.objects.get(name=roles.BRANCH_ADMINS)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=group, page=index, permission=publish)

    _migrate(BEFORE)
    absent = _legacy_row(held, one, "absent", "onsite")
    excused = _legacy_row(held, two, "excused", "home")
    present = _legacy_row(early, one, "present", "onsite")
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    absent.refresh_from_db(), excused.refresh_from_db(), present.refresh_from_db()
    assert (absent.mode, excused.mode, present.mode) == ("", "", "onsite")
    assert set(RollCall.objects.values_list("session", "branch")) == {
        (held.pk, first.pk),
        (held.pk, second.pk),
    }
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=index).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}
    community = Group.objects.get(name=roles.COMMUNITY_STUDY_ADMINS)
    assert community.permissions.filter(codename="manage_all_branches").exists()
    assert not group.permissions.filter(codename__in=["add_branch", "delete_branch"]).exists()
