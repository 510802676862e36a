"""Fills the month view's grid from a MonthGrid: one row per window, one column per day.

Each cell names who is due (and, up to today, how they arrived); weekends, holidays and
make-up days are shaded; cells changed after publishing are bold with a star. Text goes in as
plain items, so names stay inert.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from desktop.domain.enums import Arrival, RotaDay
from desktop.services.roster_grid import CellDuty, MonthGrid
from ui.text import label

SHADES = {
    RotaDay.WEEKEND: QColor("#e3e3e3"),
    RotaDay.HOLIDAY: QColor("#f8cbad"),
    RotaDay.MAKEUP: QColor("#e2efda"),
}
WEEKDAYS = "一二三四五六日"


def _gap() -> str:
    return QCoreApplication.translate("MonthGrid", "(gap)")


def arrival_mark(arrived: Arrival | None) -> str:
    marks = {
        Arrival.ON_TIME: QCoreApplication.translate("MonthGrid", "✓"),
        Arrival.LATE: QCoreApplication.translate("MonthGrid", "L", "arrived late"),
        Arrival.ABSENT: QCoreApplication.translate("MonthGrid", "A", "absent"),
        Arrival.MISSING: QCoreApplication.translate("MonthGrid", "?", "not in yet"),
    }
    return marks.get(arrived, "") if arrived is not None else ""


def duty_line(duty: CellDuty, with_department: bool) -> str:
    """王调解 ✓, or 王调解（司法）✓ where the row's window hosts several departments."""
    name = duty.staff_name if duty.staff_id is not None else _gap()
    mark = arrival_mark(duty.arrival)
    star = "*" if duty.changed else ""
    department = f"（{duty.department_short}）" if with_department else ""
    return f"{name}{star}{department}{(' ' + mark) if mark else ''}"


def _shared_rows(grid: MonthGrid) -> set[int]:
    """Rows whose window hosts more than one department this month."""
    seen: dict[int, set[int]] = {}
    for (row, _day), duties in grid.cells.items():
        seen.setdefault(row, set()).update(d.department_id for d in duties)
    return {row for row, departments in seen.items() if len(departments) > 1}


def fill_grid(view: QTableWidget, grid: MonthGrid) -> None:
    shared = _shared_rows(grid)
    view.setRowCount(len(grid.rows))
    view.setColumnCount(len(grid.days))
    view.clearContents()
    # Header items made here and handed over whole: no Python wrapper of an item Qt owns.
    for row, grid_row in enumerate(grid.rows):
        view.setVerticalHeaderItem(row, QTableWidgetItem(grid_row.name))
    for column, day in enumerate(grid.days):
        header = QTableWidgetItem(f"{day.day.day}\n{WEEKDAYS[day.day.weekday()]}")
        header.setToolTip(f"{day.day.isoformat()} {label('rota_day', day.shade)}")
        view.setHorizontalHeaderItem(column, header)
        for row in range(len(grid.rows)):
            duties = grid.cell(row, day.day)
            item = QTableWidgetItem("\n".join(duty_line(d, row in shared) for d in duties))
            if day.shade in SHADES:
                item.setBackground(QBrush(SHADES[day.shade]))
            if any(d.changed for d in duties):
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            item.setToolTip("\n".join(_tooltip(d) for d in duties))
            view.setItem(row, column, item)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setDefaultSectionSize(84)
    view.resizeRowsToContents()


def _tooltip(duty: CellDuty) -> str:
    name = duty.staff_name if duty.staff_id is not None else _gap()
    parts = [f"{name} · {duty.department_name}"]
    if duty.arrival is not None:
        parts.append(label("arrival", duty.arrival))
    if duty.changed:
        parts.append(QCoreApplication.translate("MonthGrid", "changed after publishing"))
    return " · ".join(parts)


def cell_of(grid: MonthGrid, row: int, column: int) -> tuple[date, tuple[CellDuty, ...]] | None:
    if not (0 <= row < len(grid.rows) and 0 <= column < len(grid.days)):
        return None
    day = grid.days[column].day
    return day, grid.cell(row, day)


def column_of(grid: MonthGrid, day: date) -> int:
    return (day - grid.month).days
