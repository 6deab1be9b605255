"""A guest who types the number with full-width digits is the same guest."""

import pytest
from django.urls import reverse

from events import services
from events.models import Registration

pytestmark = pytest.mark.django_db


def test_a_full_width_number_cannot_register_the_same_date_twice(client, occurrence):
    services.register(occurrence, name="张秀英", phone="13812345678")
    response = client.post(
        reverse("events:register", args=[occurrence.pk]),
        {"name": "张秀英", "phone": "13８1234５678", "companions": "0"},
    )
    assert "这个手机号码已经报名了这一场活动" in response.content.decode()
    assert Registration.objects.count() == 1
    with pytest.raises(services.RegistrationError, match="不能重复报名"):
        services.register(occurrence, name="张秀英", phone="１３８１２３４５６７８")
