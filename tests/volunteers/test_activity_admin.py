"""The 志愿服务活动 form in the Wagtail admin: only the inputs that apply to a
volunteer activity, an activity created and published through it, and a
shift's places never set below the volunteers already confirmed (refused
in the form; re-checked under the shift's lock when publishing)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.capacity import RegistrationStatus
from tests.accounts.factories import UserFactory
from tests.events.factories import days_from_now, publish
from tests.volunteers.factories import VolunteerFactory
from volunteers import services
from volunteers.models import ShiftSignup, VolunteerActivity

pytestmark = pytest.mark.django_db

# What a volunteer activity fixes itself: kind, audience, registration for the
# event (volunteers sign up for shifts), places per date, companions, the
# registration window, and repetition (shifts carry their own dates).
NOT_APPLICABLE = [
    "kind",
    "audience",
    "all_day",
    "registration_enabled",
    "capacity",
    "max_companions",
    "registration_opens",
    "registration_closes",
    "repeat",
    "repeat_interval",
    "repeat_weekdays",
    "repeat_until",
    "repeat_count",
    "exception_dates-TOTAL_FORMS",
]


def _local(value):
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


def _form(shifts, initial=0, **overrides):
    start = days_from_now(6, 8)
    fields = {
        "title": "清洁家园志愿服务",
        "slug": "clean-up",
        "start": _local(start),
        "end": _local(start.replace(hour=17)),
        "place": "幸福里小区中心花园",
        "organiser": "幸福里社区居委会",
        "person_in_charge": "李主任",
        "service_content": "清理楼道杂物、宣传垃圾分类",
        "cancel_hours_before": "24",
        "checkout_tolerance_minutes": "30",
        "summary": "",
        "body": streamfield([]),
        "shifts": inline_formset(shifts, initial=initial, min=1),
    }
    fields.update(overrides)
    data = nested_form_data(fields)
    data["action-publish"] = "1"
    return data


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def test_the_edit_screen_shows_no_input_that_does_not_apply(editor_client, activity):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(activity.pk,))).content
    html = html.decode()
    shown = [name for name in NOT_APPLICABLE if f'name="{name}"' in html]
    assert shown == []
    for name in ("title", "start", "place", "organiser", "shifts-0-capacity"):
        assert f'name="{name}"' in html
    assert "最晚确认的志愿者会排到候补名单最前面" in html  # the shift places' rule


def test_an_activity_is_created_and_published_through_the_admin(editor_client, event_index):
    start = days_from_now(6, 9)
    shift = {
        "title": "上午班",
        "capacity": "8",
        "start": _local(start),
        "end": _local(start.replace(hour=12)),
    }
    url = reverse(
        "wagtailadmin_pages:add", args=("volunteers", "volunteeractivity", event_index.pk)
    )
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, _form([shift]))
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = VolunteerActivity.objects.get(slug="clean-up")
    assert activity.live and activity.kind == "volunteer" and activity.audience == "volunteers"
    assert not activity.registration_enabled and activity.capacity is None
    assert activity.repeat == "none" and activity.occurrences.count() == 1
    [saved] = activity.shifts.all()
    assert (saved.title, saved.capacity, saved.start) == ("上午班", 8, start)


def _signed_up(shift, count, email=True):
    signups = []
    for _ in range(count):
        volunteer = VolunteerFactory()
        if email:
            volunteer.user.email = f"v{volunteer.pk}@example.cn"
            volunteer.user.save()
        signups.append(services.sign_up(shift, volunteer, volunteer.user))
    return signups


def _edit_shift(client, activity, shift, capacity):
    fields = {
        "id": str(shift.pk),
        "title": shift.title,
        "capacity": str(capacity),
        "start": _local(shift.start),
        "end": _local(shift.end),
    }
    others = [
        {
            "id": str(s.pk),
            "title": s.title,
            "capacity": str(s.capacity),
            "start": _local(s.start),
            "end": _local(s.end),
        }
        for s in activity.shifts.exclude(pk=shift.pk)
    ]
    data = _form(
        [fields, *others],
        initial=1 + len(others),
        title=activity.title,
        slug=activity.slug,
        start=_local(activity.start),
        end=_local(activity.end),
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=(activity.pk,)), data)


def test_a_shifts_places_below_the_confirmed_are_refused_with_the_number(
    editor_client, activity, morning
):
    _signed_up(morning, 3)
    response = _edit_shift(editor_client, activity, morning, 2)
    assert response.status_code == 200
    assert "这个班次已有 3 名志愿者确认报名，名额不能少于 3 个" in response.content.decode()
    morning.refresh_from_db()
    assert morning.capacity == 5
    assert _edit_shift(editor_client, activity, morning, 3).status_code == 302
    morning.refresh_from_db()
    assert morning.capacity == 3 and morning.places_taken() == 3


def _publish_with_places(activity, shift, capacity):
    """Publish a revision in which ``shift`` has ``capacity`` places (as a
    reviewer approving an editor's change does: no form on the way)."""
    shifts = list(activity.shifts.all())
    for candidate in shifts:
        if candidate.pk == shift.pk:
            candidate.capacity = capacity
    activity.shifts = shifts
    publish(activity)


def test_volunteers_who_signed_up_before_publishing_move_to_the_head_of_the_waiting_list(
    activity, morning, django_capture_on_commit_callbacks
):
    first, second, third = _signed_up(morning, 3)
    with django_capture_on_commit_callbacks(execute=True):
        _publish_with_places(activity, morning, 1)  # approved after the others signed up
    states = dict(ShiftSignup.objects.values_list("pk", "status"))
    assert [states[s.pk] for s in (first, second, third)] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]
    assert list(morning.waiting_list()) == [second, third]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([second.email, third.email])
    assert "名额减少到了 1 个" in mail.outbox[0].body


def test_places_added_when_publishing_move_the_waiting_list_up(
    activity, morning, django_capture_on_commit_callbacks
):
    signups = _signed_up(morning, 7)
    assert [s.status for s in signups].count("waiting") == 2
    with django_capture_on_commit_callbacks(execute=True):
        _publish_with_places(activity, morning, 6)
    assert ShiftSignup.objects.filter(shift=morning, status="confirmed").count() == 6
    assert [m.to[0] for m in mail.outbox] == [signups[5].email]
