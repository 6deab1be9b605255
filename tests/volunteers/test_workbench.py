"""The coordinators' 工作台: every decision button on every tab, pressed as
the page offers it (the form's own action and fields), does what it says.
(The wishes tab's buttons once posted to …/decide/wishe/…: 对不起，你没有权限访问.)"""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.volunteers.factories import RecordFactory, VolunteerFactory, WishFactory
from volunteers import services
from volunteers.models import CorrectionRequest, ServiceRecord, Volunteer, Wish

pytestmark = pytest.mark.django_db

FORM = re.compile(r'<form method="post" action="(?P<action>[^"]+)"[^>]*>(?P<body>.*?)</form>', re.S)


def _press(client, tab, button, reason="材料不全，请补充"):
    """Open the tab, find the form whose button says ``button`` and submit it."""
    page = client.get(reverse("volunteer_admin:workbench"), {"tab": tab})
    assert page.status_code == 200
    forms = [m for m in FORM.finditer(page.content.decode()) if f">{button}</button>" in m["body"]]
    assert forms, f"no button {button} on the {tab} tab"
    fields = {"reason": reason} if 'name="reason"' in forms[0]["body"] else {}
    return client.post(unescape(forms[0]["action"]), fields, follow=True)


def _pending_correction(boss):
    record = RecordFactory(hours=2)
    services.approve_record(record, boss)
    return services.request_correction(record, record.volunteer.user, "应为3小时", "3")


CASES = [
    # tab, make the waiting item, button, how to read its state, state after
    ("volunteers", lambda boss: VolunteerFactory(status="pending"), "通过", Volunteer, "approved"),
    ("volunteers", lambda boss: VolunteerFactory(status="pending"), "退回", Volunteer, "rejected"),
    ("records", lambda boss: RecordFactory(), "通过", ServiceRecord, "approved"),
    ("records", lambda boss: RecordFactory(), "退回", ServiceRecord, "rejected"),
    ("corrections", _pending_correction, "同意更正", CorrectionRequest, "accepted"),
    ("corrections", _pending_correction, "不予更正", CorrectionRequest, "refused"),
    ("wishes", lambda boss: WishFactory(status="pending"), "公布", Wish, "open"),
    ("wishes", lambda boss: WishFactory(status="pending"), "退回", Wish, "rejected"),
]


@pytest.mark.parametrize(("tab", "make", "button", "model", "after"), CASES)
def test_each_decision_button_of_the_workbench_does_what_it_says(
    client, boss, tab, make, button, model, after
):
    item = make(boss)
    client.force_login(boss)
    response = _press(client, tab, button)
    html = response.content.decode()
    assert response.status_code == 200 and "没有权限" not in html
    assert "已通过" in html or "已退回" in html
    assert model.objects.get(pk=item.pk).status == after


def test_an_unknown_kind_of_decision_is_not_found_rather_than_forbidden(client, boss):
    wish = WishFactory(status="pending")
    client.force_login(boss)
    url = reverse("volunteer_admin:decide", args=["wishe", wish.pk, "approve"])
    assert client.post(url).status_code == 404
    assert Wish.objects.get(pk=wish.pk).status == "pending"
