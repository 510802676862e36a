"""The list sheets: progress (ageing buckets), the overdue list, top repeat complaints."""

from __future__ import annotations

from openpyxl.formatting.rule import CellIsRule

from desktop.domain.metrics import Ageing
from desktop.labels import label
from desktop.services.report_data import ReportData
from reports import fast_rows
from reports import style as st
from reports.texts import overdue_note, short_period

AGEING_NOTE = {
    Ageing.OVERDUE_UNACCEPTED: "期末尚未受理，且受理期限已过",
    Ageing.OPEN_WITHIN_7: "期末在办，登记不满 7 个自然日",
    Ageing.OPEN_OVER_7: "期末在办，登记已满 7 个自然日",
    Ageing.RESOLVED_ON_TIME: "本期首次办结，未超过期限",
    Ageing.RESOLVED_LATE: "本期首次办结，超过期限",
}


def write_ageing(ws, report: ReportData) -> None:
    names = ["办理进度", "件数", "占比", "说明"]
    row = st.title_rows(ws, f"{report.center_name} {short_period(report.period)} · 办理进度",
                        "期末在办案件与本期办结案件，按办理进度分类", len(names))  # fmt: skip
    st.header(ws, row, names)
    whole = sum(report.ageing.values())
    for bucket in Ageing:
        row += 1
        count = report.ageing.get(bucket, 0)
        st.put(ws, row, 1, label("ageing", str(bucket)), align=st.LEFT)
        late = bucket in (Ageing.OVERDUE_UNACCEPTED, Ageing.RESOLVED_LATE) and count
        st.put(ws, row, 2, count, fmt=st.COUNT, font=st.BAD_FONT if late else st.BODY)
        st.put(ws, row, 3, count / whole if whole else "—", fmt=st.PERCENT, align=st.CENTER)
        st.put(ws, row, 4, AGEING_NOTE[bucket], align=st.LEFT)
    row += 1
    st.put(ws, row, 1, "合计", font=st.BOLD, fill=st.TOTAL_FILL, align=st.CENTER)
    st.put(ws, row, 2, whole, fmt=st.COUNT, font=st.BOLD, fill=st.TOTAL_FILL)
    st.put(ws, row, 3, "", fill=st.TOTAL_FILL)
    st.put(ws, row, 4, "", fill=st.TOTAL_FILL)
    st.fit_columns(ws, {1: 14, 2: 10, 3: 10, 4: 34})
    st.print_setup(ws, header_row=3, landscape=False)


WIDTH_SAMPLE = 300
OVERDUE_COLUMNS = ["序号", "案件编号", "标题", "街道/乡镇", "事项类别", "主办部门", "状态",
                   "登记时间", "办理期限", "超期天数", "督办", "风险等级", "申请人", "联系电话"]  # fmt: skip


def write_overdue(ws, report: ReportData) -> None:
    title = f"{report.center_name} {short_period(report.period)} · 超期件清单（{len(report.overdue)} 件）"
    row = st.title_rows(ws, title, overdue_note(report.period), len(OVERDUE_COLUMNS))
    ws.row_dimensions[2].height = 28
    header_row = row
    st.header(ws, row, OVERDUE_COLUMNS)
    widths = {i + 1: st.display_width(n) + 2 for i, n in enumerate(OVERDUE_COLUMNS)}
    undispatched = label("dimension", "undispatched")
    rows = []
    for number, item in enumerate(report.overdue, start=1):
        values = [number, item.number, item.title, item.street, item.category,
                  item.department or undispatched, label("status", item.status),
                  item.received_at, item.due_at, item.days_overdue,
                  "是" if item.supervised else "", label("risk", item.risk), item.applicant,
                  item.phone]  # fmt: skip
        rows.append(values)
        if number <= WIDTH_SAMPLE:  # widths from the first rows: measuring all costs seconds
            for column, value in enumerate(values, start=1):
                if isinstance(value, str):
                    widths[column] = max(widths[column], st.display_width(value) + 1)
    if rows:  # the first row through openpyxl, the rest as XML after the save (fast_rows)
        row = st.append_plain(ws, rows[0])
        fast_rows.defer(ws, row, rows[0], rows[1:])
        row += len(rows) - 1
    widths[8] = widths[9] = 17
    if report.overdue:  # ten days or more past the deadline: one native rule, not per cell
        ws.conditional_formatting.add(
            f"J{header_row + 1}:J{row}",
            CellIsRule(operator="greaterThanOrEqual", formula=["10"], font=st.BAD_FONT),
        )
    if not report.overdue:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(OVERDUE_COLUMNS))
        st.put(ws, row, 1, "本期末无超期件", align=st.CENTER)
    st.fit_columns(ws, widths, maximum=36)
    ws.auto_filter.ref = f"A{header_row}:N{max(row, header_row)}"
    st.print_setup(ws, header_row=header_row, landscape=True)


def write_repeats(ws, report: ReportData) -> None:
    row = st.title_rows(ws, f"{report.center_name} {short_period(report.period)} · 重复投诉",
                        "按人员：同一申请人（按联系电话）本期登记 2 件及以上；按地点：本期重复件最多的网格",
                        4)  # fmt: skip
    ws.row_dimensions[2].height = 28
    st.header(ws, row, ["序号", "联系电话", "申请人", "本期件数"])
    header_row = row
    for number, person in enumerate(report.repeat_people, start=1):
        row += 1
        for column, value in enumerate([number, person.phone, person.name, person.cases], 1):
            st.put(ws, row, column, value, align=st.LEFT if isinstance(value, str) else None)
    if not report.repeat_people:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        st.put(ws, row, 1, "本期无重复投诉人员", align=st.CENTER)
    row += 2
    st.header(ws, row, ["序号", "网格", "村（社区）", "重复件数"])
    for number, place in enumerate(report.repeat_places, start=1):
        row += 1
        for column, value in enumerate([number, place.grid, place.village, place.cases], 1):
            st.put(ws, row, column, value, align=st.LEFT if isinstance(value, str) else None)
    if not report.repeat_places:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        st.put(ws, row, 1, "本期无重复件", align=st.CENTER)
    widths = [
        max([st.display_width(p.grid) for p in report.repeat_places] + [12]) + 2,
        max([st.display_width(p.village) for p in report.repeat_places] + [12]) + 2,
    ]
    st.fit_columns(ws, {1: 6, 2: max(16, widths[0]), 3: max(12, widths[1]), 4: 10})
    st.print_setup(ws, header_row=header_row, landscape=False)


ATTENDANCE_COLUMNS = ["部门", "应到（人·日）", "实到", "其中迟到", "缺勤", "出勤率"]


def write_attendance(ws, report: ReportData) -> None:
    """到岗签到 per stationed department, from the roster (days still to come not counted)."""
    row = st.title_rows(ws, f"{report.center_name} {short_period(report.period)} · 入驻部门出勤",
                        "按排班统计：应到为排班的人·日，实到含迟到；尚未到来的日子不计",
                        len(ATTENDANCE_COLUMNS))  # fmt: skip
    header_row = row
    st.header(ws, row, ATTENDANCE_COLUMNS)
    first = row + 1
    for item in report.attendance:
        row += 1
        st.put(ws, row, 1, item.department_name, align=st.LEFT)
        for column, value in enumerate((item.days_due, item.days_present, item.late,
                                        item.absent), start=2):  # fmt: skip
            st.put(ws, row, column, value, fmt=st.COUNT)
        st.put(ws, row, 6, item.rate if item.rate is not None else "—", fmt=st.PERCENT,
               align=None if item.rate is not None else st.CENTER)  # fmt: skip
    if not report.attendance:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        st.put(ws, row, 1, "本期无排班", align=st.CENTER)
    else:
        ws.conditional_formatting.add(
            f"E{first}:E{row}",
            CellIsRule(operator="greaterThan", formula=["0"], fill=st.BAD_FILL, font=st.BAD_FONT),
        )
    width = max([st.display_width(a.department_name) for a in report.attendance] + [8]) + 2
    st.fit_columns(ws, {1: width, 2: 14, 3: 8, 4: 10, 5: 8, 6: 10})
    st.print_setup(ws, header_row=header_row, landscape=False)
