"""The ledger as an Excel workbook a secretary can hand upward as it is:
title, community, period, headers, one line per branch, totals, column
widths, borders, A4 landscape fitted to one page wide, headers repeated."""

from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from core import spreadsheet
from core.excel import XLSX
from core.http import private_response

from . import ledger

HEADERS = [
    "支部",
    "学习会（次）",
    "应参加（人次）",
    "出席",
    "迟到",
    "请假",
    "缺席",
    "现场",
    "线上",
    "送学上门",
    "电话",
    "参学（人次）",
    "参学率（%）",
    "未点名（次）",
]
WIDTHS = [22, 12, 14, 8, 8, 8, 8, 8, 8, 10, 8, 12, 12, 12]
NOTE = "未点名：以下学习会已经开始，但还没有保存点名册，未计入上表的出勤和参学率（应参加按目前在册党员计）："
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def community_name():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.site_name if site and site.site_name else "社区"


def _line(row):
    return [
        row.label,
        row.sessions,
        row.invited,
        row.present,
        row.late,
        row.excused,
        row.absent,
        row.onsite,
        row.online,
        row.home,
        row.phone,
        row.attended,
        float(row.rate) if row.rate is not None else "—",
        row.pending,
    ]


def pending_lines(pending):
    """One sentence per session started without a saved roll (plain text:
    titles are an editor's words, written as text, never as a formula)."""
    lines = []
    for entry in pending:
        start = timezone.localtime(entry.start)
        names = "、".join(
            f"{name}（应参加 {invited} 人，已签到 {checked} 人）"
            for _pk, name, invited, checked in entry.branches
        )
        lines.append(f"{start.year}年{start.month}月{start.day}日 {entry.title}：{names}")
    return lines


def _notes(sheet, first_row, pending):
    if not pending:
        return
    sheet.cell(row=first_row, column=1, value=NOTE).font = Font(bold=True)
    for offset, line in enumerate(pending_lines(pending), start=1):
        spreadsheet.set_cell(sheet, f"A{first_row + offset}", line)


def _sheet(sheet, title, community, period_text, rows, total, pending=()):
    columns = len(HEADERS)
    last = get_column_letter(columns)
    sheet.merge_cells(f"A1:{last}1")
    spreadsheet.set_cell(sheet, "A1", title)
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A2:{last}2")
    spreadsheet.set_cell(
        sheet,
        "A2",
        f"单位：{community}    统计期间：{period_text}    制表日期：{timezone.localdate():%Y年%m月%d日}",
    )
    spreadsheet.append(sheet, HEADERS)
    for row in [*rows, total]:
        spreadsheet.append(sheet, _line(row))  # a branch named "=…" stays text
    header_row, total_row = 3, 3 + len(rows) + 1
    for cells in sheet.iter_rows(min_row=header_row, max_row=total_row, max_col=columns):
        for cell in cells:
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    _notes(sheet, total_row + 2, pending)


def ledger_workbook(year, month=None, branches=None):
    """The workbook for a year (汇总 and one sheet per month) or a month,
    over ``branches`` (ids or a queryset; None: all)."""
    community = community_name()
    first, last = ledger.period(year, month)
    period_text = f"{year}年{month}月" if month else f"{year}年1月—12月"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "汇总"
    result = ledger.summary(first, last, branches)
    _sheet(
        sheet,
        f"{community}远程教育学习台账",
        community,
        period_text,
        result.rows,
        result.total,
        result.pending,
    )
    if not month:
        # One sheet per month across all branches, as the monthly report is filed.
        for month_day in ledger.months_of(first, last):
            part = result.for_month(month_day)
            _sheet(
                workbook.create_sheet(f"{month_day.month}月"),
                f"{community}远程教育学习台账（{month_day.month}月）",
                community,
                f"{year}年{month_day.month}月",
                part.rows,
                part.total,
                part.pending,
            )
    return spreadsheet.workbook_bytes(workbook)


def ledger_response(year, month=None, branches=None):
    name = f"学习台账{year}年{f'{month}月' if month else ''}.xlsx"
    response = HttpResponse(ledger_workbook(year, month, branches), content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"ledger.xlsx\"; filename*=UTF-8''{quote(name)}"
    )
    return private_response(response)
