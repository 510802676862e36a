"""Producing the week chunks of simulated cases, in this process or in worker processes.

A chunk leaves its producer in the form its writer takes fastest:
- rows (tuples) when simulated in this process;
- COPY text for PostgreSQL, built in the worker (the writer only streams bytes);
- a private SQLite file for SQLite, written by the worker, which the writer copies with one
  `INSERT … SELECT` per table (C speed: SQLite has one writer, and binding Python values is
  what costs, so the binding happens in the workers, in parallel).
At most workers + 1 chunks exist at once, so memory stays bounded whatever the case count.
"""

from __future__ import annotations

import gc
import multiprocessing
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.demo import sqlite_dates  # noqa: F401  (raw sqlite3 inserts of dates)
from desktop.demo.case_rows import ChunkRows, CopyChunk
from desktop.demo.cases import CaseSimulator, World

PARALLEL_FROM = 100_000  # cases; below this one process is quicker than starting workers


class Cancelled(Exception):
    """The trainer cancelled the build; the transaction was rolled back."""


@dataclass(frozen=True)
class SqliteChunk:
    """A chunk written to its own SQLite file: (table, columns, row count) per table."""

    path: str
    tables: list[tuple[str, tuple[str, ...], int]]


def default_workers(cases: int) -> int:
    return 1 if cases < PARALLEL_FROM else 2


def produce(
    world: World,
    workers: int,
    encoding: str,
    scratch: Path | None,
    cancel: Callable[[], bool] | None,
) -> Iterator[ChunkRows | CopyChunk | SqliteChunk]:
    """The chunks in order. encoding: "rows", "copy" (PostgreSQL) or "sqlite" (files)."""
    count = world.plan.chunk_count
    if workers <= 1:
        _init_worker(world, encoding, scratch)
        for k in range(count):
            if cancel and cancel():
                raise Cancelled()
            yield _run_chunk(k)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = context.Pool(workers, _init_pool_worker, (world, encoding, scratch))
    pending: deque = deque()
    try:
        next_k = 0
        while pending or next_k < count:
            while next_k < count and len(pending) <= workers:
                pending.append(pool.apply_async(_run_chunk, (next_k,)))
                next_k += 1
            if cancel and cancel():
                raise Cancelled()
            yield pending.popleft().get()
    finally:
        # The few chunks in flight finish before the pool closes: Pool.terminate() with tasks
        # in flight hung on Python 3.12 (its task thread waiting on the queue's lock).
        for result in pending:
            result.wait()
        pool.close()
        pool.join()


_WORKER: tuple[CaseSimulator, str, Path | None] | None = None


def _init_worker(world: World, encoding: str, scratch: Path | None) -> None:
    global _WORKER
    _WORKER = (CaseSimulator(world, copy=encoding == "copy"), encoding, scratch)


def _init_pool_worker(world: World, encoding: str, scratch: Path | None) -> None:
    """A worker process, which runs without the cyclic garbage collector: simulating makes no
    reference cycles, and the collector would walk the chunk's growing rows over and over
    (5–10 % of a worker's CPU)."""
    gc.disable()
    _init_worker(world, encoding, scratch)


def _run_chunk(k: int) -> ChunkRows | CopyChunk | SqliteChunk:
    sim, encoding, scratch = _WORKER
    rows = sim.run_chunk(k)
    if encoding == "copy":
        return rows.as_copy_text()
    if encoding == "sqlite":
        return _to_file(rows, scratch / f"chunk-{k:04d}.sqlite")
    return rows


def _to_file(rows: ChunkRows, path: Path) -> SqliteChunk:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        tables = []
        for name, columns, data in rows.tables():
            conn.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
            marks = ", ".join("?" * len(columns))
            conn.executemany(f"INSERT INTO {name} VALUES ({marks})", data)
            tables.append((name, tuple(columns), len(data)))
        conn.execute("COMMIT")
    finally:
        conn.close()
    return SqliteChunk(str(path), tables)
