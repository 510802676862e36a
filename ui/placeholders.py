"""Tidy stand-ins for the pages still to come, saying what each will hold."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui import theme
from ui.icons import icon


class PlaceholderPage(QWidget):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"{key}Page")
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("pageSubtitle")
        self.icon_label = QLabel()
        self.icon_label.setPixmap(icon(f"nav.{key}", theme.PRIMARY).pixmap(QSize(56, 56)))
        self.text_label = QLabel()
        self.text_label.setObjectName("placeholderText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)

        card = QFrame()
        card.setObjectName("placeholderCard")
        card.setMaximumWidth(900)
        row = QHBoxLayout(card)
        row.setContentsMargins(28, 28, 28, 28)
        row.setSpacing(24)
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addSpacing(16)
        layout.addWidget(card)
        layout.addStretch(1)
        self.retranslate_ui()

    def _texts(self) -> tuple[str, list[str]]:
        """The title and what the page will offer, for each page key."""
        texts = {
            "map": (
                self.tr("Map"),
                [
                    self.tr("Grids and micro-grids of your jurisdiction, coloured by open cases"),
                    self.tr("Cases as clustered points, with a heat map of hot spots"),
                    self.tr("Click a case on the map to open it; pick a point when registering"),
                ],
            ),
            "cases": (
                self.tr("Cases"),
                [
                    self.tr("Every named queue as a list that pages through a million cases"),
                    self.tr("Register walk-in, phone and hotline requests, with repeat checks"),
                    self.tr(
                        "Accept, dispatch, sign, resolve and follow up, with the full timeline"
                    ),
                ],
            ),
            "roster": (
                self.tr("Roster"),
                [
                    self.tr("Which department sits at which window, day by day"),
                    self.tr("Check-in at the window, gaps and absences at a glance"),
                    self.tr("Who is on site now, to hand a case over in person"),
                ],
            ),
            "reports": (
                self.tr("Reports"),
                [
                    self.tr("The weekly feedback and the monthly dispatch report as Excel"),
                    self.tr("Intake, resolution, on-time and satisfaction rates by street"),
                    self.tr("Comparison with the previous period and the same period last year"),
                ],
            ),
        }
        return texts.get(self.key, (self.key, []))

    def retranslate_ui(self) -> None:
        title, points = self._texts()
        self.title_label.setText(title)
        self.subtitle_label.setText(self.tr("Coming in a later version"))
        intro = self.tr("This page will offer:")
        items = "".join(f"<li style='margin-bottom:8px'>{p}</li>" for p in points)
        self.text_label.setText(
            f"<p style='margin-bottom:10px'>{intro}</p>"
            f"<ul style='margin-left:0px; -qt-list-indent:1'>{items}</ul>"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
