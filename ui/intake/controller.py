"""Wires the intake form: loads its choices, looks people and repeats up as the clerk types
(debounced, on the database worker, never blocking typing), validates, and saves through
`intake.register_case` in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.domain import workflow
from desktop.domain.enums import Channel, EventKind, PartyRole, Result, Status
from desktop.domain.identity import validate_id_number, validate_phone
from desktop.domain.principal import Principal
from desktop.domain.risk import risk_for_group
from desktop.errors import GovDeskError
from desktop.services.drafts import Draft, DraftStore
from desktop.services.intake import ANONYMOUS_CHANNELS, NewCase, NewParty, SaveAs
from desktop.services.repeats import RepeatQuery
from ui.intake import data, draft_form
from ui.intake.draft_keeper import DraftKeeper
from ui.intake.form_files import FormFiles
from ui.intake.parties import PartyRow
from ui.intake.view import IntakeView
from ui.tasks import TaskRunner
from ui.text import describe, label

log = logging.getLogger(__name__)

LOOKUP_DELAY_MS = 120  # after the last keystroke; the lookup itself takes a few ms


class _Latest:
    """Runs a lookup after a pause in typing; one at a time, the newest request wins."""

    def __init__(self, owner: QObject, start: Callable[[], None]) -> None:
        self._start = start
        self.busy = False
        self.stale = False
        self.closed = False
        self.timer = QTimer(owner)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LOOKUP_DELAY_MS)
        self.timer.timeout.connect(self.fire)

    def request(self) -> None:
        if not self.closed:
            self.timer.start()

    def close(self) -> None:
        """The form is gone: nothing more may start."""
        self.closed = True
        self.timer.stop()

    def fire(self) -> None:
        if self.closed:
            return
        if self.busy:
            self.stale = True
            return
        self.busy, self.stale = True, False
        self._start()

    def done(self) -> None:
        self.busy = False
        if self.stale:
            self.fire()


class FormInvalid(Exception):
    """The form holds errors: [(widget to focus, error label setter, message)]."""

    def __init__(self, problems: list[tuple[QWidget, Callable[[str], None], str]]) -> None:
        super().__init__(len(problems))
        self.problems = problems


def _message(code: str, **params) -> str:
    return describe(GovDeskError(code, **params))


class IntakeController(QObject):
    sig_case_registered = Signal(int, str)
    """A case was saved (its id and number); the workbench opens it."""
    sig_closed = Signal()
    """The window closed, saved or discarded."""

    def __init__(self, runner: TaskRunner, principal: Principal, view: IntakeView,
                 parent: QObject | None = None, *, drafts: DraftStore | None = None,
                 draft: Draft | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.view = view
        self.draft_id = draft.id if draft is not None else DraftStore.new_id()
        self._draft = DraftKeeper(drafts, self.draft_id, self._draft_content,
                                  view.show_form_error, view)  # fmt: skip
        self._dirty = False
        self._discard_armed = False
        self._saving = False
        self._linked: int | None = None
        self._person_row: PartyRow | None = None
        self._people: dict[int, object] = {}  # id(row) -> KnownPerson found for its numbers
        # Timers live with the view: once it is gone, no lookup can start.
        self._person = _Latest(view, self._look_up_person)
        self._repeats = _Latest(view, self._look_up_repeats)
        self._fill_save_as()
        view.channel.currentIndexChanged.connect(self._on_channel_changed)
        view.save_as.currentIndexChanged.connect(self._on_save_as_changed)
        view.people_count.valueChanged.connect(self._on_people_count_changed)
        view.parties.sig_changed.connect(self._on_form_changed)
        view.parties.sig_number_edited.connect(self._on_party_number_edited)
        for edit in (view.title, view.address, view.work_order_no, view.location):
            edit.textChanged.connect(self._on_form_changed)
        view.description.textChanged.connect(self._on_form_changed)
        for picker in (view.category, view.grid):
            picker.sig_choice_changed.connect(self._on_form_changed)
            picker.textEdited.connect(self._on_form_changed)
        view.side_panel.sig_link_changed.connect(self._on_side_panel_link_changed)
        # Fields that look nothing up but belong in the draft all the same.
        view.save_as.currentIndexChanged.connect(self._on_detail_changed)
        view.result.currentIndexChanged.connect(self._on_detail_changed)
        view.result_note.textChanged.connect(self._on_detail_changed)
        view.received_at.dateTimeChanged.connect(self._on_detail_changed)
        self.files = FormFiles(view.attachments, drafts, self.draft_id, self)
        self.files.sig_changed.connect(self._on_detail_changed)
        view.sig_save_requested.connect(self._on_view_save_requested)
        view.sig_discard_requested.connect(self._on_view_discard_requested)
        view.finished.connect(self._on_view_finished)
        view.parties.add_row(PartyRole.APPLICANT)
        self._on_channel_changed()
        self._on_save_as_changed()
        self._on_people_count_changed(1)
        self._dirty = False
        self._draft.cancel()  # an untouched form leaves no draft behind
        if draft is not None:
            draft_form.restore(view, draft.form)
            self._linked = draft.form.get("linked")
            self.files.restore(draft)
            self._dirty = True  # Esc asks before throwing a restored form away
            self._draft.cancel()  # the draft on disk is exactly this

    # -- public -------------------------------------------------------------------------
    def start(self) -> None:
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        self.view.channel.setFocus()
        self._runner.db(data.load_choices, self._principal).owned_by(self.view).success(
            self._on_choices_loaded
        ).failure(self._on_choices_failed).run()

    def attach_point_picker(self, pick: Callable[[QWidget, Callable[[float, float], None]], None]):
        """The map's point picker (ui.map.picker): shows "在地图上选点"; `pick` opens
        it over the form and calls back with (lat, lng)."""
        self.view.map_button.show()
        self.view.map_button.clicked.connect(lambda: pick(self.view, self.set_point))
        self.view.rebuild_tab_order()

    def set_point(self, lat: float, lng: float) -> None:
        self.view.location.setText(f"{lat:.6f}, {lng:.6f}")

    def write_draft(self) -> None:
        """Write the draft now if anything was typed (the autosave does this by itself)."""
        if self._dirty:
            self._draft.write()

    def _draft_content(self):
        form = draft_form.capture(self.view)
        form["linked"] = self._linked
        return form, self.files.draft_files()

    # -- choices ------------------------------------------------------------------------
    def _fill_save_as(self) -> None:
        options = [SaveAs.REGISTER]
        if workflow.may(EventKind.ACCEPT, Status.REGISTERED, self._principal):
            options.append(SaveAs.ACCEPT)
        if workflow.may(EventKind.RESOLVE_ON_SPOT, Status.ACCEPTED, self._principal):
            options.append(SaveAs.RESOLVE_ON_SPOT)
        for option in options:
            self.view.save_as.addItem(label("save_as", option), str(option))
        # 登记并受理 is the usual case at a window.
        usual = self.view.save_as.findData(str(SaveAs.ACCEPT))
        self.view.save_as.setCurrentIndex(max(usual, 0))

    def _on_choices_loaded(self, choices: data.IntakeChoices) -> None:
        self.view.category.set_choices(choices.categories)
        self.view.grid.set_choices(choices.grids)

    def _on_choices_failed(self, exc: BaseException) -> None:
        log.error("loading the intake choices failed", exc_info=exc)
        self.view.show_form_error(
            self.tr("The categories and grids could not be loaded. The details are in the log.")
        )

    # -- lookups ------------------------------------------------------------------------
    def _on_party_number_edited(self, row: PartyRow) -> None:
        self._person_row = row
        self._person.request()

    def _look_up_person(self) -> None:
        row = self._person_row
        if row is None:
            self._person.done()
            return
        self.view.side_panel.set_busy(True)
        self._runner.db(
            data.find_person, self._principal, row.phone.text(), row.id_number.text()
        ).owned_by(self.view).success(self._on_person_found).failure(
            self._on_lookup_failed
        ).finally_(self._person.done).run()

    def _on_person_found(self, person) -> None:
        self.view.side_panel.set_busy(False)
        row = self._person_row
        if row is not None:
            self._people[id(row)] = person
        rows = self.view.parties.rows
        self.view.side_panel.show_people(
            [self._people[id(r)] for r in rows if self._people.get(id(r)) is not None]
        )
        if person is not None and row is not None and not person.masked:
            # A returning person: fill what the clerk has not typed yet.
            if not row.name.text().strip() and not row.anonymous.isChecked() and person.name:
                row.name.setText(person.name)
            if not row.address.text().strip() and person.address:
                row.address.setText(person.address)

    def _repeat_query(self) -> RepeatQuery:
        rows = self.view.parties.rows
        point = self._point(strict=False)
        return RepeatQuery(
            phones=tuple(r.phone.text() for r in rows if r.phone.text().strip()),
            id_numbers=tuple(r.id_number.text() for r in rows if r.id_number.text().strip()),
            category_id=self.view.category.chosen_id,
            grid_id=self.view.grid.chosen_id,
            lat=point[0] if point else None,
            lng=point[1] if point else None,
        )

    def _look_up_repeats(self) -> None:
        self._runner.db(data.find_possible_repeats, self._principal, self._repeat_query()).owned_by(
            self.view
        ).success(self._on_repeats_found).failure(self._on_lookup_failed).finally_(
            self._repeats.done
        ).run()

    def _on_repeats_found(self, candidates) -> None:
        self.view.side_panel.show_repeats(candidates, self._linked)

    def _on_lookup_failed(self, exc: BaseException) -> None:
        log.error("an intake lookup failed", exc_info=exc)
        self.view.side_panel.show_error(self.tr("The lookup failed. The details are in the log."))

    def _on_side_panel_link_changed(self, case_id) -> None:
        self._linked = case_id
        self._schedule_draft()

    def _on_detail_changed(self, *_args) -> None:
        self._dirty = True
        self._schedule_draft()

    # -- form state -----------------------------------------------------------------------
    def _on_form_changed(self, *_args) -> None:
        self._dirty = True
        self._schedule_draft()
        if self._discard_armed:
            self._discard_armed = False
            self.view.show_form_error("")
        self._repeats.request()

    def _schedule_draft(self, *_args) -> None:
        self._draft.schedule()

    def _channel(self) -> Channel:
        return Channel(self.view.channel.currentData())

    def _on_channel_changed(self, *_args) -> None:
        self.view.set_hotline_fields_visible(self._channel() == Channel.HOTLINE_12345)
        self._on_form_changed()

    def _on_save_as_changed(self, *_args) -> None:
        on_spot = self.view.save_as.currentData() == SaveAs.RESOLVE_ON_SPOT
        self.view.set_on_spot_fields_visible(on_spot)

    def _on_people_count_changed(self, count: int) -> None:
        risk = risk_for_group(count)
        self.view.risk_label.setText(
            self.tr("Risk colour: %1 (from the number of people)").replace(
                "%1", label("risk", risk)
            )
        )
        self._dirty = True
        self._schedule_draft()

    def _point(self, *, strict: bool) -> tuple[float, float] | None:
        text = self.view.location.text().replace("，", ",").strip()
        if not text:
            return None
        try:
            lat_text, lng_text = text.split(",")
            lat, lng = float(lat_text), float(lng_text)
            if not (-90 <= lat <= 90 and -180 <= lng <= 180):
                raise ValueError(text)
        except ValueError:
            if strict:
                raise
            return None
        return lat, lng

    # -- saving ---------------------------------------------------------------------------
    def _collect(self) -> NewCase:
        """The form as a NewCase, or FormInvalid listing every problem in tab order."""
        v = self.view
        problems: list[tuple[QWidget, Callable[[str], None], str]] = []

        def problem(widget: QWidget, key: str, text: str) -> None:
            problems.append((widget, lambda t, k=key: v.show_field_error(k, t), text))

        channel = self._channel()
        hotline = channel == Channel.HOTLINE_12345
        received_at = None
        if hotline:
            if not v.work_order_no.text().strip():
                problem(v.work_order_no, "work_order_no",
                        _message("field.required", field="work_order_no"))  # fmt: skip
            received_at = datetime.fromtimestamp(v.received_at.dateTime().toSecsSinceEpoch(), UTC)
            if received_at > datetime.now(UTC):
                problem(v.received_at, "received_at", _message("intake.received_in_future"))
        if v.category.chosen_id is None:
            if v.category.text().strip():
                problem(v.category, "category", self.tr("No category matches “%1”.").replace(
                    "%1", v.category.text().strip()))  # fmt: skip
            else:
                problem(v.category, "category", _message("field.required", field="category"))
        if not v.title.text().strip():
            problem(v.title, "title", _message("field.required", field="title"))
        parties = []
        for row in v.parties.rows:
            parties.append(self._party(row, channel, problems))
        if v.grid.text().strip() and v.grid.chosen_id is None:
            problem(v.grid, "grid", self.tr("No grid of your area matches “%1”.").replace(
                "%1", v.grid.text().strip()))  # fmt: skip
        point = None
        try:
            point = self._point(strict=True)
        except ValueError:
            problem(v.location, "location", self.tr(
                "The point “%1” is not “latitude, longitude”, e.g. 40.05, 110.1"
            ).replace("%1", v.location.text().strip()))  # fmt: skip
        if problems:
            raise FormInvalid(problems)
        return NewCase(
            title=v.title.text().strip(), channel=channel, category_id=v.category.chosen_id,
            description=v.description.toPlainText(), address=v.address.text().strip(),
            grid_id=v.grid.chosen_id, lat=point[0] if point else None,
            lng=point[1] if point else None, people_count=v.people_count.value(),
            parties=tuple(parties), received_at=received_at,
            work_order_no=v.work_order_no.text().strip() if hotline else None,
            files=self.files.new_files(),
        )  # fmt: skip

    def _party(self, row: PartyRow, channel: Channel, problems: list) -> NewParty:
        def problem(widget: QWidget, key: str, text: str) -> None:
            error = row.errors[key]
            problems.append((widget, lambda t: (error.setText(t), error.setVisible(bool(t))), text))

        anonymous = row.anonymous.isChecked()
        role = PartyRole(row.role.currentData())
        if anonymous and channel not in ANONYMOUS_CHANNELS:
            problem(row.name, "party_name", _message("intake.anonymous_channel"))
        elif anonymous and role != PartyRole.APPLICANT:
            problem(row.name, "party_name", _message("intake.anonymous_role"))
        elif not anonymous and not row.name.text().strip():
            problem(row.name, "party_name", _message("field.required", field="party_name"))
        for edit, key, validate in ((row.phone, "phone", validate_phone),
                                    (row.id_number, "id_number", validate_id_number)):  # fmt: skip
            if edit.text().strip():
                try:
                    validate(edit.text())
                except GovDeskError as err:
                    problem(edit, key, describe(err))
        return NewParty(
            role=role, name=row.name.text().strip(), phone=row.phone.text().strip() or None,
            id_number=row.id_number.text().strip() or None,
            address=row.address.text().strip() or None, anonymous=anonymous,
        )  # fmt: skip

    def _on_view_save_requested(self) -> None:
        if self._saving:
            return
        self.view.clear_errors()
        try:
            new = self._collect()
        except FormInvalid as invalid:
            for _widget, show, text in invalid.problems:
                show(text)
            invalid.problems[0][0].setFocus()
            return
        save_as = SaveAs(self.view.save_as.currentData())
        result = (
            Result(self.view.result.currentData()) if save_as == SaveAs.RESOLVE_ON_SPOT else None
        )
        note = self.view.result_note.text().strip() or None
        self._saving = True
        self.view.save_button.setEnabled(False)
        self._runner.db(
            data.save_case, self._principal, new, save_as, self._linked, result, note
        ).owned_by(self.view).success(self._on_saved).failure(self._on_save_failed).finally_(
            self._on_save_finished
        ).run()

    def _on_saved(self, registered) -> None:
        self._dirty = False
        self._draft.drop()
        self.sig_case_registered.emit(registered.case_id, registered.number)
        self.view.discard()

    def _on_save_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, GovDeskError):
            log.error("saving a new case failed", exc_info=exc)
            self.view.show_form_error(
                self.tr(
                    "The case could not be saved. Nothing was saved; the details are in the log."
                )
            )
            return
        text = describe(exc)
        field = exc.params.get("field")
        party = exc.params.get("party")
        rows = self.view.parties.rows
        if party is not None and 1 <= party <= len(rows) and field in rows[party - 1].errors:
            row = rows[party - 1]
            row.errors[field].setText(text)
            row.errors[field].show()
            row.field_widget(field).setFocus()
        elif field in self.view.errors and self.view.errors[field].parentWidget().isVisible():
            self.view.show_field_error(field, text)
            widget = {"location": self.view.location, "grid": self.view.grid,
                      "work_order_no": self.view.work_order_no, "title": self.view.title,
                      "category": self.view.category}.get(field)  # fmt: skip
            if widget is not None:
                widget.setFocus()
        else:
            self.view.show_form_error(text)

    def _on_save_finished(self) -> None:
        self._saving = False
        self.view.save_button.setEnabled(True)

    # -- closing --------------------------------------------------------------------------
    def _on_view_discard_requested(self) -> None:
        if not self._dirty or self._discard_armed:
            self._draft.drop()
            self.view.discard()
            return
        self._discard_armed = True
        self.view.show_form_error(
            self.tr("Not saved. Press Esc again to discard what was typed, or keep typing.")
        )

    def _on_view_finished(self, _result: int) -> None:
        if self._draft.pending:  # closed with the window (sign-out, quit): keep it all
            self._draft.write()
        self._person.close()
        self._repeats.close()
        self.sig_closed.emit()
