"""Check-in by QR code, and the organisers' screens in the admin."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts import roles
from events import services
from events.models import Registration
from tests.accounts.factories import UserFactory
from tests.events.factories import at, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_event(event_index):
    """An event all day today (whatever the hour the tests run at)."""
    today = timezone.localdate()
    return make_event(event_index, title="今天的讲座", start=at(today, 0, 1), end=at(today, 23, 59))


@pytest.fixture
def registration(today_event):
    occurrence = today_event.occurrences.get()
    return services.register(
        occurrence,
        name="张秀英",
        phone="13812345678",
        companions=1,
        now=occurrence.start - datetime.timedelta(hours=1),
    )


@pytest.fixture
def organiser():
    return UserFactory(roles=[roles.VOLUNTEER_COORDINATORS], is_staff=False)


def _qr_url(client, registration):
    """The URL inside the QR code on the confirmation page."""
    html = client.get(reverse("events:confirmation", args=[registration.code])).content.decode()
    assert "<svg" in html
    signed = services.check_in_code(registration)
    url = reverse("events:check_in", args=[signed])
    # The code drawn in the SVG encodes exactly this absolute URL (the Site's address).
    from wagtail.models import Site

    from core.qr import qr_svg

    root = Site.objects.get(is_default_site=True).root_url
    assert str(qr_svg(root + url, "x")).split("<path")[1] in html
    return url


def test_the_organiser_scans_the_qr_code_and_checks_the_person_in(client, registration, organiser):
    url = _qr_url(client, registration)
    client.force_login(organiser)
    page = client.get(url).content.decode()
    assert "张秀英" in page and "13812345678" in page and "确认签到（2 人）" in page
    response = client.post(url)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.checked_in_at is not None and registration.checked_in_by == organiser
    again = client.post(url, follow=True).content.decode()
    assert "已经签到过了" in again


def test_a_forged_check_in_code_is_refused_in_chinese_and_changes_nothing(
    client, registration, organiser
):
    client.force_login(organiser)
    signed = services.check_in_code(registration)
    forged = [
        signed[:-2] + ("AA" if not signed.endswith("AA") else "BB"),
        registration.code,  # unsigned
        "anything:at-all",
        "x" * 500,
    ]
    for code in forged:
        for method in (client.get, client.post):
            response = method(reverse("events:check_in", args=[code]))
            assert response.status_code == 400
            assert "签到码无效" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_only_organisers_may_check_in(client, registration):
    url = reverse("events:check_in", args=[services.check_in_code(registration)])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(UserFactory())
    response = client.post(url)
    assert response.status_code == 403
    assert "只有活动工作人员可以为报名者签到" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_editors_check_in_but_see_only_masked_numbers(client, registration):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    url = reverse("events:check_in", args=[services.check_in_code(registration)])
    page = client.get(url).content.decode()
    assert "138****5678" in page and "13812345678" not in page
    client.post(url)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_people_on_the_waiting_list_cannot_be_checked_in(event_index, organiser):
    start = timezone.now() + datetime.timedelta(hours=1)
    event = make_event(
        event_index, capacity=1, start=start, end=start + datetime.timedelta(hours=1)
    )
    occurrence = event.occurrences.get()
    services.register(occurrence, name="甲", phone="13800000001")
    waiting = services.register(occurrence, name="乙", phone="13800000002")
    with pytest.raises(services.RegistrationError, match="候补名单中"):
        services.check_in(waiting, organiser)


def test_check_in_only_on_the_day(occurrence, organiser):
    registration = services.register(occurrence, name="甲", phone="13800000001")
    with pytest.raises(services.RegistrationError, match="活动当天才能签到"):
        services.check_in(registration, organiser)


# --- Admin --------------------------------------------------------------------------


def _admin_list(client, registration):
    return client.get(reverse("event_registrations:registrants", args=[registration.occurrence_id]))


def test_the_registrant_list_shows_check_in_state_and_full_numbers_to_coordinators(
    client, registration, organiser
):
    client.force_login(organiser)
    html = _admin_list(client, registration).content.decode()
    assert "张秀英" in html and "13812345678" in html and "未签到" in html
    client.post(
        reverse("event_registrations:action", args=[registration.pk, "check_in"]), follow=True
    )
    html = _admin_list(client, registration).content.decode()
    assert "撤销签到" in html and "已签到 1 人" in html
    index = client.get(reverse("event_registrations:index")).content.decode()
    assert "今天的讲座" in index


def test_editors_see_masked_numbers_and_cannot_cancel_for_someone(client, registration):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    html = _admin_list(client, registration).content.decode()
    assert "138****5678" in html and "13812345678" not in html
    response = client.post(reverse("event_registrations:action", args=[registration.pk, "cancel"]))
    assert response.status_code in (302, 403)  # Wagtail sends the refused back to the dashboard
    registration.refresh_from_db()
    assert registration.is_active


def test_members_without_a_role_see_no_registrant_list(client, registration):
    client.force_login(UserFactory())
    assert _admin_list(client, registration).status_code in (302, 403)
    assert client.get(
        reverse("event_registrations:export", args=[registration.occurrence_id])
    ).status_code in (302, 403)


def test_the_registrant_list_exports_to_excel(client, registration, organiser):
    services.register(
        registration.occurrence,
        name="李建国",
        phone="13900000002",
        now=registration.occurrence.start - datetime.timedelta(hours=1),
    )
    client.force_login(organiser)
    response = client.get(reverse("event_registrations:export", args=[registration.occurrence_id]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "姓名", "手机号码")
    assert rows[1][1:6] == ("张秀英", "13812345678", 1, 2, "已确认")
    assert rows[2][1] == "李建国"


def test_excel_export_masks_numbers_for_editors(client, registration):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    response = client.get(reverse("event_registrations:export", args=[registration.occurrence_id]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(values_only=True))[1][2] == "138****5678"


def test_an_organiser_cancels_for_someone_and_the_waiting_list_moves_up(
    client, event_index, organiser
):
    event = make_event(event_index, capacity=1, title="名额一个的讲座")
    occurrence = event.occurrences.get()
    first = services.register(occurrence, name="甲", phone="13800000001")
    second = services.register(occurrence, name="乙", phone="13800000002")
    client.force_login(organiser)
    client.post(reverse("event_registrations:action", args=[first.pk, "cancel"]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "cancelled" and first.cancelled_by == organiser
    assert second.is_confirmed
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_the_page_listing_offers_the_registrant_list(client, event, organiser):
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("wagtailadmin_explore", args=[event.get_parent().pk])).content
    assert re.search(rf"event-registrations/\?event={event.pk}", html.decode())


def test_a_check_in_shows_in_the_site_history_with_the_organisers_name(
    client, registration, organiser
):
    organiser.real_name = "王组织"
    organiser.save()
    client.force_login(organiser)
    client.post(
        reverse("event_registrations:action", args=[registration.pk, "check_in"]), follow=True
    )
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "为报名者签到" in html and "王组织" in html
    assert "张秀英" not in html  # the entry names the registration by number only
