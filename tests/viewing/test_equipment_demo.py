"""The demo equipment book: assets, six weeks of runs with one short week,
a repaired fault and an inspection; loading it again changes nothing."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.viewing import demo
from learning.viewing.equipment_book import Period, weeks
from learning.viewing.models import Asset, AssetState, Fault, Inspection, Run

pytestmark = pytest.mark.django_db


def test_the_demo_book_has_one_short_week_and_one_repaired_fault(admin_client):
    demo.load(None, io.StringIO())
    counts = [model.objects.count() for model in (Asset, Run, Fault, Inspection)]
    demo.load(None, io.StringIO())
    assert [model.objects.count() for model in (Asset, Run, Fault, Inspection)] == counts
    assert counts == [5, 11, 1, 1]
    assert set(Asset.objects.values_list("state", flat=True)) == {AssetState.NORMAL}
    assert Fault.objects.get().out_of_service() > datetime.timedelta(days=5)

    today = timezone.localdate()
    checked = {  # the week across New Year is in both years
        week.monday: week
        for year in (today.year - 1, today.year)
        for week in weeks(Period(year))
        if today - datetime.timedelta(weeks=7) < week.monday
    }
    short = today - datetime.timedelta(days=today.weekday(), weeks=3)
    assert [monday for monday, week in checked.items() if week.flagged] == [short]
    response = admin_client.get(reverse("viewing_equipment:index"))
    assert response.status_code == 200
