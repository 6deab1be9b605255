"""Spreadsheet cells are data, never formulas (CSV / formula injection).

A name typed into a form (``=HYPERLINK("http://x","点我")``, ``@SUM(A1)``,
``-1+2``) ends up in an export that a secretary opens in Excel or WPS. A
spreadsheet program runs text that starts with ``=``, ``+``, ``-`` or ``@``
(and, after a tab or a carriage return, what follows) as a formula: it can
open links, fetch data or, with DDE, run programs. Every export of the site
goes through this module:

* Excel (.xlsx, openpyxl): text stays exactly as typed, stored as a text
  cell (openpyxl would otherwise store a string that starts with ``=`` as a
  formula) and marked ``quotePrefix``, Excel's own "this is text" flag that
  a leading apostrophe sets, so the cell stays text even after someone
  edits it. Characters XML cannot hold (control characters) are dropped
  instead of failing the whole export.
* CSV: text that could start a formula gets a leading apostrophe (OWASP's
  advice; Excel and WPS show it as text).

Numbers, dates and booleans stay what they are: ``-1`` is a number, not text.
"""

import io

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value):
    """Whether a spreadsheet program could read ``value`` as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_cell(value):
    """A value for a CSV cell: formula-like text behind an apostrophe."""
    return "'" + value if formula_like(value) else value


def xlsx_value(value):
    """A value openpyxl can store: text without XML-illegal characters."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def literal_cell(cell):
    """Make an openpyxl cell that holds text keep it as literal text."""
    if cell.data_type == "f" or formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def append(sheet, values):
    """``sheet.append`` for values from anywhere (None becomes empty)."""
    sheet.append(["" if value is None else xlsx_value(value) for value in values])


def set_cell(sheet, coordinate, value):
    sheet[coordinate] = xlsx_value(value)
    return literal_cell(sheet[coordinate])


def workbook_bytes(workbook):
    """The saved workbook, after making sure no cell of it is a formula."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                literal_cell(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def guard_wagtail_exports():
    """Wagtail's own CSV and Excel downloads (the admin's reports such as
    站点历史, and any viewset with ``list_export``) hold page titles and user
    names that editors typed. Wagtail keeps .xlsx text as text but writes CSV
    cells unchanged; its one export mixin is given the same rules as ours."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_formula_guard", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    generate_xlsx_row = SpreadsheetExportMixin.generate_xlsx_row

    def guarded_preprocess(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        return csv_cell(value) if export_format == self.FORMAT_CSV else xlsx_value(value)

    def guarded_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in generate_xlsx_row(self, worksheet, row_dict, date_format=date_format):
            yield literal_cell(cell)

    SpreadsheetExportMixin.preprocess_field_value = guarded_preprocess
    SpreadsheetExportMixin.generate_xlsx_row = guarded_xlsx_row
    SpreadsheetExportMixin._formula_guard = True
