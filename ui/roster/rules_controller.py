"""Wires the 排班规则 tab: lists the center's rules and shift times; a supervisor or admin adds,
edits and retires rules, changes the shifts and gives rotating staff a check-in PIN."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop.domain.enums import Role
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from ui.roster import loaders
from ui.roster.rule_dialogs import PinDialog, RuleDialog, ShiftsDialog
from ui.roster.view import RulesView
from ui.roster.widgets import fill
from ui.tasks import TaskRunner
from ui.text import describe, label

log = logging.getLogger(__name__)

EDITORS = (Role.SUPERVISOR, Role.ADMIN)


class RulesController(QObject):
    sig_rules_changed = Signal()
    """A rule, the shifts or a PIN was saved (the rota may need regenerating)."""

    def __init__(self, runner: TaskRunner, principal: Principal, view: RulesView,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.view = view
        self.center_id: int | None = None
        self.rules: loaders.Rules | None = None
        self.choices: loaders.RuleChoices | None = None
        self.dialog = None  # the open editor, for tests and to keep it alive
        for button in view.edit_buttons:
            button.setVisible(principal.has(*EDITORS))
        view.add_button.clicked.connect(self._on_add_button_clicked)
        view.edit_button.clicked.connect(self._on_edit_button_clicked)
        view.remove_button.clicked.connect(self._on_remove_button_clicked)
        view.shifts_button.clicked.connect(self._on_shifts_button_clicked)
        view.pin_button.clicked.connect(self._on_pin_button_clicked)
        view.rules_table.doubleClicked.connect(self._on_edit_button_clicked)

    def load(self, center_id: int) -> None:
        self.center_id = center_id
        self.view.show_state(loading=True)
        self._runner.db(loaders.load_rules, center_id).owned_by(self.view).success(
            self._on_rules_loaded
        ).failure(self._on_failed).run()
        self._runner.db(loaders.load_rule_choices, center_id).owned_by(self.view).success(
            self._on_choices_loaded
        ).failure(self._on_failed).run()

    def _on_choices_loaded(self, choices: loaders.RuleChoices) -> None:
        self.choices = choices

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, GovDeskError):
            text = describe(exc)
        else:
            log.error("roster rules failed", exc_info=exc)
            text = self.tr("The roster rules could not be loaded or saved. The details are in "
                           "the log.")  # fmt: skip
        self.view.show_state(error=text)

    def _on_rules_loaded(self, rules: loaders.Rules) -> None:
        self.rules = rules
        view = self.view
        s = rules.shifts
        hm = [f"{m // 60:02d}:{m % 60:02d}" for m in (s.am_start, s.am_end, s.pm_start, s.pm_end)]
        view.shifts_label.setText(
            self.tr("Shifts %1–%2 and %3–%4; late after %5 minutes' grace")
            .replace("%1", hm[0]).replace("%2", hm[1]).replace("%3", hm[2])
            .replace("%4", hm[3]).replace("%5", str(s.grace_minutes)))  # fmt: skip
        in_turns = self.tr(" (in turns)")
        fill(view.rules_table, [
            [r.department_name, label("stationing", r.mode), self._days_text(r),
             r.window_name or "", "、".join(r.staff_names) + (in_turns if r.rotate else ""),
             "" if r.agreed_days is None else str(r.agreed_days)]
            for r in rules.rules
        ])  # fmt: skip
        view.show_state(empty="" if rules.rules else self.tr("No roster rules yet."))

    def _days_text(self, rule) -> str:
        text = label("roster_pattern", rule.pattern)
        if rule.weekdays:
            names = [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                     self.tr("Fri"), self.tr("Sat"), self.tr("Sun")]  # fmt: skip
            text += "：" + "、".join(names[d - 1] for d in sorted(rule.weekdays))
        if rule.days_per_month:
            text += f"：{rule.days_per_month}"
        return text

    def _selected_rule(self):
        row = self.view.rules_table.currentRow()
        if self.rules is None or not 0 <= row < len(self.rules.rules):
            self.view.show_state(error=self.tr("Select a rule first."))
            return None
        return self.rules.rules[row]

    # -- editors -------------------------------------------------------------------------
    def _open_rule(self, rule) -> None:
        if self.choices is None or self.center_id is None:
            return
        dialog = RuleDialog(self.choices, rule, self.view)
        self._show(dialog, self._on_rule_accepted)

    def _show(self, dialog, on_accepted) -> None:
        # Bound methods, not lambdas holding the dialog: a reference cycle through a dialog
        # Qt has deleted made PySide crash when the garbage collector reached it later.
        self.dialog = dialog
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()  # window-modal, no nested event loop

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()

    def _on_rule_accepted(self) -> None:
        self._save_rule(self.dialog.spec(), self.dialog.rule_id)

    def _on_shifts_accepted(self) -> None:
        self._run(loaders.save_shifts, self._principal, self.center_id, self.dialog.shifts())

    def _on_pin_accepted(self) -> None:
        self._run(loaders.set_pin, self._principal, self.dialog.staff_combo.currentData(),
                  self.dialog.pin_edit.text())  # fmt: skip

    def _on_add_button_clicked(self) -> None:
        self._open_rule(None)

    def _on_edit_button_clicked(self, *_args) -> None:
        rule = self._selected_rule()
        if rule is not None:
            self._open_rule(rule)

    def _save_rule(self, spec, rule_id) -> None:
        self._run(loaders.save_rule, self._principal, self.center_id, spec, rule_id)

    def _on_remove_button_clicked(self) -> None:
        rule = self._selected_rule()
        if rule is not None:
            self._run(loaders.remove_rule, self._principal, rule.id)

    def _on_shifts_button_clicked(self) -> None:
        if self.rules is None:
            return
        self._show(ShiftsDialog(self.rules.shifts, self.view), self._on_shifts_accepted)

    def _on_pin_button_clicked(self) -> None:
        if self.rules is None:
            return
        people = {}
        for rule in self.rules.rules:
            people.update(zip(rule.staff_ids, rule.staff_names, strict=True))
        self._show(PinDialog(sorted(people.items()), self.view), self._on_pin_accepted)

    def _run(self, fn, *args) -> None:
        self._runner.db(fn, *args).owned_by(self.view).success(self._on_saved).failure(
            self._on_failed
        ).run()

    def _on_saved(self, _result) -> None:
        self.sig_rules_changed.emit()
        if self.center_id is not None:
            self.load(self.center_id)
