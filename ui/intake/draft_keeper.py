"""Keeps an intake form's draft on this computer: written at most AUTOSAVE_MS after a change
(however fast the clerk types: the timer is not restarted by each keystroke, so the draft is
"at most a second behind"), deleted once the case is saved or the form discarded."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from desktop.services.drafts import DraftFile, DraftStore

log = logging.getLogger(__name__)

AUTOSAVE_MS = 700


class DraftKeeper(QObject):
    def __init__(self, store: DraftStore | None, draft_id: str,
                 content: Callable[[], tuple[dict, tuple[DraftFile, ...]]],
                 show_error: Callable[[str], None], parent: QObject) -> None:  # fmt: skip
        super().__init__(parent)
        self._store = store
        self.draft_id = draft_id
        self._content = content
        self._show_error = show_error
        self._keep = True  # until the case is saved or the clerk discards the form
        # The timer lives with the form's view (the parent): once it is gone, nothing fires.
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.write)

    @property
    def pending(self) -> bool:
        """A change not written yet."""
        return self._timer.isActive()

    def schedule(self) -> None:
        if self._store is not None and self._keep and not self._timer.isActive():
            self._timer.start()

    def cancel(self) -> None:
        """What changed so far is already on disk (or must never be)."""
        self._timer.stop()

    def write(self) -> None:
        """The form as it is now, on this computer (GUI thread: a small file, a few ms)."""
        self._timer.stop()
        if self._store is None or not self._keep:
            return
        form, files = self._content()
        try:
            self._store.save(self.draft_id, form, files)
        except OSError as exc:
            log.error("the intake draft could not be written", exc_info=exc)
            self._show_error(
                self.tr("The form could not be kept on this computer: %1").replace(
                    "%1", exc.strerror or str(exc)
                )
            )

    def drop(self) -> None:
        """The case was saved or the form discarded: the draft goes."""
        self._keep = False
        self._timer.stop()
        if self._store is not None:
            self._store.delete(self.draft_id)
