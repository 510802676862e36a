"""受理回执 on paper: the receipt's HTML laid out on A5 (or A4) with the bundled font, written
as a PDF or sent to a printer through Qt's printing support."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from ui.fonts import app_family

PAGE_SIZES = {"A5": QPageSize.PageSizeId.A5, "A4": QPageSize.PageSizeId.A4}
MARGIN_MM = 12


def _document(html: str, device: QPagedPaintDevice, resolution: int) -> QTextDocument:
    document = QTextDocument()
    # Lay the text out in the device's own pixels (points then mean points on paper, whatever
    # the screen's scaling); a page size at another resolution prints it tiny or huge.
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(QFont(app_family(), 10))
    document.setHtml(html)
    paint = device.pageLayout().paintRectPixels(resolution)
    document.setPageSize(QSizeF(paint.width(), paint.height()))
    return document


def _set_up(device: QPagedPaintDevice, page: str) -> None:
    device.setPageSize(QPageSize(PAGE_SIZES[page]))
    device.setPageOrientation(QPageLayout.Orientation.Portrait)
    device.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                          QPageLayout.Unit.Millimeter)  # fmt: skip


def write_pdf(html: str, path: str, page: str = "A5") -> None:
    """The receipt as a PDF file (GUI thread: QTextDocument is not thread-safe; ~25 ms)."""
    writer = QPdfWriter(path)
    writer.setTitle("受理回执")
    writer.setCreator("GovDesk")
    writer.setResolution(300)
    _set_up(writer, page)
    _document(html, writer, writer.resolution()).print_(writer)


def print_receipt(html: str, printer, page: str = "A5") -> None:
    """Send the receipt to a QPrinter the user chose (QPrintDialog)."""
    _set_up(printer, page)
    _document(html, printer, printer.resolution()).print_(printer)
