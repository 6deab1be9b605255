"""Lowering an event's places below what is already confirmed: the admin
form refuses it and says how many are confirmed; publishing re-checks under
the row lock, and whoever registered between the form and the publication
moves to the head of the waiting list and is told."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Registration
from tests.accounts.factories import UserFactory
from tests.events.factories import event_form_data, publish

pytestmark = pytest.mark.django_db


def _guests(occurrence, count, start=0, **kwargs):
    return [
        services.register(
            occurrence,
            name=f"居民{n}",
            phone=f"1380000{n:04d}",
            email=f"r{n}@example.cn",
            **kwargs,
        )
        for n in range(start, start + count)
    ]


def _edit(client, event, capacity):
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    data = event_form_data(
        title=event.title,
        slug=event.slug,
        start=f"{start:%Y-%m-%d %H:%M}",
        end=f"{end:%Y-%m-%d %H:%M}",
        registration_enabled="on",
        capacity=str(capacity),
        max_companions="2",
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=(event.pk,)), data)


def test_the_admin_form_refuses_fewer_places_than_are_confirmed_and_says_how_many(
    client, event, occurrence
):
    _guests(occurrence, 1, companions=2)
    _guests(occurrence, 2, start=1)  # 3 + 1 + 1 = 5 places confirmed
    client.force_login(UserFactory(is_superuser=True))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,))).content.decode()
    assert "最晚确认的报名者会排到候补名单最前面" in edit  # the rule, in the help text

    response = _edit(client, event, 4)
    assert response.status_code == 200
    [message] = response.context["form"].errors["capacity"]
    assert f"{occurrence.when} 这一场已有 5 个名额确认报名" in message
    assert "名额不能少于 5 个" in message
    occurrence.refresh_from_db()
    assert occurrence.capacity == 10

    assert _edit(client, event, 5).status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.capacity == 5
    assert occurrence.places_taken() == 5 and not occurrence.waiting_list().exists()


def test_who_registered_before_publishing_moves_to_the_head_of_the_waiting_list_and_is_told(
    event, occurrence, django_capture_on_commit_callbacks
):
    event.capacity = 4
    publish(event)
    # An editor submits 2 places while two are confirmed (the form agrees)...
    first, second = _guests(occurrence, 2)
    # ... and before a reviewer approves it, more residents register.
    third, fourth, fifth = _guests(occurrence, 3, start=2)
    later = services.register(occurrence, name="居民9", phone="13800000009")
    assert [fifth.status, later.status] == ["waiting", "waiting"]

    event.capacity = 2  # the reviewer approves
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)

    occurrence.refresh_from_db()
    assert occurrence.capacity == 2 and occurrence.places_taken() == 2
    states = dict(Registration.objects.values_list("pk", "status"))
    assert [states[r.pk] for r in (first, second)] == ["confirmed", "confirmed"]
    # The latest confirmed stand first in the queue, in their own order.
    queue = list(occurrence.waiting_list())
    assert queue == [third, fourth, fifth, later]
    assert [r.waiting_position() for r in queue] == [1, 2, 3, 4]
    told = sorted(message.to[0] for message in mail.outbox)
    assert told == ["r2@example.cn", "r3@example.cn"]
    body = mail.outbox[0].body
    assert "名额减少到了 2 个" in body and "/registrations/r/" in body
    assert "转入候补" in mail.outbox[0].subject


def test_places_given_back_move_the_moved_up_first(event, occurrence):
    _guests(occurrence, 3)
    event.capacity = 1
    publish(event)
    event.capacity = 2
    publish(event)
    confirmed = list(occurrence.registrations.filter(status="confirmed").order_by("id"))
    assert [r.name for r in confirmed] == ["居民0", "居民1"]
