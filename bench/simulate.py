"""CPU time of simulating demo cases and encoding them, per case, as a load's workers spend it.

    .venv/bin/python bench/simulate.py                        # 100,000 of 1M cases, 7,000 grids
    .venv/bin/python bench/simulate.py --simulate 20000 --grids 600
    .venv/bin/python bench/simulate.py --cache /tmp/world.pickle   # build the World once
    .venv/bin/python bench/simulate.py --profile 30           # the 30 costliest functions

The World is built as desktop.demo.build does (county, catalog, organisation, plan of
--cases cases) in a throwaway SQLite database; then week chunks spread over the history
are simulated in this process, set up as a worker process of the load is
(desktop.demo.producer), until --simulate cases are done. Figures are CPU time
(process_time) per case, the best of --runs runs:
- copy: PostgreSQL's encoding (datetimes as text): `simulate` is CaseSimulator.run_chunk,
  `copy text` ChunkLines.as_copy_text, the bytes the writer streams;
- rows: SQLite's (datetimes as integer µs): `simulate` is run_chunk, which is all the
  single-process "rows" encoding costs, `chunk file` the worker's private SQLite file of
  the "sqlite" encoding.
Building the triangles of every grid for the case locations is a worker's start-up cost,
printed apart. In the real load two workers pay these while the writer and the database
server compete for the same two cores.

Measured on the 2-core machine (shared, ±5 %), 7,000 grids, 1M planned, 115k simulated:
  before (ce03d86): copy 49 + 16 = 65 µs, rows 41 µs (+ 23 µs chunk file); 0.4 s of samplers
  after:            copy 40 + 2.8 = 43 µs, rows 28 µs (+ 22.5 µs chunk file); 0.24 s start-up
  (the 1M PostgreSQL load: the two workers' CPU 75 s → 54 s)
"""

from __future__ import annotations

import cProfile
import dataclasses
import gc
import pickle
import pstats
import tempfile
import time
from pathlib import Path

from common import TODAY, arguments, figure, grids_for

from desktop.demo import producer
from desktop.demo.cases import CaseSimulator, World


def build_world(cases: int, grids: int, seed: int) -> World:
    """The World of a demo build, made by build.py's own steps in a throwaway database."""
    from desktop.db.engine import make_engine
    from desktop.db.migrate import upgrade
    from desktop.demo import build
    from desktop.demo.bulk import BulkLoader
    from desktop.demo.geography import generate_county

    options = build.DemoOptions(seed=seed, today=TODAY, cases=cases, grids=grids)
    county = generate_county(seed, **build.county_sizes(grids))
    with tempfile.TemporaryDirectory(prefix="govdesk-bench-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'world.sqlite'}")
        try:
            upgrade(engine)
            with engine.connect() as conn, conn.begin():
                return build._reference(conn, BulkLoader(conn), options, TODAY, county, {}, {})
        finally:
            engine.dispose()


def load_world(args) -> World:
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    started = time.perf_counter()
    world = build_world(args.cases, grids_for(args), args.seed)
    figure("world build", time.perf_counter() - started, "s")
    if cache:
        cache.write_bytes(pickle.dumps(world, protocol=pickle.HIGHEST_PROTOCOL))
    return world


def spread_chunks(world: World, wanted: int) -> list[int]:
    """Chunks evenly spread over the span, together at least `wanted` cases."""
    count = world.plan.chunk_count
    sizes = [b - a for a, b in map(world.plan.chunk_bounds, range(count))]
    for n in range(1, count + 1):
        chosen = sorted({round(i * (count - 1) / max(n - 1, 1)) for i in range(n)})
        if sum(sizes[k] for k in chosen) >= wanted:
            return chosen
    return list(range(count))


def worker(world: World, copy: bool) -> CaseSimulator:
    """A simulator set up as the load's worker processes set theirs up."""
    integer_times = not copy  # PostgreSQL's COPY takes text, SQLite integer µs
    world = dataclasses.replace(world, integer_times=integer_times)
    producer._init_pool_worker(world, "copy" if copy else "rows", None)
    return producer._WORKER[0]


def measure(world: World, chunks: list[int], runs: int) -> dict[str, float]:
    """Best CPU µs per case of each step over `runs` runs through the chunks."""
    cases = sum(b - a for a, b in map(world.plan.chunk_bounds, chunks))
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, float("inf")), seconds * 1e6 / cases)

    mark = time.process_time()
    sims = {"copy": worker(world, True), "rows": worker(world, False)}
    best["start-up s per worker"] = (time.process_time() - mark) / 2
    with tempfile.TemporaryDirectory(prefix="govdesk-bench-") as folder:
        for _ in range(runs):
            spent = dict.fromkeys(
                ("copy simulate", "copy text", "rows simulate", "chunk file"), 0.0
            )
            for k in chunks:
                mark = time.process_time()
                lines = sims["copy"].run_chunk(k)
                spent["copy simulate"] += time.process_time() - mark
                mark = time.process_time()
                lines.as_copy_text()
                spent["copy text"] += time.process_time() - mark
                del lines
                mark = time.process_time()
                rows = sims["rows"].run_chunk(k)
                spent["rows simulate"] += time.process_time() - mark
                mark = time.process_time()
                producer._to_file(rows, Path(folder) / f"chunk-{k}.sqlite")
                spent["chunk file"] += time.process_time() - mark
                del rows
            for name, seconds in spent.items():
                keep(name, seconds)
    best["cases"] = cases
    return best


def profile(world: World, chunks: list[int], top: int) -> None:
    sim = worker(world, True)
    profiler = cProfile.Profile()
    profiler.enable()
    for k in chunks:
        sim.run_chunk(k).as_copy_text()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], cases=1_000_000, backends=())
    parser.add_argument("--simulate", type=int, default=100_000, help="cases to simulate")
    parser.add_argument("--runs", type=int, default=3, help="runs through the chunks (best)")
    parser.add_argument("--cache", help="pickle the World to this file, or load it from there")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="profile the copy encoding; print its N costliest functions")  # fmt: skip
    args = parser.parse_args()
    world = load_world(args)
    chunks = spread_chunks(world, args.simulate)
    if args.profile:
        profile(world, chunks, args.profile)
        return
    gc_was = gc.isenabled()
    try:
        result = measure(world, chunks, args.runs)
    finally:
        if gc_was:
            gc.enable()
    figure("simulated cases", result["cases"], "cases")
    figure("worker start-up", result["start-up s per worker"], "s")
    figure("copy: simulate µs per case", result["copy simulate"], "µs")
    figure("copy: copy text µs per case", result["copy text"], "µs")
    figure("copy: total µs per case", result["copy simulate"] + result["copy text"], "µs")
    figure("rows: simulate µs per case", result["rows simulate"], "µs")
    figure("rows: sqlite chunk file µs per case", result["chunk file"], "µs")
    figure("rows: sqlite encoding total µs per case",
           result["rows simulate"] + result["chunk file"], "µs")  # fmt: skip


if __name__ == "__main__":
    main()
