"""Seeding the category taxonomy and its deadline rules: complete, idempotent, non-destructive."""

from __future__ import annotations

from sqlalchemy import func, select, update

from desktop.db.models import Category, DeadlineRule
from desktop.domain.enums import ClockKind
from desktop.services.catalog import load_seed, seed_catalog
from desktop.services.deadlines import rule_for


def test_seed_catalog_is_idempotent_and_keeps_admin_edits(session_factory):
    seeds = load_seed()
    with session_factory.begin() as session:
        first = seed_catalog(session)
    assert first.categories_added == len(seeds)
    assert first.rules_added == sum(len(s.rules) for s in seeds)
    with session_factory.begin() as session:
        labour = session.scalar(select(Category.id).where(Category.code == "0103"))
        session.execute(update(Category).where(Category.id == labour).values(name="劳动争议"))
        session.execute(
            update(DeadlineRule)
            .where(DeadlineRule.category_id == labour, DeadlineRule.clock == ClockKind.RESOLVE)
            .values(amount=20)
        )
    with session_factory.begin() as session:
        again = seed_catalog(session)
        assert (again.categories_added, again.rules_added) == (0, 0)
        assert session.scalar(select(func.count()).select_from(Category)) == len(seeds)
        assert session.get(Category, labour).name == "劳动争议"
        assert rule_for(session, labour, ClockKind.RESOLVE) == ("register", 20, "day")


def test_children_inherit_their_parents_rules(session_factory):
    with session_factory.begin() as session:
        seed_catalog(session)
        ids = dict(session.execute(select(Category.code, Category.id)).all())
        parents = dict(session.execute(select(Category.code, Category.parent_id)).all())
        assert parents["0601"] == ids["06"] and parents["06"] is None
        assert rule_for(session, ids["0601"], ClockKind.SIGN) == ("dispatch", 1, "workday")
        assert rule_for(session, ids["0801"], ClockKind.ACCEPT) == ("register", 15, "day")
        assert rule_for(session, ids["0102"], ClockKind.RESOLVE) == ("accept", 30, "day")
        assert rule_for(session, ids["0102"], ClockKind.ACCEPT) == ("register", 3, "workday")
        disputes = session.scalars(select(Category.code).where(Category.is_dispute)).all()
        assert set(disputes) == {s.code for s in load_seed() if s.code.startswith("01")}
