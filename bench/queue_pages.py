"""Paging the case list by keyset vs OFFSET, with counts and ordered ids, on a demo county.

    .venv/bin/python bench/queue_pages.py                     # 1,000,000 cases, both backends
    .venv/bin/python bench/queue_pages.py --cases 100000 --backend sqlite
    .venv/bin/python bench/queue_pages.py --db sqlite:///path/demo.sqlite --backend sqlite

All through desktop.services.queues as the county supervisor (who sees every case), for two
queues: the whole list by receipt, and the closed cases newest first (filtered and sorted):
first page, page 10,000 and last page by keyset; the same page 10,000 by OFFSET (same query,
same indexes) as the baseline; the count; the ordered ids.
Each figure is the median of several runs after a warm-up.

Measured at 1,000,000 cases (2-core machine, 21 November 2026), SQLite / PostgreSQL:
  whole list: keyset page 10,000 2.9–3.3 / 5.0–7.4 ms vs OFFSET 97 / 116 ms (30–34x /
  16–24x); first and last pages 3 / 5–9 ms; count 56 / 116 ms; 1M ordered ids 0.87 / 0.8 s.
  closed newest first (772k): keyset page 10,000 3.0 / 4.8 ms vs OFFSET 23 / 131 ms
  (7.8x / 27.6x); count 49 / 138 ms. SQLite's OFFSET here walks the covering index
  (county_id, status, received_at) at 60 ns a row, and a keyset page costs ~3 ms whatever
  its depth: mostly building the statements and rows in Python (three queries a page).
(SQLite needs full ANALYZE statistics for county-scoped lists to walk ix_cases_received
instead of sorting a million rows: 100 ms a page without them.)
"""

from __future__ import annotations

from common import arguments, demo_database, figure, median, ratio, timed
from sqlalchemy import select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import User
from desktop.domain.enums import Status
from desktop.services import queues
from desktop.services.accounts import principal_for
from desktop.services.case_filters import CaseFilter, Sort, SortKey
from desktop.services.meta import clock_for

PAGE = 50
DEEP = 10_000


QUEUES = {  # name: (filter, sort), both big enough to have a page 10,000
    "all": (CaseFilter(), Sort()),
    "closed newest first": (CaseFilter(statuses={Status.CLOSED}),
                            Sort(SortKey.RECEIVED_AT, descending=True)),
}


def measure(backend: str, url: str, runs: int) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    try:
        with factory() as session:
            user = session.scalars(select(User).where(User.username == "supervisor")).one()
            who = principal_for(session, user)
            now = clock_for(session).now()
            for name, (flt, sort) in QUEUES.items():
                common = {"session": session, "principal": who, "filter": flt, "now": now}
                measure_queue(f"{backend} {name}", common, sort, runs)
    finally:
        engine.dispose()


def measure_queue(name: str, common: dict, sort: Sort, runs: int) -> None:
    total = queues.count(**common)
    pages = -(-total // PAGE)
    deep = DEEP if pages > DEEP else max(pages // 2, 2)
    # The cursor of page deep - 1's last row: where page `deep` starts (not timed).
    before = queues.page_by_offset(**common, sort=sort, offset=(deep - 2) * PAGE, limit=PAGE)
    after = before.cursor

    def first():
        return queues.list_page(**common, sort=sort, limit=PAGE)

    def keyset():
        return queues.list_page(**common, sort=sort, after=after, limit=PAGE)

    def offset():
        return queues.page_by_offset(**common, sort=sort, offset=(deep - 1) * PAGE, limit=PAGE)

    def last():
        return queues.last_page(**common, sort=sort, limit=PAGE)

    same = [r.id for r in keyset().rows] == [r.id for r in offset().rows]
    figure(f"{name} cases listed", total, "cases")
    figure(f"{name} keyset first page", median(timed(first, runs)), "ms")
    keyset_ms = timed(keyset, runs)
    offset_ms = timed(offset, runs)
    figure(f"{name} keyset page {deep}", median(keyset_ms), "ms")
    figure(f"{name} offset page {deep}", median(offset_ms), "ms")
    ratio(f"{name} keyset page {deep} vs offset", offset_ms, keyset_ms)
    figure(f"{name} keyset and offset pages agree", "yes" if same else "NO")
    figure(f"{name} keyset last page", median(timed(last, runs)), "ms")
    figure(f"{name} count", median(timed(lambda: queues.count(**common), runs)), "ms")
    ids_ms = timed(lambda: queues.ordered_ids(**common, sort=sort), max(3, runs // 2))
    figure(f"{name} ordered ids ({total} ids)", median(ids_ms), "ms")


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], cases=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for backend in args.backend or ("sqlite", "postgresql"):
        with demo_database(backend, args) as url:
            measure(backend, url, args.runs)


if __name__ == "__main__":
    main()
