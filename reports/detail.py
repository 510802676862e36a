"""The 明细 sheet: every case behind the headline figures, with the figures it counts in.

Filter a ✓ column and the rows are exactly the cases behind that number. The first row is
written by openpyxl, the others as XML after the workbook is saved (reports/fast_rows.py:
the caller saves with `fast_rows.save`); text is always text, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.utils import get_column_letter

from desktop.labels import label
from desktop.services.report_conditions import Part
from desktop.services.report_data import ReportData
from desktop.services.report_lists import DetailRow
from reports import fast_rows
from reports import style as st
from reports.texts import short_period

FLAG_COLUMNS = {
    Part.ACCEPTED: "计入受理量",
    Part.RESOLVED: "计入办结量",
    Part.RESOLVED_ON_TIME: "按期办结",
    Part.OVERDUE: "计入超期件",
    Part.FOLLOWED_UP: "本期回访",
    Part.REPEATS: "重复件",
}
COLUMNS = ["案件编号", "标题", "街道/乡镇", "事项类别", "来源渠道", "主办部门", "状态",
           "登记时间", "受理时间", "首次办结时间", "办理期限", "办理结果", "回访评价",
           *FLAG_COLUMNS.values()]  # fmt: skip
WIDTHS = [16, 30, 14, 14, 12, 14, 8, 17, 17, 17, 17, 12, 10] + [9] * len(FLAG_COLUMNS)
TICK = "✓"


def write_detail(ws, report: ReportData, rows: Iterable[DetailRow]) -> int:
    """Append the rows; returns how many were written."""
    title = f"{report.center_name} {short_period(report.period)} · 明细（汇总各项指标所计案件）"
    header_row = st.title_rows(ws, title, "筛选“✓”列即得该项指标所计的全部案件", len(COLUMNS))
    st.header(ws, header_row, COLUMNS)
    labels = {section: {} for section in ("channel", "status", "result", "satisfaction")}

    def word(section: str, code: str | None) -> str:
        if code is None:
            return ""
        known = labels[section].get(code)
        if known is None:
            known = labels[section][code] = label(section, code)
        return known

    undispatched = label("dimension", "undispatched")
    values = []
    for row in rows:
        values.append([row.number, row.title, row.street, row.category,
                       word("channel", row.channel), row.department or undispatched,
                       word("status", row.status), row.received_at, row.accepted_at,
                       row.resolved_at, row.due_at, word("result", row.result),
                       word("satisfaction", row.satisfaction),
                       *(TICK if part in row.flags else "" for part in FLAG_COLUMNS)])  # fmt: skip
    count = len(values)
    if values:  # the first row through openpyxl, the rest as XML after the save (fast_rows)
        first = st.append_plain(ws, values[0])
        fast_rows.defer(ws, first, values[0], values[1:])
    last = header_row + count
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{max(last, header_row)}"
    st.print_setup(ws, header_row=header_row, landscape=True)
    return count
