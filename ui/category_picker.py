"""The category condition of the case list's and the map's filters: a combo box whose list
is the category tree.

A top-level category stands for itself and its children. The popup has a search line
(any part of a name, or its pinyin initials: "lljf" finds 邻里纠纷) above the tree; the
keyboard alone picks: type, Down into the tree, Enter. Esc leaves the choice as it was.

Pinyin initials are made (on the runner's jobs worker) only when a Latin letter is first typed:
pypinyin's tables take 50 MB and a second to load, which a user who never types pinyin here
should not pay for.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.filter_choices import Choice
from ui.tasks import TaskRunner

ID_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
POPUP_WIDTH = 320
POPUP_HEIGHT = 380


class CategoryPicker(QComboBox):
    sig_changed = Signal()
    """The user picked another category (not emitted by `set_current`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryPicker")
        # One item, the current choice's name: it looks and reads like the bar's other
        # combos, and F4, Alt+Down, Space or a click open the tree instead of a list.
        self.addItem("")
        self.setMinimumContentsLength(14)  # seven Chinese characters: 劳动争议/工伤
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._current: int | None = None
        self._names: dict[int, str] = {}
        self._paths: dict[int, str] = {}  # "parent › child", the tooltip
        self.popup = _TreePopup(self)
        self.popup.sig_picked.connect(self.pick)
        self.popup.search.textEdited.connect(self._on_search_text_edited)
        self.has_pinyin = False
        self._pinyin_asked = False
        self._choices: tuple[Choice, ...] = ()
        self._runner: TaskRunner | None = None
        self.retranslate_ui()

    def set_categories(self, choices: tuple[Choice, ...]) -> None:
        """`choices` as filter_choices orders them (parents, each followed by its children)."""
        parents = {c.id: c.name for c in choices if c.parent_id is None}
        self._names = {c.id: c.name for c in choices}
        self._paths = {c.id: " › ".join(filter(None, (parents.get(c.parent_id), c.name)))
                       for c in choices}  # fmt: skip
        self.has_pinyin = self._pinyin_asked = False
        self._choices = choices
        self.popup.fill(choices, self.tr("All categories"))
        if self._current not in self._names:
            self._current = None
        self._show_current()

    def current_id(self) -> int | None:
        return self._current

    def set_current(self, category_id: int | None) -> None:
        self._current = category_id if category_id in self._names else None
        self._show_current()

    def set_search_keys(self, keys: dict[int, str]) -> None:
        """Each category's search text (its and its parent's names and pinyin initials)."""
        self.popup.set_keys(keys)
        self.has_pinyin = True

    def make_pinyin_with(self, runner: TaskRunner) -> None:
        """The runner whose jobs worker makes the pinyin keys when they are first wanted."""
        self._runner = runner

    def _on_search_text_edited(self, text: str) -> None:
        if self._runner and not self._pinyin_asked and re.search("[A-Za-z]", text):
            self._pinyin_asked = True
            self._runner.job(category_search_keys, self._choices).owned_by(self).success(
                self.set_search_keys
            ).run()

    def showPopup(self) -> None:  # noqa: N802 (Qt override)
        self.popup.show_below(self, self._current)

    def pick(self, category_id: int | None) -> None:
        """As if the user picked it: announced when it changes the choice."""
        if category_id != self._current:
            self._current = category_id
            self._show_current()
            self.sig_changed.emit()

    def _show_current(self) -> None:
        self.setItemText(0, self._names.get(self._current) or self.tr("All categories"))
        self.setToolTip(self._paths.get(self._current, ""))

    def retranslate_ui(self) -> None:
        self._show_current()
        self.setAccessibleName(self.tr("Category"))
        self.popup.search.setPlaceholderText(self.tr("Name or pinyin initials"))


class _TreePopup(QFrame):
    sig_picked = Signal(object)
    """An id, or None for all categories."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)

    def fill(self, choices: tuple[Choice, ...], all_text: str) -> None:
        self.tree.clear()
        everything = QTreeWidgetItem([all_text])
        everything.setData(0, ID_ROLE, None)
        everything.setData(0, KEY_ROLE, "")
        self.tree.addTopLevelItem(everything)
        parents: dict[int, QTreeWidgetItem] = {}
        names = {c.id: c.name for c in choices}
        for c in choices:
            item = QTreeWidgetItem([c.name])
            item.setData(0, ID_ROLE, c.id)
            item.setData(0, KEY_ROLE, f"{c.name} {names.get(c.parent_id, '')}".lower())
            if c.parent_id is None:
                parents[c.id] = item
                self.tree.addTopLevelItem(item)
            elif c.parent_id in parents:
                parents[c.parent_id].addChild(item)

    def set_keys(self, keys: dict[int, str]) -> None:
        for item in self._items():
            if item.data(0, ID_ROLE) in keys:
                item.setData(0, KEY_ROLE, keys[item.data(0, ID_ROLE)])
        self._on_search_text_changed(self.search.text())

    def show_below(self, owner: QWidget, current: int | None) -> None:
        self.search.clear()
        self.tree.collapseAll()
        for item in self._items():
            if item.data(0, ID_ROLE) == current:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
        self.resize(max(owner.width(), POPUP_WIDTH), POPUP_HEIGHT)
        self.move(owner.mapToGlobal(QPoint(0, owner.height())))
        self.show()
        self.search.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # From the search line: Down goes into the tree, Enter picks the highlighted match.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self.tree.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.tree.currentItem()
                if item is not None and not item.isHidden():
                    self._on_tree_item_activated(item)
                return True
        return super().eventFilter(watched, event)

    def _items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.append(top)
            out += [top.child(j) for j in range(top.childCount())]
        return out

    def _on_search_text_changed(self, text: str) -> None:
        needle = text.strip().lower()
        first = None
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            children = [top.child(j) for j in range(top.childCount())]
            for child in children:
                child.setHidden(bool(needle) and needle not in child.data(0, KEY_ROLE))
            shown_children = [c for c in children if not c.isHidden()]
            top_matches = not needle or needle in top.data(0, KEY_ROLE)
            top.setHidden(not (top_matches or shown_children))
            if needle and shown_children:
                top.setExpanded(True)
            if first is None and not top.isHidden() and needle:
                first = top if top_matches else shown_children[0]
        if needle and first is not None:
            self.tree.setCurrentItem(first)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.hide()
        self.sig_picked.emit(item.data(0, ID_ROLE))


def category_search_keys(_progress, categories: tuple[Choice, ...]) -> dict[int, str]:
    """A job for the jobs worker (pypinyin's tables load in about a second): each category's
    search text, its own and its parent's names with their pinyin initials."""
    from ui.intake.data import initials

    parents = {c.id: c.name for c in categories if c.parent_id is None}
    keys = {}
    for c in categories:
        names = [n for n in (c.name, parents.get(c.parent_id)) if n]
        keys[c.id] = " ".join(f"{n} {initials(n)}" for n in names).lower()
    return keys
