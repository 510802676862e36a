"""The 明细 sheet: every case behind the headline figures, with the figures it counts in.

Filter a ✓ column and the rows are exactly the cases behind that number. Rows are appended
plainly (styling a hundred thousand cells costs more than writing them); the few text values
that would read as formulas are written through style.put as text.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.utils import get_column_letter

from desktop.labels import label
from desktop.services.report_conditions import Part
from desktop.services.report_data import ReportData
from desktop.services.report_lists import DetailRow
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
    count = 0
    for row in rows:
        count += 1
        values = [row.number, row.title, row.street, row.category, word("channel", row.channel),
                  row.department or undispatched, word("status", row.status),
                  row.received_at, row.accepted_at, row.resolved_at, row.due_at,
                  word("result", row.result),
                  word("satisfaction", row.satisfaction),
                  *(TICK if part in row.flags else "" for part in FLAG_COLUMNS)]  # fmt: skip
        st.append_plain(ws, values)
    last = header_row + count
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{max(last, header_row)}"
    st.print_setup(ws, header_row=header_row, landscape=True)
    return count
