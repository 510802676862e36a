"""The demo county: what it writes is a legal, plausible, synthetic training database."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
import shapely
from shapely.geometry import Point, shape
from sqlalchemy import func, insert, select, text

from desktop.cli import main
from desktop.db.engine import make_engine
from desktop.db.migrate import upgrade
from desktop.db.models import (
    AppMeta,
    Case,
    CaseCounter,
    CaseEvent,
    CaseParty,
    CaseTask,
    Category,
    Center,
    Grid,
    Jurisdiction,
    User,
    UserRole,
)
from desktop.db.models.meta import KIND_KEY
from desktop.demo.build import DemoOptions, build_demo
from desktop.demo.org import DEMO_PASSWORD, FAMOUS_USERS
from desktop.demo.people import PHONE_BLOCK
from desktop.domain.enums import EventKind, JurisdictionLevel, Role, Status
from desktop.domain.identity import validate_id_number, validate_phone
from desktop.domain.workflow import INTAKE_ROLES, RULES
from desktop.errors import GovDeskError
from desktop.services.accounts import authenticate

TODAY = date(2025, 6, 30)
SMALL = DemoOptions(seed=7, today=TODAY, cases=800, grids=60)
E, S = EventKind, Status


@pytest.fixture
def demo(db_url):
    result = build_demo(db_url, SMALL)
    assert result.built and result.reason == "built"
    return db_url


def _rows(url: str, stmt):
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(stmt).all()
    finally:
        engine.dispose()


# ---- the map ---------------------------------------------------------------------------


def test_grids_tile_their_villages_without_overlap(demo):
    grids = _rows(demo, select(Grid.id, Grid.village_id, Grid.parent_id, Grid.boundary))
    villages = dict(_rows(demo, select(Jurisdiction.id, Jurisdiction.boundary).where(
        Jurisdiction.level == JurisdictionLevel.VILLAGE)))  # fmt: skip
    top = [g for g in grids if g.parent_id is None]
    assert len(top) == 60
    assert all(g.village_id in villages for g in grids)
    polys = [shape(json.loads(g.boundary)) for g in top]
    assert all(p.is_valid and p.area > 0 for p in polys)
    union = shapely.union_all(polys)
    # No overlap: the parts add up to the union (up to float noise on shared edges).
    assert sum(p.area for p in polys) == pytest.approx(union.area, rel=1e-9)
    by_village = defaultdict(list)
    for g, p in zip(top, polys, strict=True):
        by_village[g.village_id].append(p)
    for vid, parts in by_village.items():
        village = shape(json.loads(villages[vid]))
        assert shapely.union_all(parts).symmetric_difference(village).area < 1e-9 * village.area
    micro = defaultdict(list)
    for g in grids:
        if g.parent_id is not None:
            micro[g.parent_id].append(shape(json.loads(g.boundary)))
    parents = {g.id: p for g, p in zip(top, polys, strict=True)}
    for gid, parts in micro.items():
        assert sum(p.area for p in parts) == pytest.approx(parents[gid].area, rel=1e-9)


def test_every_case_lies_in_its_grid_and_its_tree(demo):
    grids = {g.id: g for g in _rows(demo, select(Grid.id, Grid.village_id, Grid.boundary))}
    parent = dict(_rows(demo, select(Jurisdiction.id, Jurisdiction.parent_id)))
    cases = _rows(
        demo,
        select(
            Case.id,
            Case.lat,
            Case.lng,
            Case.grid_id,
            Case.village_id,
            Case.street_id,
            Case.county_id,
        ),
    )
    assert len(cases) == SMALL.cases
    polys = {gid: shape(json.loads(g.boundary)) for gid, g in grids.items()}
    for c in cases:
        assert polys[c.grid_id].covers(Point(c.lng, c.lat)), c.id
        assert grids[c.grid_id].village_id == c.village_id
        assert parent[c.village_id] == c.street_id
        assert parent[c.street_id] == c.county_id


# ---- the histories -----------------------------------------------------------------------

# Steps the services take that are not user actions of workflow.RULES.
_REGISTER = E.REGISTER.value
_SIDE_STEPS = {
    E.REOPEN.value: ({S.RESOLVED.value}, INTAKE_ROLES),  # 回访 不满意 reopens
    E.CLOSE_WITH_ORIGINAL.value: ({S.REGISTERED.value, S.ACCEPTED.value}, INTAKE_ROLES),
    E.RAISE_RISK.value: (set(Status), INTAKE_ROLES),
}


def test_every_history_is_legal_under_the_workflow(demo):
    roles = defaultdict(set)
    for uid, role in _rows(demo, select(UserRole.user_id, UserRole.role)):
        roles[uid].add(Role(role))
    events = _rows(demo, select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.seq))
    cases = {c.id: c for c in _rows(demo, select(Case))}
    by_case = defaultdict(list)
    for e in events:
        by_case[e.case_id].append(e)
    assert set(by_case) == set(cases)
    for case_id, timeline in by_case.items():
        case = cases[case_id]
        assert [e.seq for e in timeline] == list(range(1, len(timeline) + 1))
        assert timeline[0].kind == _REGISTER and timeline[0].to_status == S.REGISTERED
        status = S.REGISTERED.value
        for prev, e in zip(timeline, timeline[1:], strict=False):
            assert e.at >= prev.at, (case_id, e.seq)
            assert e.at.microsecond == 0, (case_id, e.seq)  # people act to the second
            if e.kind in _SIDE_STEPS:
                allowed, who = _SIDE_STEPS[e.kind]
            else:
                rule = RULES[EventKind(e.kind)]
                allowed, who = {s.value for s in rule.from_statuses}, rule.roles
                if rule.to_status is not None and e.to_status is not None:
                    assert e.to_status == rule.to_status, (case_id, e.seq)
            if e.kind == E.FOLLOW_UP and e.to_status is None:  # 不满意: reopened at once
                assert json.loads(e.data)["reopen"] is True
                assert timeline[e.seq].kind == E.REOPEN, (case_id, e.seq)
            assert status in allowed, (case_id, e.seq, e.kind, status)
            assert roles[e.actor_id] & who, (case_id, e.seq, e.kind)
            if e.from_status is not None:
                assert e.from_status == status, (case_id, e.seq)
                status = e.to_status
        assert case.status == status, case_id
        assert case.updated_at == timeline[-1].at
        resolved = [e.at for e in timeline if e.to_status == S.RESOLVED]
        if case.repeat_of_id is None:
            assert case.first_resolved_at == (resolved[0] if resolved else None), case_id
        if case.status in (S.RESOLVED, S.CLOSED):
            assert case.result is not None and case.clock is None
        if case.status == S.CLOSED:  # a later repeat may still raise a closed case's risk
            assert case.closed_at == [e.at for e in timeline if e.to_status == S.CLOSED][-1]


def test_tasks_agree_with_their_cases(demo):
    tasks = _rows(demo, select(CaseTask))
    cases = {c.id: c for c in _rows(demo, select(Case.id, Case.status))}
    by_case = defaultdict(list)
    for t in tasks:
        by_case[t.case_id].append(t)
        assert t.dispatched_at <= (t.signed_at or t.dispatched_at)
        if t.status in ("dispatched", "in_progress"):
            assert t.finished_at is None and t.due_at is not None and t.warn_at <= t.due_at
    for case_id, ts in by_case.items():
        active_leads = [
            t for t in ts if t.role == "lead" and t.status in ("dispatched", "in_progress")
        ]
        assert len(active_leads) <= 1
        if cases[case_id].status in (S.DISPATCHED, S.IN_PROGRESS):
            assert len(active_leads) == 1, case_id


def test_the_mix_looks_like_a_real_center(db_url):
    """The figures a trainer shows look like the seeds' counties (E1): 化解率 about 84 %,
    调解成功率 about 99 %, 满意率 98–99 %, a mostly recent backlog, few overdue cases."""
    build_demo(db_url, DemoOptions(seed=7, today=TODAY, cases=4000, grids=60))
    end = datetime(2025, 6, 29, 16, tzinfo=UTC)  # 00:00 China time on TODAY
    demo = db_url
    cases = _rows(demo, select(
        Case.received_at, Case.first_resolved_at, Case.status, Case.due_at, Case.result,
        Case.repeat_of_id, Category.code).join(Category))  # fmt: skip
    first = min(c.received_at for c in cases)
    assert date(2024, 5, 30) <= (first + timedelta(hours=8)).date() <= date(2024, 6, 5)  # 13 months

    disputes = [c.result for c in cases if c.code.startswith("01") and c.first_resolved_at]
    settled = sum(r in ("mediated", "solved") for r in disputes) / len(disputes)
    assert 0.81 <= settled <= 0.87
    mediated, failed = (sum(c.result == r for c in cases) for r in ("mediated", "mediation_failed"))
    assert 0.975 <= mediated / (mediated + failed) <= 1.0
    follow = [json.loads(d)["satisfaction"] for (d,) in _rows(demo, select(CaseEvent.data).where(
        CaseEvent.kind == E.FOLLOW_UP))]  # fmt: skip
    happy = sum(s in ("satisfied", "basically") for s in follow) / len(follow)
    assert 0.98 <= happy <= 0.995

    still_open = [c for c in cases if c.status not in ("resolved", "closed", "rejected")]
    recent = [c for c in still_open if c.received_at >= end - timedelta(days=30)]
    overdue = [c for c in still_open if c.due_at is not None and c.due_at < end]
    assert 0.01 <= len(still_open) / len(cases) <= 0.05
    assert len(recent) >= 0.7 * len(still_open)
    assert 0 < len(overdue) <= 0.25 * len(still_open)

    kinds = {k for (k,) in _rows(demo, select(CaseEvent.kind).distinct())}
    assert {
        "dispatch",
        "sign",
        "resolve",
        "follow_up",
        "merge",
        "return",
        "recall",
        "request_extension",
        "approve_extension",
        "report",
        "resolve_on_spot",
        "supervise",
    } <= kinds
    assert any(c.repeat_of_id for c in cases)


def test_numbers_and_counters(demo):
    numbers = _rows(demo, select(Case.number, Center.id, Center.short_name).join(
        Center, Center.id == Case.center_id))  # fmt: skip
    last = defaultdict(int)
    for number, center_id, short in numbers:
        prefix, year, serial = number.rsplit("-", 2)
        assert prefix == short and len(serial) == 6
        last[(center_id, int(year))] = max(last[(center_id, int(year))], int(serial))
    counters = {(c.center_id, c.year): c.last_number for c in _rows(demo, select(CaseCounter))}
    assert counters == dict(last)


# ---- the people ------------------------------------------------------------------------


def test_people_are_synthetic(demo):
    parties = _rows(demo, select(CaseParty.name, CaseParty.phone, CaseParty.id_number))
    assert parties
    for name, phone, id_number in parties:
        assert name
        if id_number is not None:
            assert validate_id_number(id_number, today=TODAY) == id_number
            assert id_number.startswith("159901")
        if phone is not None:
            assert validate_phone(phone) == phone and phone.startswith(PHONE_BLOCK)
    names = [p.name for p in parties]
    assert any("·" in n for n in names)  # Mongolian names with the middle dot
    assert any(ord(ch) > 0xFFFF or 0x3400 <= ord(ch) <= 0x4DBF for n in names for ch in n)
    phones = _rows(
        demo,
        text(
            "SELECT phone FROM grid_members UNION ALL SELECT phone FROM staff "
            "UNION ALL SELECT phone FROM centers"
        ),
    )
    assert all(p.startswith(PHONE_BLOCK) and validate_phone(p) == p for (p,) in phones)


# ---- the database around it ------------------------------------------------------------


def test_stamped_training_and_accounts_log_in(demo):
    engine = make_engine(demo)
    try:
        with engine.begin() as conn:
            from sqlalchemy.orm import Session

            session = Session(bind=conn)
            assert session.scalar(select(AppMeta.value).where(AppMeta.key == KIND_KEY)) == (
                "training"
            )
            for username in FAMOUS_USERS:
                login = authenticate(session=session, username=username, password=DEMO_PASSWORD)
                assert not login.must_change_password
            street = authenticate(session=session, username="street", password=DEMO_PASSWORD)
            assert street.principal.jurisdiction_level == JurisdictionLevel.TOWNSHIP
            dept = authenticate(session=session, username="dept", password=DEMO_PASSWORD)
            assert dept.principal.department_id is not None
            assert Role.DEPARTMENT in dept.principal.roles
            session.close()
    finally:
        engine.dispose()


def test_refuses_a_database_with_real_data(db_url):
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(Jurisdiction).values(code="150207000000", name="九原区", level="county")
            )
    finally:
        engine.dispose()
    with pytest.raises(GovDeskError) as err:
        build_demo(db_url, DemoOptions(seed=1, today=TODAY, cases=50, grids=20))
    assert err.value.code == "demo.not_training"
    assert _rows(db_url, select(func.count()).select_from(Jurisdiction))[0][0] == 1
    assert _rows(db_url, select(func.count()).select_from(Case))[0][0] == 0


def test_refuses_a_production_stamp(db_url):
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(insert(AppMeta).values(key=KIND_KEY, value="production"))
    finally:
        engine.dispose()
    with pytest.raises(GovDeskError, match="demo.not_training"):
        build_demo(db_url, DemoOptions(seed=1, today=TODAY, cases=50, grids=20))


def test_reset_and_if_missing(db_url):
    small = DemoOptions(seed=3, today=TODAY, cases=150, grids=20)
    assert build_demo(db_url, small).reason == "built"
    first = _rows(db_url, select(Case.title).order_by(Case.id))
    assert build_demo(db_url, small).reason == "exists"
    assert build_demo(db_url, DemoOptions(**{**small.__dict__, "if_missing": True})).reason == (
        "complete"
    )
    other = DemoOptions(seed=4, today=TODAY, cases=120, grids=20, reset=True)
    assert build_demo(db_url, other).reason == "built"
    again = _rows(db_url, select(Case.title).order_by(Case.id))
    assert len(again) == 120 and again != first[:120]
    assert _rows(db_url, select(func.count()).select_from(User))[0][0] == len(
        _rows(db_url, select(User.username).distinct())
    )


def _snapshot(url: str) -> dict[str, list[tuple]]:
    tables = {
        "cases": select(Case).order_by(Case.id),
        "events": select(CaseEvent).order_by(CaseEvent.id),
        "tasks": select(CaseTask).order_by(CaseTask.id),
        "parties": select(CaseParty).order_by(CaseParty.id),
        "grids": select(Grid).order_by(Grid.id),
        "users": select(
            User.id, User.username, User.display_name, User.jurisdiction_id, User.department_id
        ).order_by(User.id),
    }
    return {name: [tuple(r) for r in _rows(url, stmt)] for name, stmt in tables.items()}


def test_same_seed_and_day_give_the_same_rows(db_url, tmp_path):
    options = DemoOptions(seed=11, today=TODAY, cases=400, grids=30)
    build_demo(db_url, options)
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    build_demo(other, options)
    mine, theirs = _snapshot(db_url), _snapshot(other)
    for name in mine:
        assert mine[name] == theirs[name], name


def test_the_command_line(db_url, capsys):
    code = main(
        [
            "--db",
            db_url,
            "demo",
            "--cases",
            "300",
            "--grids",
            "20",
            "--today",
            "2025-06-30",
            "--seed",
            "5",
            "--months",
            "2",
        ]
    )
    assert code == 0
    received = _rows(db_url, select(func.min(Case.received_at), func.max(Case.received_at)))[0]
    assert received[0] >= datetime(2025, 4, 29, 16, tzinfo=UTC)  # 30 April, China time
    assert received[1] < datetime(2025, 6, 29, 16, tzinfo=UTC)
    out = capsys.readouterr()
    assert "demo1234" in out.out and "street" in out.out
    assert "300/300 cases" in out.err
    assert main(["--db", db_url, "demo", "--cases", "300", "--if-missing"]) == 0
    assert main(["--db", db_url, "demo", "--cases", "300"]) == 1


def test_the_command_line_refuses_real_data(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'real.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(insert(AppMeta).values(key=KIND_KEY, value="production"))
    engine.dispose()
    assert main(["--db", url, "demo", "--cases", "50"]) == 2
    assert "真实数据" in capsys.readouterr().err


def test_worker_processes_give_the_same_rows(db_url, tmp_path):
    """The parallel paths (chunk files on SQLite, COPY text on PostgreSQL) change nothing."""
    options = DemoOptions(seed=12, today=TODAY, cases=300, grids=20)
    build_demo(db_url, DemoOptions(**{**options.__dict__, "workers": 2}))
    single = f"sqlite:///{tmp_path / 'single.sqlite'}"
    build_demo(single, DemoOptions(**{**options.__dict__, "workers": 1}))
    parallel, alone = _snapshot(db_url), _snapshot(single)
    for name in parallel:
        assert parallel[name] == alone[name], name
    state = _rows(db_url, select(AppMeta.key).where(AppMeta.key.in_(["demo_build", KIND_KEY])))
    assert len(state) == 2


def test_the_schema_is_whole_after_the_load(demo):
    """Indexes, keys and foreign keys dropped for the load are back, under their names."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.db.base import Base

    engine = make_engine(demo)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            if conn.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        engine.dispose()


@pytest.mark.parametrize("workers", [1, 2])
def test_an_interrupted_build_is_rebuilt_not_refused(db_url, workers):
    from desktop.demo.build import Cancelled

    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3  # after a few week chunks

    options = DemoOptions(seed=2, today=TODAY, cases=200, grids=20, workers=workers)
    with pytest.raises(Cancelled):
        build_demo(db_url, options, cancel=cancel)
    # Whatever was committed before the cancel is training data, never "real data".
    assert build_demo(db_url, options).reason == "built"
    assert _rows(db_url, select(func.count()).select_from(Case))[0][0] == 200


def test_the_command_line_defaults_to_its_own_training_file(capsys):
    from desktop import settings

    path = settings.data_dir() / "govdesk-demo.sqlite"
    path.unlink(missing_ok=True)
    assert main(["demo", "--cases", "120", "--grids", "20", "--today", "2025-06-30"]) == 0
    assert path.exists()
    assert str(path) in capsys.readouterr().err
    assert not (settings.data_dir() / "govdesk.sqlite").exists()  # the real database untouched
