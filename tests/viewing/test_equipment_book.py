"""The paper book for the upward inspection: the print page and the Excel
workbook (设备登记, 运行记录 with the weekly check, 故障维修, 五防检查), by
month and by year."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.dates import local_zone
from learning.viewing.models import Fault, RunSource
from tests.viewing.factories import AssetFactory, InspectionFactory, RunFactory

pytestmark = pytest.mark.django_db


def local(*args):
    return datetime.datetime(*args, tzinfo=local_zone())


@pytest.fixture
def march_2025(branch_admin):
    """March 2025: the week of 03-03 with one run, 03-10 with two (one from a
    screening); a projector repaired after 2 days 3 hours; one inspection
    with 防潮 failed."""
    projector = AssetFactory(name="投影仪", model_number="EB-X05", quantity=1, keeper="王管理员")
    AssetFactory(name="话筒", model_number="无线", quantity=2, keeper="李老师")
    RunFactory(started_at=local(2025, 3, 4, 10), ended_at=local(2025, 3, 4, 11), operator=None)
    RunFactory(started_at=local(2025, 3, 10, 9), ended_at=local(2025, 3, 10, 10, 30))
    RunFactory(
        started_at=local(2025, 3, 16, 19),
        ended_at=local(2025, 3, 16, 20),
        source=RunSource.SCREENING,
        purpose="放映：党员冬训",
    )
    Fault.objects.create(
        asset=projector,
        reported_at=local(2025, 3, 5, 9),
        reporter="李老师",
        description="灯泡不亮",
        sent_at=local(2025, 3, 5, 14),
        sent_to="区广电维修站",
        repaired_at=local(2025, 3, 7, 12),
        repairer="张师傅",
        cost=Decimal("150.00"),
    )
    InspectionFactory(inspected_on=datetime.date(2025, 3, 20), damp_ok=False, damp_note="墙角返潮")


def workbook(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def rows(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_month_exports_the_four_sheets_of_the_book(admin_client, march_2025):
    response = admin_client.get(reverse("viewing_equipment:export") + "?year=2025&month=3")
    assert "2025%E5%B9%B43%E6%9C%88" in response["Content-Disposition"]  # 2025年3月
    book = workbook(response)
    assert book.sheetnames == ["设备登记", "运行记录", "故障维修", "五防检查"]

    assets = rows(book["设备登记"])
    assert assets[0][:3] == ["设备名称", "型号", "数量"]
    assert ["投影仪", "EB-X05", 1, None, "王管理员", "正常", None] in assets

    runs = rows(book["运行记录"])
    assert runs[1][:3] == ["2025-03-04", "10:00", "11:00"]
    assert runs[3][5:8] == ["放映：党员冬训", "良好", "放映"]
    weeks = {row[0]: row[1:3] for row in runs if row[0] and " — " in str(row[0])}
    assert weeks["2025-03-03 — 2025-03-09"] == [1, "开机不足两次"]
    assert weeks["2025-03-10 — 2025-03-16"] == [2, "达标"]
    assert weeks["2025-02-24 — 2025-03-02"] == [0, "开机不足两次"]

    faults = rows(book["故障维修"])
    assert faults[1][0] == "投影仪 EB-X05" and faults[1][5] == "区广电维修站"
    assert faults[1][8] == 150 and faults[1][9] == "2天3小时"

    inspections = rows(book["五防检查"])
    assert inspections[0][2:7] == ["防火", "防盗", "防潮", "防雷", "防尘"]
    assert inspections[1][4] == "不合格：墙角返潮" and inspections[1][2] == "合格"


def test_a_month_without_the_fault_leaves_it_out_and_the_year_has_it(admin_client, march_2025):
    april = workbook(admin_client.get(reverse("viewing_equipment:export") + "?year=2025&month=4"))
    assert len(rows(april["故障维修"])) == 1 and len(rows(april["五防检查"])) == 1
    year = workbook(admin_client.get(reverse("viewing_equipment:export") + "?year=2025"))
    assert len(rows(year["故障维修"])) == 2
    weeks = [row for row in rows(year["运行记录"]) if row[0] and " — " in str(row[0])]
    assert len(weeks) == 53 and weeks[0][0] == "2024-12-30 — 2025-01-05"


def test_the_print_page_is_the_book_with_a_print_stylesheet(admin_client, march_2025):
    response = admin_client.get(reverse("viewing_equipment:print") + "?year=2025&month=3")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "设备运行、维修情况记录簿" in html and "2025年3月" in html
    assert "equipment-print.css" in html
    assert "有 5 周开机不足两次" in html and 'class="book__flagged"' in html
    for text in ("EB-X05", "放映：党员冬训", "区广电维修站", "不合格：墙角返潮"):
        assert text in html


def test_the_print_stylesheet_has_print_rules():
    from django.contrib.staticfiles import finders

    with open(finders.find("viewing/css/equipment-print.css"), encoding="utf-8") as sheet:
        assert "@media print" in sheet.read()


def test_the_book_print_and_export_read_a_fixed_number_of_queries(admin_client, march_2025):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts():
        found = []
        for name in ("index", "print", "export"):
            with CaptureQueriesContext(connection) as queries:
                response = admin_client.get(
                    reverse(f"viewing_equipment:{name}") + "?year=2025&month=3"
                )
                assert response.status_code == 200
            found.append(len(queries))
        return found

    few = counts()
    for day in range(1, 29):
        RunFactory(started_at=local(2025, 3, day, 8), ended_at=local(2025, 3, day, 9))
    assert counts() == few, few
