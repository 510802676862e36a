"""The printed 排班表: one row per window, one column per day, for the wall (A4 landscape).

`write_rota(grid, attendance, path)` writes the month of desktop.services.roster_grid's
MonthGrid, with the month's attendance (roster_attendance) as the second sheet. No Qt, no
database. A cell names each person as "姓名（部门简称）", the form `roster import` reads back;
two people of one department with one name are told apart by their 工号 (staff number).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop.clock import to_local
from desktop.domain.enums import RotaDay
from desktop.labels import label
from desktop.services.report_period import month as month_period
from desktop.services.roster_attendance import Attendance
from desktop.services.roster_grid import CellDuty, MonthGrid
from reports import style as st
from reports.lists import write_attendance

SHEET_ROTA, SHEET_ATTENDANCE = "排班表", "出勤汇总"
WINDOW_HEADER = "窗口"
GAP = "空缺"
WEEKDAYS = "一二三四五六日"
SHADE = {
    RotaDay.WEEKEND: PatternFill("solid", fgColor="D9D9D9"),
    RotaDay.HOLIDAY: PatternFill("solid", fgColor="F8CBAD"),
    RotaDay.MAKEUP: PatternFill("solid", fgColor="E2EFDA"),
}
CHANGED = Font(name=st.FONT_NAME, size=9, color="1F4E79", bold=True, underline="single")
CELL = Font(name=st.FONT_NAME, size=9)
FIRST_DAY_COLUMN = 2
HEADER_ROWS = (3, 4, 5)  # the month over the days, the day numbers, the weekdays


@dataclass(frozen=True)
class MonthAttendance:
    """What reports.lists.write_attendance reads, for one month of one center."""

    center_name: str
    period: object  # desktop.services.report_period.Period
    attendance: Sequence[Attendance]


def person_text(duty: CellDuty, twins: frozenset[int] = frozenset()) -> str:
    """姓名（部门简称）, with the 工号 when the department has two people of that name."""
    if duty.staff_id is None:
        return f"{GAP}（{duty.department_short}）"
    number = f" 工号{duty.staff_id}" if duty.staff_id in twins else ""
    return f"{duty.staff_name}（{duty.department_short}{number}）"


def cell_text(duties: Iterable[CellDuty], twins: frozenset[int] = frozenset()) -> str:
    return "\n".join(person_text(d, twins) for d in duties)


def write_rota(grid: MonthGrid, attendance: Sequence[Attendance], path: Path, *,
               twins: frozenset[int] = frozenset(), printed_at: datetime | None = None) -> Path:  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_ROTA
    _rota(ws, grid, twins, printed_at)
    write_attendance(
        wb.create_sheet(SHEET_ATTENDANCE),
        MonthAttendance(grid.center_name, month_period(grid.month.year, grid.month.month),
                        attendance),
    )  # fmt: skip
    wb.properties.title = title(grid)
    wb.properties.creator = "GovDesk 综治中心工作台"
    path = Path(path)
    wb.save(path)
    return path


def title(grid: MonthGrid) -> str:
    return f"{grid.center_name} {grid.month.year}年{grid.month.month}月排班表"


def status_text(grid: MonthGrid, printed_at: datetime | None) -> str:
    if grid.published_at is not None:
        when = to_local(grid.published_at).strftime("%Y-%m-%d %H:%M")
        state = f"已发布（{grid.published_by or ''} {when}）"
    else:
        state = "未发布（草稿）"
    if grid.provisional:
        state += "；当年节假日尚未公布，暂按周一至周五排"
    if printed_at is not None:
        state += f"    打印时间：{to_local(printed_at).strftime('%Y-%m-%d %H:%M')}"
    return f"状态：{state}"


def _rota(ws, grid: MonthGrid, twins: frozenset[int], printed_at: datetime | None) -> None:
    last_column = FIRST_DAY_COLUMN + len(grid.days) - 1
    st.title_rows(ws, title(grid), status_text(grid, printed_at), last_column)
    month_row, day_row, weekday_row = HEADER_ROWS
    ws.merge_cells(start_row=month_row, start_column=1, end_row=weekday_row, end_column=1)
    st.put(ws, month_row, 1, WINDOW_HEADER, font=st.HEADER, fill=st.HEADER_FILL, align=st.CENTER)
    ws.merge_cells(start_row=month_row, start_column=FIRST_DAY_COLUMN, end_row=month_row,
                   end_column=last_column)  # fmt: skip
    st.put(ws, month_row, FIRST_DAY_COLUMN, f"{grid.month.year}年{grid.month.month}月",
           font=st.HEADER, fill=st.HEADER_FILL, align=st.CENTER)  # fmt: skip
    for offset, day in enumerate(grid.days):
        column = FIRST_DAY_COLUMN + offset
        fill = SHADE.get(day.shade, st.HEADER_FILL)
        st.put(ws, day_row, column, day.day.day, font=st.HEADER, fill=fill, align=st.CENTER)
        st.put(ws, weekday_row, column, WEEKDAYS[day.day.weekday()], font=st.HEADER, fill=fill,
               align=st.CENTER)  # fmt: skip
    widest = st.display_width(WINDOW_HEADER)
    row = weekday_row
    for index, grid_row in enumerate(grid.rows):
        row += 1
        st.put(ws, row, 1, grid_row.name, font=st.BOLD, align=st.LEFT)
        widest = max(widest, st.display_width(grid_row.name))
        lines = 1
        for offset, day in enumerate(grid.days):
            duties = grid.cell(index, day.day)
            changed = any(d.changed for d in duties)
            st.put(ws, row, FIRST_DAY_COLUMN + offset, cell_text(duties, twins) or None,
                   font=CHANGED if changed else CELL, fill=SHADE.get(day.shade),
                   align=st.CENTER)  # fmt: skip
            lines = max(lines, len(duties))
        ws.row_dimensions[row].height = max(30, 26 * lines)
    if not grid.rows:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
        st.put(ws, row, 1, "本月无排班", align=st.CENTER)
    _legend(ws, grid, row + 2, last_column)
    st.fit_columns(ws, {1: widest + 2}, maximum=30)
    for column in range(FIRST_DAY_COLUMN, last_column + 1):
        ws.column_dimensions[get_column_letter(column)].width = 9
    st.print_setup(ws, header_row=weekday_row, landscape=True)
    ws.print_title_cols = "A:A"
    ws.freeze_panes = ws.cell(row=weekday_row + 1, column=FIRST_DAY_COLUMN)


def _legend(ws, grid: MonthGrid, row: int, last_column: int) -> int:
    """图例: the day shadings, the change mark, then each department's short and full name."""
    st.put(ws, row, 1, "图例", font=st.BOLD, border=None)
    column = FIRST_DAY_COLUMN
    for shade, fill in SHADE.items():
        st.put(ws, row, column, None, fill=fill)
        ws.merge_cells(start_row=row, start_column=column + 1, end_row=row,
                       end_column=column + 2)  # fmt: skip
        st.put(ws, row, column + 1, label("rota_day", str(shade)), border=None)
        column += 3
    st.put(ws, row, column, "姓名", font=CHANGED, border=None)
    ws.merge_cells(start_row=row, start_column=column + 1, end_row=row, end_column=column + 4)
    st.put(ws, row, column + 1, "发布后有变更（换班、请假、代班）", border=None)
    departments = sorted({(d.department_short, d.department_name)
                          for duties in grid.cells.values() for d in duties})  # fmt: skip
    row += 1
    st.put(ws, row, 1, "部门", font=st.BOLD, border=None)
    per_row, span = 4, 6
    for k, (short, name) in enumerate(departments):
        if k and k % per_row == 0:
            row += 1
        start = FIRST_DAY_COLUMN + (k % per_row) * span
        end = min(start + span - 1, last_column)
        ws.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
        st.put(ws, row, start, f"{short} = {name}", border=None, align=st.LEFT)
    return row
