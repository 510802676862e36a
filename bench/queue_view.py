"""The 案件 page at a million cases: the real Qt model and view, offscreen, as the supervisor.

    .venv/bin/python bench/queue_view.py                 # 1,000,000 demo cases, both backends
    .venv/bin/python bench/queue_view.py --db sqlite:///path/demo.sqlite --backend sqlite

Per database (caches warm: every list is opened once untimed first; figures are medians):
- `first rows`: from setting the filter to the first visible rows painted, for the whole
  county by receipt, for 已超期, and for a category sorted by deadline; `bare query`: the
  same first page as a plain service call (the floor).
- `filter change first rows`: picking a street on the whole list.
- `free text first rows`: a two-character name and a four-character title word.
- `longest stall`: the longest gap between ticks of a 10 ms QTimer while the scroll bar is
  dragged from top to bottom in 50 steps (rows are fetched as they come into view).
- `memory added`: resident memory after opening the whole list (1M ids) minus before.

Measured 30 November 2026 (16:00) on the shared 2-core machine, load average 5-6, SQLite /
PostgreSQL: first rows whole county 116 / 148 ms, 已超期 194 / 159 ms, 劳动争议 by deadline
177 / 163 ms; filter change 107 / 242 ms; free text 2-character name 220 / 219 ms, 4-character
title word 277 / 244 ms; longest stall 59 / 94 ms; memory added 70 / 41 MB (ids kept as an
8-byte array, streamed; pypinyin loaded only when pinyin is typed into the category tree).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import arguments, demo_database, figure, median, timed  # noqa: E402
from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desktop.db.engine import make_engine, make_session_factory  # noqa: E402
from desktop.db.models import Category, User  # noqa: E402
from desktop.domain.enums import NamedQueue  # noqa: E402
from desktop.services import queues  # noqa: E402
from desktop.services.accounts import principal_for  # noqa: E402
from desktop.services.queues import CaseFilter, Sort, SortKey  # noqa: E402
from ui.cases.page import CasesPage  # noqa: E402
from ui.singletons import pin_singletons  # noqa: E402
from ui.tasks import TaskRunner  # noqa: E402

RUNS = 3
NAME, TITLE_WORD = "王伟", "赔偿协商"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def wait(app: QApplication, done, timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("the page did not answer in time")
        app.processEvents()
        time.sleep(0.0005)


class Bench:
    def __init__(self, app: QApplication, url: str, settings_dir: str) -> None:
        self.app = app
        self.engine = make_engine(url)
        self.factory = make_session_factory(self.engine)
        with self.factory() as session:
            user = session.scalars(select(User).where(User.username == "supervisor")).one()
            self.principal = principal_for(session, user)
            self.labour = session.scalars(
                select(Category.id).where(Category.name.startswith("劳动争议"))
            ).first()
        self.runner = TaskRunner()
        self.runner.session_factory = self.factory
        self.before_mb = rss_mb()
        settings = QSettings(str(Path(settings_dir) / "bench.ini"), QSettings.Format.IniFormat)
        self.page = CasesPage(self.runner, self.principal, settings=settings)
        self.page.view.resize(1400, 900)
        self.page.view.show()
        self.shown = 0
        self.page.sig_first_rows_shown.connect(self._on_first_rows)

    def _on_first_rows(self) -> None:
        self.shown += 1

    def idle(self) -> None:
        wait(self.app, lambda: not self.runner.busy)

    def first_rows_ms(self, action) -> float:
        """Time from `action` to the first rows painted; then let the list finish loading."""
        seen = self.shown
        start = time.perf_counter()
        action()
        wait(self.app, lambda: self.shown > seen)
        self.page.view.table.viewport().repaint()
        elapsed = (time.perf_counter() - start) * 1000
        self.idle()
        return elapsed

    def timed_first_rows(self, prepare, action) -> float:
        samples = []
        for n in range(RUNS + 1):  # the first run warms the caches, untimed
            prepare()
            self.idle()
            ms = self.first_rows_ms(action)
            if n:
                samples.append(ms)
        return statistics.median(samples)

    def bare_ms(self, flt: CaseFilter, sort: Sort) -> float:
        def page():
            with self.factory() as session:
                queues.list_page(session=session, principal=self.principal, filter=flt,
                                 sort=sort, limit=60)  # fmt: skip

        return median(timed(page, RUNS))

    def longest_stall_ms(self) -> float:
        bar = self.page.view.table.verticalScrollBar()
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        for step in range(50):
            bar.setValue(round(bar.maximum() * step / 49))
            end = time.perf_counter() + 0.04  # a person's drag: a step every 40 ms
            while time.perf_counter() < end:
                self.app.processEvents()
                time.sleep(0.001)
        self.idle()
        timer.stop()
        gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)]
        return max(gaps) if gaps else float("nan")

    def close(self) -> None:
        self.page.view.close()
        self.runner.shutdown()
        self.engine.dispose()


def measure(app: QApplication, backend: str, url: str) -> None:
    with tempfile.TemporaryDirectory(prefix="govdesk-bench-") as folder:
        bench = Bench(app, url, folder)
        page, bar = bench.page, bench.page.view.filter_bar
        try:
            page.start()
            bench.idle()

            def reset(queue=NamedQueue.MY_TODO):
                bar.clear_silently()
                page._sort = Sort()
                page.open_queue(queue)

            name = f"{backend} whole county by receipt"
            ms = bench.timed_first_rows(reset, lambda: page.open_queue(NamedQueue.ALL))
            figure(f"{name} first rows", ms, "ms")
            figure(f"{name} bare query", bench.bare_ms(CaseFilter(), Sort()), "ms")
            figure(f"{backend} cases listed", len(page.model.ids()), "cases")
            figure(f"{backend} memory added", rss_mb() - bench.before_mb, "MB")

            name = f"{backend} overdue"
            ms = bench.timed_first_rows(reset, lambda: page.open_queue(NamedQueue.OVERDUE))
            figure(f"{name} first rows", ms, "ms")
            flt = CaseFilter(queue=NamedQueue.OVERDUE)
            figure(f"{name} bare query", bench.bare_ms(flt, Sort()), "ms")

            name = f"{backend} labour disputes by deadline"

            def by_deadline():
                reset(NamedQueue.ALL)
                page.set_sort(Sort(SortKey.DUE_AT))

            ms = bench.timed_first_rows(by_deadline, lambda: bar.category_picker.pick(bench.labour))
            figure(f"{name} first rows", ms, "ms")
            flt = CaseFilter(queue=NamedQueue.ALL, category_ids={bench.labour})
            figure(f"{name} bare query", bench.bare_ms(flt, Sort(SortKey.DUE_AT)), "ms")

            ms = bench.timed_first_rows(
                lambda: reset(NamedQueue.ALL), lambda: bar.street_combo.setCurrentIndex(2)
            )
            figure(f"{backend} filter change first rows", ms, "ms")

            for label, text in (("2-character name", NAME), ("4-character title word", TITLE_WORD)):

                def typed(text=text):
                    bar.text_edit.setText(text)
                    bar.text_edit.returnPressed.emit()

                ms = bench.timed_first_rows(lambda: reset(NamedQueue.ALL), typed)
                figure(f"{backend} free text {label} first rows", ms, "ms")
                figure(f"{backend} free text {label} matches", len(page.model.ids()), "cases")

            reset(NamedQueue.ALL)
            bench.idle()
            figure(f"{backend} longest stall", bench.longest_stall_ms(), "ms")
        finally:
            bench.close()


def main() -> None:
    args = arguments(__doc__.splitlines()[0], cases=1_000_000).parse_args()
    pin_singletons()  # PySide6 6.12 on Python 3.11 (see ui/singletons.py)
    app = QApplication.instance() or QApplication([])
    for backend in args.backend or ("sqlite", "postgresql"):
        with demo_database(backend, args) as url:
            measure(app, backend, url)


if __name__ == "__main__":
    main()
