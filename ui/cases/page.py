"""The 案件 page's controller: queues, filters, sorting, the lazy table, live refresh, export.

Public entry points: `open_queue(queue)` (the dashboard cards) and `open(filter, origin)` (a
report's drill-down, the map's grid panel, alerts: "来自：本周受理量 · 1,234 件" with a way back).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QListWidgetItem

from desktop.domain.enums import NamedQueue
from desktop.domain.principal import Principal
from desktop.domain.queues import queues_for_roles
from desktop.errors import GovDeskError
from desktop.services.queues import CaseFilter, Sort
from ui.cases import loading
from ui.cases.columns import ColumnLayout
from ui.cases.export import ExportController
from ui.cases.model import COLUMNS, SORTABLE, CaseTableModel
from ui.cases.saved import UserStore
from ui.cases.saved_filters import SavedFilters
from ui.cases.view import MAP_LIMIT, CasesView
from ui.icons import icon
from ui.tasks import Cancelled, Op, TaskRunner
from ui.text import describe, label
from ui.watch import ChangeMonitor

log = logging.getLogger(__name__)

REFRESH_PAUSE_MS = 700  # notices within this pause make one refresh (a change shows within 2 s)
QUEUE_ROLE = 0x0100  # Qt.UserRole


class CasesPage(QObject):
    sig_case_requested = Signal(int)
    """The user opened a case (double-click or Enter on its row): its id."""
    sig_show_on_map = Signal(list)
    """在地图上查看: the ids of the selected cases (at most MAP_LIMIT)."""
    sig_list_shown = Signal(int)
    """Every id of the current list is known (the count); the table is complete."""
    sig_first_rows_shown = Signal()
    """The first page of a new list is in the table."""

    def __init__(
        self,
        runner: TaskRunner,
        principal: Principal,
        view: CasesView | None = None,
        monitor: ChangeMonitor | None = None,
        parent: QObject | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._principal = principal
        self.view = view = view or CasesView()
        self.model = CaseTableModel(self)
        self.store = UserStore(principal.username, settings)
        self.export = ExportController(runner, principal, view, self)
        self._queues = queues_for_roles(principal.roles)
        self._queue: NamedQueue | None = None
        self._last_queue = self._queues[0] if self._queues else NamedQueue.ALL
        self._base = CaseFilter()
        self._origin: str | None = None
        self._sort = Sort()
        self._generation = 0  # of the list on screen: answers for older lists are dropped
        self._complete_generation = -1  # the list whose every id has arrived
        self._shown_generation = -1  # the list whose first rows are on screen
        self._ids_op: Op | None = None
        self._refreshing = False
        self._stopped = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_PAUSE_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)

        view.table.setModel(self.model)
        self.model.visible_rows = self._visible_rows
        self._fill_queue_list()
        self.columns = ColumnLayout(view.table, self.store, self)
        self._show_sort_indicator()
        self.saved = SavedFilters(
            view, self.store, lambda: (self.current_filter(), self._sort), self
        )
        self.saved.sig_reopened.connect(self._on_saved_filters_reopened)
        view.table.horizontalHeader().sectionClicked.connect(self._on_header_section_clicked)
        self.model.sig_rows_wanted.connect(self._on_model_rows_wanted)
        view.table.sig_activated.connect(self._on_table_activated)
        view.queue_list.currentRowChanged.connect(self._on_queue_list_row_changed)
        view.filter_bar.sig_filter_changed.connect(self._on_filter_changed)
        view.filter_bar.street_combo.currentIndexChanged.connect(self._on_street_changed)
        view.filter_bar.category_picker.make_pinyin_with(runner)
        view.back_button.clicked.connect(self._on_back_button_clicked)
        view.export_button.clicked.connect(self._on_export_button_clicked)
        view.map_button.clicked.connect(self._on_map_button_clicked)
        view.refresh_button.clicked.connect(self.refresh)
        view.take_next_button.clicked.connect(self.take_next)
        view.take_next_shortcut.activated.connect(self.take_next)
        view.destroyed.connect(self.stop)
        if monitor is not None:
            monitor.sig_cases_changed.connect(self._on_monitor_cases_changed)

    # -- public -------------------------------------------------------------------------
    def start(self) -> None:
        """Load the filter choices and the counts, and show the first queue."""
        self._runner.read(loading.choices, self._principal).owned_by(self.view).success(
            self.view.filter_bar.set_choices
        ).failure(self._show_error).run()
        self._load_counts()
        if self._queue is None and self._origin is None:
            self.open_queue(self._queues[0] if self._queues else NamedQueue.ALL)

    def stop(self) -> None:
        """No more background refreshes (the window is closing)."""
        self._stopped = True
        self._refresh_timer.stop()
        self.columns.stop()
        if self._ids_op is not None:
            self._ids_op.cancel()

    def open_queue(self, queue: NamedQueue | str) -> None:
        """Show a named queue (what a dashboard card opens)."""
        queue = NamedQueue(queue)
        self._queue, self._origin, self._last_queue = queue, None, queue
        self._base = CaseFilter(queue=queue)
        self.view.origin_frame.hide()
        self._select_queue_row(queue)
        self.view.take_next_button.setVisible(loading.may_take_next(queue))
        self._apply()

    def take_next(self) -> None:
        """取下一件 of the queue on screen; the case taken opens (sig_case_requested)."""
        queue = self._queue
        button = self.view.take_next_button
        if not loading.may_take_next(queue) or not button.isEnabled() or button.isHidden():
            return
        self.view.take_next_button.setEnabled(False)
        self.view.error_label.hide()
        self._runner.db(loading.take_next, self._principal, queue).owned_by(self.view).success(
            self._on_taken
        ).failure(self._show_error).finally_(
            lambda: self.view.take_next_button.setEnabled(True)
        ).run()

    def _on_taken(self, case_id: int | None) -> None:
        if case_id is None:
            self.view.status_label.setText(self.tr("Nothing left to take in this queue."))
            return
        self.refresh()
        self.sig_case_requested.emit(case_id)

    def open(self, filter: CaseFilter, origin_label: str) -> None:
        """Show the cases of `filter` (it may name ids), saying where the list came from."""
        self._queue, self._origin = None, origin_label
        self._base = filter
        self._select_queue_row(None)
        self.view.take_next_button.hide()
        self.view.filter_bar.clear_silently()
        self._show_origin(None)
        self.view.origin_frame.show()
        self._apply()

    def current_filter(self) -> CaseFilter:
        return self.view.filter_bar.conditions(self._base)

    @property
    def sort(self) -> Sort:
        return self._sort

    def set_sort(self, sort: Sort) -> None:
        self._sort = sort
        self._show_sort_indicator()
        self._apply()

    def refresh(self) -> None:
        """Reload counts and the list, keeping the selection and the scroll position."""
        self._load_counts()
        if self._refreshing:
            self._refresh_timer.start()
            return
        self._refreshing = True
        generation = self._generation
        self._runner.db(loading.ordered_ids, self._principal, self.current_filter(), self._sort)\
            .owned_by(self.view).success(lambda ids: self._on_refreshed(generation, ids))\
            .failure(self._show_error).finally_(self._on_refresh_finished).run()  # fmt: skip

    # -- the list -----------------------------------------------------------------------
    def _apply(self) -> None:
        self._generation += 1
        generation = self._generation
        if self._ids_op is not None:
            self._ids_op.cancel()
        flt, sort = self.current_filter(), self._sort
        self.view.error_label.hide()
        self.view.empty_label.hide()
        self.view.status_label.setText(self.tr("Loading…"))
        self._runner.read(loading.first_page, self._principal, flt, sort).owned_by(self.view)\
            .success(lambda page: self._on_first_page(generation, page, flt, sort))\
            .failure(self._show_error).run()  # fmt: skip

    def _load_ids(self, generation: int, flt: CaseFilter, sort: Sort) -> None:
        # After the first page, not beside it: the two would compete for the same two cores.
        self._ids_op = (
            self._runner.db(loading.ordered_ids, self._principal, flt, sort)
            .interruptible()
            .owned_by(self.view)
            .success(lambda ids: self._on_ids(generation, ids))
            .failure(self._on_ids_failed)
            .run()
        )

    def _on_first_page(
        self, generation: int, page: loading.FirstPage, flt: CaseFilter, sort: Sort
    ) -> None:
        if generation != self._generation or self._complete_generation == generation:
            return  # stale, or the whole list arrived first
        self._shown_generation = generation
        self.model.show_first_page(page.rows)
        self.view.table.scrollToTop()
        if page.rows:
            self._select_only([0])
        self.sig_first_rows_shown.emit()
        if page.has_more:
            self._load_ids(generation, flt, sort)
        else:  # the first page is the whole list
            self._on_ids(generation, [r.id for r in page.rows])

    def _on_ids(self, generation: int, ids: Sequence[int]) -> None:
        if generation != self._generation:
            return
        self._ids_op = None
        self._complete_generation = generation
        fresh = self._shown_generation != generation  # the ids beat the first page
        self._shown_generation = generation
        if fresh:
            self.model.replace_ids(ids)
            self.view.table.scrollToTop()
            if ids:
                self._select_only([0])
        else:
            self.model.show_ids(ids)
        self._show_total(len(ids))
        if fresh:
            self.sig_first_rows_shown.emit()
        self.sig_list_shown.emit(len(ids))

    def _on_ids_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            self._show_error(exc)

    def _on_refreshed(self, generation: int, ids: Sequence[int]) -> None:
        if generation != self._generation:
            return
        table, bar = self.view.table, self.view.table.verticalScrollBar()
        selected = self._selected_cases()
        current = self.model.case_id(table.currentIndex().row()) if selected else None
        top_row, scrolled = table.rowAt(0), bar.value()
        top = self.model.case_id(top_row) if top_row >= 0 else None
        # Cached rows stay on screen (no flash of placeholders) while fresh ones are fetched.
        self.model.replace_ids(ids, keep_rows=True)
        row = self.model.row_of(top) if top is not None else None
        if row == top_row:
            bar.setValue(scrolled)
        elif row is not None:
            table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        rows = _rows_of(ids, selected)
        if rows:
            self._select_only(rows, self.model.row_of(current) if current is not None else None)
        self._refetch_visible()
        self._show_total(len(ids))
        self.sig_list_shown.emit(len(ids))

    def _visible_rows(self) -> tuple[int, int]:
        table = self.view.table
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height() - 1)
        return first, self.model.rowCount() - 1 if last < 0 else last

    def _refetch_visible(self) -> None:
        first, last = self._visible_rows()
        ids = [self.model.case_id(r) for r in range(first, last + 1)]
        ids = [i for i in ids if i is not None]
        if ids:
            self._on_model_rows_wanted(ids)

    def _on_refresh_finished(self) -> None:
        self._refreshing = False

    def _on_model_rows_wanted(self, ids: list[int]) -> None:
        self._runner.read(loading.rows, self._principal, ids).owned_by(self.view).success(
            lambda rows: self.model.add_rows(rows, ids)
        ).failure(lambda exc: self._on_rows_failed(ids, exc)).run()

    def _on_rows_failed(self, ids: list[int], exc: BaseException) -> None:
        self.model.fetch_failed(ids)
        self._show_error(exc)

    def _show_total(self, total: int) -> None:
        self.view.status_label.setText(self.tr("{count} cases").format(count=f"{total:,}"))
        if total == 0:
            filtered = self.view.filter_bar.conditions(CaseFilter()) != CaseFilter()
            self.view.empty_label.setText(
                self.tr("No case matches these filters.")
                if filtered
                else self.tr("There is no case in this list.")
            )
        self.view.empty_label.setVisible(total == 0)
        if self._origin is not None:
            self._show_origin(total)

    def _show_origin(self, total: int | None) -> None:
        count = "…" if total is None else f"{total:,}"
        self.view.origin_label.setText(
            self.tr("From: {origin} · {count} cases").format(origin=self._origin, count=count)
        )

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        if isinstance(exc, GovDeskError):
            text = describe(exc)
        else:
            log.error("loading the case list failed", exc_info=exc)
            text = self.tr("The case list could not be loaded. The details are in the log.")
        self.view.error_label.setText(text)
        self.view.error_label.show()
        self.view.status_label.setText("")

    def _selected_cases(self) -> list[int]:
        rows = sorted(i.row() for i in self.view.table.selectionModel().selectedRows())
        return [i for i in map(self.model.case_id, rows) if i is not None]

    def _select_only(self, rows: list[int], current: int | None = None) -> None:
        """Select exactly these rows (the current one first in the list, or `current`).

        Not selectRow(): it follows the keys held at that moment, so a refresh arriving while
        the user held Ctrl toggled rows instead of keeping the selection.
        """
        last = self.model.columnCount() - 1
        selection = QItemSelection()
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag
        chosen = self.view.table.selectionModel()
        chosen.setCurrentIndex(self.model.index(rows[0] if current is None else current, 0),
                               flags.NoUpdate)  # fmt: skip
        chosen.select(selection, flags.ClearAndSelect | flags.Rows)

    # -- queues -------------------------------------------------------------------------
    def _fill_queue_list(self) -> None:
        for queue in self._queues:
            item = QListWidgetItem(icon(f"queue.{queue}"), label("named_queue", queue))
            item.setData(QUEUE_ROLE, str(queue))
            self.view.queue_list.addItem(item)

    def _load_counts(self) -> None:
        self._runner.db(loading.queue_counts, self._principal).owned_by(self.view).success(
            self._on_counts_loaded
        ).failure(lambda exc: log.warning("queue counts failed: %s", exc)).run()

    def _on_counts_loaded(self, counts: dict[NamedQueue, int]) -> None:
        for row in range(self.view.queue_list.count()):
            item = self.view.queue_list.item(row)
            queue = NamedQueue(item.data(QUEUE_ROLE))
            item.setText(f"{label('named_queue', queue)}  {counts.get(queue, 0):,}")

    def _select_queue_row(self, queue: NamedQueue | None) -> None:
        lst = self.view.queue_list
        lst.blockSignals(True)
        lst.clearSelection()
        lst.setCurrentRow(-1)
        for row in range(lst.count()):
            if queue is not None and lst.item(row).data(QUEUE_ROLE) == str(queue):
                lst.setCurrentRow(row)
        lst.blockSignals(False)

    def _on_queue_list_row_changed(self, row: int) -> None:
        if row >= 0:
            self.open_queue(self.view.queue_list.item(row).data(QUEUE_ROLE))

    def _on_back_button_clicked(self) -> None:
        self.view.filter_bar.clear_silently()
        self.open_queue(self._last_queue)

    # -- filters and sorting ------------------------------------------------------------
    def _on_filter_changed(self) -> None:
        self._apply()

    def _on_street_changed(self, _index: int) -> None:
        street = self.view.filter_bar.street_combo.currentData()
        if street is None:
            self.view.filter_bar.set_grids(())
            return
        self._runner.read(loading.grids, self._principal, street).owned_by(self.view).success(
            self._on_grids_loaded
        ).failure(self._show_error).run()

    def _on_grids_loaded(self, grids) -> None:
        bar = self.view.filter_bar
        bar.set_grids(grids)
        pending = bar.take_pending_grid()
        if pending is not None:
            bar.pick_grid(pending)

    def _on_header_section_clicked(self, logical: int) -> None:
        key = SORTABLE.get(COLUMNS[logical])
        if key is None:
            self._show_sort_indicator()
            return
        descending = not self._sort.descending if self._sort.key == key else False
        self.set_sort(Sort(key, descending))

    def _show_sort_indicator(self) -> None:
        header = self.view.table.horizontalHeader()
        column = next(c for c, k in SORTABLE.items() if k == self._sort.key)
        order = (
            Qt.SortOrder.DescendingOrder if self._sort.descending else Qt.SortOrder.AscendingOrder
        )
        header.blockSignals(True)
        header.setSortIndicator(COLUMNS.index(column), order)
        header.blockSignals(False)

    # -- saved filters ------------------------------------------------------------------
    def _on_saved_filters_reopened(self, flt: CaseFilter, sort: Sort) -> None:
        self._queue, self._origin = flt.queue, None
        self._last_queue = flt.queue or self._last_queue
        self._base = CaseFilter(queue=flt.queue)
        self.view.origin_frame.hide()
        self._select_queue_row(flt.queue)
        self.view.take_next_button.setVisible(loading.may_take_next(flt.queue))
        self.view.filter_bar.show_conditions(flt)
        self._sort = sort
        self._show_sort_indicator()
        self._on_street_changed(0)
        self._apply()

    # -- other --------------------------------------------------------------------------
    def _on_table_activated(self, row: int) -> None:
        case_id = self.model.case_id(row)
        if case_id is not None:
            self.sig_case_requested.emit(case_id)

    def _on_map_button_clicked(self) -> None:
        rows = sorted(index.row() for index in self.view.table.selectionModel().selectedRows())
        ids = [i for i in (self.model.case_id(row) for row in rows) if i is not None]
        if not ids:
            self.view.status_label.setText(self.tr("Select the cases to show on the map first."))
            return
        if len(ids) > MAP_LIMIT:
            self.view.status_label.setText(
                self.tr("The map shows the first %1 of the selected cases.").replace(
                    "%1", f"{MAP_LIMIT:,}"
                )
            )
        self.sig_show_on_map.emit(ids[:MAP_LIMIT])

    def _on_export_button_clicked(self) -> None:
        self.export.start(self.current_filter(), self._sort)

    def _on_monitor_cases_changed(self) -> None:
        # Notices gather for a short pause into one refresh (a busy center sends many).
        if not self._stopped and not self._refresh_timer.isActive():
            self._refresh_timer.start(REFRESH_PAUSE_MS)

    def _on_refresh_timer_timeout(self) -> None:
        if not self._stopped:
            self.refresh()


def _rows_of(ids: list[int], wanted: list[int]) -> list[int]:
    """The rows of these cases in a fresh id list (one pass however many are selected)."""
    if len(wanted) == 1:
        try:
            return [ids.index(wanted[0])]
        except ValueError:
            return []
    chosen = set(wanted)
    return [row for row, case_id in enumerate(ids) if case_id in chosen]
