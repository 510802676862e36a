"""The supervisor's roster editors: one rule, the center's shift times, a staff member's PIN.

Layout and the values they hold only; the rules controller saves them on the worker and the
service validates (its messages name the field).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import RosterPattern, Stationing
from desktop.domain.roster import Shifts
from desktop.services.roster_rules import RuleRow, RuleSpec
from ui.roster.loaders import RuleChoices
from ui.text import label

STAFF_ROLE = Qt.ItemDataRole.UserRole


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class RuleDialog(QDialog):
    """One department's stationing at the center: mode, days, window, people."""

    def __init__(self, choices: RuleChoices, rule: RuleRow | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.choices = choices
        self.rule_id = rule.id if rule is not None else None
        self.department_combo = QComboBox()
        for department_id, name in choices.departments:
            self.department_combo.addItem(name, department_id)
        self.mode_combo = QComboBox()
        for mode in Stationing:
            self.mode_combo.addItem(label("stationing", mode), str(mode))
        self.pattern_combo = QComboBox()
        for pattern in RosterPattern:
            self.pattern_combo.addItem(label("roster_pattern", pattern), str(pattern))
        self.weekday_boxes = [QCheckBox() for _ in range(7)]
        self.anchor_edit = QDateEdit()
        self.anchor_edit.setCalendarPopup(True)
        self.anchor_edit.setDisplayFormat("yyyy-MM-dd")
        self.anchor_edit.setDate(QDate.currentDate())
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 23)
        self.agreed_spin = QSpinBox()
        self.agreed_spin.setRange(0, 23)  # 0: no agreement
        self.window_combo = QComboBox()
        self.window_combo.addItem("", None)
        for window_id, name in choices.windows:
            self.window_combo.addItem(name, window_id)
        self.staff_list = QListWidget()
        self.rotate_box = QCheckBox()

        days_row = QHBoxLayout()
        for box in self.weekday_boxes:
            days_row.addWidget(box)
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.department_combo)
        self.form.addRow(QLabel(), self.mode_combo)
        self.form.addRow(QLabel(), self.pattern_combo)
        self.form.addRow(QLabel(), days_row)
        self.form.addRow(QLabel(), self.anchor_edit)
        self.form.addRow(QLabel(), self.days_spin)
        self.form.addRow(QLabel(), self.agreed_spin)
        self.form.addRow(QLabel(), self.window_combo)
        self.form.addRow(QLabel(), self.staff_list)
        self.form.addRow(QLabel(), self.rotate_box)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(_buttons(self))
        self.department_combo.currentIndexChanged.connect(self._on_department_changed)
        self.pattern_combo.currentIndexChanged.connect(self._on_pattern_changed)
        if rule is not None:
            self._show(rule)
        else:
            self._on_department_changed(0)
        self._on_pattern_changed(0)
        self.retranslate_ui()

    def _show(self, rule: RuleRow) -> None:
        self.department_combo.setCurrentIndex(self.department_combo.findData(rule.department_id))
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(str(rule.mode)))
        self.pattern_combo.setCurrentIndex(self.pattern_combo.findData(str(rule.pattern)))
        for k, box in enumerate(self.weekday_boxes, start=1):
            box.setChecked(k in rule.weekdays)
        if rule.anchor_day is not None:
            self.anchor_edit.setDate(QDate(rule.anchor_day))
        self.days_spin.setValue(rule.days_per_month or 1)
        self.agreed_spin.setValue(rule.agreed_days or 0)
        self.window_combo.setCurrentIndex(max(self.window_combo.findData(rule.window_id), 0))
        self.rotate_box.setChecked(rule.rotate)
        self._fill_staff(rule.department_id, rule.staff_ids)

    def _fill_staff(self, department_id: int, chosen: tuple[int, ...] = ()) -> None:
        """The department's staff, the chosen ones first in their turn order, ticked."""
        self.staff_list.clear()
        people = dict(self.choices.staff.get(department_id, ()))
        order = [s for s in chosen if s in people] + [s for s in people if s not in chosen]
        for staff_id in order:
            item = QListWidgetItem(people[staff_id])
            item.setData(STAFF_ROLE, staff_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if staff_id in chosen else Qt.CheckState.Unchecked
            )
            self.staff_list.addItem(item)

    def _on_department_changed(self, _index: int) -> None:
        self._fill_staff(self.department_combo.currentData())

    def _on_pattern_changed(self, _index: int) -> None:
        pattern = RosterPattern(self.pattern_combo.currentData())
        self.anchor_edit.setEnabled(pattern == RosterPattern.ALTERNATE_WEEKS)
        self.days_spin.setEnabled(pattern == RosterPattern.MONTHLY_DAYS)

    def spec(self) -> RuleSpec:
        pattern = RosterPattern(self.pattern_combo.currentData())
        anchor = self.anchor_edit.date()
        return RuleSpec(
            department_id=self.department_combo.currentData(),
            mode=Stationing(self.mode_combo.currentData()),
            pattern=pattern,
            window_id=self.window_combo.currentData(),
            weekdays=frozenset(k for k, box in enumerate(self.weekday_boxes, start=1)
                               if box.isChecked()),
            anchor_day=date(anchor.year(), anchor.month(), anchor.day())
            if pattern == RosterPattern.ALTERNATE_WEEKS else None,
            days_per_month=self.days_spin.value()
            if pattern == RosterPattern.MONTHLY_DAYS else None,
            agreed_days=self.agreed_spin.value() or None,
            rotate=self.rotate_box.isChecked(),
            staff_ids=tuple(
                self.staff_list.item(r).data(STAFF_ROLE) for r in range(self.staff_list.count())
                if self.staff_list.item(r).checkState() == Qt.CheckState.Checked),
        )  # fmt: skip

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Roster rule") if self.rule_id is None
                            else self.tr("Edit roster rule"))  # fmt: skip
        texts = [self.tr("&Department"), self.tr("&Mode"), self.tr("Da&ys"),
                 self.tr("Week&days"), self.tr("&Alternate weeks from"),
                 self.tr("Days a mo&nth"), self.tr("A&greed days a month (0: none)"),
                 self.tr("&Window"), self.tr("&People (ticked, in turn order)"), ""]  # fmt: skip
        fields = [self.department_combo, self.mode_combo, self.pattern_combo,
                  self.weekday_boxes[0], self.anchor_edit, self.days_spin, self.agreed_spin,
                  self.window_combo, self.staff_list, self.rotate_box]  # fmt: skip
        for row, (text, field) in enumerate(zip(texts, fields, strict=True)):
            caption = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            caption.setText(text)
            caption.setBuddy(field)
        names = [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                 self.tr("Fri"), self.tr("Sat"), self.tr("Sun")]  # fmt: skip
        for box, name in zip(self.weekday_boxes, names, strict=True):
            box.setText(name)
        self.window_combo.setItemText(0, self.tr("(no window)"))
        self.rotate_box.setText(self.tr("The people take &turns, one a day"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _time(minutes: int) -> QTime:
    return QTime(minutes // 60, minutes % 60)


def _minutes(edit: QTimeEdit) -> int:
    value = edit.time()
    return value.hour() * 60 + value.minute()


class ShiftsDialog(QDialog):
    """The center's two shifts and the late grace period."""

    def __init__(self, shifts: Shifts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = [QTimeEdit(_time(m)) for m in
                      (shifts.am_start, shifts.am_end, shifts.pm_start, shifts.pm_end)]  # fmt: skip
        for edit in self.edits:
            edit.setDisplayFormat("HH:mm")
        self.grace_spin = QSpinBox()
        self.grace_spin.setRange(0, 120)
        self.grace_spin.setValue(shifts.grace_minutes)
        self.form = QFormLayout()
        for widget in (*self.edits, self.grace_spin):
            self.form.addRow(QLabel(), widget)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(_buttons(self))
        self.retranslate_ui()

    def shifts(self) -> Shifts:
        am_start, am_end, pm_start, pm_end = (_minutes(e) for e in self.edits)
        return Shifts(am_start, am_end, pm_start, pm_end, self.grace_spin.value())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Shift times"))
        texts = [self.tr("&Morning from"), self.tr("Morning &until"),
                 self.tr("&Afternoon from"), self.tr("Afternoon u&ntil"),
                 self.tr("&Grace minutes before late")]  # fmt: skip
        for row, text in enumerate(texts):
            caption = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            caption.setText(text)
            caption.setBuddy(self.form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class PinDialog(QDialog):
    """A new check-in PIN for a staff member without an account (rotating staff)."""

    def __init__(self, staff: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.staff_combo = QComboBox()
        for staff_id, name in staff:
            self.staff_combo.addItem(name, staff_id)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(6)
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.staff_combo)
        self.form.addRow(QLabel(), self.pin_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(_buttons(self))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Check-in PIN"))
        for row, (text, field) in enumerate(
            (
                (self.tr("&Person"), self.staff_combo),
                (self.tr("New &PIN (4–6 digits)"), self.pin_edit),
            )
        ):
            caption = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            caption.setText(text)
            caption.setBuddy(field)  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
