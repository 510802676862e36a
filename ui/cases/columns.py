"""The case table's columns as each user left them: order, widths and hidden columns,
remembered per user (QSettings through UserStore), and the header menu that hides them."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtWidgets import QMenu, QTableView

from ui.cases.model import COLUMNS
from ui.cases.saved import UserStore
from ui.text import label

SAVE_PAUSE_MS = 400  # a drag resizes a section many times: save once it stops
DEFAULT_WIDTHS = {"number": 132, "received_at": 118, "title": 200, "category": 96,
                  "channel": 84, "place": 170, "due_at": 118, "deadline_colour": 66,
                  "supervision": 92, "applicant": 150}  # fmt: skip


class ColumnLayout(QObject):
    def __init__(self, table: QTableView, store: UserStore, parent: QObject | None = None):
        super().__init__(parent)
        self._table = table
        self._store = store
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.save)
        header = table.horizontalHeader()
        for n, column in enumerate(COLUMNS):
            header.resizeSection(n, DEFAULT_WIDTHS.get(column, 72))
        state = store.header_state()
        if state is not None:
            header.restoreState(state)
        header.sectionMoved.connect(self._on_header_changed)
        header.sectionResized.connect(self._on_header_changed)
        header.customContextMenuRequested.connect(self._on_header_menu_requested)

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()

    def save(self) -> None:
        # The view may be gone already: its teardown resizes the header sections.
        if self._stopped or not shiboken6.isValid(self._table):
            return
        self._store.save_header_state(self._table.horizontalHeader().saveState())

    def set_column_hidden(self, column: str, hidden: bool) -> None:
        self._table.horizontalHeader().setSectionHidden(COLUMNS.index(column), hidden)
        self.save()

    def _on_header_changed(self, *_args) -> None:
        if not self._stopped:
            self._timer.start()

    def _on_header_menu_requested(self, point: QPoint) -> None:
        header = self._table.horizontalHeader()
        menu = QMenu(self._table)
        for n, column in enumerate(COLUMNS):
            action = menu.addAction(label("case_column", column))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(n))
            action.toggled.connect(lambda on, c=column: self.set_column_hidden(c, not on))
        menu.exec(header.mapToGlobal(point))
        menu.deleteLater()
