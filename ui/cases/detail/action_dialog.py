"""A small action dialog built from a list of fields: notes, reasons, choices and dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.clock import end_of_local_day
from ui.cases.detail.form_dialog import FormDialog


@dataclass(frozen=True)
class Field:
    key: str  # the service's keyword
    kind: str  # "text" (several lines), "line", "choice", "date" or "check"
    title: str
    required: bool = False
    choices: tuple[tuple[Any, str], ...] = ()  # (value, text)
    default: Any = None
    aliases: tuple[str, ...] = ()  # error `field` names that mean this input
    placeholder: str = ""


@dataclass(frozen=True)
class ActionForm:
    title: str
    confirm: str
    fields: tuple[Field, ...]
    fixed: dict[str, Any] = field(default_factory=dict)  # values the dialog need not ask
    intro: str = ""


class ActionDialog(FormDialog):
    def __init__(self, form: ActionForm, today: date, parent: QWidget | None = None) -> None:
        super().__init__(form.title, form.confirm, parent)
        self.spec = form
        self._today = today
        self.set_intro(form.intro)
        for spec in form.fields:
            self.add_row(
                spec.key,
                spec.title + (" *" if spec.required else ""),
                self._input(spec),
                *spec.aliases,
            )
        first = next(iter(self.rows.values()), None)
        (first or self.confirm_button).setFocus()

    def _input(self, spec: Field) -> QWidget:
        if spec.kind == "text":
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(90)
            widget.setPlaceholderText(spec.placeholder)
            if spec.default:
                widget.setPlainText(spec.default)
        elif spec.kind == "line":
            widget = QLineEdit(spec.default or "")
            widget.setPlaceholderText(spec.placeholder)
        elif spec.kind == "choice":
            widget = QComboBox()
            if not spec.required or spec.default is None:
                widget.addItem(self.tr("— choose —"), None)
            for value, text in spec.choices:
                widget.addItem(text, value)
            if spec.default is not None:
                widget.setCurrentIndex(max(widget.findData(spec.default), 0))
        elif spec.kind == "date":
            widget = QDateEdit()
            widget.setCalendarPopup(True)
            widget.setDisplayFormat("yyyy-MM-dd")
            start = spec.default or self._today + timedelta(days=7)
            widget.setDate(QDate(start.year, start.month, start.day))
        elif spec.kind == "check":
            widget = QCheckBox()
            widget.setChecked(bool(spec.default))
        else:
            raise ValueError(spec.kind)
        widget.setObjectName(f"field_{spec.key}")
        return widget

    def values(self) -> dict[str, Any]:
        values = dict(self.spec.fixed)
        for spec in self.spec.fields:
            widget = self.rows[spec.key]
            if isinstance(widget, QPlainTextEdit):
                values[spec.key] = widget.toPlainText().strip() or None
            elif isinstance(widget, QLineEdit):
                values[spec.key] = widget.text().strip() or None
            elif isinstance(widget, QComboBox):
                values[spec.key] = widget.currentData()
            elif isinstance(widget, QDateEdit):
                values[spec.key] = end_of_local_day(widget.date().toPython())
            elif isinstance(widget, QCheckBox):
                values[spec.key] = widget.isChecked()
        return values

    def check(self, values: dict[str, Any]) -> bool:
        ok = True
        for spec in self.spec.fields:
            if spec.required and values.get(spec.key) in (None, ""):
                ok = self.require(spec.key, False, spec.title) and ok
        return ok
