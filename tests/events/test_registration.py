"""Registration: places with companions, the waiting list and promotion,
opening and closing times, audiences, duplicates and bad input."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from events import services
from events.capacity import RegistrationStatus
from events.models import Registration
from tests.accounts.factories import UserFactory
from tests.events.factories import days_from_now, make_event

pytestmark = pytest.mark.django_db


def _guest(occurrence, n, companions=0, **kwargs):
    return services.register(
        occurrence, name=f"居民{n}", phone=f"1380000{n:04d}", companions=companions, **kwargs
    )


def test_capacity_counts_places_so_companions_take_places_too(occurrence):
    first = _guest(occurrence, 1, companions=2)  # 3 places
    second = _guest(occurrence, 2, companions=2)  # 6
    third = _guest(occurrence, 3, companions=2)  # 9
    fourth = _guest(occurrence, 4, companions=1)  # would be 11 of 10
    fifth = _guest(occurrence, 5)  # fits (10), but someone is already waiting
    statuses = [r.status for r in (first, second, third, fourth, fifth)]
    assert statuses == ["confirmed"] * 3 + ["waiting"] * 2
    assert occurrence.places_taken() == 9
    assert occurrence.places_left() == 1
    assert [r.waiting_position() for r in (fourth, fifth)] == [1, 2]


def test_waiting_list_moves_up_in_arrival_order_when_someone_cancels(
    occurrence, django_capture_on_commit_callbacks
):
    confirmed = [_guest(occurrence, n, email=f"r{n}@example.cn") for n in range(10)]
    waiting = [_guest(occurrence, 10 + n, email=f"w{n}@example.cn") for n in range(3)]
    assert all(r.status == RegistrationStatus.WAITING for r in waiting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(confirmed[4])
    states = {r.pk: r.status for r in Registration.objects.all()}
    assert states[confirmed[4].pk] == "cancelled"
    assert states[waiting[0].pk] == "confirmed"
    assert states[waiting[1].pk] == "waiting" and states[waiting[2].pk] == "waiting"
    assert Registration.objects.get(pk=waiting[1].pk).waiting_position() == 1
    assert occurrence.places_taken() == 10
    assert [m.to for m in mail.outbox] == [["w0@example.cn"]]
    assert "候补转正" in mail.outbox[0].subject
    assert reverse("events:confirmation", args=[waiting[0].code]) in mail.outbox[0].body


def test_nobody_jumps_the_queue_when_the_first_waiting_needs_more_places(occurrence):
    for n in range(9):
        _guest(occurrence, n)  # 9 of 10 places
    big = _guest(occurrence, 20, companions=2)  # needs 3: waits
    small = _guest(occurrence, 21)  # 1 place is free, but big is first
    assert big.is_waiting and small.is_waiting
    services.cancel(Registration.objects.filter(status="confirmed").first())
    big.refresh_from_db()
    small.refresh_from_db()
    assert big.is_waiting and small.is_waiting  # 2 free, big needs 3
    services.cancel(Registration.objects.filter(status="confirmed").first())
    big.refresh_from_db()
    small.refresh_from_db()
    assert big.is_confirmed and small.is_waiting  # 3 free: big moves up, then 0 left


def test_an_event_without_capacity_confirms_everyone(event_index):
    event = make_event(event_index, capacity=None)
    occurrence = event.occurrences.get()
    assert all(_guest(occurrence, n).is_confirmed for n in range(30))
    assert occurrence.places_left() is None


def test_registration_opens_and_closes_at_the_set_times(event_index):
    start = days_from_now(10)
    event = make_event(
        event_index,
        start=start,
        end=start + datetime.timedelta(hours=2),
        registration_opens=start - datetime.timedelta(days=7),
        registration_closes=start - datetime.timedelta(days=1),
    )
    occurrence = event.occurrences.get()
    with pytest.raises(services.RegistrationError, match="报名还没有开始"):
        _guest(occurrence, 1, now=start - datetime.timedelta(days=8))
    assert _guest(occurrence, 2, now=start - datetime.timedelta(days=3)).is_confirmed
    with pytest.raises(services.RegistrationError, match="报名已经截止"):
        _guest(occurrence, 3, now=start - datetime.timedelta(hours=12))
    assert Registration.objects.count() == 1


def test_repeated_events_shift_the_registration_window_with_each_date(event_index):
    start = days_from_now(3)
    event = make_event(
        event_index,
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_count=3,
        registration_opens=start - datetime.timedelta(days=4),
    )
    first, second, third = event.occurrences.order_by("start")
    assert second.registration_opens == second.start - datetime.timedelta(days=4)
    assert third.registration_opens == third.start - datetime.timedelta(days=4)
    with pytest.raises(services.RegistrationError, match="报名还没有开始"):
        _guest(second, 1)
    # Each date has its own places and registrations.
    _guest(first, 1)
    _guest(second, 1, now=second.registration_opens)  # the same person, another date
    assert first.registrations.count() == second.registrations.count() == 1


def test_registration_after_the_start_is_refused(event_index):
    start = timezone.now() + datetime.timedelta(hours=1)
    event = make_event(event_index, start=start, end=start + datetime.timedelta(hours=2))
    occurrence = event.occurrences.get()
    with pytest.raises(services.RegistrationError, match="报名已经截止"):
        _guest(occurrence, 1, now=start + datetime.timedelta(minutes=5))


def test_the_same_mobile_number_cannot_register_twice(occurrence):
    _guest(occurrence, 1)
    with pytest.raises(services.RegistrationError, match="这个手机号码已经报名"):
        services.register(occurrence, name="另一个名字", phone="138-0000-0001")
    assert occurrence.registrations.count() == 1


def test_the_database_refuses_a_second_active_registration_for_the_same_number(occurrence):
    from django.db import IntegrityError, transaction

    _guest(occurrence, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            occurrence=occurrence, name="重复", phone="13800000001", status="waiting"
        )


def test_the_database_refuses_a_second_active_registration_for_the_same_account(occurrence):
    from django.db import IntegrityError, transaction

    member = UserFactory()
    services.register(occurrence, user=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            occurrence=occurrence, user=member, name="x", phone="13900009999", status="waiting"
        )


def test_after_cancelling_one_may_register_again_at_the_end_of_the_queue(occurrence):
    member = UserFactory()
    first = services.register(occurrence, user=member)
    services.cancel(first, actor=member)
    again = services.register(occurrence, user=member)
    assert again.pk != first.pk and again.is_confirmed
    with pytest.raises(services.RegistrationError, match="您已经报名"):
        services.register(occurrence, user=member)


def test_too_many_companions_are_refused(occurrence):
    with pytest.raises(services.RegistrationError, match="最多可带 2 名同行人"):
        _guest(occurrence, 1, companions=3)


def test_party_members_events_need_an_account(event_index):
    event = make_event(event_index, audience="party")
    occurrence = event.occurrences.get()
    with pytest.raises(services.RegistrationError, match="只面向党员，请先登录"):
        _guest(occurrence, 1)
    assert services.register(occurrence, user=UserFactory()).is_confirmed


def test_apps_decide_who_belongs_to_an_audience_with_a_hook(event_index):
    event = make_event(event_index, audience="volunteers")
    occurrence = event.occurrences.get()
    allowed = UserFactory(real_name="志愿者")

    def only_named_volunteers(event, user):
        return user.real_name == "志愿者" if event.audience == "volunteers" else None

    # Asked before the volunteers app's own hook, which answers for this audience too.
    with hooks.register_temporarily("events_audience_allows", only_named_volunteers, order=-1):
        with pytest.raises(services.RegistrationError, match="您的账户不在其中"):
            services.register(occurrence, user=UserFactory(real_name="居民"))
        assert services.register(occurrence, user=allowed).is_confirmed


def test_cancelling_after_the_start_is_refused(occurrence):
    registration = _guest(occurrence, 1)
    with pytest.raises(services.RegistrationError, match="活动已经开始"):
        services.cancel(registration, now=occurrence.start + datetime.timedelta(minutes=1))
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_an_unpublished_event_takes_no_registrations(event, occurrence):
    event.unpublish()
    with pytest.raises(services.RegistrationError, match="没有发布"):
        _guest(occurrence, 1)


# --- Through the web --------------------------------------------------------------


def _register_url(occurrence):
    return reverse("events:register", args=[occurrence.pk])


def test_a_resident_without_an_account_registers_with_name_and_mobile(client, occurrence):
    response = client.post(
        _register_url(occurrence),
        {"name": " 张 秀英 ", "phone": "+86 138 1234 5678", "companions": "1"},
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:confirmation", args=[registration.code])
    assert (registration.name, registration.phone, registration.places) == (
        "张 秀英",
        "13812345678",
        2,
    )
    page = client.get(response["Location"]).content.decode()
    assert "报名成功" in page and "<svg" in page and "qr-code" in page
    assert "138****5678" in page and "13812345678" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "张三", "phone": "12345"}, "请输入正确的 11 位中国大陆手机号码"),
        ({"name": "", "phone": "13812345678"}, "请填写姓名。"),
        ({"name": "张三", "phone": "13812345678", "companions": "9"}, "选择一个有效的选项"),
        ({"name": "张三", "phone": "13812345678", "email": "not-an-email"}, "请输入正确的电子邮箱"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_keeps_what_was_typed(
    client, occurrence, data, message
):
    response = client.post(_register_url(occurrence), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "提交未成功" in html
    for value in data.values():
        if value and value != "9":
            assert f'value="{value}"' in html
    assert not Registration.objects.exists()


def test_a_second_registration_with_the_same_number_is_refused_in_chinese(client, occurrence):
    client.post(_register_url(occurrence), {"name": "张三", "phone": "13812345678"})
    response = client.post(_register_url(occurrence), {"name": "李四", "phone": "13812345678"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "这个手机号码已经报名了这一场活动" in html
    assert 'value="李四"' in html
    assert Registration.objects.count() == 1


def test_registration_after_closing_is_refused_through_the_web(client, event_index):
    start = days_from_now(5)
    event = make_event(
        event_index,
        start=start,
        end=start + datetime.timedelta(hours=1),
        registration_closes=timezone.now() - datetime.timedelta(minutes=1),
        registration_opens=timezone.now() - datetime.timedelta(days=1),
    )
    occurrence = event.occurrences.get()
    page = client.get(_register_url(occurrence)).content.decode()
    assert "报名已截止" in page and 'name="phone"' not in page
    response = client.post(_register_url(occurrence), {"name": "张三", "phone": "13812345678"})
    assert "报名已截止，不能再报名了。" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_logged_in_member_registers_and_cancels_in_one_click(client, event, occurrence):
    member = UserFactory(real_name="王建国")
    client.force_login(member)
    status = client.get(reverse("events:event_status", args=[event.pk])).content.decode()
    assert "一键报名" in status
    response = client.post(_register_url(occurrence))  # the one-click form sends nothing else
    registration = Registration.objects.get(user=member)
    assert response["Location"] == reverse("events:confirmation", args=[registration.code])
    assert registration.name == "王建国" and registration.places == 1
    status = client.get(reverse("events:event_status", args=[event.pk])).content.decode()
    assert "您已报名" in status and "取消报名" in status
    client.post(reverse("events:cancel", args=[registration.code]))
    registration.refresh_from_db()
    assert registration.status == "cancelled" and registration.cancelled_by == member


def test_the_status_fragment_is_never_cached_and_shows_places_left(client, event, occurrence):
    _guest(occurrence, 1, companions=2)
    response = client.get(reverse("events:event_status", args=[event.pk]))
    assert "剩余 7 个名额（共 10 个）" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in client.get(reverse("events:event_status", args=[event.pk]))


def test_the_cached_event_page_has_nothing_personal_and_no_form(client, event, occurrence):
    member = UserFactory()
    services.register(occurrence, user=member)
    anonymous = client.get(event.url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert client.get(event.url)["X-Page-Cache"] == "hit"
    html = anonymous.content.decode()
    assert "csrfmiddlewaretoken" not in html and "您已报名" not in html
    assert reverse("events:register", args=[occurrence.pk]) in html  # works without JavaScript
    assert reverse("events:event_status", args=[event.pk]) in html


def test_party_members_events_ask_anonymous_visitors_to_log_in(client, event_index):
    event = make_event(event_index, audience="party")
    occurrence = event.occurrences.get()
    page = client.get(_register_url(occurrence)).content.decode()
    assert "请先登录再报名" in page and 'name="phone"' not in page
    response = client.post(_register_url(occurrence), {"name": "张三", "phone": "13812345678"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_my_registrations_lists_them_for_the_member(client, occurrence):
    member = UserFactory()
    services.register(occurrence, user=member)
    client.force_login(member)
    html = client.get(reverse("events:mine")).content.decode()
    assert occurrence.event.title in html and "已确认" in html
    assert "我的活动报名" in client.get(reverse("accounts:me")).content.decode()


def test_confirmation_pages_of_the_waiting_show_the_position_not_a_qr_code(client, event_index):
    event = make_event(event_index, capacity=1)
    occurrence = event.occurrences.get()
    _guest(occurrence, 1)
    waiting = _guest(occurrence, 2)
    html = client.get(reverse("events:confirmation", args=[waiting.code])).content.decode()
    assert "候补第 1 位" in html and "qr-code" not in html


def test_unknown_confirmation_codes_are_not_found(client, home_page):
    assert client.get(reverse("events:confirmation", args=["nope"])).status_code == 404


def test_no_full_mobile_number_appears_on_public_event_pages(client, event, occurrence):
    _guest(occurrence, 1)
    mobile = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
    index = event.get_parent()
    for url in [
        "/",
        index.url,
        index.url + "calendar/",
        event.url,
        reverse("events:event_status", args=[event.pk]),
        reverse("events:confirmation", args=[Registration.objects.get().code]),
    ]:
        assert not mobile.search(client.get(url).content.decode()), url


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/registrations/occurrence/99999999999999999999/", 404),
        ("post", "/registrations/occurrence/99999999999999999999/", 404),
        ("get", "/registrations/event/99999999999999999999/status/", 404),
        ("get", "/registrations/r/%00/", 404),
        ("get", "/registrations/r/nope/cancel/", 404),
        ("post", "/registrations/r/nope/cancel/", 404),
        ("get", "/registrations/occurrence/abc/", 404),
    ],
)
def test_garbage_registration_urls_never_fail(client, home_page, method, path, expected):
    response = getattr(client, method)(path)
    assert response.status_code == expected
