"""导入边界: choose a boundary file and how to read it, check it, see it on a map, import it
(layout and public child widgets only; ui.admin.geo_import_controller wires them)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import GeoLevel
from desktop.services.geo_shapes import SourceCrs
from ui import theme
from ui.icons import icon
from ui.map.map_view import MapView
from ui.text import label


class GeoImportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("geoImportDialog")
        self.resize(1100, 720)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("geoFileEdit")
        self.browse_button = QPushButton()
        self.browse_button.setIcon(icon("action.browse", theme.PRIMARY))
        self.level_combo = QComboBox()
        self.level_combo.setObjectName("geoLevelCombo")
        for level in GeoLevel:
            self.level_combo.addItem(label("geo_level", level), str(level))
        self.level_combo.setCurrentIndex(self.level_combo.findData(str(GeoLevel.GRID)))
        self.crs_combo = QComboBox()
        self.crs_combo.setObjectName("geoCrsCombo")
        for crs in SourceCrs:
            self.crs_combo.addItem("", str(crs))
        self.parent_edit = QLineEdit()
        self.parent_edit.setObjectName("geoParentEdit")
        self.tolerance_spin = QDoubleSpinBox()
        self.tolerance_spin.setObjectName("geoToleranceSpin")
        self.tolerance_spin.setRange(0, 5000)
        self.tolerance_spin.setDecimals(0)
        self.tolerance_spin.setValue(50)
        self.relocate_check = QCheckBox()
        self.relocate_check.setObjectName("geoRelocateCheck")
        self.check_button = QPushButton()
        self.check_button.setObjectName("geoCheckButton")
        self.import_button = QPushButton()
        self.import_button.setObjectName("geoImportButton")
        self.import_button.setEnabled(False)
        self.close_button = QPushButton()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("geoSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.report_edit = QPlainTextEdit()  # plain text: file contents stay inert
        self.report_edit.setObjectName("geoReport")
        self.report_edit.setReadOnly(True)
        self.map = MapView()

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.captions = [QLabel() for _ in range(5)]
        self.form = QFormLayout()
        fields = (file_row, self.level_combo, self.crs_combo, self.parent_edit, self.tolerance_spin)
        for caption, field in zip(self.captions, fields, strict=True):
            self.form.addRow(caption, field)
        left = QWidget()
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        side.addLayout(self.form)
        side.addWidget(self.relocate_check)
        side.addWidget(self.check_button)
        side.addWidget(self.summary_label)
        side.addWidget(self.report_edit, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.map)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 680])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import boundaries"))
        captions = (
            self.tr("File"),
            self.tr("Level"),
            self.tr("Coordinates"),
            self.tr("Parent code"),
            self.tr("Tolerance (m)"),
        )
        for caption, text in zip(self.captions, captions, strict=True):
            caption.setText(text)
        self.file_edit.setPlaceholderText(self.tr("GeoJSON, or a shapefile in a .zip"))
        self.browse_button.setText(self.tr("Browse…"))
        crs_texts = {
            "wgs84": self.tr("WGS-84 (GPS)"),
            "cgcs2000": self.tr("CGCS2000 (EPSG:4490)"),
            "gcj02": self.tr("GCJ-02 (AMap, Tencent)"),
            "bd09": self.tr("BD-09 (Baidu)"),
        }
        for index in range(self.crs_combo.count()):
            self.crs_combo.setItemText(index, crs_texts[self.crs_combo.itemData(index)])
        self.parent_edit.setPlaceholderText(self.tr("Only for new places without a parent"))
        self.relocate_check.setText(self.tr("Move cases whose point now lies in another grid"))
        self.check_button.setText(self.tr("Check the file"))
        self.import_button.setText(self.tr("Import"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
