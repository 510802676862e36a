"""The desk's repeat check and person lookup at intake, on a demo county, as the `desk` user.

    .venv/bin/python bench/repeats.py                      # 1,000,000 cases, both backends
    .venv/bin/python bench/repeats.py --cases 100000 --backend sqlite
    .venv/bin/python bench/repeats.py --db sqlite:///path/demo.sqlite --backend sqlite

Warm, median of several runs: `find_repeats` for a phone match, an ID-number match and a
place match (same category within 200 m, last 30 days), each beside its bare query (the one
statement that finds the matches, executed alone, without the service's Python around it);
and `lookup_person` for the earlier cases of a phone. Subjects are taken from recent cases
of the database itself, so every lookup finds something. Target: each ≤ 50 ms.

Measured at 1,000,000 cases (2-core machine shared with other jobs, load average 11–16,
30 November 2026), SQLite / PostgreSQL, lookup (bare query):
  phone 1.4 (0.08) / 12.4 (0.6) ms; ID number 1.1 (0.09) / 8.9 (2.3) ms;
  place 15.2 (8.5) / 12.0 (4.0) ms; person lookup 0.5 / 7.6 ms.
Before the party match became two steps, SQLite took 59 ms for the phone: it planned
`id IN (parties with that phone)` plus the 30-day range as a walk over 30 days of cases.
"""

from __future__ import annotations

import math

from common import arguments, demo_database, figure, median, timed
from sqlalchemy import func, select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Case, CaseParty, User
from desktop.services.accounts import principal_for
from desktop.services.meta import clock_for
from desktop.services.persons import lookup_person
from desktop.services.repeats import (
    NEARBY_METRES,
    REPEAT_WINDOW,
    RepeatQuery,
    find_repeats,
)
from desktop.services.scoping import visible_condition


def subjects(session, since):
    """A recent applicant's phone and ID number, and a recent case with a point."""
    recent = select(CaseParty.phone, CaseParty.id_number).join(Case, Case.id == CaseParty.case_id)
    recent = recent.where(Case.received_at >= since, CaseParty.phone.is_not(None))
    phone, id_number = session.execute(recent.where(CaseParty.id_number.is_not(None))
                                       .order_by(Case.received_at.desc()).limit(1)).one()  # fmt: skip
    place = session.execute(
        select(Case.category_id, Case.lat, Case.lng, Case.grid_id)
        .where(Case.received_at >= since, Case.lat.is_not(None))
        .order_by(Case.received_at.desc()).limit(1)
    ).one()  # fmt: skip
    return phone, id_number, place


def measure(backend: str, url: str, runs: int) -> None:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            desk = principal_for(
                session, session.scalars(select(User).where(User.username == "desk")).one()
            )
            now = clock_for(session).now()
            since = now - REPEAT_WINDOW
            phone, id_number, place = subjects(session, since)
            visible = visible_condition(desk)
            recent = (Case.received_at >= since, Case.received_at <= now, visible)
            figure(f"{backend} cases", session.scalar(select(func.count()).select_from(Case)))

            def party_bare(column, value):
                held = select(CaseParty.case_id).where(column == value)
                stmt = select(Case.id).where(Case.id.in_(held), *recent)
                return lambda: session.execute(stmt).all()

            dlat = NEARBY_METRES / (math.pi * 6_371_008.8 / 180)
            dlng = dlat / math.cos(math.radians(place.lat))
            near = select(Case.id, Case.lat, Case.lng).where(
                Case.category_id == place.category_id, *recent,
                Case.lat.between(place.lat - dlat, place.lat + dlat),
                Case.lng.between(place.lng - dlng, place.lng + dlng),
            )  # fmt: skip
            checks = {
                "phone": (RepeatQuery(phones=(phone,)), party_bare(CaseParty.phone, phone)),
                "ID number": (
                    RepeatQuery(id_numbers=(id_number,)),
                    party_bare(CaseParty.id_number, id_number),
                ),  # fmt: skip
                "place": (
                    RepeatQuery(
                        category_id=place.category_id, lat=place.lat, lng=place.lng
                    ),  # fmt: skip
                    lambda: session.execute(near).all(),
                ),
            }
            for name, (query, bare) in checks.items():

                def lookup(query=query):
                    return find_repeats(session=session, principal=desk, query=query, now=now)

                found = len(lookup())
                figure(f"{backend} {name} repeat lookup", median(timed(lookup, runs)), "ms")
                figure(f"{backend} {name} bare query", median(timed(bare, runs)), "ms")
                figure(f"{backend} {name} repeat candidates", found)

            def person():
                return lookup_person(session=session, principal=desk, phone=phone)

            figure(f"{backend} person lookup", median(timed(person, runs)), "ms")
            figure(f"{backend} person earlier cases", len(person().cases))
            session.rollback()
    finally:
        engine.dispose()


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], cases=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    for backend in args.backend or ("sqlite", "postgresql"):
        with demo_database(backend, args) as url:
            measure(backend, url, args.runs)


if __name__ == "__main__":
    main()
