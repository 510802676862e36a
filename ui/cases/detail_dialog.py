"""A read-only look at one case, until the case view (ui/cases/detail) takes over."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.clock import to_local
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from ui.cases import loading
from ui.tasks import TaskRunner
from ui.text import describe, label


def _time(moment) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def detail_text(d) -> str:
    """Plain text (user text stays inert: no markup is ever interpreted)."""
    lines = [
        f"{d.number}  {d.title}",
        f"{label('case_column', 'status')}: {label('status', d.status)}    "
        f"{label('case_column', 'category')}: {d.category}    "
        f"{label('case_column', 'channel')}: {label('channel', d.channel)}",
        f"{label('case_column', 'received_at')}: {_time(d.received_at)}    "
        f"{label('case_column', 'due_at')}: {_time(d.due_at)}"
        + (f" {label('case_column', 'provisional')}" if d.due_provisional else ""),
        f"{label('case_column', 'supervision')}: {label('supervision_level', d.supervision)}    "
        f"{label('case_column', 'risk')}: {label('risk', d.risk)}",
        f"{label('field', 'address')}: {d.address or '—'}    {label('field', 'grid')}: "
        f"{d.grid or '—'}",
        "",
        d.description,
        "",
    ]
    for p in d.parties:
        extra = " ".join(x for x in (p.phone, p.id_number) if x)
        lines.append(f"{label('party_role', p.role)}: {p.name} {extra}")
    return "\n".join(lines)


class CaseDetailDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetailDialog")
        self.resize(640, 480)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Case"))

    def show_case(self, runner: TaskRunner, principal: Principal, case_id: int) -> None:
        self.text.setPlainText(self.tr("Loading…"))
        runner.read(loading.detail, principal, case_id).owned_by(self).success(
            self._on_loaded
        ).failure(self._on_failed).run()
        self.show()
        self.raise_()

    def _on_loaded(self, detail) -> None:
        self.setWindowTitle(detail.number)
        self.text.setPlainText(detail_text(detail))

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, GovDeskError):
            self.text.setPlainText(describe(exc))
        else:
            self.text.setPlainText(self.tr("The case could not be loaded."))
