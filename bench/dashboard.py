"""The 工作台's live figures: all six tiles and four charts together, on a demo county.

    .venv/bin/python bench/dashboard.py                      # 1,000,000 cases, both backends
    .venv/bin/python bench/dashboard.py --cases 100000 --backend sqlite
    .venv/bin/python bench/dashboard.py --db sqlite:///path/demo.sqlite --backend sqlite

As the county supervisor (who sees every case), through
desktop.services.dashboard_figures.dashboard_figures: what the dashboard counts at start,
a moment after other seats change cases, and every minute. Each figure is the median of
several runs after a warm-up; the drill-down behind the overdue tile is timed too. "Now" is
17:00 on the demo's last day (its build record says which), so every range holds cases.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import common
from common import arguments, demo_database, figure, median, timed
from sqlalchemy import select

from desktop.clock import local_midnight
from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import User
from desktop.services.accounts import principal_for
from desktop.services.dashboard_figures import Target, Tile, dashboard_figures, target_ids
from desktop.services.meta import get_value


def demo_now(session) -> datetime:
    """17:00 on the demo's last day: the figures of a working afternoon, whatever today is."""
    built = json.loads(get_value(session, "demo_build") or "{}")
    day = date.fromisoformat(built["today"]) if "today" in built else common.TODAY
    return local_midnight(day) + timedelta(hours=17)


def measure(backend: str, url: str, runs: int) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    try:
        with factory() as session:
            user = session.scalars(select(User).where(User.username == "supervisor")).one()
            who = principal_for(session, user)
            now = demo_now(session)
            result = {}

            def count():
                result["figures"] = dashboard_figures(session=session, principal=who, now=now)

            figure(f"{backend} dashboard figures", median(timed(count, runs)), "ms")
            figs = result["figures"]
            overdue = figs.tiles[Tile.OVERDUE].value
            figure(f"{backend} dashboard open cases", figs.tiles[Tile.OPEN].value)
            figure(f"{backend} dashboard overdue", overdue)

            def drill():
                target_ids(session=session, principal=who, target=Target(Tile.OVERDUE),
                           now=figs.now)  # fmt: skip

            figure(f"{backend} dashboard overdue drill-down", median(timed(drill, runs)), "ms")
    finally:
        engine.dispose()


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], cases=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for backend in args.backend or ("sqlite", "postgresql"):
        with demo_database(backend, args) as url:
            measure(backend, url, args.runs)


if __name__ == "__main__":
    main()
