"""编辑: title, description, category, address, grid and the parties of a case.

Only what the user changed is sent. Parties are shown masked; a correction names only the
fields typed in (an empty cell keeps the stored value). Ticking 删除 removes a party, and
then a reason is required.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)

from desktop.domain.enums import PartyRole
from desktop.services.case_edit import PartyChange, PartyRemoval
from ui.cases.detail.form_dialog import FormDialog
from ui.text import label

PARTY_COLUMNS = ("role", "name", "phone", "id_number", "address")
COL_REMOVE = len(PARTY_COLUMNS)


class EditDialog(FormDialog):
    def __init__(self, detail, choices, parent: QWidget | None = None) -> None:
        name = label("event_kind", "edit")
        super().__init__(name, self.tr("Save changes"), parent)
        self.setMinimumWidth(820)
        self.detail = detail
        self.title_edit = QLineEdit(detail.title)
        self.add_row("title", self.tr("Title") + " *", self.title_edit)
        self.description_edit = QPlainTextEdit(detail.description)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(80)
        self.add_row("description", self.tr("Description"), self.description_edit)
        self.category_box = QComboBox()
        for category_id, text in choices.categories:
            self.category_box.addItem(text, category_id)
        self.category_box.setCurrentIndex(max(self.category_box.findData(detail.category_id), 0))
        self.add_row("category", self.tr("Category"), self.category_box)
        self.address_edit = QLineEdit(detail.address)
        self.add_row("address", self.tr("Address"), self.address_edit)
        self.grid_box = QComboBox()
        self.grid_box.addItem(self.tr("(unchanged)"), None)
        for grid_id, text in choices.grids:
            self.grid_box.addItem(text, grid_id)
        self.grid_box.setCurrentIndex(max(self.grid_box.findData(detail.grid_id), 0))
        self.add_row("grid", self.tr("Grid"), self.grid_box)
        self.point_edit = QLineEdit(_point_text(detail.lat, detail.lng))
        self.point_edit.setPlaceholderText(self.tr("latitude, longitude (WGS-84)"))
        self.add_row("point", self.tr("Point"), self.point_edit, "location")
        self.parties_table = QTableWidget(0, len(PARTY_COLUMNS) + 1)
        self.parties_table.setObjectName("partiesEditTable")
        self.parties_table.setHorizontalHeaderLabels(
            [
                self.tr("Role"),
                self.tr("Name"),
                self.tr("Phone"),
                self.tr("ID number"),
                self.tr("Address"),
                self.tr("Remove"),
            ]
        )
        self.parties_table.verticalHeader().hide()
        self.parties_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.parties_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.parties_table.setMinimumHeight(150)
        self._party_ids: list[int | None] = []
        for party in detail.parties:
            self._add_party_row(party)
        self.add_row(
            "parties",
            self.tr("Parties"),
            self.parties_table,
            "party_name",
            "phone",
            "id_number",
            "role",
            "name",
        )
        self.add_party_button = QPushButton(self.tr("Add a party"))
        self.add_party_button.clicked.connect(self._on_add_party_button_clicked)
        self.add_row("add_party", "", self.add_party_button)
        self.removal_edit = QLineEdit()
        self.removal_edit.setPlaceholderText(self.tr("Why the ticked parties are removed"))
        self.add_row("reason", self.tr("Reason for removal"), self.removal_edit)
        self.title_edit.setFocus()

    def _add_party_row(self, party=None) -> None:
        row = self.parties_table.rowCount()
        self.parties_table.insertRow(row)
        role = QComboBox()
        for value in PartyRole:
            role.addItem(label("party_role", value), str(value))
        if party is not None:
            role.setCurrentIndex(max(role.findData(party.role), 0))
        self.parties_table.setCellWidget(row, 0, role)
        for column, name in enumerate(PARTY_COLUMNS[1:], start=1):
            edit = QLineEdit()
            edit.setObjectName(f"party_{row}_{name}")
            if party is not None:
                # The stored value stays hidden: its masked form is the hint; typing corrects.
                edit.setPlaceholderText(getattr(party, name) or "")
            self.parties_table.setCellWidget(row, column, edit)
        removal = QCheckBox()
        removal.setObjectName(f"party_{row}_remove")
        removal.setEnabled(party is not None)
        self.parties_table.setCellWidget(row, COL_REMOVE, removal)
        self._party_ids.append(party.id if party is not None else None)

    def _on_add_party_button_clicked(self) -> None:
        self._add_party_row()
        row = self.parties_table.rowCount() - 1
        self.parties_table.cellWidget(row, 1).setFocus()

    def values(self) -> dict[str, Any]:
        d = self.detail
        values: dict[str, Any] = {}
        title = self.title_edit.text()
        if title.strip() != d.title:
            values["title"] = title
        description = self.description_edit.toPlainText()
        if description != d.description:
            values["description"] = description
        if self.category_box.currentData() != d.category_id:
            values["category_id"] = self.category_box.currentData()
        if self.address_edit.text().strip() != d.address:
            values["address"] = self.address_edit.text()
        grid = self.grid_box.currentData()
        if grid is not None and grid != d.grid_id:
            values["grid_id"] = grid
        point = self.point_edit.text().strip()
        if point != _point_text(d.lat, d.lng):
            values["point"] = _parse_point(point)
        parties, removals = self._party_values()
        if parties:
            values["parties"] = tuple(parties)
        if removals:
            values["removals"] = tuple(removals)
        return values

    def _party_values(self) -> tuple[list[PartyChange], list[PartyRemoval]]:
        parties, removals = [], []
        reason = self.removal_edit.text()
        for row, party_id in enumerate(self._party_ids):
            if party_id is not None and self.parties_table.cellWidget(row, COL_REMOVE).isChecked():
                removals.append(PartyRemoval(party_id, reason))
                continue
            role = self.parties_table.cellWidget(row, 0).currentData()
            typed = {
                name: self.parties_table.cellWidget(row, col).text().strip()
                for col, name in enumerate(PARTY_COLUMNS[1:], start=1)
            }
            if party_id is None:
                if any(typed.values()):
                    parties.append(
                        PartyChange(
                            None, PartyRole(role), **{k: v or None for k, v in typed.items()}
                        )
                    )
                continue
            original = next(p for p in self.detail.parties if p.id == party_id)
            role_changed = role != original.role
            if role_changed or any(typed.values()):
                parties.append(
                    PartyChange(
                        party_id,
                        PartyRole(role) if role_changed else None,
                        **{k: v or None for k, v in typed.items()},
                    )
                )
        return parties, removals

    def check(self, values: dict[str, Any]) -> bool:
        if not self.title_edit.text().strip():
            return self.require("title", False, self.tr("Title"))
        if values.get("removals") and not self.removal_edit.text().strip():
            return self.require("reason", False, self.tr("Reason for removal"))
        if "point" in values and values["point"] is None:
            self.show_error(self.tr("Give the point as latitude, longitude"), "point")
            return False
        if not values:
            self.show_error(self.tr("Nothing was changed."))
            return False
        return True


def _point_text(lat: float | None, lng: float | None) -> str:
    return "" if lat is None or lng is None else f"{lat:.6f}, {lng:.6f}"


def _parse_point(text: str) -> tuple[float, float] | None:
    """ "40.58, 109.80" (or with a Chinese comma) as (lat, lng); None if it is not that."""
    parts = text.replace("，", ",").split(",")
    try:
        lat, lng = (float(p) for p in parts)
    except ValueError:
        return None
    return (lat, lng) if -90 <= lat <= 90 and -180 <= lng <= 180 else None
