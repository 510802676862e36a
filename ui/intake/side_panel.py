"""The intake form's right-hand panel: who this person is (earlier cases), and possible
repeats with why each matched; one of them may be ticked to link the new case to it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.clock import to_local
from desktop.services.persons import KnownPerson
from desktop.services.repeats import RepeatCandidate
from ui.text import label

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _title(text_label: QLabel) -> QLabel:
    text_label.setObjectName("sectionTitle")
    return text_label


class IntakeSidePanel(QFrame):
    sig_link_changed = Signal(object)
    """The case ticked to link the new one to (an id), or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formCard")
        self.person_title = _title(QLabel())
        self.person_summary = QLabel()
        self.person_summary.setWordWrap(True)
        self.person_list = QListWidget()
        self.repeats_title = _title(QLabel())
        self.repeats_hint = QLabel()
        self.repeats_hint.setWordWrap(True)
        self.repeats_hint.setObjectName("fieldHint")
        self.repeats_list = QListWidget()
        self.repeats_list.setWordWrap(True)
        self.repeats_list.setSpacing(2)
        self.status_label = QLabel()
        self.status_label.setObjectName("fieldHint")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.person_title)
        layout.addWidget(self.person_summary)
        layout.addWidget(self.person_list, 2)
        layout.addSpacing(8)
        layout.addWidget(self.repeats_title)
        layout.addWidget(self.repeats_hint)
        layout.addWidget(self.repeats_list, 3)
        layout.addWidget(self.status_label)
        self.repeats_title.setBuddy(self.repeats_list)  # Alt+R jumps to the list
        self.repeats_list.itemChanged.connect(self._on_repeats_list_item_changed)
        self._updating = False
        self.retranslate_ui()
        self.show_people([])
        self.show_repeats([])

    def retranslate_ui(self) -> None:
        self.person_title.setText(self.tr("Who is this person?"))
        self.repeats_title.setText(self.tr("Possible &repeats (last 30 days)"))
        self.repeats_hint.setText(
            self.tr("Alt+R, then Space ticks a case: the new one is saved as its repeat (重复件).")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_busy(self, busy: bool) -> None:
        self.status_label.setText(self.tr("Looking up…") if busy else "")

    def show_error(self, text: str) -> None:
        self.status_label.setText(text)

    def show_people(self, people: list[KnownPerson]) -> None:
        """Every party found so far, each with their earlier cases, newest first."""
        self.person_list.clear()
        if not people:
            self.person_summary.setText(
                self.tr("Type a phone or ID number to see this person's earlier cases.")
            )
            return
        lines = []
        for person in people:
            name = person.name or self.tr("(anonymous)")
            lines.append(
                self.tr("%1 has %2 earlier case(s) in your area.")
                .replace("%1", name)
                .replace("%2", str(len(person.cases)))
            )
            for case in person.cases:
                text = "  ".join([name, case.number, to_local(case.received_at).strftime("%Y-%m-%d"),
                                  case.category, label("status", case.status)])  # fmt: skip
                item = QListWidgetItem(f"{text}\n{case.title}")
                item.setData(CASE_ID_ROLE, case.case_id)
                self.person_list.addItem(item)
        self.person_summary.setText("\n".join(lines))

    def show_repeats(self, candidates: list[RepeatCandidate], linked: int | None = None) -> None:
        self._updating = True
        self.repeats_list.clear()
        for c in candidates:
            reasons = "、".join(label("repeat_reason", r) for r in c.reasons)
            if c.distance_m is not None and "nearby" in c.reasons:
                reasons += self.tr(" (%1 m)").replace("%1", f"{c.distance_m:.0f}")
            head = "  ".join([c.number, to_local(c.received_at).strftime("%Y-%m-%d"),
                              label("channel", c.channel), c.category,
                              label("status", c.status)])  # fmt: skip
            why = self.tr("Why: %1").replace("%1", reasons)
            item = QListWidgetItem(f"{head}\n{c.title}\n{why}")
            item.setData(CASE_ID_ROLE, c.case_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = c.case_id == linked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.repeats_list.addItem(item)
        if not candidates:
            self.repeats_list.addItem(QListWidgetItem(self.tr("No possible repeats so far.")))
        self._updating = False
        if linked is not None and linked not in {c.case_id for c in candidates}:
            self.sig_link_changed.emit(None)

    def linked_case_id(self) -> int | None:
        for i in range(self.repeats_list.count()):
            item = self.repeats_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                return item.data(CASE_ID_ROLE)
        return None

    def _on_repeats_list_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        self._updating = True
        if item.checkState() == Qt.CheckState.Checked:  # one link at most
            for i in range(self.repeats_list.count()):
                other = self.repeats_list.item(i)
                if other is not item and other.checkState() == Qt.CheckState.Checked:
                    other.setCheckState(Qt.CheckState.Unchecked)
        self._updating = False
        self.sig_link_changed.emit(self.linked_case_id())
