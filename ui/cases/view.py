"""The 案件 page: queues on the left; origin, filters, the table and the export bar on the right.

Layout only: public child widgets; ui/cases/page.py wires them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.cases.filter_bar import FilterBar
from ui.icons import icon

ROW_HEIGHT = 26
MAP_LIMIT = 5000  # cases ringed on the map at once: more would hide the map under rings


class CaseTable(QTableView):
    """A table that says which case Enter or a double-click asked for."""

    sig_activated = Signal(int)
    """The row the user opened (Enter or double-click)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseTable")
        # Several rows: 在地图上查看 and the bulk actions work on a selection.
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.doubleClicked.connect(lambda index: self.sig_activated.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.sig_activated.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class CasesView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casesPage")
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.queue_list = QListWidget()
        self.queue_list.setObjectName("queueList")
        self.queue_list.setMinimumWidth(150)
        self.origin_frame = QFrame()
        self.origin_frame.setObjectName("originBar")
        self.origin_label = QLabel()
        self.origin_label.setObjectName("originLabel")
        self.back_button = QPushButton()
        self.origin_frame.hide()
        self.filter_bar = FilterBar()
        self.saved_combo = QComboBox()
        self.saved_combo.setMinimumContentsLength(12)
        self.save_name_edit = QLineEdit()
        self.save_button = QPushButton()
        self.delete_saved_button = QPushButton()
        self.table = CaseTable()
        self.status_label = QLabel()
        self.status_label.setObjectName("hintLabel")
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        self.map_button = QPushButton()
        self.map_button.setIcon(icon("nav.map", theme.PRIMARY))
        self.export_button = QPushButton()
        self.export_progress = QProgressBar()
        self.export_progress.setMaximumWidth(220)
        self.export_progress.hide()
        self.cancel_export_button = QPushButton()
        self.cancel_export_button.hide()
        self.refresh_button = QPushButton()
        self.refresh_button.setIcon(icon("action.refresh", theme.PRIMARY))
        self.take_next_button = QPushButton()
        self.take_next_button.setObjectName("primaryButton")
        self.take_next_shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        self.take_next_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.take_next_button.hide()

        origin = QHBoxLayout(self.origin_frame)
        origin.setContentsMargins(10, 6, 10, 6)
        origin.addWidget(self.origin_label, 1)
        origin.addWidget(self.back_button)

        saved = QHBoxLayout()
        saved.setSpacing(8)
        saved.addWidget(self.saved_combo, 1)
        saved.addWidget(self.delete_saved_button)
        saved.addSpacing(16)
        saved.addWidget(self.save_name_edit, 1)
        saved.addWidget(self.save_button)
        saved.addStretch(1)
        saved.addWidget(self.take_next_button)
        saved.addWidget(self.refresh_button)

        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.export_progress)
        bottom.addWidget(self.cancel_export_button)
        bottom.addWidget(self.map_button)
        bottom.addWidget(self.export_button)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(12, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.origin_frame)
        column.addWidget(self.filter_bar)
        column.addLayout(saved)
        column.addWidget(self.error_label)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty_label)
        column.addLayout(bottom)

        splitter = QSplitter()
        splitter.addWidget(self.queue_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 1300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Cases"))
        self.back_button.setText(self.tr("Back to the queues"))
        self.save_name_edit.setPlaceholderText(self.tr("Name for these filters"))
        self.save_button.setText(self.tr("Save filters"))
        self.delete_saved_button.setText(self.tr("Delete"))
        self.saved_combo.setPlaceholderText(self.tr("My saved filters"))
        self.map_button.setText(self.tr("Show on map"))
        self.map_button.setToolTip(
            self.tr("Ring the selected cases on the map (at most %1)").replace(
                "%1", f"{MAP_LIMIT:,}"
            )
        )
        self.export_button.setText(self.tr("Export to Excel…"))
        self.cancel_export_button.setText(self.tr("Cancel"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.take_next_button.setText(self.tr("Take next"))
        self.take_next_button.setToolTip(
            self.tr("Take the oldest case nobody holds and open it (Ctrl+T)")
        )
        self.empty_label.setText(self.tr("No case matches these filters."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
