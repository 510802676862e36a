"""A type-ahead line edit over a list of choices (categories, grids), found by any part of
their name, code or pinyin initials: "ljjf" finds 矛盾纠纷 › 邻里纠纷.

Leaving the field (Tab, Enter) settles on the typed text's first match, so the keyboard
alone picks in a few keystrokes; the popup shows what matches meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ui.intake.data import Choice

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _one_slip(typed: str, initials: str) -> bool:
    if len(typed) != len(initials):
        return False
    return sum(a != b for a, b in zip(typed, initials, strict=True)) <= 1


class _Completer(QCompleter):
    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 (Qt override)
        # The line edit gets the shown text, not the search key the popup matched on.
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class ChoicePicker(QLineEdit):
    sig_choice_changed = Signal(object)
    """The chosen id changed (an int, or None when the text matches no choice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: tuple[Choice, ...] = ()
        self._by_text: dict[str, Choice] = {}
        self._chosen: int | None = None
        self._model = QStandardItemModel(self)
        self._completer = _Completer(self._model, self)
        self._completer.setCompletionRole(KEY_ROLE)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated[QModelIndex].connect(self._on_completer_activated)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return_pressed)

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        self._choices = choices
        self._by_text = {c.text: c for c in choices}
        self._model.clear()
        for choice in choices:
            item = QStandardItem(choice.text)
            item.setData(f"{choice.text.lower()} {choice.key}", KEY_ROLE)
            item.setData(choice.id, ID_ROLE)
            self._model.appendRow(item)
        self._settle(exact_only=True)

    @property
    def chosen_id(self) -> int | None:
        return self._chosen

    def choose(self, choice_id: int | None) -> None:
        match = next((c for c in self._choices if c.id == choice_id), None)
        self.setText(match.text if match else "")
        self._set_chosen(match.id if match else None)

    def first_match(self, typed: str) -> Choice | None:
        needle = typed.strip().lower()
        if not needle:
            return None
        exact = self._by_text.get(typed.strip())
        if exact is not None:
            return exact
        found = next((c for c in self._choices if needle in f"{c.text.lower()} {c.key}"), None)
        if found is None and len(needle) >= 4:
            # Initials with one letter wrong still find it: 邻里纠纷 is "lljf", and a clerk
            # thinking of 邻居 types "ljjf".
            found = next((c for c in self._choices if _one_slip(needle, c.initials)), None)
        return found

    def _settle(self, *, exact_only: bool = False) -> None:
        typed = self.text()
        match = self._by_text.get(typed.strip()) if exact_only else self.first_match(typed)
        if match is not None and match.text != typed:
            self.setText(match.text)
        self._set_chosen(match.id if match else None)

    def _set_chosen(self, choice_id: int | None) -> None:
        if choice_id != self._chosen:
            self._chosen = choice_id
            self.sig_choice_changed.emit(choice_id)

    def _on_completer_activated(self, index: QModelIndex) -> None:
        self._set_chosen(index.data(ID_ROLE))

    def _on_text_edited(self, _text: str) -> None:
        self._settle(exact_only=True)

    def _on_return_pressed(self) -> None:
        self._settle()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        # Settle on leaving the field, but not when focus only went to the completer popup.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._completer.popup().hide()
            self._settle()
        super().focusOutEvent(event)
