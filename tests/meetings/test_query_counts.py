"""The register's screens cost the same number of SQL queries with a few
meetings, members and branches as with many (bench/branch_year.py measures
the time on 10,000 members): the branch's year, the community overview, the
meeting list, the printed 记录本 and its Excel."""

import datetime

import pytest
from django.urls import reverse

from learning.meetings.models import Meeting, MeetingAttendance
from learning.study.models import Branch, Member
from tests.query_budget import query_counts
from tests.study.factories import PartyGroupFactory

pytestmark = pytest.mark.django_db

YEAR = 2025
KINDS = ["general", "committee", "lecture", "themeday", "life"]


def add_meetings(branch, count, members=20):
    """``count`` meetings of the branch in YEAR (one a party group's), each
    with a line for ``members`` new members of the branch."""
    offset = Member.objects.count()
    people = Member.objects.bulk_create(
        Member(name=f"党员{offset + i}", phone=f"136{offset + i:08d}", branch=branch)
        for i in range(members)
    )
    group = PartyGroupFactory(branch=branch, name=f"第{offset}党小组")
    meetings = Meeting.objects.bulk_create(
        Meeting(
            kind="group" if i == 0 else KINDS[i % len(KINDS)],
            party_group=group if i == 0 else None,
            branch=branch,
            day=datetime.date(YEAR, 1 + i % 12, 1 + i % 28),
            place="活动室",
            host="书记",
            topic=f"会议 {i}",
        )
        for i in range(count)
    )
    MeetingAttendance.objects.bulk_create(
        MeetingAttendance(meeting=m, member=p, status="present", mode="onsite")
        for m in meetings
        for p in people
    )


def test_a_branchs_register_costs_the_same_queries_for_few_and_many_meetings(admin_client, branch):
    query = f"?branch={branch.pk}&year={YEAR}"
    urls = [
        reverse(f"meetings_admin:{name}") + query
        for name in ("register", "index", "print", "export")
    ]
    add_meetings(branch, 5)
    few = query_counts(admin_client, urls)
    add_meetings(branch, 120, members=60)
    assert query_counts(admin_client, urls) == few


def test_the_overview_costs_the_same_queries_for_few_and_many_branches(client, community_admin):
    client.force_login(community_admin)
    url = reverse("meetings_admin:overview") + f"?year={YEAR}"
    add_meetings(Branch.objects.create(name="第一党支部"), 5)
    few = query_counts(client, [url])
    for n in range(12):
        add_meetings(Branch.objects.create(name=f"第{n + 2}党支部", sort_order=n + 1), 20)
    assert query_counts(client, [url]) == few
