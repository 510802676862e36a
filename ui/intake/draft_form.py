"""The intake form's fields as a plain dict for the draft store, and back (no Qt signals of
its own: restoring goes through the widgets' setters, so the controller hears every change)."""

from __future__ import annotations

from PySide6.QtCore import QDateTime

from desktop.domain.enums import PartyRole
from ui.intake.view import IntakeView

_TEXTS = ("work_order_no", "title", "address", "location", "result_note")
_COMBOS = ("channel", "save_as", "result")


def capture(view: IntakeView) -> dict:
    """Everything the clerk typed or chose, as JSON-ready values."""
    form: dict = {key: getattr(view, key).text() for key in _TEXTS}
    form.update({key: getattr(view, key).currentData() for key in _COMBOS})
    form["received_at"] = view.received_at.dateTime().toSecsSinceEpoch()
    form["category"] = view.category.text()
    form["grid"] = view.grid.text()
    form["description"] = view.description.toPlainText()
    form["people_count"] = view.people_count.value()
    form["parties"] = [
        {
            "role": row.role.currentData(),
            "name": row.name.text(),
            "anonymous": row.anonymous.isChecked(),
            "phone": row.phone.text(),
            "id_number": row.id_number.text(),
            "address": row.address.text(),
        }
        for row in view.parties.rows
    ]
    return form


def restore(view: IntakeView, form: dict) -> None:
    """Put a captured form back; unknown keys are ignored, missing ones left as they are."""
    for key in _COMBOS:
        if key in form:
            combo = getattr(view, key)
            index = combo.findData(form[key])
            if index >= 0:
                combo.setCurrentIndex(index)
    for key in _TEXTS:
        if key in form:
            getattr(view, key).setText(form[key])
    if "received_at" in form:
        view.received_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(form["received_at"])))
    # The pickers settle on their choice once the choices have loaded (an exact text match).
    view.category.setText(form.get("category", ""))
    view.grid.setText(form.get("grid", ""))
    view.description.setPlainText(form.get("description", ""))
    view.people_count.setValue(int(form.get("people_count", 1)))
    parties = form.get("parties") or []
    if parties:
        view.parties.clear()
    for party in parties:
        row = view.parties.add_row(PartyRole(party.get("role", PartyRole.APPLICANT)))
        row.name.setText(party.get("name", ""))
        row.anonymous.setChecked(bool(party.get("anonymous")))
        row.phone.setText(party.get("phone", ""))
        row.id_number.setText(party.get("id_number", ""))
        row.address.setText(party.get("address", ""))
