"""The settings page: language choice and the database in use (layout only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import i18n, theme
from ui.icons import icon

BASE_MAP_KINDS = ("none", "mbtiles", "url")

# Each language is named in itself, so anyone can find their own.
LANGUAGE_NAMES = {i18n.CHINESE: "中文", i18n.ENGLISH: "English"}


class PreferencesView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("pageSubtitle")
        self.language_caption = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.setFixedWidth(240)
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_hint = QLabel()
        self.language_hint.setObjectName("hintLabel")
        self.database_caption = QLabel()
        self.database_label = QLabel()
        self.database_label.setObjectName("dbUrl")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.database_hint = QLabel()
        self.database_hint.setObjectName("hintLabel")
        self.database_hint.setWordWrap(True)
        self.basemap_caption = QLabel()
        self.basemap_combo = QComboBox()
        self.basemap_combo.setObjectName("baseMapCombo")
        self.basemap_combo.setFixedWidth(240)
        for kind in BASE_MAP_KINDS:
            self.basemap_combo.addItem("", kind)
        self.basemap_edit = QLineEdit()
        self.basemap_edit.setObjectName("baseMapEdit")
        self.basemap_edit.setMinimumWidth(360)
        self.basemap_browse = QPushButton()
        self.basemap_browse.setObjectName("baseMapBrowse")
        self.basemap_browse.setIcon(icon("action.browse", theme.PRIMARY))
        self.basemap_apply = QPushButton()
        self.basemap_apply.setObjectName("baseMapApply")
        self.basemap_hint = QLabel()
        self.basemap_hint.setObjectName("hintLabel")
        self.basemap_hint.setWordWrap(True)
        self.basemap_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.import_button = QPushButton()  # administrators only (the workbench shows it)
        self.import_button.setObjectName("geoImportOpen")
        self.import_button.hide()
        self.more_label = QLabel()
        self.more_label.setObjectName("placeholderText")
        self.more_label.setWordWrap(True)

        card = QFrame()
        card.setObjectName("formCard")
        card.setMaximumWidth(900)
        form = QFormLayout(card)
        form.setContentsMargins(28, 24, 28, 24)
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.language_caption, self.language_combo)
        form.addRow("", self.language_hint)
        form.addRow(self.database_caption, self.database_label)
        form.addRow("", self.database_hint)
        source = QHBoxLayout()
        source.addWidget(self.basemap_combo)
        source.addWidget(self.basemap_edit, 1)
        source.addWidget(self.basemap_browse)
        source.addWidget(self.basemap_apply)
        form.addRow(self.basemap_caption, source)
        form.addRow("", self.basemap_hint)
        form.addRow("", self.import_button)
        self.basemap_combo.currentIndexChanged.connect(self._update_base_map_fields)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addSpacing(16)
        layout.addWidget(card)
        layout.addSpacing(12)
        layout.addWidget(self.more_label)
        layout.addStretch(1)
        self.retranslate_ui()

    def select_language(self, code: str) -> None:
        index = self.language_combo.findData(code)
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.blockSignals(False)

    def selected_language(self) -> str:
        return self.language_combo.currentData()

    def select_base_map(self, kind: str, text: str) -> None:
        self.basemap_combo.setCurrentIndex(max(self.basemap_combo.findData(kind), 0))
        self.basemap_edit.setText(text)
        self._update_base_map_fields()

    def _update_base_map_fields(self) -> None:
        kind = self.basemap_combo.currentData()
        self.basemap_edit.setEnabled(kind != "none")
        self.basemap_browse.setVisible(kind == "mbtiles")
        self.basemap_edit.setPlaceholderText(
            {
                "none": "",
                "mbtiles": self.tr("An .mbtiles file of your area"),
                "url": "http://10.0.0.5/tiles/{z}/{x}/{y}.png",
            }[kind]
        )

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Settings"))
        self.basemap_caption.setText(self.tr("Base map"))
        for index, text in enumerate(
            (
                self.tr("None (boundaries only)"),
                self.tr("Offline tiles (MBTiles file)"),
                self.tr("The center's tile server"),
            )
        ):
            self.basemap_combo.setItemText(index, text)
        self.basemap_browse.setText(self.tr("Browse…"))
        self.basemap_apply.setText(self.tr("Apply"))
        self.import_button.setText(self.tr("Import boundaries and grids…"))
        self._update_base_map_fields()
        self.subtitle_label.setText(self.tr("Preferences of this computer"))
        self.language_caption.setText(self.tr("Language"))
        self.language_hint.setText(self.tr("Applies at once and is remembered."))
        self.database_caption.setText(self.tr("Database"))
        self.database_hint.setText(
            self.tr(
                "To use another database, start GovDesk with --db URL, or change it in the "
                "dialog shown when the database cannot be reached."
            )
        )
        self.more_label.setText(
            self.tr(
                "Accounts, categories and deadlines, holidays, grids, departments and "
                "windows will be managed here by administrators."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
