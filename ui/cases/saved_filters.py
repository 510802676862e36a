"""The 我的筛选 row of the case list: save the current filters under a name, reopen a saved
set, delete one (kept per user by UserStore)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from desktop.services.queues import CaseFilter, Sort
from ui.cases.saved import UserStore
from ui.cases.view import CasesView


class SavedFilters(QObject):
    sig_reopened = Signal(object, object)
    """A saved set was picked: its CaseFilter and Sort, for the page to show."""

    def __init__(self, view: CasesView, store: UserStore,
                 current: Callable[[], tuple[CaseFilter, Sort]], parent: QObject) -> None:  # fmt: skip
        super().__init__(parent)
        self._view = view
        self._store = store
        self._current = current
        view.save_button.clicked.connect(self._on_save_button_clicked)
        view.save_name_edit.returnPressed.connect(self._on_save_button_clicked)
        view.delete_saved_button.clicked.connect(self._on_delete_saved_button_clicked)
        view.saved_combo.activated.connect(self._on_saved_combo_activated)
        self.fill()

    def fill(self) -> None:
        combo = self._view.saved_combo
        combo.blockSignals(True)
        combo.clear()
        for name in sorted(self._store.saved_filters()):
            combo.addItem(name)
        combo.setCurrentIndex(-1)
        combo.blockSignals(False)

    def _on_save_button_clicked(self) -> None:
        view = self._view
        name = view.save_name_edit.text().strip()
        if not name:
            view.error_label.setText(self.tr("Type a name for these filters first."))
            view.error_label.show()
            return
        flt, sort = self._current()
        self._store.save_filter(name, replace(flt, ids=None), sort)  # a list of ids is not kept
        view.save_name_edit.clear()
        self.fill()
        view.saved_combo.setCurrentText(name)
        view.status_label.setText(self.tr("Filters saved as “{name}”.").format(name=name))

    def _on_saved_combo_activated(self, index: int) -> None:
        saved = self._store.saved_filters().get(self._view.saved_combo.itemText(index))
        if saved is not None:
            self.sig_reopened.emit(*saved)

    def _on_delete_saved_button_clicked(self) -> None:
        name = self._view.saved_combo.currentText()
        if name:
            self._store.delete_filter(name)
            self.fill()
