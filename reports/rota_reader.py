"""Reads a 排班表 laid out as reports/rota_sheet.py writes it back into plain cells.

No database and no judgement here: desktop.services.roster_import decides what the cells
mean and what is wrong with them. Only the layout is checked: where the header is, which
column is which day, and which cells are parts of merged ranges.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter

from desktop.services.roster_import import SheetCell, SheetDay, SheetProblem, SheetRota
from reports.rota_sheet import SHEET_ROTA, WINDOW_HEADER

_MONTH = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*$")


def read_rota(path: Path) -> SheetRota:
    """The month, the day columns and the body cells of the workbook's rota sheet."""
    wb = load_workbook(Path(path))  # not read-only: merged ranges are needed
    ws = wb[SHEET_ROTA] if SHEET_ROTA in wb.sheetnames else wb.worksheets[0]
    name = ws.title
    header = next(
        (
            r
            for r in range(1, min(ws.max_row, 20) + 1)
            if _text(ws.cell(r, 1).value) == WINDOW_HEADER
        ),
        None,
    )
    if header is None:
        return SheetRota(
            name, None, (), (), (SheetProblem(name, 1, "A", "no_header", WINDOW_HEADER),)
        )
    month_text = _text(ws.cell(header, 2).value)
    found = _MONTH.match(month_text or "")
    month = (int(found[1]), int(found[2])) if found else None
    problems = []
    if month is None:
        problems.append(SheetProblem(name, header, "B", "bad_month", month_text or ""))
    days = []
    column = 2
    while ws.cell(header + 1, column).value not in (None, ""):
        value = ws.cell(header + 1, column).value
        days.append(SheetDay(column, get_column_letter(column), value))
        column += 1
    cells = []
    row = header + 3
    while _text(ws.cell(row, 1).value):
        for day in days:
            cell = ws.cell(row, day.column)
            cells.append(SheetCell(row, day.letter, day.column, _text(ws.cell(row, 1).value),
                                   None if isinstance(cell, MergedCell) else _text(cell.value),
                                   isinstance(cell, MergedCell)))  # fmt: skip
        row += 1
    return SheetRota(name, month, tuple(days), tuple(cells), tuple(problems))


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
