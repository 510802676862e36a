"""The case table model: it holds ids, not rows (Anki's browser).

The first page arrives whole and shows at once; the ordered ids of (filter, sort) follow and
extend the table to its full length; rows are fetched for what the view paints, plus a
margin, while placeholders stand in. The model never touches the database: it asks for rows
through `sig_rows_wanted(ids)` and is handed them with `add_rows`.
"""

from __future__ import annotations

import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.clock import to_local
from desktop.domain.enums import SupervisionLevel
from desktop.services.queues import CaseRow, SortKey
from ui.cases import markers
from ui.text import label

COLUMNS = (
    "number", "received_at", "title", "category", "channel", "place", "status", "due_at",
    "deadline_colour", "supervision", "risk", "claimed_by", "applicant",
)  # fmt: skip
SORTABLE = {
    "number": SortKey.NUMBER,
    "received_at": SortKey.RECEIVED_AT,
    "due_at": SortKey.DUE_AT,
    "risk": SortKey.RISK,
}
MARGIN = 80  # rows fetched beyond the painted ones, each way
MAX_FETCH = 400  # ids in one request, whatever was painted meanwhile
SETTLE_MS = 30  # rows are fetched once the view has stopped moving this long (a drag paints
# placeholders; fetching for every step would compete with the painting)
CACHE_ROWS = 6_000  # rows kept; the oldest fetched are forgotten first
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    sig_rows_wanted = Signal(object)
    """Rows for these case ids (a list) are needed; answer with add_rows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._ids: array[int] = array("q")  # 8 bytes an id: a million fit in 8 MB
        self._complete = False  # _ids holds every id of the list, not just the first page
        self._rows: OrderedDict[int, CaseRow] = OrderedDict()
        self._asked: set[int] = set()  # requested, not yet answered
        self._wanted: set[int] = set()  # rows painted without data, gathered until the timer
        self._fetching = False
        # The rows the view shows now (set by the page): a fast drag paints rows all along the
        # list, but only those still on screen are worth fetching.
        self.visible_rows: Callable[[], tuple[int, int]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._last_want = 0.0
        self._timer.timeout.connect(self._on_timer_timeout)

    # -- feeding ------------------------------------------------------------------------
    def show_first_page(self, rows: Sequence[CaseRow]) -> None:
        """A new list: its first rows, shown at once."""
        self.beginResetModel()
        self._rows.clear()
        self._asked.clear()
        self._wanted.clear()
        self._fetching = False
        self._ids = array("q", (r.id for r in rows))
        self._complete = False
        for r in rows:
            self._rows[r.id] = r
        self.endResetModel()

    def show_ids(self, ids: Sequence[int]) -> None:
        """Every id of the list: extends the first page in place when it is a prefix of them."""
        ids = _id_array(ids)
        shown = len(self._ids)
        if ids[:shown] == self._ids and shown <= len(ids):
            self._ids = ids
            self._complete = True
            if len(ids) > shown:
                self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
                self.endInsertRows()
            return
        self.replace_ids(ids)

    def replace_ids(self, ids: Sequence[int], keep_rows: bool = False) -> None:
        """A fresh id list for the same view (a refresh): cached rows are kept only if asked."""
        self.beginResetModel()
        self._ids = _id_array(ids)
        self._complete = True
        if not keep_rows:
            self._rows.clear()
        self._asked.clear()
        self._wanted.clear()
        self._fetching = False
        self.endResetModel()

    def add_rows(self, rows: Sequence[CaseRow], asked: Sequence[int] = ()) -> None:
        """Rows fetched for `asked`; an asked id without a row is no longer visible."""
        for r in rows:
            self._rows[r.id] = r
            self._rows.move_to_end(r.id)
        self._asked.difference_update(asked)
        while len(self._rows) > CACHE_ROWS:
            self._rows.popitem(last=False)
        self._fetching = False
        if self._ids and rows:
            # The whole range: the view repaints only what it shows, and finding the rows of
            # these ids would cost a pass over a million.
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last))
        if self._wanted:
            self._timer.start(SETTLE_MS)

    def fetch_failed(self, asked: Sequence[int]) -> None:
        self._asked.difference_update(asked)
        self._fetching = False

    def forget_rows(self) -> None:
        """Cached rows are stale (another seat changed cases): fetch what is painted again."""
        self._rows.clear()
        self._asked.clear()
        if self._ids:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last))

    # -- reading ------------------------------------------------------------------------
    @property
    def complete(self) -> bool:
        return self._complete

    def ids(self) -> list[int]:
        return list(self._ids)

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, case_id: int) -> int | None:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return None

    def cached(self, case_id: int) -> CaseRow | None:
        return self._rows.get(case_id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return label("case_column", COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        case_id = self._ids[index.row()]
        if role == CASE_ID_ROLE:
            return case_id
        row = self._rows.get(case_id)
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._want(index.row(), case_id)
                return "…" if index.column() == 0 else ""
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(markers.PLACEHOLDER))
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return markers.decoration(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return markers.tooltip(row, column) or (
                _text(row, column) if column == "title" else None
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return markers.foreground(row, column)
        return None

    # -- fetching -----------------------------------------------------------------------
    def _want(self, row: int, case_id: int) -> None:
        if case_id in self._asked:
            return
        self._wanted.add(row)
        self._last_want = time.monotonic()
        if not self._fetching and not self._timer.isActive():
            self._timer.start(SETTLE_MS)

    def _on_timer_timeout(self) -> None:
        if self._fetching or not self._wanted:
            return
        waited = (time.monotonic() - self._last_want) * 1000
        if waited < SETTLE_MS:  # still moving: look again when it may have stopped
            self._timer.start(max(1, round(SETTLE_MS - waited)))
            return
        rows = [r for r in self._wanted if r < len(self._ids)]
        self._wanted.clear()
        if not rows:
            return
        low, high = min(rows), max(rows)
        if self.visible_rows is not None:
            low, high = self.visible_rows()
        first, last = max(0, low - MARGIN), min(len(self._ids), high + MARGIN + 1)
        ids = [c for c in self._ids[first:last] if c not in self._rows and c not in self._asked]
        ids = ids[:MAX_FETCH]
        if not ids:
            return
        self._asked.update(ids)
        self._fetching = True
        self.sig_rows_wanted.emit(ids)


def _time(moment) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _text(row: CaseRow, column: str) -> str:
    if column == "number":
        return row.number
    if column == "received_at":
        return _time(row.received_at)
    if column == "title":
        return row.title
    if column == "category":
        return row.category_name or ""
    if column == "channel":
        return label("channel", row.channel)
    if column == "place":
        return " / ".join(p for p in (row.street_name, row.grid_name) if p)
    if column == "status":
        return label("status", row.status)
    if column == "due_at":
        due = _time(row.due_at)
        return (
            f"{due} {label('case_column', 'provisional')}" if due and row.due_provisional else due
        )
    if column == "deadline_colour":
        return label("deadline_colour", row.deadline_colour) if row.deadline_colour else ""
    if column == "supervision":
        if row.supervision == SupervisionLevel.NONE:
            return ""
        return label("supervision_level", row.supervision)
    if column == "risk":
        return label("risk", row.risk)
    if column == "claimed_by":  # who holds it, and since when (a lapsed claim shows none)
        if not row.claimed_by_name:
            return ""
        since = to_local(row.claimed_at).strftime("%H:%M") if row.claimed_at else ""
        return f"{row.claimed_by_name} · {since}" if since else row.claimed_by_name
    if column == "applicant":
        return " ".join(p for p in (row.applicant_name, row.applicant_phone) if p)
    return ""


def _id_array(ids: Sequence[int]) -> array[int]:
    """The ids as the model keeps them; an array from the loader is taken as it is (the
    loader made it for the model and keeps no reference)."""
    return ids if isinstance(ids, array) else array("q", ids)
