"""What every sheet shares: safe cell writing, fonts and fills, number formats, print setup.

User text is inert: a value beginning with =, +, -, @, a tab or a carriage return is stored
as a string cell, never as a formula (Excel and LibreOffice would otherwise evaluate it).
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.clock import to_local

FONT_NAME = "SimSun"  # 宋体: what county offices print with; LibreOffice falls back cleanly
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

PERCENT = "0.0%"
COUNT = "#,##0"
DAYS = "0.0"
DATETIME = "yyyy-mm-dd hh:mm"
# 环比/同比: a relative change for counts, percentage points for rates; arrows from the sign.
CHANGE_PERCENT = '"↑ "0.0%;"↓ "0.0%;"→ "0.0%'
CHANGE_POINTS = '"↑ "0.0" 个百分点";"↓ "0.0" 个百分点";"→ "0.0" 个百分点"'
CHANGE_DAYS = '"↑ "0.0" 天";"↓ "0.0" 天";"→ "0.0" 天"'

TITLE = Font(name=FONT_NAME, size=16, bold=True)
SUBTITLE = Font(name=FONT_NAME, size=10, color="555555")
HEADER = Font(name=FONT_NAME, size=10, bold=True)
BODY = Font(name=FONT_NAME, size=10)
BOLD = Font(name=FONT_NAME, size=10, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
BAD_FILL = PatternFill("solid", fgColor="F8CBAD")  # below target, overdue
BAD_FONT = Font(name=FONT_NAME, size=10, color="9C0006", bold=True)
THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)
WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)


def inert(value: str) -> bool:
    """Whether a string would be read as a formula if written as is."""
    return value.startswith(FORMULA_TRIGGERS)


def put(ws: Worksheet, row: int, column: int, value, *, fmt: str | None = None, font=BODY,
        fill=None, align=None, border=GRID):  # fmt: skip
    """Write one cell: strings always as text, instants as China time, None as blank."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, datetime):
        value = to_local(value).replace(tzinfo=None)
        fmt = fmt or DATETIME
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never "f": text that looks like a formula stays text
    if fmt:
        cell.number_format = fmt
    cell.font = font
    if fill is not None:
        cell.fill = fill
    if align is not None:
        cell.alignment = align
    if border is not None:
        cell.border = border
    return cell


def append_plain(ws: Worksheet, values: list) -> int:
    """Append a row of a long list without per-cell styling (styling is most of the cost):
    instants as China time with the date format, text that looks like a formula as text.
    Returns the row number."""
    risky = {i: v for i, v in enumerate(values) if isinstance(v, str) and inert(v)}
    times = [i for i, v in enumerate(values) if isinstance(v, datetime)]
    ws.append([None if i in risky else to_local(v).replace(tzinfo=None) if i in times else v
               for i, v in enumerate(values)])  # fmt: skip
    row = ws._current_row  # the row just appended (max_row would scan every cell: O(n²))
    for i, text in risky.items():
        put(ws, row, i + 1, text, border=None)
    for i in times:
        ws.cell(row=row, column=i + 1).number_format = DATETIME
    return row


def display_width(text: str) -> float:
    """Column width units for text: a CJK character is about two Latin ones."""
    return sum(2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in str(text))


def fit_columns(ws: Worksheet, widths: dict[int, float], *, minimum: float = 6,
                maximum: float = 48) -> None:  # fmt: skip
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = max(minimum, min(maximum, width))


def title_rows(ws: Worksheet, title: str, subtitle: str, columns: int) -> int:
    """Merged title and subtitle rows across the table; returns the header row number."""
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
    put(ws, 1, 1, title, font=TITLE, align=CENTER, border=None)
    put(ws, 2, 1, subtitle, font=SUBTITLE, align=CENTER, border=None)
    ws.row_dimensions[1].height = 30
    return 3


def header(ws: Worksheet, row: int, names: list[str]) -> None:
    for column, name in enumerate(names, start=1):
        put(ws, row, column, name, font=HEADER, fill=HEADER_FILL, align=CENTER)
    ws.row_dimensions[row].height = 30


def print_setup(ws: Worksheet, *, header_row: int, landscape: bool) -> None:
    """A4, fit to the page width, the title and header rows repeated on every page."""
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
