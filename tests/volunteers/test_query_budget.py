"""The volunteers' pages (栏目, 光荣榜, 微心愿) and a volunteer's own pages (我的志愿
服务, my shifts, my records, certificates) render within the query budget, with
10 volunteers, wishes, records and sign-ups as with 1,000."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import days_from_now
from tests.query_budget import assert_budget
from tests.volunteers.factories import (
    TeamFactory,
    VolunteerFactory,
    VolunteerIndexPageFactory,
    make_activity,
)
from volunteers.models import ServiceRecord, Shift, ShiftSignup, Volunteer, Wish

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def section(home_page):
    return VolunteerIndexPageFactory(parent=home_page)


@pytest.fixture
def me(user):
    return VolunteerFactory(user=user, real_name="张志愿")


def add_records(volunteers, status="approved"):
    day = timezone.localdate() - datetime.timedelta(days=3)
    return ServiceRecord.objects.bulk_create(
        ServiceRecord(
            volunteer=volunteer,
            volunteer_user_id=volunteer.user_id,
            source="manual",
            activity_name="上门看望独居老人",
            date=day,
            place="幸福里小区",
            content="陪老人聊天",
            hours=2,
            organiser="居委会",
            person_in_charge="李主任",
            status=status,
        )
        for volunteer in volunteers
    )


def add_volunteers(count, team=None):
    """Approved volunteers with approved hours, on the 光荣榜."""
    offset = Volunteer.objects.count()
    volunteers = Volunteer.objects.bulk_create(
        Volunteer(
            real_name=f"志愿者{offset + i}",
            phone=f"136{offset + i:08d}",
            status="approved",
            team=team,
            show_on_leaderboard=True,
        )
        for i in range(count)
    )
    add_records(volunteers)
    return volunteers


def add_wishes(count):
    return Wish.objects.bulk_create(
        Wish(
            title="帮独居老人买菜",
            description="每周一次",
            beneficiary="王奶奶",
            place="5号楼",
            contact_name="王建国",
            contact_phone="13700001111",
            status="open",
        )
        for _ in range(count)
    )


def test_the_volunteers_section_keeps_the_query_budget_for_a_member(section, member_client):
    team = TeamFactory()
    assert_budget(member_client, section.url, lambda n: add_volunteers(n, team))


def test_the_leaderboard_keeps_the_query_budget_for_a_member(section, member_client):
    team = TeamFactory()
    url = section.url + "leaderboard/"
    assert_budget(member_client, url, lambda n: add_volunteers(n, team))


def test_the_wish_board_keeps_the_query_budget_for_a_member(section, member_client):
    assert_budget(member_client, section.url + "wishes/", add_wishes)


@pytest.mark.parametrize("name", ["volunteers:me", "volunteers:records", "volunteers:certificates"])
def test_a_volunteers_own_pages_keep_the_query_budget(name, me, member_client):
    assert_budget(member_client, reverse(name), lambda n: add_records([me] * n))


def test_my_shifts_keep_the_query_budget(event_index, me, member_client):
    activity = make_activity(event_index, start=days_from_now(5, 8))

    def add(count):
        start = activity.start
        shifts = Shift.objects.bulk_create(
            Shift(
                activity=activity,
                title="岗位",
                start=start,
                end=start + HOUR,
                capacity=5,
                sort_order=9,
            )
            for _ in range(count)
        )
        ShiftSignup.objects.bulk_create(
            ShiftSignup(
                shift=shift,
                volunteer=me,
                user=me.user,
                name=me.real_name,
                phone=me.phone,
                status="confirmed",
            )
            for shift in shifts
        )

    assert_budget(member_client, reverse("volunteers:my_shifts"), add)


def test_the_hours_report_keeps_the_query_budget_for_a_coordinator(client, boss):
    client.force_login(boss)
    team = TeamFactory()
    year = (timezone.localdate() - datetime.timedelta(days=3)).year
    url = reverse("volunteer_admin:report") + f"?year={year}"
    assert_budget(client, url, lambda n: add_volunteers(n, team))
