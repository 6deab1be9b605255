"""The rule "每周必须开机两次以上": weeks Monday–Sunday in Asia/Shanghai time,
fewer than two runs flagged (a week with none included), on the run book's
screen too."""

import datetime

import pytest
from django.urls import reverse

from core.dates import local_zone
from learning.viewing.equipment_book import Period, weeks
from learning.viewing.models import RunSource
from tests.viewing.factories import RunFactory

pytestmark = pytest.mark.django_db


def local(*args):
    return datetime.datetime(*args, tzinfo=local_zone())


def run_at(*args, **kwargs):
    start = local(*args)
    return RunFactory(started_at=start, ended_at=start + datetime.timedelta(minutes=40), **kwargs)


@pytest.fixture
def november():
    """2026-11: the week of 11-02 has one run, 11-09 two (one at 00:10 on its
    Monday, still Sunday in UTC), 11-16 two (one at 23:30 on its Sunday,
    already Monday in no zone), 11-23 none; 10-26 touches the month, none."""
    run_at(2026, 11, 4, 10, 0)
    run_at(2026, 11, 9, 0, 10)
    run_at(2026, 11, 12, 10, 0, source=RunSource.SCREENING)
    run_at(2026, 11, 17, 9, 0)
    run_at(2026, 11, 22, 23, 30)
    run_at(2026, 11, 30, 9, 0)


def test_weeks_of_a_month_are_counted_in_shanghai_time_and_short_ones_flagged(november):
    found = weeks(Period(2026, 11), now=local(2026, 12, 3, 12, 0))
    table = {week.monday: (week.runs, week.flagged, week.ended) for week in found}
    assert table == {
        datetime.date(2026, 10, 26): (0, True, True),
        datetime.date(2026, 11, 2): (1, True, True),
        datetime.date(2026, 11, 9): (2, False, True),
        datetime.date(2026, 11, 16): (2, False, True),
        datetime.date(2026, 11, 23): (0, True, True),
        datetime.date(2026, 11, 30): (1, False, False),
    }
    assert [week.verdict for week in found][-1] == "本周进行中"


def test_a_year_starts_from_the_week_of_its_first_day_and_stops_at_today(november):
    found = weeks(Period(2026), now=local(2026, 11, 10, 8, 0))
    assert found[0].monday == datetime.date(2025, 12, 29)
    assert found[-1].monday == datetime.date(2026, 11, 9) and not found[-1].ended
    assert sum(week.runs for week in found) == 3  # weeks not yet begun are left out


def test_the_run_book_screen_flags_the_short_weeks(admin_client):
    run_at(2025, 3, 4, 10, 0)  # week of 03-03: one run
    run_at(2025, 3, 10, 9, 0)
    run_at(2025, 3, 16, 23, 30, source=RunSource.SCREENING)  # week of 03-10: two
    response = admin_client.get(reverse("viewing_equipment:index") + "?year=2025&month=3")
    assert response.status_code == 200
    html = response.content.decode()
    rows = {
        row.split("</td>")[0].split(">")[-1].strip(): row
        for row in html.split("<tr")
        if "— 2025-" in row
    }
    assert "开机不足两次" in rows["2025-03-03 — 2025-03-09"]
    assert "equipment-week--flagged" in rows["2025-03-03 — 2025-03-09"]
    assert "达标" in rows["2025-03-10 — 2025-03-16"]
    assert "flagged" not in rows["2025-03-10 — 2025-03-16"]
    assert "有 5 周开机不足两次" in html  # 02-24 (touches March), 03-03, 03-17, 03-24, 03-31
