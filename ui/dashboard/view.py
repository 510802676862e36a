"""The dashboard page: greeting, refresh, and a grid of queue cards (layout only)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import NamedQueue
from ui import theme
from ui.dashboard.card import QueueCard
from ui.dashboard.figures_panel import FiguresPanel
from ui.icons import icon
from ui.text import label

COLUMNS = 4


class DashboardView(QWidget):
    sig_queue_requested = Signal(str)
    """A card was clicked (a NamedQueue value); re-emitted so cards can come and go."""
    sig_wall_requested = Signal()
    """F11 or the wall display button: show the figures full screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._display_name = ""
        self._updated = ""
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.greeting_label = QLabel()
        self.greeting_label.setObjectName("pageSubtitle")
        self.updated_label = QLabel()
        self.updated_label.setObjectName("hintLabel")
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setIcon(icon("action.refresh", theme.PRIMARY))
        self.wall_button = QPushButton()
        self.wall_button.setObjectName("wallButton")
        self.wall_button.setIcon(icon("action.wall", theme.PRIMARY))
        self.wall_button.clicked.connect(self.sig_wall_requested)
        self.wall_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F11), self)
        self.wall_shortcut.activated.connect(self.sig_wall_requested)
        self.figures_panel = FiguresPanel()
        self.section_label = QLabel()
        self.section_label.setObjectName("sectionTitle")
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.hide()
        self.hint_label = QLabel()
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.hide()
        self.cards: dict[NamedQueue, QueueCard] = {}
        self.card_grid = QGridLayout()
        self.card_grid.setHorizontalSpacing(16)
        self.card_grid.setVerticalSpacing(16)

        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.title_label)
        heading.addWidget(self.greeting_label)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.updated_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addSpacing(8)
        top.addWidget(self.wall_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)

        # The queue cards, then the figures; the page scrolls on small screens.
        content = QWidget()
        content.setObjectName("dashboardContent")
        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addSpacing(12)
        layout.addWidget(self.section_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.empty_label)
        layout.addLayout(self.card_grid)
        layout.addSpacing(4)
        layout.addWidget(self.hint_label)
        layout.addSpacing(16)
        layout.addWidget(self.figures_panel)
        layout.addStretch(1)
        self.retranslate_ui()

    def set_user(self, display_name: str) -> None:
        self._display_name = display_name
        self.retranslate_ui()

    def show_counts(self, counts: Mapping[NamedQueue, int], updated: str) -> None:
        """Show one card per queue, in the order given; cards are reused across refreshes."""
        for queue in [q for q in self.cards if q not in counts]:
            card = self.cards.pop(queue)
            self.card_grid.removeWidget(card)
            card.deleteLater()
        for index, (queue, count) in enumerate(counts.items()):
            card = self.cards.get(queue)
            if card is None:
                card = self.cards[queue] = QueueCard(queue)
                card.set_name(label("named_queue", queue))
                card.sig_open_requested.connect(self.sig_queue_requested)
            self.card_grid.addWidget(card, index // COLUMNS, index % COLUMNS)
            card.set_count(count)
        self.empty_label.setVisible(not counts)
        self.hint_label.setVisible(bool(counts))
        self.error_label.hide()
        self._updated = updated
        self._retranslate_updated()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def set_busy(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Dashboard"))
        self.greeting_label.setText(
            self.tr("Hello, %1. These are the queues you work on.").replace(
                "%1", self._display_name
            )
        )
        self.section_label.setText(self.tr("My queues"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.wall_button.setText(self.tr("Wall display (F11)"))
        self.empty_label.setText(self.tr("Your roles have no work queues."))
        self.hint_label.setText(
            self.tr("Click a card to open its cases. Counts follow other seats' changes.")
        )
        for queue, card in self.cards.items():
            card.set_name(label("named_queue", queue))
        self._retranslate_updated()

    def _retranslate_updated(self) -> None:
        text = self.tr("Updated %1").replace("%1", self._updated) if self._updated else ""
        self.updated_label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
