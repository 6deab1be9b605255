"""我的学习会 and the study admin's daily screens (点名册, 学习台账) render
within the query budget, with 10 members and records as with 1,000."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.study.models import Attendance, Member, StudySession
from tests.events.factories import days_from_now
from tests.query_budget import assert_budget, bulk_pages
from tests.study.factories import make_session

pytestmark = pytest.mark.django_db


def add_members(branch, count):
    offset = Member.objects.count()
    return Member.objects.bulk_create(
        Member(name=f"党员{offset + i}", phone=f"135{offset + i:08d}", branch=branch)
        for i in range(count)
    )


def add_past_sessions(event_index, branch, count, days_ago=30):
    offset = StudySession.objects.count()
    start = days_from_now(-days_ago, 9)
    sessions = bulk_pages(
        event_index,
        StudySession,
        count,
        lambda i: {
            "title": f"学习会 {offset + i}",
            "slug": f"s-{offset + i}",
            "kind": "study",
            "audience": "party",
            "start": start - datetime.timedelta(minutes=i),
            "end": start + datetime.timedelta(hours=2),
            "place": "远教室",
            "host": "王书记",
        },
    )
    StudySession.branches.through.objects.bulk_create(
        StudySession.branches.through(studysession_id=s.pk, branch_id=branch.pk) for s in sessions
    )
    return sessions


def attend(sessions, members, status="present"):
    Attendance.objects.bulk_create(
        Attendance(
            session_id=session.pk,
            member=member,
            branch_id=member.branch_id,
            day=timezone.localtime(session.start).date(),
            status=status,
            mode="onsite",
        )
        for session in sessions
        for member in members
    )


def test_my_study_sessions_keep_the_query_budget_for_a_member(
    event_index, branch, member_client, user
):
    me = Member.objects.create(name="张党员", phone=user.phone, branch=branch, user=user)
    make_session(event_index, [branch], start=days_from_now(2))  # one coming

    def add(count):
        attend(add_past_sessions(event_index, branch, count), [me])

    assert_budget(member_client, reverse("study:mine"), add)


def test_the_roll_call_keeps_the_query_budget_for_a_branch_admin(
    admin_client, held_session, branch
):
    url = reverse("study_admin:roll", args=[held_session.pk])
    assert_budget(admin_client, url, lambda n: add_members(branch, n))


def test_the_ledger_keeps_the_query_budget_for_a_community_admin(
    client, community_admin, event_index, branch
):
    client.force_login(community_admin)
    sessions = add_past_sessions(event_index, branch, 3, days_ago=60)
    year = timezone.localtime(sessions[0].start).year
    url = reverse("study_admin:ledger") + f"?year={year}"
    assert_budget(client, url, lambda n: attend(sessions, add_members(branch, n)))
