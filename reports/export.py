"""A case list as a workbook, streamed: openpyxl write-only, so memory stays flat.

200,000 rows take a few MB whatever their number (normal mode needs about 870 MB for the
same); text that looks like a formula is written as a string cell, never as a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from desktop.clock import to_local
from desktop.labels import label
from desktop.services.case_export import ExportRow
from reports import style as st

COLUMNS = ["案件编号", "标题", "状态", "事项类别", "来源渠道", "街道/乡镇", "网格", "登记时间",
           "受理时间", "办理期限", "首次办结时间", "风险等级", "督办", "申请人", "联系电话"]  # fmt: skip
WIDTHS = [16, 36, 8, 14, 12, 14, 18, 17, 17, 17, 17, 8, 6, 10, 14]
TIME_COLUMNS = frozenset({7, 8, 9, 10})  # 0-based
PROGRESS_EVERY = 10_000


def export_workbook(rows: Iterable[ExportRow], path: Path, *, title: str,
                    progress: Callable[[int], None] | None = None) -> int:  # fmt: skip
    """Write the rows under a title line and a header; returns how many rows were written."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("案件清单")
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + column)].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4; write-only sheets lack it)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.append([_text(ws, title, font=st.TITLE)])
    header_font, header_fill = Font(name=st.FONT_NAME, bold=True), PatternFill(
        "solid", fgColor="DCE6F1")  # fmt: skip
    ws.append([_text(ws, name, font=header_font, fill=header_fill) for name in COLUMNS])
    words: dict[tuple[str, str], str] = {}

    def word(section: str, code: str) -> str:
        key = (section, code)
        if key not in words:
            words[key] = label(section, code)
        return words[key]

    count = 0
    for count, row in enumerate(rows, start=1):
        values = [row.number, row.title, word("status", row.status), row.category,
                  word("channel", row.channel), row.street, row.grid, row.received_at,
                  row.accepted_at, row.due_at, row.resolved_at, word("risk", row.risk),
                  "是" if row.supervised else "", row.applicant, row.phone]  # fmt: skip
        for i in TIME_COLUMNS:  # plain values: openpyxl gives datetimes a date format itself
            if values[i] is not None:
                values[i] = to_local(values[i]).replace(tzinfo=None)
        for i in (0, 1, 3, 5, 6, 13, 14):  # data and user text: inert if it looks like a formula
            if st.inert(values[i]):
                values[i] = _text(ws, values[i])
        ws.append(values)
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    wb.save(Path(path))
    return count


def _text(ws, value: str, *, font=None, fill=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell
