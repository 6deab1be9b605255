"""Who may cancel a registration, and how: the check-in QR code is its own
signed token (door staff who scan it learn nothing that cancels), only the
registrant or an organiser cancels, and cancelling asks for confirmation on
a second screen that says what will be lost."""

import pytest
from django.core import signing
from django.urls import reverse
from wagtail.models import Site

from accounts import roles
from core.codes import sign_code
from core.qr import qr_svg
from events import services
from events.models import Registration
from tests.accounts.factories import UserFactory
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(occurrence):
    """A resident without an account, with the confirmation link she was given."""
    return services.register(occurrence, name="张秀英", phone="13812345678", companions=1)


def _cancel_url(registration):
    return reverse("events:cancel", args=[registration.code])


def test_the_check_in_qr_code_does_not_carry_the_confirmation_secret(client, guest):
    token = services.check_in_code(guest)
    assert guest.code not in token
    # It is the registration's id, signed: no way back to the secret code.
    assert signing.Signer(salt=services.CHECK_IN_SALT).unsign(token) == str(guest.pk)
    # The confirmation page's QR code draws exactly the check-in address.
    confirmation = client.get(reverse("events:confirmation", args=[guest.code])).content.decode()
    check_in_path = reverse("events:check_in", args=[token])
    root = Site.objects.get(is_default_site=True).root_url
    assert str(qr_svg(root + check_in_path, "x")).split("<path")[1] in confirmation
    # What the door staff see after scanning does not lead back either.
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    staff_page = client.get(check_in_path).content.decode()
    assert "张秀英" in staff_page and guest.code not in staff_page


def test_a_check_in_code_of_the_old_kind_carrying_the_secret_is_refused(client, guest):
    old = sign_code(guest.code, "events.check-in")
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    response = client.post(reverse("events:check_in", args=[old]))
    assert response.status_code == 400 and "签到码无效" in response.content.decode()
    guest.refresh_from_db()
    assert guest.checked_in_at is None


def test_door_staff_who_scanned_the_qr_code_cannot_cancel_a_guests_registration(client, guest):
    door = UserFactory(roles=[roles.EDITORS])  # may check in, may not cancel for others
    client.force_login(door)
    token = services.check_in_code(guest)
    # Nothing they hold opens a cancel page...
    for guess in (token, token.split(":")[0], str(guest.pk)):
        assert client.post(f"/registrations/r/{guess}/cancel/").status_code == 404
    # ... and the rule itself asks for the confirmation secret.
    with pytest.raises(services.RegistrationError, match="只有报名者本人或活动工作人员"):
        services.cancel(guest, actor=door)
    guest.refresh_from_db()
    assert guest.is_active


def test_a_guest_cancels_from_the_confirmation_link_after_a_second_screen(client, guest):
    confirmation = client.get(reverse("events:confirmation", args=[guest.code])).content.decode()
    assert f'href="{_cancel_url(guest)}"' in confirmation  # a link, not a one-tap form
    page = client.get(_cancel_url(guest))
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "确定要取消报名吗？" in html and "2 人（含同行 1 人）" in html
    assert "确认取消" in html and "返回，保留报名" in html
    guest.refresh_from_db()
    assert guest.is_active  # looking costs nothing
    client.post(_cancel_url(guest))
    guest.refresh_from_db()
    assert guest.status == "cancelled"


def test_the_second_screen_says_a_full_events_place_goes_to_the_next_person_waiting(
    client, event_index
):
    occurrence = make_event(event_index, capacity=1, max_companions=0).occurrences.get()
    first = services.register(occurrence, name="张秀英", phone="13812345678")
    second = services.register(occurrence, name="李建国", phone="13812345679")
    html = client.get(_cancel_url(first)).content.decode()
    assert "还有 1 人在候补" in html and "马上让给候补的下一位居民" in html
    html = client.get(_cancel_url(second)).content.decode()
    assert "您现在是候补第 1 位" in html
    alone = make_event(event_index, capacity=5).occurrences.get()
    solo = services.register(alone, name="王桂兰", phone="13812345670")
    assert "名额没被报满时，您可以重新报名" in client.get(_cancel_url(solo)).content.decode()


def test_an_account_registration_is_cancelled_only_by_its_owner(client, occurrence):
    owner = UserFactory(real_name="王建国")
    registration = services.register(occurrence, user=owner)
    url = _cancel_url(registration)

    # Someone holding the link but logged out is asked to log in.
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    confirmation = client.get(reverse("events:confirmation", args=[registration.code]))
    assert "登录报名时使用的账户后可以取消" in confirmation.content.decode()
    assert url not in confirmation.content.decode()

    # Another account holding the link is refused.
    client.force_login(UserFactory())
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 403
        assert "只有报名者本人或活动工作人员可以取消" in response.content.decode()
    registration.refresh_from_db()
    assert registration.is_active

    client.force_login(owner)
    assert client.get(url).status_code == 200
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == "cancelled" and registration.cancelled_by == owner


def test_an_organiser_with_the_permission_may_cancel_for_someone(client, guest):
    organiser = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    client.force_login(organiser)
    client.post(_cancel_url(guest))
    guest.refresh_from_db()
    assert guest.status == "cancelled" and guest.cancelled_by == organiser


def test_the_system_cancels_without_a_person_asking(guest):
    # Commands and erasing an account call the rule with actor=None.
    assert services.cancel(guest).status == "cancelled"
    assert Registration.objects.get(pk=guest.pk).cancelled_by is None
