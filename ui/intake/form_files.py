"""The files of one intake form: checked as they are added (type from the content, 10 MB a
file, 50 MB a case), kept with the form's draft, and handed to the save."""

from __future__ import annotations

import hashlib
import logging
import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from desktop.errors import GovDeskError
from desktop.services import attachments
from desktop.services.drafts import Draft, DraftFile, DraftStore
from desktop.services.intake import NewFile
from ui.intake.attachment_strip import AttachmentStrip, PendingFile
from ui.text import describe

log = logging.getLogger(__name__)

ALLOWED_PATTERNS = (
    "*.jpg *.jpeg *.png *.heic *.pdf *.doc *.docx *.xls *.xlsx *.mp3 *.m4a *.amr *.wav"
)


class FormFiles(QObject):
    sig_changed = Signal()
    """A file was added or removed (the draft is written again)."""

    def __init__(self, strip: AttachmentStrip, drafts: DraftStore | None, draft_id: str,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._strip = strip
        self._drafts = drafts
        self._draft_id = draft_id
        self.files: list[PendingFile] = []
        strip.sig_add_requested.connect(self._on_strip_add_requested)
        strip.sig_paths_dropped.connect(self.add)
        strip.sig_remove_requested.connect(self._on_strip_remove_requested)

    def new_files(self) -> tuple[NewFile, ...]:
        return tuple(NewFile(f.name, f.content) for f in self.files)

    def draft_files(self) -> tuple[DraftFile, ...]:
        return tuple(DraftFile(f.name, f.sha256, len(f.content), f.mime_type) for f in self.files)

    def add(self, paths: list[str]) -> None:
        """Check and keep each file; the refused ones are named beneath the strip (UI thread:
        at most 10 MB is read a file, and the size is looked at before reading)."""
        problems = []
        for path in paths:
            name = os.path.basename(path)
            total = sum(len(f.content) for f in self.files)
            try:
                attachments.check_size(name, os.path.getsize(path), total)
                with open(path, "rb") as fh:
                    content = fh.read(attachments.MAX_ATTACHMENT_BYTES + 1)
                checked = attachments.check_file(name, content, total)
            except GovDeskError as err:
                problems.append(describe(err))
                continue
            except OSError as exc:
                problems.append(self.tr("The file “%1” could not be read: %2").replace(
                    "%1", name).replace("%2", exc.strerror or str(exc)))  # fmt: skip
                continue
            digest = hashlib.sha256(content).hexdigest()
            if any(f.sha256 == digest for f in self.files):
                continue  # the same file dropped twice
            if self._drafts is not None:
                try:
                    self._drafts.add_file(self._draft_id, name, checked.mime_type, content)
                except OSError as exc:
                    log.error("an attachment could not be kept with the draft", exc_info=exc)
            self.files.append(PendingFile(name, checked.kind, checked.mime_type, content, digest))
        self._strip.set_files(self.files)
        self._strip.show_error("\n".join(problems))
        if len(problems) < len(paths):
            self.sig_changed.emit()

    def restore(self, draft: Draft) -> None:
        """The draft's files back on the strip; one that went missing is named."""
        missing = []
        for kept in draft.files:
            try:
                content = self._drafts.file_content(draft.id, kept) if self._drafts else b""
                checked = attachments.check_file(kept.name, content)
            except (OSError, GovDeskError):
                missing.append(kept.name)
                continue
            self.files.append(
                PendingFile(kept.name, checked.kind, checked.mime_type, content, kept.sha256)
            )
        self._strip.set_files(self.files)
        if missing:
            self._strip.show_error(
                self.tr("Not found with the unsaved form, add again: %1").replace(
                    "%1", "、".join(missing))
            )  # fmt: skip

    def _on_strip_add_requested(self) -> None:
        allowed = self.tr("Photos, documents and recordings")
        everything = self.tr("All files")
        paths, _filter = QFileDialog.getOpenFileNames(
            self._strip.window(), self.tr("Add files to the case"), "",
            f"{allowed} ({ALLOWED_PATTERNS});;{everything} (*)",
        )  # fmt: skip
        if paths:
            self.add(paths)

    def _on_strip_remove_requested(self, index: int) -> None:
        if 0 <= index < len(self.files):
            del self.files[index]
            self._strip.set_files(self.files)
            self._strip.show_error("")
            self.sig_changed.emit()
