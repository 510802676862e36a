"""受理回执 of a saved case: a preview, the paper size (A5 by default, or A4), 打印… and
保存为 PDF…. The data is read on the database worker; the page is laid out on the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.principal import Principal
from desktop.services.receipt import ReceiptData, receipt_data
from reports.receipt import receipt_html
from ui.receipt import PAGE_SIZES, print_receipt, write_pdf
from ui.tasks import TaskRunner
from ui.text import describe

log = logging.getLogger(__name__)


def load_receipt(session, principal: Principal, case_id: int) -> ReceiptData:
    """Database worker."""
    with session.begin():
        return receipt_data(session=session, principal=principal, case_id=case_id)


class ReceiptDialog(QDialog):
    sig_loaded = Signal()
    """The receipt's data arrived and the preview shows it."""

    def __init__(self, runner: TaskRunner, principal: Principal, case_id: int,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.resize(560, 640)
        self._runner = runner
        self.data: ReceiptData | None = None
        self.html = ""
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.page = QComboBox()
        for name in PAGE_SIZES:
            self.page.addItem(name, name)  # A5 first: the default
        self.page_label = QLabel()
        self.page_label.setBuddy(self.page)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setObjectName("primaryButton")
        self.pdf_button = QPushButton()
        self.close_button = QPushButton()
        for button in (self.print_button, self.pdf_button):
            button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.page_label)
        row.addWidget(self.page)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.close_button.clicked.connect(self.reject)
        self.retranslate_ui()
        self.status.setText(self.tr("Loading…"))
        runner.db(load_receipt, principal, case_id).owned_by(self).success(self._on_loaded).failure(
            self._on_failed
        ).run()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Receipt (受理回执)"))
        self.page_label.setText(self.tr("&Paper"))
        self.print_button.setText(self.tr("Print…"))
        self.pdf_button.setText(self.tr("Save as PDF…"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def save_pdf(self, path: str) -> None:
        """Write the receipt on the chosen paper to `path`."""
        write_pdf(self.html, path, self.page.currentData())
        self.status.setText(self.tr("Saved to %1").replace("%1", path))

    def _on_loaded(self, data: ReceiptData) -> None:
        self.data = data
        self.html = receipt_html(data)
        self.preview.setHtml(self.html)
        self.status.setText("")
        for button in (self.print_button, self.pdf_button):
            button.setEnabled(True)
        self.print_button.setFocus()
        self.sig_loaded.emit()

    def _on_failed(self, exc: BaseException) -> None:
        log.error("the receipt could not be loaded", exc_info=exc)
        self.status.setText(
            describe(exc) if hasattr(exc, "code") else
            self.tr("The receipt could not be made. The details are in the log.")
        )  # fmt: skip

    def _on_pdf_clicked(self) -> None:
        suggested = f"受理回执-{self.data.number}.pdf" if self.data else "受理回执.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the receipt as PDF"), suggested, "PDF (*.pdf)"
        )
        if path:
            try:
                self.save_pdf(path)
            except OSError as exc:
                self.status.setText(exc.strerror or str(exc))

    def _on_print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_receipt(self.html, printer, self.page.currentData())
            self.status.setText(self.tr("Sent to the printer."))
