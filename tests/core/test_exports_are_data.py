"""Every Excel and CSV export writes what people typed as text, never as a
formula: each export is fed hostile names and read back with openpyxl (and
the csv module), through the real download URLs."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from wagtail.models import Site

from core import spreadsheet
from events.models import Registration
from learning.study import services as study
from tests.accounts.factories import UserFactory
from tests.events.factories import EventIndexPageFactory, at, make_event
from tests.study.factories import BranchFactory, GridFactory, MemberFactory, make_session
from tests.volunteers.factories import RecordFactory, TeamFactory, VolunteerFactory, coordinator
from volunteers import services as volunteer_services

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://x","点我")',
    "=1+1",
    "+1",
    "-1+2",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


def _cells(content):
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_hostile_text_is_literal(content, expected=HOSTILE):
    """No cell is a formula; every hostile value is there as the same text,
    marked as text (Excel's quote prefix) so that editing keeps it text."""
    cells = _cells(content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    by_value = {}
    for cell in cells:
        if isinstance(cell.value, str):
            by_value.setdefault(cell.value, cell)
    for value in expected:
        value = value.replace("\r", "\n")  # XML reads a carriage return as a line feed
        cell = next((c for text, c in by_value.items() if value in text), None)
        assert cell is not None, f"{value!r} is missing from the export"
        if cell.value.startswith((*spreadsheet.FORMULA_PREFIXES, "\n")):
            assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate


# --- The helper -------------------------------------------------------------------------


def test_the_helper_keeps_numbers_numbers_and_text_text():
    book = Workbook()
    sheet = book.active
    spreadsheet.append(sheet, [-1, 2.5, "-1", "=1+1", "普通文字", None, "坏\x07字符"])
    spreadsheet.set_cell(sheet, "A2", "=SUM(1)")
    read = load_workbook(io.BytesIO(spreadsheet.workbook_bytes(book))).active
    row = list(read[1])
    assert (row[0].value, row[0].data_type, row[0].quotePrefix) == (-1, "n", False)
    assert (row[1].value, row[1].data_type) == (2.5, "n")
    assert (row[2].value, row[2].data_type, row[2].quotePrefix) == ("-1", "s", True)
    assert (row[3].value, row[3].data_type, row[3].quotePrefix) == ("=1+1", "s", True)
    assert (row[4].value, row[4].quotePrefix) == ("普通文字", False)
    assert row[6].value == "坏字符"  # a control character XML cannot hold is dropped
    assert (read["A2"].value, read["A2"].data_type) == ("=SUM(1)", "s")


def test_csv_cells_put_an_apostrophe_before_formula_text_only():
    assert [spreadsheet.csv_cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert spreadsheet.csv_cell(-1) == -1
    assert spreadsheet.csv_cell("张三") == "张三"
    assert spreadsheet.csv_cell("") == ""


# --- Each export ------------------------------------------------------------------------


def test_the_registrant_list_writes_hostile_names_as_text(client, home_page):
    event = make_event(EventIndexPageFactory(parent=home_page), capacity=20)
    occurrence = event.occurrences.get()
    for number, name in enumerate(HOSTILE):
        # As if typed into any form or entered by staff: straight into the table.
        Registration.objects.create(
            occurrence=occurrence, name=name, phone=f"1380000{number:04d}", status="confirmed"
        )
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("event_registrations:export", args=[occurrence.pk]))
    assert response.status_code == 200
    assert_hostile_text_is_literal(response.content)
    numbers = [c for c in _cells(response.content) if c.column == 1 and c.row > 1]
    assert all(c.data_type == "n" for c in numbers)  # 序号 stay numbers


def test_the_hours_report_writes_hostile_volunteer_and_team_names_as_text(client):
    boss = coordinator()
    for name in HOSTILE:
        volunteer = VolunteerFactory(real_name=name, team=TeamFactory(name="队" + name))
        record = RecordFactory(volunteer=volunteer, date=datetime.date(2025, 3, 1), hours=2)
        volunteer_services.approve_record(record, boss)
    client.force_login(boss)
    response = client.get(reverse("volunteer_admin:report_export"), {"year": 2025})
    assert response.status_code == 200
    assert_hostile_text_is_literal(response.content, HOSTILE + ["队" + HOSTILE[0]])
    totals = [c for c in _cells(response.content) if c.column == 15 and c.row > 1]
    assert totals and all(c.data_type == "n" and c.value == 2 for c in totals)


def test_the_member_list_and_the_import_template_write_hostile_names_as_text(client):
    branch = BranchFactory(name="@第一支部")
    for number, name in enumerate(HOSTILE):
        MemberFactory(name=name, branch=branch, grid=GridFactory(name=f"-{number}"))
    client.force_login(UserFactory(is_superuser=True))
    members = client.get(reverse("study_admin:export"))
    assert members.status_code == 200
    assert_hostile_text_is_literal(members.content, HOSTILE + ["@第一支部", "-0"])
    template = client.get(reverse("study_admin:import_template"))
    assert_hostile_text_is_literal(template.content, ["@第一支部"])


def test_the_ledger_writes_hostile_branch_and_community_names_as_text(client, home_page):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "=社区"
    site.save()
    index = EventIndexPageFactory(parent=home_page)
    branches = [BranchFactory(name=name) for name in HOSTILE]
    for branch in branches:
        MemberFactory(branch=branch)
    march = datetime.date(2026, 3, 10)
    session = make_session(index, branches, start=at(march, 9), end=at(march, 11))
    boss = UserFactory(is_superuser=True)
    study.save_roll(
        session, {m.pk: ("present", "onsite", "") for m in session.invited_members()}, boss
    )
    client.force_login(boss)
    response = client.get(reverse("study_admin:ledger_export") + "?year=2026")
    assert response.status_code == 200
    assert_hostile_text_is_literal(response.content, HOSTILE + ["=社区"])
    book = load_workbook(io.BytesIO(response.content))
    assert book["汇总"]["A1"].value.startswith("=社区")
    assert book["汇总"]["A1"].data_type == "s"


# --- Wagtail's own reports (CSV and Excel) -----------------------------------------------


@pytest.fixture
def hostile_history(home_page):
    """A page and an editor with hostile names, in the site history."""
    editor = UserFactory(is_superuser=True, real_name="@SUM(A1)")
    home_page.title = '=HYPERLINK("http://x","点我")'
    home_page.save_revision(user=editor).publish(user=editor)
    return editor


def test_wagtails_site_history_csv_writes_hostile_titles_and_names_as_text(client, hostile_history):
    client.force_login(hostile_history)
    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [c for c in cells if c.startswith(spreadsheet.FORMULA_PREFIXES)]
    assert "'" + '=HYPERLINK("http://x","点我")' in cells
    assert "'@SUM(A1)" in cells


def test_wagtails_site_history_xlsx_writes_hostile_titles_and_names_as_text(
    client, hostile_history
):
    client.force_login(hostile_history)
    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert_hostile_text_is_literal(content, ['=HYPERLINK("http://x","点我")', "@SUM(A1)"])
