"""Shifts: eligibility by skills, places and the waiting list, no two
overlapping shifts, cancelling until the deadline, sign-up at the desk, and
the audience hook for events open to volunteers only."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from events import services as event_services
from events.capacity import RegistrationStatus
from tests.accounts.factories import UserFactory
from tests.events.factories import make_event
from tests.volunteers.factories import VolunteerFactory, make_activity
from volunteers import services
from volunteers.models import ShiftSignup

pytestmark = pytest.mark.django_db


def test_a_volunteer_signs_up_and_the_shift_counts_the_place(morning, volunteer):
    signup = services.sign_up(morning, volunteer, volunteer.user)
    assert signup.status == RegistrationStatus.CONFIRMED
    assert signup.name == volunteer.real_name and signup.phone == volunteer.phone
    assert morning.places_left() == 4


def test_a_full_shift_puts_the_next_volunteers_on_the_waiting_list_in_order(event_index):
    activity = make_activity(
        event_index,
        shifts=[
            {
                "title": "引导岗",
                "start": datetime.datetime(2030, 5, 1, 9, tzinfo=datetime.UTC),
                "end": datetime.datetime(2030, 5, 1, 11, tzinfo=datetime.UTC),
                "capacity": 1,
            }
        ],
    )
    shift = activity.shifts.get()
    first, second, third = (VolunteerFactory() for _ in range(3))
    services.sign_up(shift, first, first.user)
    waiting = [services.sign_up(shift, v, v.user) for v in (second, third)]
    assert [w.status for w in waiting] == ["waiting", "waiting"]
    assert waiting[0].waiting_position() == 1 and waiting[1].waiting_position() == 2
    services.cancel_sign_up(ShiftSignup.objects.get(volunteer=first), first.user)
    assert ShiftSignup.objects.get(pk=waiting[0].pk).status == "confirmed"
    assert ShiftSignup.objects.get(pk=waiting[1].pk).waiting_position() == 1


def test_a_volunteer_moved_up_from_the_waiting_list_is_told_by_e_mail(
    event_index, mailoutbox, django_capture_on_commit_callbacks
):
    activity = make_activity(
        event_index,
        title="重阳节敬老活动",
        shifts=[
            {
                "title": "陪护岗",
                "start": datetime.datetime(2030, 5, 1, 1, tzinfo=datetime.UTC),
                "end": datetime.datetime(2030, 5, 1, 3, tzinfo=datetime.UTC),
                "capacity": 1,
            }
        ],
    )
    shift = activity.shifts.get()
    first = VolunteerFactory()
    with_address = VolunteerFactory(user__email="wang@example.com")
    without_address = VolunteerFactory()
    services.sign_up(shift, first, first.user)
    waiting = services.sign_up(shift, with_address, with_address.user)
    services.sign_up(shift, without_address, without_address.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_sign_up(ShiftSignup.objects.get(volunteer=first), first.user)
    assert ShiftSignup.objects.get(pk=waiting.pk).status == "confirmed"
    [message] = mailoutbox
    assert message.to == ["wang@example.com"]
    assert "重阳节敬老活动" in message.subject and "陪护岗" in message.subject
    assert shift.when in message.body and "09:00" in shift.when
    assert reverse("volunteers:my_shifts") in message.body
    # The next one has no address: moved up when the place frees, told nothing, no error.
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_sign_up(ShiftSignup.objects.get(pk=waiting.pk), with_address.user)
    assert ShiftSignup.objects.get(volunteer=without_address).status == "confirmed"
    assert len(mailoutbox) == 1


def test_overlapping_shifts_are_refused_and_nothing_is_saved(event_index, volunteer):
    start = datetime.datetime(2030, 6, 1, 1, tzinfo=datetime.UTC)
    first = make_activity(
        event_index,
        title="环境整治",
        shifts=[{"title": "上午班", "start": start, "end": start + datetime.timedelta(hours=3)}],
    ).shifts.get()
    second = make_activity(
        event_index,
        title="义诊引导",
        shifts=[
            {
                "title": "引导岗",
                "start": start + datetime.timedelta(hours=2),
                "end": start + datetime.timedelta(hours=4),
            }
        ],
    ).shifts.get()
    services.sign_up(first, volunteer, volunteer.user)
    with pytest.raises(services.VolunteerError, match="时间重叠"):
        services.sign_up(second, volunteer, volunteer.user)
    assert ShiftSignup.objects.filter(volunteer=volunteer).count() == 1


def test_back_to_back_shifts_are_not_an_overlap(event_index, volunteer):
    start = datetime.datetime(2030, 6, 2, 1, tzinfo=datetime.UTC)
    shifts = make_activity(
        event_index,
        shifts=[
            {"title": "第一班", "start": start, "end": start + datetime.timedelta(hours=2)},
            {
                "title": "第二班",
                "start": start + datetime.timedelta(hours=2),
                "end": start + datetime.timedelta(hours=4),
            },
        ],
    ).shifts.order_by("start")
    for shift in shifts:
        services.sign_up(shift, volunteer, volunteer.user)
    assert ShiftSignup.objects.filter(volunteer=volunteer, status="confirmed").count() == 2


def test_a_cancelled_shift_no_longer_blocks_an_overlapping_one(event_index, volunteer):
    start = datetime.datetime(2030, 6, 3, 1, tzinfo=datetime.UTC)
    shifts = make_activity(
        event_index,
        shifts=[
            {"title": "甲", "start": start, "end": start + datetime.timedelta(hours=2)},
            {
                "title": "乙",
                "start": start + datetime.timedelta(hours=1),
                "end": start + datetime.timedelta(hours=3),
            },
        ],
    ).shifts.order_by("start")
    signup = services.sign_up(shifts[0], volunteer, volunteer.user)
    services.cancel_sign_up(signup, volunteer.user)
    assert services.sign_up(shifts[1], volunteer, volunteer.user).status == "confirmed"


def test_a_shift_needing_a_skill_refuses_a_volunteer_without_it(event_index):
    shift = make_activity(
        event_index,
        shifts=[
            {
                "title": "急救岗",
                "start": datetime.datetime(2030, 7, 1, 1, tzinfo=datetime.UTC),
                "end": datetime.datetime(2030, 7, 1, 3, tzinfo=datetime.UTC),
                "skills": ["急救"],
            }
        ],
    ).shifts.get()
    without = VolunteerFactory()
    with pytest.raises(services.VolunteerError, match="需要以下技能：急救"):
        services.sign_up(shift, without, without.user)
    trained = VolunteerFactory(skills=["急救"])
    assert services.sign_up(shift, trained, trained.user).is_confirmed


def test_the_shift_list_shows_only_eligible_shifts_unless_asked(client, event_index):
    start = datetime.datetime(2030, 7, 2, 1, tzinfo=datetime.UTC)
    make_activity(
        event_index,
        title="敬老院探访",
        shifts=[
            {
                "title": "急救岗",
                "start": start,
                "end": start + datetime.timedelta(hours=2),
                "skills": ["急救"],
            },
            {"title": "陪伴岗", "start": start, "end": start + datetime.timedelta(hours=2)},
        ],
    )
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    html = client.get(reverse("volunteers:shifts")).content.decode()
    assert "陪伴岗" in html and "急救岗" not in html
    everything = client.get(reverse("volunteers:shifts") + "?all=1").content.decode()
    assert "急救岗" in everything and "这个班次需要以下技能：急救" in everything


def test_a_pending_volunteer_cannot_sign_up(morning):
    pending = VolunteerFactory(status="pending")
    with pytest.raises(services.VolunteerError, match="通过志愿者审核后才能报名"):
        services.sign_up(morning, pending, pending.user)


def test_the_database_refuses_a_second_active_signup_for_one_shift(morning, volunteer):
    services.sign_up(morning, volunteer, volunteer.user)
    with pytest.raises(services.VolunteerError, match="不能重复报名"):
        services.sign_up(morning, volunteer, volunteer.user)
    with pytest.raises(IntegrityError):
        ShiftSignup.objects.create(
            shift=morning, volunteer=volunteer, name="x", phone="13900000000", status="waiting"
        )


def test_cancelling_is_refused_after_the_deadline_but_a_coordinator_can(
    event_index, volunteer, boss
):
    soon = make_activity(
        event_index,
        cancel_hours_before=24,
        shifts=[
            {
                "title": "明早班",
                "start": datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=10),
                "end": datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=12),
            }
        ],
    ).shifts.get()
    signup = services.sign_up(soon, volunteer, volunteer.user)
    with pytest.raises(services.VolunteerError, match="24 小时内不能自行取消"):
        services.cancel_sign_up(signup, volunteer.user)
    assert ShiftSignup.objects.get(pk=signup.pk).status == "confirmed"
    services.cancel_sign_up(signup, boss)
    assert ShiftSignup.objects.get(pk=signup.pk).status == "cancelled"


def test_a_coordinator_signs_up_a_volunteer_at_the_desk_by_phone(client, morning, boss):
    volunteer = VolunteerFactory(phone="13712345678")
    client.force_login(boss)
    url = reverse("volunteer_admin:roster", args=[morning.pk])
    client.post(url, {"action": "desk", "phone": "137-1234-5678"})
    signup = ShiftSignup.objects.get(volunteer=volunteer)
    assert signup.signed_up_by == boss and signup.is_confirmed
    response = client.post(url, {"action": "desk", "phone": "13700000000"}, follow=True)
    assert "没有找到用这个手机号码登记并已通过审核的志愿者" in response.content.decode()


def test_someone_else_cannot_sign_a_volunteer_up(morning, volunteer):
    with pytest.raises(services.VolunteerError, match="只有志愿者协调员"):
        services.sign_up(morning, volunteer, UserFactory())


def test_signing_up_through_the_web_shows_the_refusal_as_a_message(client, event_index, volunteer):
    start = datetime.datetime(2030, 8, 1, 1, tzinfo=datetime.UTC)
    shifts = make_activity(
        event_index,
        shifts=[
            {"title": "甲", "start": start, "end": start + datetime.timedelta(hours=2)},
            {"title": "乙", "start": start, "end": start + datetime.timedelta(hours=2)},
        ],
    ).shifts.order_by("title")
    client.force_login(volunteer.user)
    client.post(reverse("volunteers:sign_up", args=[shifts[0].pk]))
    response = client.post(reverse("volunteers:sign_up", args=[shifts[1].pk]), follow=True)
    assert response.status_code == 200
    assert "时间重叠" in response.content.decode()


def test_the_activity_page_is_the_same_for_everyone_and_the_status_is_personal(
    client, activity, volunteer
):
    page = client.get(activity.url)
    html = page.content.decode()
    assert "上午班" in html and "查看名额并报名" in html
    assert "csrfmiddlewaretoken" not in html
    client.force_login(volunteer.user)
    status = client.get(reverse("volunteers:activity_status", args=[activity.pk]))
    assert status["Cache-Control"] == "private, no-store"
    assert "报名这个班次" in status.content.decode()


def test_volunteer_events_accept_approved_volunteers_only(event_index, volunteer):
    event = make_event(event_index, audience="volunteers")
    occurrence = event.occurrences.get()
    outsider = UserFactory()
    with pytest.raises(event_services.RegistrationError, match="只面向志愿者"):
        event_services.register(occurrence, user=outsider)
    pending = VolunteerFactory(status="pending")
    with pytest.raises(event_services.RegistrationError):
        event_services.register(occurrence, user=pending.user)
    assert event_services.register(occurrence, user=volunteer.user).is_confirmed


def test_a_volunteer_activity_lives_in_the_event_list_with_the_volunteer_kind(activity, client):
    assert activity.kind == "volunteer"
    assert activity.registration_enabled is False
    listing = client.get(activity.get_parent().url).content.decode()
    assert activity.title in listing
