"""The filter bar above the case table: free text and one choice per condition (layout only).

Conditions combine with the page's base (the queue, or the ids it was opened with). Typing
is debounced; every other change applies at once.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Channel, DeadlineColour, Risk, Status, SupervisionLevel
from desktop.services.filter_choices import Choice, FilterChoices
from desktop.services.queues import CaseFilter
from ui.category_picker import CategoryPicker
from ui.text import label

TYPING_PAUSE_MS = 300
_NO_DATE = QDate(2000, 1, 1)  # the minimum date stands for "no bound"


class FilterBar(QWidget):
    sig_filter_changed = Signal()
    """A condition changed (text after a pause in typing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseFilterBar")
        self._quiet = False
        self.text_edit = QLineEdit()
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMinimumWidth(260)
        self.category_picker = CategoryPicker()
        self.channel_combo = _enum_combo(Channel, "channel")
        self.street_combo = QComboBox()
        self.grid_combo = QComboBox()
        self.grid_combo.setEnabled(False)
        self.status_combo = _enum_combo(Status, "status")
        self.risk_combo = _enum_combo(Risk, "risk")
        self.colour_combo = _enum_combo(DeadlineColour, "deadline_colour")
        self.supervision_combo = _enum_combo(SupervisionLevel, "supervision_level")
        self.from_edit = _date_edit()
        self.to_edit = _date_edit()
        self.clear_button = QPushButton()
        self.received_label = QLabel()
        self.to_label = QLabel("–")
        for combo in (self.street_combo, self.grid_combo):
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._on_changed)
        self.text_edit.textChanged.connect(self._on_text_edited)
        self.text_edit.returnPressed.connect(self._on_text_return)
        for combo in self._combos():
            combo.currentIndexChanged.connect(self._on_changed)
        self.from_edit.dateChanged.connect(self._on_changed)
        self.to_edit.dateChanged.connect(self._on_changed)
        self.category_picker.sig_changed.connect(self._on_changed)
        self.clear_button.clicked.connect(self.clear)

        first = QHBoxLayout()
        first.setSpacing(8)
        first.addWidget(self.text_edit, 2)
        first.addWidget(self.category_picker, 1)
        for combo in (self.street_combo, self.grid_combo, self.status_combo):
            first.addWidget(combo, 1)
        second = QHBoxLayout()
        second.setSpacing(8)
        for combo in (self.channel_combo, self.risk_combo, self.colour_combo,
                      self.supervision_combo):  # fmt: skip
            second.addWidget(combo, 1)
        second.addWidget(self.received_label)
        second.addWidget(self.from_edit)
        second.addWidget(self.to_label)
        second.addWidget(self.to_edit)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(first)
        layout.addLayout(second)
        self.retranslate_ui()

    # -- choices ------------------------------------------------------------------------
    def set_choices(self, choices: FilterChoices) -> None:
        with self._silenced():
            self.category_picker.set_categories(choices.categories)
            self.street_combo.clear()
            self.street_combo.addItem(self.tr("All streets"), None)
            for s in choices.streets:
                self.street_combo.addItem(s.name, s.id)
            self.set_grids(())

    def set_grids(self, grids: tuple[Choice, ...]) -> None:
        with self._silenced():
            self.grid_combo.clear()
            self.grid_combo.addItem(self.tr("All grids"), None)
            for g in grids:
                self.grid_combo.addItem(g.name, g.id)
            self.grid_combo.setEnabled(bool(grids))

    # -- the filter ---------------------------------------------------------------------
    def conditions(self, base: CaseFilter) -> CaseFilter:
        """`base` (a queue, or the list the page was opened with, such as a map's grid)
        narrowed by every condition set here. A field set both here and in `base` takes the
        value picked here; the received dates keep the narrower of the two."""

        def one(combo: QComboBox, kept: frozenset) -> frozenset:
            return _one_id(combo.currentData(), kept)

        def either(value, kept):
            return kept if value is None else value

        received_from, received_to = _date(self.from_edit), _date(self.to_edit)
        return replace(
            base,
            text=self.text_edit.text().strip() or base.text,
            category_ids=_one_id(self.category_picker.current_id(), base.category_ids),
            channels=one(self.channel_combo, base.channels),
            street_ids=one(self.street_combo, base.street_ids),
            grid_ids=one(self.grid_combo, base.grid_ids),
            statuses=one(self.status_combo, base.statuses),
            risks=one(self.risk_combo, base.risks),
            deadline_colour=either(self.colour_combo.currentData(), base.deadline_colour),
            supervision=either(self.supervision_combo.currentData(), base.supervision),
            received_from=_narrower(max, received_from, base.received_from),
            received_to=_narrower(min, received_to, base.received_to),
        )

    def show_conditions(self, flt: CaseFilter) -> None:
        """Set the widgets from a filter (a saved one) without announcing each change."""
        with self._silenced():
            self.text_edit.setText(flt.text)
            self.category_picker.set_current(_first(flt.category_ids))
            _pick(self.channel_combo, _first(flt.channels))
            _pick(self.street_combo, _first(flt.street_ids))
            _pick(self.status_combo, _first(flt.statuses))
            _pick(self.risk_combo, _first(flt.risks))
            _pick(self.colour_combo, flt.deadline_colour)
            _pick(self.supervision_combo, flt.supervision)
            self.from_edit.setDate(_qdate(flt.received_from))
            self.to_edit.setDate(_qdate(flt.received_to))
        self._pending_grid = _first(flt.grid_ids)

    def clear(self) -> None:
        self.clear_silently()
        self.sig_filter_changed.emit()

    def clear_silently(self) -> None:
        with self._silenced():
            self.text_edit.clear()
            for combo in self._combos():
                combo.setCurrentIndex(0)
            self.category_picker.set_current(None)
            self.from_edit.setDate(_NO_DATE)
            self.to_edit.setDate(_NO_DATE)
            self.set_grids(())

    # -- internals ----------------------------------------------------------------------
    _pending_grid = None

    def take_pending_grid(self):
        """The grid a saved filter named, to pick once the street's grids have loaded."""
        grid, self._pending_grid = self._pending_grid, None
        return grid

    def pick_grid(self, grid_id: int) -> None:
        _pick(self.grid_combo, grid_id)

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.channel_combo, self.street_combo, self.grid_combo,
                self.status_combo, self.risk_combo, self.colour_combo, self.supervision_combo)  # fmt: skip

    @contextlib.contextmanager
    def _silenced(self):
        """Widget changes made by code are not the user's: announce none of them."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _on_text_edited(self, _text: str) -> None:
        if not self._quiet:
            self._typing.start()

    def _on_text_return(self) -> None:
        self._typing.stop()
        self._on_changed()

    def _on_changed(self, *_args) -> None:
        if not self._quiet:
            self.sig_filter_changed.emit()

    def retranslate_ui(self) -> None:
        self.text_edit.setPlaceholderText(
            self.tr("Case number, title, party name, or the start of a phone or ID number")
        )
        self.clear_button.setText(self.tr("Clear filters"))
        self.category_picker.retranslate_ui()
        self.received_label.setText(self.tr("Received"))
        for combo, any_text in (
            (self.channel_combo, self.tr("All channels")),
            (self.status_combo, self.tr("All statuses")),
            (self.risk_combo, self.tr("All risks")),
            (self.colour_combo, self.tr("All deadline colours")),
            (self.supervision_combo, self.tr("Any supervision")),
        ):
            combo.setItemText(0, any_text)
        for edit in (self.from_edit, self.to_edit):
            edit.setSpecialValueText(self.tr("any day"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _enum_combo(enum_type, section: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem("", None)
    for value in enum_type:
        combo.addItem(label(section, value), value)
    return combo


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setDate(_NO_DATE)
    return edit


def _date(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == _NO_DATE else value.toPython()


def _qdate(value: date | None) -> QDate:
    return _NO_DATE if value is None else QDate(value.year, value.month, value.day)


def _one_id(picked, kept: frozenset) -> frozenset:
    """The one value picked here, or the base's values when nothing is picked."""
    return kept if picked is None else frozenset({picked})


def _first(values):
    return min(values) if values else None


def _pick(combo: QComboBox, value) -> None:
    index = combo.findData(value) if value is not None else 0
    combo.setCurrentIndex(max(index, 0))


def _narrower(pick, *bounds: date | None) -> date | None:
    """The tighter of the date bounds that are set (`pick` is max for "from", min for "to")."""
    given = [b for b in bounds if b is not None]
    return pick(given) if given else None
