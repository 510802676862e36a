"""Building the training database: guard, county, organisation, catalog, cases, in one load.

`build_demo` is a plain long job (progress callback, cancel flag) so the command line and a
trainer's screen can both run it. It refuses any database that holds real data: only an
empty database or one already stamped `database_kind = training` is ever written.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy import Connection, Engine, insert, literal, select
from sqlalchemy.orm import Session

from desktop.clock import REAL
from desktop.db.engine import make_engine
from desktop.db.migrate import upgrade
from desktop.db.models import AppMeta, Category
from desktop.db.models.meta import CLOCK_OFFSET_KEY, KIND_KEY
from desktop.demo import org as org_module
from desktop.demo.bulk import BulkLoader, all_tables, database_size, sqlite_path
from desktop.demo.case_rows import CopyChunk
from desktop.demo.cases import CategoryInfo, World
from desktop.demo.county_writer import (
    GRID_COLUMNS,
    JURISDICTION_COLUMNS,
    MEMBER_COLUMNS,
    county_rows,
)
from desktop.demo.geography import generate_county
from desktop.demo.plan import DEFAULT_MONTHS, first_day, make_plan, sim_now_us, to_day_number
from desktop.demo.producer import Cancelled, SqliteChunk, default_workers, produce
from desktop.demo.roster import DEMO_PIN, roster_rows
from desktop.demo.timefmt import DAY_US, LOCAL_OFFSET_US, Formatter
from desktop.domain.enums import ClockKind
from desktop.errors import GovDeskError
from desktop.services import deadlines, report_rollup
from desktop.services.accounts import hash_password
from desktop.services.catalog import seed_catalog
from desktop.services.meta import TRAINING

log = logging.getLogger(__name__)

BUILD_KEY = "demo_build"  # written last: its presence means the demo database is complete
DEFAULT_CASES = 20_000
DEFAULT_GRIDS = 600

Progress = Callable[[str, int, int], None]  # (phase, done, total)
_TABLES = {table.name: table for table in all_tables()}
BIG_TABLES = ("cases", "case_events", "case_tasks", "case_parties", "extension_requests")
__all__ = ["Cancelled", "DemoOptions", "DemoResult", "build_demo", "database_state"]


@dataclass(frozen=True)
class DemoOptions:
    seed: int = 1
    today: date | None = None  # None: today on the real clock (China time)
    cases: int = DEFAULT_CASES
    grids: int = DEFAULT_GRIDS
    months: int = DEFAULT_MONTHS  # history length before --today
    reset: bool = False
    if_missing: bool = False
    workers: int | None = None  # processes simulating cases; None: 2 from PARALLEL_FROM on


@dataclass(frozen=True)
class DemoResult:
    built: bool  # False: left as it was (complete already)
    reason: str  # "built", "exists" (complete, no --reset) or "complete" (--if-missing)
    cases: int = 0
    seconds: float = 0.0
    size_bytes: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def county_sizes(grids: int) -> dict[str, int]:
    """Townships, villages and dedicated grids for a county of `grids` grids (600 = default).

    Villages grow more slowly than grids (a big county has bigger villages, and the
    geography's cost grows with the number of villages): 7,000 grids → 17 townships, 442
    villages.
    """
    if grids < 8:
        raise GovDeskError("field.required", field="grids")
    scale = grids / DEFAULT_GRIDS
    townships = min(24, max(4, round(8 * scale**0.3)))
    dedicated = min(12, max(1, grids // 100))
    villages = min(max(townships, round(70 * scale**0.75)), grids - dedicated)
    return {"townships": townships, "villages": villages, "grids": grids,
            "dedicated_grids": dedicated}  # fmt: skip


def database_state(conn: Connection) -> str:
    """ "empty", "training" (a partial build) or "complete"; refuses a database with real data."""
    kind = conn.scalar(select(AppMeta.value).where(AppMeta.key == KIND_KEY))
    if kind == TRAINING:
        built = conn.scalar(select(AppMeta.value).where(AppMeta.key == BUILD_KEY))
        return "complete" if built else "training"
    if kind is not None:
        raise GovDeskError("demo.not_training")
    for table in all_tables():
        rows = select(literal(1)).select_from(table).limit(1)
        if table.name == AppMeta.__tablename__:  # the rollup's mark: an empty one is built too
            rows = rows.where(AppMeta.key != report_rollup.BUILT_KEY)
        if conn.execute(rows).first() is not None:
            raise GovDeskError("demo.not_training")
    return "empty"


def build_demo(
    url: str,
    options: DemoOptions,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DemoResult:
    """Build (or rebuild with reset) the training database at `url`."""
    started = time.perf_counter()
    timings: dict[str, float] = {}
    engine = make_engine(url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            state = database_state(conn)
        if state == "complete" and options.if_missing:
            return DemoResult(False, "complete")
        if state == "complete" and not options.reset:
            return DemoResult(False, "exists")
        if state != "empty":
            engine = _fresh_sqlite(engine) or engine
        mark = time.perf_counter()
        today = options.today or REAL.today()
        if progress:
            progress("county", 0, 1)
        county = generate_county(options.seed, **county_sizes(options.grids))
        timings["county"] = time.perf_counter() - mark
        counts = _load(engine, options, today, county, progress, cancel, timings)
        size = database_size(engine)
        return DemoResult(
            True, "built", options.cases, time.perf_counter() - started, size, timings, counts
        )
    finally:
        engine.dispose()


def _fresh_sqlite(engine: Engine) -> Engine | None:
    """A rebuilt SQLite training database starts from a new file (fast, and no free pages)."""
    path = sqlite_path(engine)
    if path is None:
        return None
    engine.dispose()
    try:
        for suffix in ("", "-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    except OSError:  # open elsewhere (Windows): empty the tables in the load instead
        log.warning("could not remove %s; emptying its tables instead", path)
        return None
    fresh = make_engine(str(engine.url))
    upgrade(fresh)
    return fresh


def _load(engine, options, today, county, progress, cancel, timings) -> dict[str, int]:
    """Everything in one transaction; except SQLite with worker processes, where each week's
    chunk commits on its own (see desktop.demo.producer) and only the last transaction, with
    the indexes and the build mark, makes the database complete."""
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        loader = BulkLoader(conn)
        loader.before_transaction()
        workers = options.workers or default_workers(options.cases)
        by_file = loader.backend == "sqlite" and workers > 1
        with conn.begin():
            world = _reference(conn, loader, options, today, county, counts, timings)
            if not by_file:
                _cases(loader, world, workers, None, progress, cancel, timings, counts)
                _complete(conn, loader, world, options, today, progress, timings)
        if by_file:
            with tempfile.TemporaryDirectory(prefix="govdesk-demo-") as scratch:
                _cases(loader, world, workers, Path(scratch), progress, cancel, timings, counts)
            with conn.begin():
                _complete(conn, loader, world, options, today, progress, timings)
        mark = time.perf_counter()
        loader.after_transaction()
        timings["analyze"] = time.perf_counter() - mark
    return counts


def _reference(conn, loader, options, today, county, counts, timings) -> World:
    """Empty the tables, drop the indexes, write the catalog, county and organisation."""
    mark = time.perf_counter()
    rng = np.random.default_rng(np.random.SeedSequence([options.seed, 1]))
    start_day = to_day_number(first_day(today, options.months))
    integer_times = loader.backend == "sqlite"  # see desktop.db.base.UTCDateTime
    created_at = Formatter(integers=integer_times).db(start_day * DAY_US - LOCAL_OFFSET_US)
    tables = all_tables()
    loader.clear(tables)
    _stamp_training(conn, options, today)
    loader.prepare(tables, big=BIG_TABLES)
    session = Session(bind=conn)
    seed_catalog(session)
    calendar = deadlines.load_calendar(session)
    categories = _categories(session)
    session.close()
    geo = county_rows(county, rng)
    org = org_module.org_rows(
        county_id=geo.county_id, township_ids=geo.township_ids,
        township_names=geo.township_names, password_hash=hash_password(
            org_module.DEMO_PASSWORD), created_at=created_at, rng=rng,
    )  # fmt: skip
    roster = roster_rows(org, today=today, calendar=calendar, seed=options.seed,
                         instant=Formatter(integers=integer_times).db,
                         pin_hash=hash_password(DEMO_PIN))  # fmt: skip
    for name, columns, rows in (
        ("jurisdictions", JURISDICTION_COLUMNS, geo.jurisdictions),
        ("grids", GRID_COLUMNS, geo.grids),
        ("grid_members", MEMBER_COLUMNS, geo.members),
        ("centers", org_module.CENTER_COLUMNS, org.centers),
        ("departments", org_module.DEPARTMENT_COLUMNS, org.departments),
        ("windows", org_module.WINDOW_COLUMNS, org.windows),
        ("staff", org_module.STAFF_COLUMNS, org.staff),
        ("users", org_module.USER_COLUMNS, org.users),
        ("user_roles", org_module.USER_ROLE_COLUMNS, org.user_roles),
        *roster.tables,
    ):
        loader.write(_TABLES[name], columns, rows)
        counts[name] = len(rows)
    timings["reference"] = time.perf_counter() - mark
    mark = time.perf_counter()
    plan = make_plan(rng, options.cases, today, calendar, [c.code for c in categories],
                     [p.info for p in geo.places], org.township_center_ids,
                     options.months)  # fmt: skip
    timings["plan"] = time.perf_counter() - mark
    return World(
        seed=options.seed, plan=plan, categories=categories, places=geo.places, org=org,
        calendar=calendar, today=today, sim_now=sim_now_us(today), county_id=geo.county_id,
        integer_times=integer_times,
    )  # fmt: skip


def _complete(conn, loader, world, options, today, progress, timings) -> None:
    """Case counters, the indexes back, the training stamp and the build mark."""
    org = world.org
    counters = [
        (org.county_center_id if center < 0 else center, year, last)
        for (center, year), last in sorted(world.plan.counters.items())
    ]
    loader.write(_TABLES["case_counters"], ("center_id", "year", "last_number"), counters)
    mark = time.perf_counter()
    if progress:
        progress("indexes", 0, 1)
    loader.finish()
    timings["indexes"] = time.perf_counter() - mark
    mark = time.perf_counter()
    if progress:
        progress("rollup", 0, 1)
    report_rollup.rebuild(conn)  # the reports' daily counts, from the cases just written
    timings["rollup"] = time.perf_counter() - mark
    _mark_complete(conn, options, today)


def _cases(loader, world, workers, scratch, progress, cancel, timings, counts) -> None:
    """Simulate the week chunks (in worker processes if asked) and write each in order."""
    total = len(world.plan.received_us)
    if loader.backend == "postgresql":
        encoding = "copy"
    else:
        encoding = "sqlite" if scratch is not None else "rows"
    waited = write = 0.0
    mark = time.perf_counter()
    for chunk in produce(world, workers, encoding, scratch, cancel):
        waited += time.perf_counter() - mark
        mark = time.perf_counter()
        if isinstance(chunk, CopyChunk):
            for name, columns, data, count in chunk.payloads:
                loader.write_copy_text(_TABLES[name], columns, data)
                counts[name] = counts.get(name, 0) + count
        elif isinstance(chunk, SqliteChunk):
            loader.append_file(chunk.path, chunk.tables)
            Path(chunk.path).unlink(missing_ok=True)
            for name, _, count in chunk.tables:
                counts[name] = counts.get(name, 0) + count
        else:
            for name, columns, data in chunk.tables():
                loader.write(_TABLES[name], columns, data)
                counts[name] = counts.get(name, 0) + len(data)
        write += time.perf_counter() - mark
        if progress:
            progress("cases", counts["cases"], total)
        mark = time.perf_counter()
    timings["simulate"] = waited  # time spent waiting for simulated chunks
    timings["write"] = write


def _categories(session: Session) -> list[CategoryInfo]:
    """Child categories in code order, each with the rule in force for every clock."""
    rows = session.execute(
        select(Category.id, Category.code, Category.is_dispute)
        .where(Category.parent_id.is_not(None))
        .order_by(Category.code)
    ).all()
    result = []
    for cid, code, is_dispute in rows:
        rules = {str(clock): deadlines.rule_for(session, cid, clock) for clock in ClockKind}
        result.append(CategoryInfo(cid, code, bool(is_dispute), rules))
    return result


def _stamp_training(conn: Connection, options: DemoOptions, today: date) -> None:
    """The training stamp and the clock set to --today, first: a build that stops half-way
    is still recognised as training, and rebuilt rather than refused."""
    offset_days = (today - REAL.today()).days if options.today else 0
    conn.execute(insert(AppMeta), [
        {"key": KIND_KEY, "value": TRAINING},
        {"key": CLOCK_OFFSET_KEY, "value": str(offset_days * 86_400)},
    ])  # fmt: skip


def _mark_complete(conn: Connection, options: DemoOptions, today: date) -> None:
    """The build mark, last: its presence means the demo database is complete."""
    build = {"seed": options.seed, "today": today.isoformat(), "cases": options.cases,
             "grids": options.grids, "months": options.months}  # fmt: skip
    conn.execute(insert(AppMeta).values(key=BUILD_KEY, value=json.dumps(build, sort_keys=True)))
