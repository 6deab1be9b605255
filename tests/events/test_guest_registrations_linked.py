"""Registrations made as a guest with a number become the account's only
once the account has proven it holds the number."""

import pytest
from django.urls import reverse

from accounts import proof
from events import services
from events.models import Registration
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_guest_registrations_show_in_my_registrations_only_after_proof(client, occurrence):
    guest = services.register(occurrence, name="张秀英", phone="13812345678")
    user = UserFactory(phone="13812345678")
    client.force_login(user)
    assert "防范电信诈骗" not in client.get(reverse("events:mine")).content.decode()
    proof.redeem_activation_code(
        proof.issue_activation_code("13812345678", actor=None)[1],
        address="203.0.113.7",
        user=user,
    )
    guest.refresh_from_db()
    assert guest.user == user
    assert "防范电信诈骗" in client.get(reverse("events:mine")).content.decode()
    other = services.register(occurrence, name="王芳", phone="13900000000")
    assert Registration.objects.get(pk=other.pk).user is None
