"""The coordinators' hours page (per volunteer, team and month, with a
chart) and its Excel export, reopened with openpyxl."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.models import ExportJob, ExportState
from tests.accounts.factories import UserFactory
from tests.volunteers.factories import RecordFactory, TeamFactory, VolunteerFactory
from volunteers import services

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def year_of_service(boss):
    team = TeamFactory(name="平安巡逻队")
    zhang = VolunteerFactory(real_name="张秀英", team=team)
    li = VolunteerFactory(real_name="李建国")
    for volunteer, day, hours in (
        (zhang, D(2025, 1, 5), "2"),
        (zhang, D(2025, 1, 20), "1.5"),
        (zhang, D(2025, 3, 8), "4"),
        (li, D(2025, 3, 9), "3"),
        (li, D(2024, 12, 31), "9"),  # another year
    ):
        services.approve_record(RecordFactory(volunteer=volunteer, date=day, hours=hours), boss)
    RecordFactory(volunteer=li, date=D(2025, 3, 10), hours=7)  # waiting: not counted
    return {"zhang": zhang, "li": li, "team": team}


def test_the_hours_page_shows_volunteers_months_and_a_chart(client, boss, year_of_service):
    client.force_login(boss)
    url = reverse("volunteer_admin:report")
    html = client.get(url, {"year": 2025}).content.decode()
    assert "2025 年共认定服务时长 10.50 小时" in html
    assert "<td>张秀英</td><td>平安巡逻队</td><td>3</td><td>7.50</td>" in html
    assert "<td>李建国</td><td>—</td><td>1</td><td>3</td>" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="hours-chart"' in html
    assert "2025年每月认定服务时长柱状图" in html
    assert "<title>1月：3.50</title>" in html and "<title>3月：7</title>" in html
    teams = client.get(url, {"year": 2025, "by": "team"}).content.decode()
    assert "<td>平安巡逻队</td><td>1</td><td>3</td><td>7.50</td>" in teams
    assert "<td>未分队</td><td>1</td><td>1</td><td>3</td>" in teams


def test_garbage_parameters_fall_back_to_this_year(client, boss, year_of_service):
    client.force_login(boss)
    response = client.get(reverse("volunteer_admin:report"), {"year": "abc", "by": "x"})
    assert response.status_code == 200
    assert f"{datetime.date.today().year} 年共认定服务时长" in response.content.decode()


def test_the_excel_export_holds_each_volunteers_months(client, boss, year_of_service):
    client.force_login(boss)
    response = client.get(reverse("volunteer_admin:report_export"), {"year": 2025})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("志愿者", "服务队", "1月") and rows[0][-1] == "合计（小时）"
    assert len(rows) == 3
    zhang, li = rows[1], rows[2]
    assert zhang[0] == "张秀英" and zhang[1] == "平安巡逻队"
    assert zhang[2] == 3.5 and zhang[4] == 4 and zhang[-1] == 7.5
    assert li[0] == "李建国" and li[4] == 3 and li[-1] == 3  # 2024 and waiting hours left out
    assert Decimal(str(sum(r[-1] for r in rows[1:]))) == Decimal("10.5")


def test_only_coordinators_see_the_hours(client, year_of_service):
    client.force_login(UserFactory(roles=["编辑"], is_staff=True))
    assert client.get(reverse("volunteer_admin:report")).status_code in (302, 403)
    assert client.get(reverse("volunteer_admin:report_export")).status_code in (302, 403)


def test_the_volunteer_hours_export_goes_through_my_exports_when_large(
    client, boss, year_of_service, settings
):
    settings.EXPORT_SYNC_ROWS = 1
    client.force_login(boss)
    response = client.get(reverse("volunteer_admin:report_export"), {"year": 2025})
    job = ExportJob.objects.get()  # made at once: the tests run tasks inside enqueue()
    assert response.status_code == 302 and job.state == ExportState.DONE
    listing = client.get(reverse("core_exports:index")).content.decode()
    assert "志愿服务时长 2025 年" in listing and "志愿服务时长-2025.xlsx" in listing
    download = client.get(reverse("core_exports:download", args=[job.pk]))
    rows = list(load_workbook(io.BytesIO(download.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows] == ["志愿者", "张秀英", "李建国"]
