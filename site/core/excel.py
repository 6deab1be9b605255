"""An Excel (.xlsx) download from rows, with openpyxl. Every cell is data:
text that looks like a formula stays text (``core.spreadsheet``)."""

from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import spreadsheet
from .http import private_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fill(sheet, headers, rows):
    """A header row in bold, the rows, widths from the content, the header frozen."""
    spreadsheet.append(sheet, [str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) * 2 + 2 for h in headers]
    for row in rows:
        values = ["" if value is None else spreadsheet.xlsx_value(value) for value in row]
        sheet.append(values)
        for index, value in enumerate(values):
            widths[index] = max(widths[index], min(60, len(str(value)) * 2 + 2))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def sheets_bytes(sheets):
    """A workbook of several sheets: ``sheets`` is [(title, headers, rows)]."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        _fill(workbook.create_sheet(str(title)[:31]), headers, rows)
    return spreadsheet.workbook_bytes(workbook)


def workbook_bytes(title, headers, rows):
    return sheets_bytes([(title, headers, rows)])


def sheets_response(filename, sheets):
    """An attachment download of several sheets; ``filename`` may be Chinese
    (RFC 5987)."""
    return attachment(filename, sheets_bytes(sheets))


def xlsx_response(filename, title, headers, rows):
    """An attachment download of one sheet."""
    return attachment(filename, workbook_bytes(title, headers, rows))


def attachment(filename, content):
    """The bytes of a workbook as a private attachment named ``filename``."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{quote(filename)}"
    )
    return private_response(response)
