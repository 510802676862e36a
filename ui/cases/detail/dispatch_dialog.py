"""派单: one 主办 and any 协办 departments, each with an optional assignee.

Departments with someone on site now come first (window and person shown); the on-site
staff member is preselected as assignee. On a case already dispatched only 协办 can be
added. The same department as both 主办 and 协办 is refused by the service, by name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ui.cases.detail.form_dialog import FormDialog
from ui.text import label

COL_NAME, COL_HERE, COL_LEAD, COL_ASSIST, COL_ASSIGNEE = range(5)


class DispatchDialog(FormDialog):
    def __init__(
        self,
        choices,
        *,
        lead_allowed: bool,
        held: frozenset[int] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        name = label("event_kind", "dispatch")
        super().__init__(name, name, parent)
        self.setMinimumWidth(760)
        self.choices = [c for c in choices if c.id not in held]
        self.lead_allowed = lead_allowed
        self.table = QTableWidget(len(self.choices), 5)
        self.table.setObjectName("dispatchTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Department"),
                self.tr("On site now"),
                label("task_role", "lead"),
                label("task_role", "assist"),
                self.tr("Assignee"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_HERE, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(300)
        self.lead_group = QButtonGroup(self)
        self.lead_buttons: dict[int, QRadioButton] = {}
        self.assist_boxes: dict[int, QCheckBox] = {}
        self.assignee_boxes: dict[int, QComboBox] = {}
        for row, choice in enumerate(self.choices):
            self._fill_row(row, choice)
        self.add_row(
            "departments", self.tr("Departments"), self.table, "lead_department", "department"
        )
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(70)
        self.add_row("note", self.tr("Note"), self.note_edit)
        if not lead_allowed:
            self.set_intro(self.tr("The case is already dispatched: add assisting departments."))
        elif self.lead_buttons:
            first = next(iter(self.lead_buttons.values()))
            first.setFocus()

    def _fill_row(self, row: int, choice) -> None:
        item = QTableWidgetItem(choice.name)
        self.table.setItem(row, COL_NAME, item)
        if choice.on_site:
            where = " · ".join(p for p in (choice.window, choice.person) if p)
            here = self.tr("On site") + (f"（{where}）" if where else "")
        else:
            here = label("stationing", choice.stationing) if choice.stationing else "—"
        self.table.setItem(row, COL_HERE, QTableWidgetItem(here))
        lead = QRadioButton()
        lead.setObjectName(f"lead_{choice.id}")
        lead.setEnabled(self.lead_allowed)
        lead.setToolTip(self.tr("Lead department of %1").replace("%1", choice.name))
        self.lead_group.addButton(lead, choice.id)
        self.lead_buttons[choice.id] = lead
        self.table.setCellWidget(row, COL_LEAD, _centered(lead))
        assist = QCheckBox()
        assist.setObjectName(f"assist_{choice.id}")
        assist.setToolTip(self.tr("Assisting department %1").replace("%1", choice.name))
        self.assist_boxes[choice.id] = assist
        self.table.setCellWidget(row, COL_ASSIST, _centered(assist))
        people = QComboBox()
        people.setObjectName(f"assignee_{choice.id}")
        people.addItem(self.tr("(department decides)"), None)
        for staff in choice.staff:
            people.addItem(staff.name, staff.id)
        if choice.default_assignee_id is not None:
            people.setCurrentIndex(max(people.findData(choice.default_assignee_id), 0))
        self.assignee_boxes[choice.id] = people
        self.table.setCellWidget(row, COL_ASSIGNEE, people)

    def values(self) -> dict[str, Any]:
        lead = self.lead_group.checkedId() if self.lead_allowed else -1
        assists = [d for d, box in self.assist_boxes.items() if box.isChecked()]
        chosen = ([lead] if lead != -1 else []) + assists
        assignees = {
            d: self.assignee_boxes[d].currentData()
            for d in chosen
            if self.assignee_boxes[d].currentData() is not None
        }
        return {
            "lead_department_id": lead if lead != -1 else None,
            "assist_department_ids": assists,
            "assignees": assignees,
            "note": self.note_edit.toPlainText().strip() or None,
        }

    def check(self, values: dict[str, Any]) -> bool:
        if self.lead_allowed and values["lead_department_id"] is None:
            self.show_error(self.tr("Choose the lead department"), "departments")
            return False
        if not self.lead_allowed and not values["assist_department_ids"]:
            self.show_error(self.tr("Choose at least one assisting department"), "departments")
            return False
        return True


def _centered(widget: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    return box
