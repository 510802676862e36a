"""The demo generator: exact deadline arithmetic, people, plan, seeds, and the simulation."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from shapely.geometry import Point, shape
from sqlalchemy.dialects import sqlite

from desktop.db.base import UTCDateTime
from desktop.demo.case_points import GridPoints
from desktop.demo.cases import CaseSimulator
from desktop.demo.lifecycle import DayDeadlines
from desktop.demo.people import PHONE_BLOCK, STAFF_PHONE_BLOCK, make_people, staff_phone
from desktop.demo.plan import GridInfo, make_plan
from desktop.demo.timefmt import US, DeadlineMath, Formatter, scale_nearest
from desktop.domain.enums import DeadlineUnit, GridKind
from desktop.domain.identity import validate_id_number, validate_phone
from desktop.domain.workdays import WorkCalendar, compute_deadline
from desktop.services.catalog import load_seed
from desktop.services.deadlines import set_explicit_due

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _us(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def _dt(us: int) -> datetime:
    return EPOCH + timedelta(microseconds=us)


@pytest.mark.parametrize("unit", list(DeadlineUnit))
def test_deadline_math_is_compute_deadline(unit):
    calendar = WorkCalendar({date(2027, 1, 4): False})  # an unknown year with one override
    math = DeadlineMath(calendar)
    rnd = random.Random(5)
    for _ in range(3000):
        start = datetime(2024, 9, 1, tzinfo=UTC) + timedelta(
            seconds=rnd.randrange(0, 900 * 86_400),
            microseconds=rnd.choice([0, rnd.randrange(10**6)]),
        )
        amount = rnd.choice([0, 1, 3, 5, 7, 10, 15, 30, 60])
        expected = compute_deadline(start, amount, unit, calendar)
        due, warn, provisional = math.deadline(_us(start), amount, unit)
        assert (_dt(due), _dt(warn), provisional) == (
            expected.due_at,
            expected.warn_at,
            expected.provisional,
        ), (start, amount)


def test_explicit_due_is_set_explicit_due():
    class Target:
        pass

    rnd = random.Random(9)
    for _ in range(500):
        target = Target()
        target.clock_started_at = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(
            seconds=rnd.randrange(10**7), microseconds=rnd.randrange(10**6)
        )
        due = target.clock_started_at + timedelta(seconds=rnd.randrange(-1000, 10**7))
        set_explicit_due(target, due)
        assert _dt(DeadlineMath.explicit(_us(target.clock_started_at), _us(due))) == (
            target.warn_at
        )


def test_scale_nearest_rounds_like_timedelta():
    for us in [0, 1, 2, 3, 5, 7, 999_999, 10**12 + 7, 86_399 * US + 123_457]:
        assert scale_nearest(us) == (timedelta(microseconds=us) * 0.8) // timedelta(microseconds=1)


def test_formatter_writes_what_each_database_stores():
    # SQLite: integer µs since 1970, as desktop.db.base.UTCDateTime binds them;
    # PostgreSQL's COPY: naive UTC text, without a zero fraction.
    sqlite_bind = UTCDateTime().bind_processor(sqlite.dialect())
    text, integers = Formatter(), Formatter(integers=True)
    whole = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
    odd = datetime(2024, 12, 31, 23, 59, 59, 1, tzinfo=UTC)
    assert text.db(_us(whole)) == "2025-03-04 05:06:07"
    assert text.db(_us(odd)) == "2024-12-31 23:59:59.000001"
    assert integers.db(_us(whole)) == 1_741_064_767_000_000 == sqlite_bind(whole)
    assert integers.db(_us(odd)) == sqlite_bind(odd)
    assert text.json(_us(odd)) == '"2024-12-31 23:59:59.000001+00:00"' == f'"{odd}"'
    assert text.db(None) is None and integers.db(None) is None and text.json(None) == "null"


def test_people_are_synthetic_and_valid():
    crowd = make_people(np.random.default_rng(1), 5000, today=date(2025, 6, 30))
    for id_number in crowd.id_numbers:
        assert id_number.startswith("159901")
        assert validate_id_number(id_number, today=date(2025, 6, 30)) == id_number
        age = 2025 - int(id_number[6:10])
        assert 17 <= age <= 86
    for phone in crowd.phones:
        assert phone.startswith(PHONE_BLOCK) and not phone.startswith(STAFF_PHONE_BLOCK)
        assert validate_phone(phone) == phone
    assert any("·" in n for n in crowd.names)
    assert len(set(crowd.names)) > 1000
    assert staff_phone(42) == "17000000042"
    again = make_people(np.random.default_rng(1), 5000, today=date(2025, 6, 30))
    assert again == crowd


def _plan(seed: int, n: int = 3000):
    codes = [s.code for s in load_seed() if s.parent_code]
    grids = [GridInfo(i + 1, (GridKind.COMMUNITY, GridKind.RURAL)[i % 2], 500 + i, i % 3)
             for i in range(30)]  # fmt: skip
    return codes, make_plan(np.random.default_rng(seed), n, date(2025, 2, 1), WorkCalendar(),
                            codes, grids, [2, 3, 4])  # fmt: skip


def test_plan_is_ordered_seasonal_and_deterministic():
    codes, plan = _plan(3)
    assert np.all(np.diff(plan.received_us) >= 0)
    repeats = np.flatnonzero(plan.repeat_of >= 0)
    assert len(repeats) > 0
    assert np.all(plan.repeat_of[repeats] < repeats)
    assert np.all(plan.category[repeats] == plan.category[plan.repeat_of[repeats]])
    assert np.all(plan.repeat_of[plan.repeat_of[repeats]] == -1)  # linked to the root
    # Heating complaints come in winter: the history ends on 1 February.
    heating = codes.index("0601")
    assert np.mean(plan.category == heating) > 0.05
    _, same = _plan(3)
    assert all(np.array_equal(getattr(plan, f), getattr(same, f))
               for f in ("received_us", "category", "channel", "grid", "repeat_of"))  # fmt: skip


def test_seed_file_has_the_statutory_rules():
    seeds = {s.code: s for s in load_seed()}
    petition = {r.clock: r for r in seeds["08"].rules}
    assert (petition["accept"].amount, petition["accept"].unit) == (15, "day")
    assert (petition["resolve"].amount, petition["resolve"].start) == (60, "accept")
    labour = {r.clock: r for r in seeds["0103"].rules}
    assert (labour["resolve"].amount, labour["resolve"].start) == (15, "register")
    hotline = {r.clock: r for r in seeds["06"].rules}
    assert (hotline["sign"].amount, hotline["sign"].unit) == (1, "workday")
    assert (hotline["resolve"].amount, hotline["resolve"].start) == (5, "dispatch")
    assert all(s.is_dispute == s.code.startswith("01") for s in seeds.values())
    assert {"01", "02", "03", "04", "05", "06", "07", "08"} <= set(seeds)


def test_demo_strings_need_no_copy_escaping():
    """COPY text is built without escaping: no pool may hold a tab, newline or backslash."""
    from desktop.demo import names, org, texts

    pools = [v for v in vars(texts).values() if isinstance(v, tuple)]
    pools += [s for pair in texts.CASE_TEXTS.values() for item in pair for s in item]
    pools += [v for v in vars(names).values() if isinstance(v, tuple)]
    pools += [d[1] for d in org.DEPARTMENTS] + [w[0] for w in org.COUNTY_WINDOWS]
    strings = [s for p in pools for s in (p if isinstance(p, tuple) else (p,))
               if isinstance(s, str)]  # fmt: skip
    assert strings
    assert not [s for s in strings if any(ch in s for ch in "\t\n\r\\")]


# ---- the simulation ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A small county's World, made by desktop.demo.build's own steps (PostgreSQL's text
    datetimes; tests switch to SQLite's integers with dataclasses.replace)."""
    from desktop.db.engine import make_engine
    from desktop.db.migrate import upgrade
    from desktop.demo import build
    from desktop.demo.bulk import BulkLoader
    from desktop.demo.geography import generate_county

    options = build.DemoOptions(seed=5, today=date(2025, 6, 30), cases=2000, grids=20)
    county = generate_county(options.seed, **build.county_sizes(options.grids))
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('world') / 'world.sqlite'}")
    try:
        upgrade(engine)
        with engine.connect() as conn, conn.begin():
            made = build._reference(conn, BulkLoader(conn), options, options.today, county, {}, {})
    finally:
        engine.dispose()
    return dataclasses.replace(made, integer_times=False)


def _copy_text(rows: list[tuple]) -> bytes:
    """COPY text of tuples, value by value (no escaping: the demo's pools hold no tab,
    newline or backslash)."""
    return "".join("\t".join("\\N" if v is None else str(v) for v in row) + "\n"
                   for row in rows).encode()  # fmt: skip


def test_copy_lines_are_copy_text_of_the_rows(world):
    rows, copy = CaseSimulator(world), CaseSimulator(world, copy=True)
    for k in range(world.plan.chunk_count):
        expected = [(name, columns, _copy_text(data), len(data))
                    for name, columns, data in rows.run_chunk(k).tables()]  # fmt: skip
        assert copy.run_chunk(k).as_copy_text().payloads == expected, k


def test_a_chunk_depends_only_on_the_world_and_its_number(world):
    world = dataclasses.replace(world, integer_times=True)
    last = world.plan.chunk_count - 1
    alone = CaseSimulator(world).run_chunk(last)
    busy = CaseSimulator(world)
    for k in range(world.plan.chunk_count):
        rows = busy.run_chunk(k)
    assert rows == alone
    assert all(isinstance(r[18], int) for r in rows.cases)  # received_at as integer µs


def test_day_deadlines_are_deadline_math():
    math = DeadlineMath(WorkCalendar({date(2025, 10, 11): True}))
    remembered = DayDeadlines(math)
    rnd = random.Random(3)
    for _ in range(5000):
        start = 1_735_660_800 * US + rnd.randrange(0, 400 * 86_400) * US + rnd.choice(
            [0, rnd.randrange(US)])  # fmt: skip
        amount, unit = rnd.choice([1, 3, 5, 15, 60]), rnd.choice(list(DeadlineUnit))
        assert remembered.deadline(start, amount, unit) == math.deadline(start, amount, unit)


def test_case_points_lie_in_their_grids(world):
    points = GridPoints(world.places)
    grids = [k % len(world.places) for k in range(4000)]
    lats, lngs = points.sample(np.random.default_rng(2), grids)
    polygons = [shape(p.boundary) for p in world.places]
    for grid, lat, lng in zip(grids, lats, lngs, strict=True):
        assert polygons[grid].covers(Point(lng, lat)), grid
    counts = np.bincount(grids, minlength=len(world.places))  # every grid drew its share
    assert len(set(zip(lats, lngs, strict=True))) == len(grids) and counts.min() > 0


def test_people_act_in_office_hours(world):
    sim = CaseSimulator(world)
    sim.run_chunk(0)
    rnd = random.Random(4)
    start = int(world.plan.received_us[0])
    for _ in range(3000):  # also before the plan and long after it (the tables grow)
        t = start + rnd.randrange(-30 * 86_400 * US, 1200 * 86_400 * US)
        at = sim._office(t)
        local = datetime.fromtimestamp(at / US, tz=UTC) + timedelta(hours=8)
        assert at >= t - t % US and at % US == 0
        assert world.calendar.is_workday(local.date())
        assert (8, 30) <= (local.hour, local.minute) and local.hour < 18
        if at > t - t % US:  # it waited: for the next opening, never past one
            assert local.hour < 10
