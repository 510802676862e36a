"""One cell of the month: set its person (before publishing), or record 换班, 请假 or 代班.

Layout and the values it holds only; the month controller records the change on the worker
and the service validates it (its messages name the person and the day).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.roster_grid import CellDuty, MonthGrid
from ui.roster.loaders import ChangeSpec

EDIT, ADD, SWAP, LEAVE, COVER = "edit", "add", "swap", "leave", "cover"


class DutyDialog(QDialog):
    def __init__(self, grid: MonthGrid, row: int, day: date,
                 staff: dict[int, tuple[tuple[int, str], ...]],
                 departments: tuple[tuple[int, str], ...],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.grid, self.row, self.day, self.staff = grid, row, day, staff
        self.duties = grid.cell(row, day)
        published = grid.published_at is not None
        self.where_label = QLabel(f"{grid.rows[row].name} · {day.isoformat()}")
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setVisible(published)
        self.action_combo = QComboBox()
        self.duty_combo = QComboBox()
        for duty in self.duties:
            name = duty.staff_name or "—"
            self.duty_combo.addItem(f"{name}（{duty.department_name}）", duty.duty_id)
        self.department_combo = QComboBox()
        for department_id, name in departments:
            self.department_combo.addItem(name, department_id)
        self.person_combo = QComboBox()
        self.other_combo = QComboBox()
        self.last_edit = QDateEdit()
        self.last_edit.setDisplayFormat("yyyy-MM-dd")
        last = grid.days[-1].day
        self.last_edit.setDateRange(QDate(day.year, day.month, day.day),
                                    QDate(last.year, last.month, last.day))  # fmt: skip
        self.last_edit.setDate(QDate(day.year, day.month, day.day))
        self.last_edit.setCurrentSection(QDateEdit.Section.DaySection)  # Up: the next day
        self.colleague_combo = QComboBox()
        self.move_tasks_box = QCheckBox()
        self.move_tasks_box.setChecked(True)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(200)
        self.form = QFormLayout()
        self.fields = {
            "action": self.action_combo, "duty": self.duty_combo, "department": self.department_combo,
            "person": self.person_combo, "other": self.other_combo, "last": self.last_edit,
            "colleague": self.colleague_combo, "move": self.move_tasks_box,
            "note": self.note_edit,
        }  # fmt: skip
        for field in self.fields.values():
            self.form.addRow(QLabel(), field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where_label)
        layout.addWidget(self.hint_label)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.retranslate_ui()
        actions = [SWAP, LEAVE, COVER] if any(d.staff_id for d in self.duties) else []
        if not published:
            actions = ([EDIT] if self.duties else []) + [ADD] + actions
        for action in actions:
            self.action_combo.addItem(self._action_names[action], action)
        self.action_combo.currentIndexChanged.connect(self._on_action_changed)
        self.duty_combo.currentIndexChanged.connect(self._on_action_changed)
        self.department_combo.currentIndexChanged.connect(self._on_action_changed)
        self.ok_button.setEnabled(bool(actions))
        self._on_action_changed()

    # -- what the dialog holds -----------------------------------------------------------
    @property
    def action(self) -> str | None:
        return self.action_combo.currentData()

    def chosen_duty(self) -> CellDuty | None:
        duty_id = self.duty_combo.currentData()
        return next((d for d in self.duties if d.duty_id == duty_id), None)

    def change(self) -> ChangeSpec:
        duty = self.chosen_duty()
        row = self.grid.rows[self.row]
        last = self.last_edit.date().toPython()
        return ChangeSpec(
            kind=self.action, center_id=self.grid.center_id, day=self.day,
            duty_id=duty.duty_id if duty else None,
            staff_id=self.person_combo.currentData() if self.action in (EDIT, ADD) else (
                duty.staff_id if duty else None),
            other_duty_id=self.other_combo.currentData(),
            department_id=self.department_combo.currentData() if self.action == ADD else (
                duty.department_id if duty else None),
            window_id=row.window_id, last=last,
            colleague_id=self.colleague_combo.currentData(),
            move_tasks=self.move_tasks_box.isChecked(),
            note=self.note_edit.text().strip() or None,
        )  # fmt: skip

    # -- showing the fields of the chosen action -----------------------------------------
    def _on_action_changed(self, *_args) -> None:
        action = self.action
        shown = {
            EDIT: ("duty", "person", "note"), ADD: ("department", "person", "note"),
            SWAP: ("duty", "other", "note"), LEAVE: ("duty", "last", "note"),
            COVER: ("duty", "colleague", "last", "move", "note"),
        }.get(action, ())  # fmt: skip
        for name, field in self.fields.items():
            self.form.setRowVisible(field, name == "action" or name in shown)
        duty = self.chosen_duty()
        department = (self.department_combo.currentData() if action == ADD
                      else duty.department_id if duty else None)  # fmt: skip
        people = self.staff.get(department, ())
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("(nobody: a gap)"), None)
        for staff_id, name in people:
            self.person_combo.addItem(name, staff_id)
        if duty is not None:
            self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(duty.staff_id)))
        self.colleague_combo.clear()
        for staff_id, name in people:
            if duty is None or staff_id != duty.staff_id:
                self.colleague_combo.addItem(name, staff_id)
        self.other_combo.clear()
        if duty is not None:
            for (row, day), cell in sorted(self.grid.cells.items(), key=lambda kv: kv[0][1]):
                for other in cell:
                    if (other.department_id == duty.department_id and other.staff_id
                            and other.staff_id != duty.staff_id):  # fmt: skip
                        where = self.grid.rows[row].name
                        self.other_combo.addItem(
                            f"{day.strftime('%m-%d')} {other.staff_name} · {where}", other.duty_id
                        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Change duty"))
        self.hint_label.setText(
            self.tr("The month is published: record a swap, leave or cover; it shows as a change.")
        )
        self._action_names = {
            EDIT: self.tr("Set the person"), ADD: self.tr("Add a duty here"),
            SWAP: self.tr("Swap (换班) with another duty"), LEAVE: self.tr("Leave (请假)"),
            COVER: self.tr("Cover (代班) by a colleague"),
        }  # fmt: skip
        for index in range(self.action_combo.count()):
            self.action_combo.setItemText(index, self._action_names[self.action_combo.itemData(
                index)])  # fmt: skip
        captions = {
            "action": self.tr("&Action"), "duty": self.tr("&Duty"), "department": self.tr("De&partment"),
            "person": self.tr("P&erson"), "other": self.tr("Swap &with"),
            "last": self.tr("&Through"), "colleague": self.tr("&Colleague"),
            "move": self.tr("&Open tasks"), "note": self.tr("&Note"),
        }  # fmt: skip
        self.move_tasks_box.setText(self.tr("Hand the absent person's open tasks to the colleague"))
        for row, name in enumerate(self.fields):
            caption = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            caption.setText(captions[name])
            caption.setBuddy(self.fields[name])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
