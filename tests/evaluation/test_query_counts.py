"""The 民主评议 screens cost the same number of SQL queries with ten members
as with many: the overview in 组织评定 (figures, a page of members with their
tallies and their year through the batched hook), the print page, the Excel
and one member's 组织评定 screen (bench/branch_year.py measures the time on
10,000 members)."""

import pytest
from django.urls import reverse

from learning.evaluation.models import Participation, Stage, Tally
from learning.study.models import Member
from tests.evaluation.factories import round_at
from tests.query_budget import query_counts
from tests.study.factories import BranchFactory

pytestmark = pytest.mark.django_db

YEAR = 2025


def add_members(branch, count):
    offset = Member.objects.count()
    return Member.objects.bulk_create(
        Member(name=f"党员{offset + i:04d}", phone=f"137{offset + i:08d}", branch=branch)
        for i in range(count)
    )


def join(round_, members, grade="qualified"):
    """Members added to an open round, rated and graded."""
    Participation.objects.bulk_create(
        Participation(round=round_, member=m, grade=grade) for m in members
    )
    Tally.objects.bulk_create(Tally(round=round_, member=m, qualified=3) for m in members)


def test_the_evaluation_screens_cost_the_same_queries_for_ten_and_many_members(
    client, community_admin
):
    from tests.volunteers.factories import VolunteerFactory

    first, second = BranchFactory(name="第一党支部"), BranchFactory(name="第二党支部")
    add_members(first, 10)
    round_ = round_at(Stage.ASSESSMENT, year=YEAR)
    Participation.objects.filter(round=round_).update(grade="excellent")
    # One of them is also a volunteer (the volunteers' answer to the hook).
    VolunteerFactory(phone=Member.objects.first().phone)
    one = Participation.objects.filter(round=round_).first()
    client.force_login(community_admin)
    urls = [
        reverse("evaluation_admin:overview") + f"?year={YEAR}",
        reverse("evaluation_admin:print", args=[YEAR]),
        reverse("evaluation_admin:export", args=[YEAR]),
        reverse("evaluation_admin:participation", args=[one.pk]),
    ]
    few = query_counts(client, urls)
    join(round_, add_members(first, 150), grade="excellent")
    join(round_, add_members(second, 150))
    assert query_counts(client, urls) == few
    page = client.get(urls[0]).content.decode()
    # The page shows 50 members, each with their year beside the tallies.
    assert page.count("学时 / 目标") == 50
