"""The hand-made county of the db tests (tests/db/world.py) in a file the UI opens, with a
few cases placed around the real "now" for the case view tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop.db.engine import make_engine, make_session_factory
from desktop.domain.enums import Channel, PartyRole
from desktop.services import workflow
from desktop.services.intake import NewCase, NewParty, register_case
from tests.db.world import World, build_world


@dataclass(frozen=True)
class CaseWorld:
    url: str
    world: World
    registered: int  # 登记, 待受理
    accepted: int  # 已受理, 待分流


def build(url: str) -> CaseWorld:
    engine = make_engine(url)
    try:
        with make_session_factory(engine).begin() as session:
            world = build_world(session)
            p = world.principals
            now = datetime.now(UTC) - timedelta(hours=2)

            registered = new_case(session, world, "供暖不热", now)
            accepted = new_case(session, world, "楼道堆放杂物", now)
            workflow.accept(session=session, principal=p["desk"], case_id=accepted, now=now)
    finally:
        engine.dispose()
    return CaseWorld(url, world, registered, accepted)


def new_case(session, world: World, title: str, now: datetime | None = None) -> int:
    """A case registered at the desk in 东城 with one applicant (a demo-block phone)."""
    return register_case(
        session=session,
        principal=world.principals["desk"],
        now=now or datetime.now(UTC) - timedelta(hours=1),
        new=NewCase(
            title=title,
            channel=Channel.WALK_IN,
            category_id=world.ids["livelihood"],
            grid_id=world.ids["east_grid"],
            address="幸福路8号",
            description="小区供暖不热，多次反映未解决",
            parties=(NewParty(PartyRole.APPLICANT, "巴特尔·朝鲁", phone="17000001234"),),
        ),
    ).case_id
