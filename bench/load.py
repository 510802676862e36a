"""Loading the demo county: time, phases and size, on SQLite and on PostgreSQL.

    .venv/bin/python bench/load.py                      # 1,000,000 cases, 7,000 grids
    .venv/bin/python bench/load.py --cases 20000        # the trainer's default county
    .venv/bin/python bench/load.py --backend sqlite --workers 1

Targets: 20,000 cases ≤ 20 s on SQLite; 1,000,000 cases ≤ 120 s on SQLite and ≤ 60 s on
PostgreSQL, with events and parties; ≤ 300 MB per million cases with indexes. PostgreSQL
runs on a private throwaway server (bench/pgserver.py) unless GOVDESK_TEST_PG_URL is set.

Measured on the 2-core development machine (shared, so ±10 %), 21 November 2026:
  1,000,000 cases / 7,000 grids: SQLite 52 s, 1.56 GB; PostgreSQL 55 s (55–59 s), 2.24 GB
  (PostgreSQL: county 1.6 s, waiting for simulation 18 s, writing 16 s, indexes 16.5 s;
  5.7 million events, 1.3 million parties, 8.9 million rows in all)
  before this round: SQLite 89 s, 2.28 GB; PostgreSQL 92 s, 2.44 GB (county 12.7 s,
  simulation 31 s, writing 17 s, indexes 27 s, 12.5 s of them for ix_case_events_kind_at)
  bytes per case with indexes, SQLite / PostgreSQL: cases 541 / 678, events 677 / 1,059,
  parties 233 / 327, tasks 98 / 150.
The size target is out of reach with full histories: the case row with the indexes its
queues need already takes more than 300 bytes, before any of its 5.7 events (each ~100
bytes on SQLite; on PostgreSQL 28 bytes of row header and two index entries each).
"""

from __future__ import annotations

import resource
import time

from common import TODAY, arguments, empty_database, figure, grids_for

from desktop.db.engine import make_engine
from desktop.demo.build import BIG_TABLES, DemoOptions, build_demo

PHASES = ("county", "reference", "plan", "simulate", "write", "indexes", "analyze")


def sizes_by_table(url: str) -> dict[str, int]:
    """Bytes of each table with its indexes (SQLite: the dbstat table; PostgreSQL:
    pg_total_relation_size)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                rows = conn.exec_driver_sql(
                    "SELECT relname, pg_total_relation_size(oid) FROM pg_class "
                    "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")
            else:
                rows = conn.exec_driver_sql(
                    "SELECT m.tbl_name, sum(s.pgsize) FROM dbstat s "
                    "JOIN sqlite_master m ON m.name = s.name GROUP BY m.tbl_name")
            return {name: int(size) for name, size in rows}
    finally:
        engine.dispose()


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], cases=1_000_000)
    parser.add_argument("--workers", type=int, help="simulating processes (default: automatic)")
    args = parser.parse_args()
    totals = {}
    for backend in args.backend or ("sqlite", "postgresql"):
        with empty_database(backend) as url:
            started = time.perf_counter()
            result = build_demo(
                url,
                DemoOptions(
                    seed=args.seed,
                    today=TODAY,
                    cases=args.cases,
                    grids=grids_for(args),
                    workers=args.workers,
                ),
            )
            seconds = time.perf_counter() - started
            by_table = sizes_by_table(url)
        totals[backend] = seconds
        name = f"load {backend}"
        figure(f"{name} cases", result.cases, "cases")
        figure(f"{name} grids", grids_for(args), "grids")
        figure(f"{name} rows", sum(result.counts.values()), "rows")
        figure(f"{name} events", result.counts.get("case_events", 0), "rows")
        figure(f"{name} parties", result.counts.get("case_parties", 0), "rows")
        figure(f"{name} time", seconds, "s")
        for phase in PHASES:
            figure(f"{name} {phase}", result.timings.get(phase, 0.0), "s")
        figure(f"{name} size", result.size_bytes / 1e6, "MB")
        figure(f"{name} size per million cases", result.size_bytes / 1e6 / args.cases * 1e6,
               "MB")  # fmt: skip
        for table in BIG_TABLES:  # with its indexes: where the bytes of a case go
            figure(f"{name} size {table} per case", by_table.get(table, 0) / args.cases, "B")
        figure(f"{name} cases per second", args.cases / seconds, "cases/s")
    figure("load peak memory (this process)",
           resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB")  # fmt: skip
    figure("load peak memory (worker processes)",
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "MB")  # fmt: skip
    if len(totals) == 2:
        print(f"load postgresql vs sqlite: {totals['sqlite'] / totals['postgresql']:.1f}x")


if __name__ == "__main__":
    main()
