"""The point picker: intake (and anyone else) lets the user click where a matter happened.

    dialog = PointPickerDialog(runner, principal, parent)
    dialog.sig_place_picked.connect(on_place)   # a desktop.services.map_places.PickedPlace
    dialog.open()                               # window-modal, no nested event loop

The dialog shows the user's jurisdiction, says which grid, community and street a clicked
point falls in, refuses a point outside the jurisdiction (the OK button stays disabled), and
emits the place when the user confirms. `initial=(lat, lng)` starts with a point picked.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.case_filters import CaseFilter
from desktop.services.map_places import PickedPlace
from ui.map.controller import load_map
from ui.map.map_view import MapView
from ui.tasks import TaskRunner
from ui.text import describe

log = logging.getLogger(__name__)


def resolve_point(session, principal: Principal, lat: float, lng: float) -> PickedPlace:
    """Database worker only."""
    from desktop.services.map_places import pick_place

    with session.begin():
        return pick_place(session=session, principal=principal, lat=lat, lng=lng)


class PointPickerDialog(QDialog):
    sig_place_picked = Signal(object)
    """The user confirmed a point inside their jurisdiction (a PickedPlace)."""

    def __init__(
        self,
        runner: TaskRunner,
        principal: Principal,
        parent: QWidget | None = None,
        initial: tuple[float, float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pointPicker")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(900, 640)
        self._runner = runner
        self._principal = principal
        self._initial = initial
        self.place: PickedPlace | None = None
        self.hint_label = QLabel()
        self.hint_label.setObjectName("hintLabel")
        self.place_label = QLabel()
        self.place_label.setTextFormat(Qt.TextFormat.PlainText)
        self.place_label.setWordWrap(True)
        self.map = MapView()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.map, 1)
        layout.addWidget(self.place_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.map.sig_point_picked.connect(self._on_map_point_picked)
        self.map.set_picking(True)
        self.map.set_incidents("none")
        self.setWindowTitle(self.tr("Pick the place on the map"))
        self.hint_label.setText(self.tr("Click the map where the matter happened."))
        self.place_label.setText(self.tr("Loading the map…"))
        runner.db(load_map, principal, CaseFilter(), self._titles(), self._texts(), True).owned_by(
            self
        ).success(self._on_map_loaded).failure(self._on_failed).run()

    def _titles(self) -> dict[str, str]:
        text = self.tr("Open cases")
        return {"open": text, "overdue": text, "per1000": text}

    def _texts(self) -> dict[str, object]:
        return {"open": self.tr("open"), "overdue": "", "today": "", "per1000": "",
                "none": self.tr("none"), "incidents": "", "risks": [], "deadlines": []}  # fmt: skip

    def pick(self, lat: float, lng: float) -> None:
        """Pick a point as a click would (the initial point, and tests)."""
        self.map.show_picked(lat, lng)
        self._on_map_point_picked(lat, lng)

    def _on_map_loaded(self, result) -> None:
        self.map.set_layers(result.layers)
        if self._initial is not None:
            self.pick(*self._initial)
        else:
            self.place_label.setText("")

    def _on_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, GovDeskError):
            log.error("the point picker failed", exc_info=exc)
        text = describe(exc) if isinstance(exc, GovDeskError) else self.tr("Not available")
        self.place_label.setText(text)

    def _on_map_point_picked(self, lat: float, lng: float) -> None:
        self.place = None
        self.ok_button.setEnabled(False)
        self.place_label.setText(self.tr("Finding the grid…"))
        self._runner.db(resolve_point, self._principal, lat, lng).owned_by(self).success(
            self._on_point_resolved
        ).failure(self._on_point_refused).run()

    def _on_point_resolved(self, place: PickedPlace) -> None:
        self.place = place
        where = " · ".join(p for p in (place.street_name, place.village_name, place.grid_name) if p)
        coords = f"{place.lat:.6f}, {place.lng:.6f}"
        if place.grid_id is None:
            where = self.tr("inside your jurisdiction, in no grid")
        self.place_label.setText(f"{where}  ({coords})")
        self.ok_button.setEnabled(True)

    def _on_point_refused(self, exc: BaseException) -> None:
        self._on_failed(exc)

    def _on_buttons_accepted(self) -> None:
        if self.place is not None:
            self.sig_place_picked.emit(self.place)
            self.accept()
