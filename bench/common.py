"""What the benchmarks share: printing figures, comparing timings, demo databases.

Figures print one per line as `name: value unit`; a ratio against a baseline measured in the
same run prints as `name: 12.3x`, or `name: inconclusive` when the two sets of timings
overlap (the difference is within the noise of this machine).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pgserver import create_database, local_postgres  # noqa: E402

BACKENDS = ("sqlite", "postgresql")
TODAY = date(2025, 6, 30)  # fixed, so every run builds the same rows


def figure(name: str, value: float | int | str, unit: str = "") -> None:
    if isinstance(value, float):
        value = f"{value:.3g}" if value < 100 else f"{value:.0f}"
    print(f"{name}: {value}{' ' + unit if unit else ''}", flush=True)


def timed(fn: Callable[[], object], runs: int = 7, warmup: int = 1) -> list[float]:
    """Wall times in ms of `runs` calls after `warmup` calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def ratio(name: str, baseline: list[float], subject: list[float]) -> None:
    """How many times faster `subject` is than `baseline`, if their timings do not overlap."""
    if max(subject) < min(baseline) or min(subject) > max(baseline):
        print(f"{name}: {median(baseline) / median(subject):.1f}x", flush=True)
    else:
        print(f"{name}: inconclusive", flush=True)


def arguments(description: str, *, cases: int, backends: tuple[str, ...] = BACKENDS):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cases", type=int, default=cases, help=f"demo cases (default {cases})")
    parser.add_argument("--grids", type=int, help="grids (default 7000 from 500k cases, else 600)")
    parser.add_argument("--backend", choices=backends, action="append",
                        help="run on this backend only (repeatable)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="use this existing demo database instead of building one")
    return parser


def grids_for(args) -> int:
    return args.grids or (7000 if args.cases >= 500_000 else 600)


@contextlib.contextmanager
def empty_database(backend: str) -> Iterator[str]:
    """A fresh empty database URL, removed afterwards (PostgreSQL: a private server)."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="govdesk-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        return
    with local_postgres() as admin:
        yield create_database(admin, "govdesk_bench")


@contextlib.contextmanager
def demo_database(backend: str, args) -> Iterator[str]:
    """A demo database of args.cases cases: built fresh, or args.db when given."""
    if args.db:
        yield args.db
        return
    from desktop.demo.build import DemoOptions, build_demo

    with empty_database(backend) as url:
        started = time.perf_counter()
        months = {"months": args.months} if getattr(args, "months", None) else {}
        build_demo(url, DemoOptions(seed=args.seed, today=TODAY, cases=args.cases,
                                    grids=grids_for(args), **months))  # fmt: skip
        figure(f"{backend} demo build", time.perf_counter() - started, "s")
        yield url
