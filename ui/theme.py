"""One palette and one style sheet for every window (colours named by meaning)."""

from __future__ import annotations

PRIMARY = "#1D4F91"
PRIMARY_DARK = "#163D70"
PRIMARY_LIGHT = "#E8F0FB"
NAV_BG = "#172B4D"
NAV_TEXT = "#C9D3E3"
NAV_SELECTED = "#24406E"
NAV_ACCENT = "#5AA0FF"
BACKGROUND = "#F3F5F9"
SURFACE = "#FFFFFF"
BORDER = "#DDE3EC"
TEXT = "#1F2A37"
TEXT_MUTED = "#5B6B7F"
WARN = "#B26A00"
WARN_BG = "#FFF6E0"
WARN_BORDER = "#F2C46D"
DANGER = "#C0392B"
DANGER_BG = "#FDEDEC"
DANGER_BORDER = "#F0A39B"
TRAINING = "#D9480F"

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QWidget {{ color: {TEXT}; }}
QToolTip {{ color: {TEXT}; background: {SURFACE}; border: 1px solid {BORDER}; }}

#trainingBanner {{
    background: {TRAINING}; color: white; font-weight: bold; font-size: 11pt;
    padding: 6px 16px; letter-spacing: 1px;
}}

#navPanel {{ background: {NAV_BG}; }}
#navTitle {{ color: white; font-size: 12pt; font-weight: bold; padding: 18px 16px 4px 16px; }}
#navSubtitle {{ color: {NAV_TEXT}; font-size: 9pt; padding: 0 16px 14px 16px; }}
QPushButton#intakeButton {{
    background: {NAV_ACCENT}; color: white; border: none; font-weight: bold;
    margin: 0 14px 12px 14px; padding: 8px 10px;
}}
QPushButton#intakeButton:hover {{ background: {PRIMARY}; color: white; }}
#fieldHint {{ color: {TEXT_MUTED}; }}
#navList {{
    background: {NAV_BG}; border: none; color: {NAV_TEXT}; font-size: 11pt; outline: 0;
}}
#navList::item {{ padding: 10px 14px; border-left: 3px solid transparent; }}
#navList::item:hover {{ background: #1F3760; color: white; }}
#navList::item:selected {{
    background: {NAV_SELECTED}; color: white; border-left: 3px solid {NAV_ACCENT};
}}

#pageTitle {{ font-size: 17pt; font-weight: bold; color: {TEXT}; }}
#pageSubtitle {{ color: {TEXT_MUTED}; font-size: 10pt; }}
#placeholderCard, #formCard {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
}}
#placeholderText {{ color: {TEXT_MUTED}; font-size: 11pt; }}
#sectionTitle {{ font-size: 12pt; font-weight: bold; }}

#queueCard {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
}}
#queueCard:hover {{ border: 1px solid {PRIMARY}; }}
#queueCard[tone="warn"] {{ background: {WARN_BG}; border: 1px solid {WARN_BORDER}; }}
#queueCard[tone="danger"] {{ background: {DANGER_BG}; border: 1px solid {DANGER_BORDER}; }}
#queueName {{ color: {TEXT_MUTED}; font-size: 11pt; }}
#queueCount {{ color: {PRIMARY}; font-size: 26pt; font-weight: bold; }}
#queueCard[tone="warn"] #queueCount, #queueCard[tone="warn"] #queueName {{ color: {WARN}; }}
#queueCard[tone="danger"] #queueCount, #queueCard[tone="danger"] #queueName {{ color: {DANGER}; }}

QPushButton {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 5px;
    padding: 6px 16px; min-height: 20px;
}}
QPushButton:hover {{ border-color: {PRIMARY}; color: {PRIMARY}; }}
QPushButton:disabled {{ color: #A0AAB8; background: #F0F2F5; }}
QPushButton#primaryButton {{
    background: {PRIMARY}; border: 1px solid {PRIMARY}; color: white; font-weight: bold;
}}
QPushButton#primaryButton:hover {{ background: {PRIMARY_DARK}; color: white; }}
QPushButton#primaryButton:disabled {{ background: #8AA4C8; border-color: #8AA4C8; }}

QLineEdit, QComboBox {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 5px; padding: 6px 8px;
    min-height: 20px; selection-background-color: {PRIMARY};
}}
QLineEdit:focus, QComboBox:focus {{ border: 1px solid {PRIMARY}; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 24px; border: none;
}}
QComboBox::down-arrow {{
    image: url(:/qt-project.org/styles/commonstyle/images/arrow-down-16.png);
    width: 10px; height: 10px;
}}
QComboBox QAbstractItemView {{
    background: {SURFACE}; border: 1px solid {BORDER}; selection-background-color: {PRIMARY_LIGHT};
    selection-color: {TEXT}; outline: 0;
}}

#loginHeader {{ background: {PRIMARY}; }}
#loginTitle {{ color: white; font-size: 17pt; font-weight: bold; }}
#loginSubtitle {{ color: #D6E2F3; font-size: 10pt; }}
#errorLabel {{
    color: {DANGER}; background: {DANGER_BG}; border: 1px solid {DANGER_BORDER};
    border-radius: 5px; padding: 6px 8px;
}}
#hintLabel {{ color: {TEXT_MUTED}; }}
#dbUrl {{
    font-family: monospace; background: {SURFACE}; border: 1px solid {BORDER};
    border-radius: 5px; padding: 6px 8px;
}}

#figureTile, #chartCard {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
}}
#figureTile:hover, #figureTile:focus, #chartCard:focus {{ border: 1px solid {PRIMARY}; }}
#figureTile[tone="warn"] {{ background: {WARN_BG}; border: 1px solid {WARN_BORDER}; }}
#figureTile[tone="danger"] {{ background: {DANGER_BG}; border: 1px solid {DANGER_BORDER}; }}
#tileName {{ color: {TEXT_MUTED}; font-size: 10pt; }}
#tileValue {{ color: {PRIMARY}; font-size: 22pt; font-weight: bold; }}
#figureTile[tone="warn"] #tileValue {{ color: {WARN}; }}
#figureTile[tone="danger"] #tileValue {{ color: {DANGER}; }}
#tileChange {{ color: {TEXT_MUTED}; font-size: 9pt; }}
#tileChange[tone="good"] {{ color: #2E7D4F; }}
#tileChange[tone="bad"] {{ color: {DANGER}; }}
#chartTitle {{ font-size: 11pt; font-weight: bold; }}
#wallDisplay {{ background: {BACKGROUND}; }}
#wallTitle {{ font-size: 26pt; font-weight: bold; color: {PRIMARY}; }}
#wallClock {{ font-size: 14pt; color: {TEXT_MUTED}; }}
#wallDisplay #tileName {{ font-size: 16pt; }}
#wallDisplay #tileValue {{ font-size: 44pt; }}
#wallDisplay #tileChange {{ font-size: 13pt; }}
#wallDisplay #chartTitle {{ font-size: 20pt; }}

QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {TEXT_MUTED}; }}
QStatusBar QLabel {{ color: {TEXT_MUTED}; padding: 2px 10px; }}
QStatusBar QLabel#statusSeparated {{ border-left: 1px solid {BORDER}; }}
QStatusBar::item {{ border: none; }}
"""
