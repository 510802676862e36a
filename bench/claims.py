"""Claiming the next case (领取下一件) with 16 seats at once on PostgreSQL.

    .venv/bin/python bench/claims.py                       # 200,000 cases, 16 claimers, 20 s
    .venv/bin/python bench/claims.py --cases 20000 --seconds 5

Sixteen processes, each a different desk user of the county, call
desktop.services.claims.claim_next in a loop, one transaction per claim, for --seconds.
Afterwards every claim a seat was told it got is checked against the database: a claim whose
case now belongs to someone else is a double claim. The same run with claim_next_naive
(select, then update) is the control; it prints `inconclusive` if it shows no doubles.

So that sixteen seats cannot empty the queue, the benchmark first puts half of the demo's
closed cases back to 待受理 (status registered) — in its own throwaway database only.

Before the partial index ix_cases_unclaimed the claim query walked ix_cases_received past
every claimed case (16,665 rows after 6,911 claims, 8.7 ms a claim: 346 claims/s, p99 108 ms);
with it, about 0.5 ms a claim in the server.
"""

from __future__ import annotations

import multiprocessing
import time

from common import arguments, demo_database, figure
from sqlalchemy import insert, select, text, update

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Case, Jurisdiction, User, UserRole
from desktop.domain.enums import JurisdictionLevel, NamedQueue, Role
from desktop.domain.principal import Principal
from desktop.services import claims
from desktop.services.meta import clock_for

CLAIMERS = 16
QUEUE = NamedQueue.PENDING_ACCEPT


def prepare(url: str) -> list[Principal]:
    """Sixteen desk users at the county, and a queue long enough for the run."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            county = conn.scalar(select(Jurisdiction.id).where(
                Jurisdiction.level == JurisdictionLevel.COUNTY))  # fmt: skip
            hashed = conn.scalar(select(User.password_hash).limit(1))
            created = conn.scalar(select(User.created_at).limit(1))
            top = conn.scalar(select(User.id).order_by(User.id.desc()).limit(1))
            principals = []
            for k in range(CLAIMERS):
                uid = top + 1 + k
                name = f"bench.seat{k + 1}"
                conn.execute(insert(User).values(
                    id=uid, username=name, display_name=name, password_hash=hashed,
                    jurisdiction_id=county, must_change_password=False, created_at=created,
                    failed_attempts=0, active=True))  # fmt: skip
                conn.execute(
                    insert(UserRole),
                    [
                        {"user_id": uid, "role": str(Role.DESK)},
                        {"user_id": uid, "role": str(Role.DISPATCHER)},
                    ],
                )
                principals.append(
                    Principal(
                        uid,
                        name,
                        name,
                        frozenset({Role.DESK, Role.DISPATCHER}),
                        county,
                        JurisdictionLevel.COUNTY,
                    )
                )
            conn.execute(update(Case).where(Case.status == "closed", Case.id % 2 == 0)
                         .values(status="registered"))  # fmt: skip
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT setval(pg_get_serial_sequence('users', 'id'), "
                                  "(SELECT max(id) FROM users))"))  # fmt: skip
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM ANALYZE cases"
                )
        return principals
    finally:
        engine.dispose()


def _seat(args) -> list[tuple[int, float]]:
    url, principal, naive, start_at, seconds = args
    engine = make_engine(url)
    factory = make_session_factory(engine)
    claim = claims.claim_next_naive if naive else claims.claim_next
    got: list[tuple[int, float]] = []
    try:
        with factory() as session:
            now = clock_for(session).now()
        while time.time() < start_at:
            time.sleep(0.001)
        stop = start_at + seconds
        while time.time() < stop:
            began = time.perf_counter()
            with factory.begin() as session:
                case_id = claim(session=session, principal=principal, queue=QUEUE, now=now)
            if case_id is None:
                break
            got.append((case_id, (time.perf_counter() - began) * 1000))
    finally:
        engine.dispose()
    return got


def run(url: str, principals: list[Principal], *, naive: bool, seconds: float):
    """(claims, latencies in ms, double claims verified against the database)."""
    engine = make_engine(url)
    with engine.begin() as conn:  # every run starts from an unclaimed queue
        conn.execute(update(Case).where(Case.claimed_by_id.is_not(None))
                     .values(claimed_by_id=None, claimed_at=None))  # fmt: skip
    start_at = time.time() + 3
    context = multiprocessing.get_context("fork")
    with context.Pool(CLAIMERS) as pool:
        results = pool.map(_seat, [(url, p, naive, start_at, seconds) for p in principals])
    claimed = [(case_id, p.user_id) for p, got in zip(principals, results, strict=True)
               for case_id, _ in got]  # fmt: skip
    latencies = sorted(ms for got in results for _, ms in got)
    holder = {}
    with engine.connect() as conn:
        ids = sorted({case_id for case_id, _ in claimed})
        for start in range(0, len(ids), 10_000):
            chunk = ids[start : start + 10_000]
            rows = conn.execute(select(Case.id, Case.claimed_by_id).where(Case.id.in_(chunk)))
            holder.update((case_id, user) for case_id, user in rows)
    engine.dispose()
    doubles = sum(1 for case_id, user in claimed if holder.get(case_id) != user)
    return len(claimed), latencies, doubles


def explain(url: str, principal: Principal) -> None:
    """The claim statement's plan after a run (EXPLAIN ANALYZE, rolled back)."""
    from sqlalchemy.dialects import postgresql

    from desktop.services.claims import _candidates

    engine = make_engine(url)
    factory = make_session_factory(engine)
    try:
        with factory() as session:
            now = clock_for(session).now()
            pick = _candidates(session, principal, QUEUE, now).limit(1)
            pick = pick.with_for_update(skip_locked=True, of=Case)
            sql = str(pick.compile(dialect=postgresql.dialect(),
                                   compile_kwargs={"literal_binds": True}))  # fmt: skip
            for (line,) in session.execute(text("EXPLAIN ANALYZE " + sql)):
                print(f"  plan: {line}")
            session.rollback()
    finally:
        engine.dispose()


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], cases=200_000, backends=("postgresql",))
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--explain", action="store_true", help="print the claim query's plan")
    args = parser.parse_args()
    with demo_database("postgresql", args) as url:
        principals = prepare(url)
        count, latencies, doubles = run(url, principals, naive=False, seconds=args.seconds)
        figure("claimers", CLAIMERS, "processes")
        figure("claims", count, "claims")
        figure("claims per second", count / args.seconds, "claims/s")
        if latencies:
            figure("claim latency p50", latencies[len(latencies) // 2], "ms")
            figure(
                "claim latency p99",
                latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
                "ms",
            )
        figure("double claims", doubles)
        if args.explain:
            explain(url, principals[0])
        naive_count, naive_latencies, naive_doubles = run(
            url, principals, naive=True, seconds=args.seconds
        )
        figure("naive claims per second", naive_count / args.seconds, "claims/s")
        if naive_doubles:
            figure("naive double claims", naive_doubles)
        else:
            print("naive double claims: inconclusive")


if __name__ == "__main__":
    main()
