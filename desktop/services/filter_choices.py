"""What a case filter bar offers: categories as a tree, the streets in scope, a street's grids."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Category, Grid, Jurisdiction
from desktop.domain.enums import JurisdictionLevel
from desktop.domain.principal import Principal


@dataclass(frozen=True)
class Choice:
    id: int
    name: str
    parent_id: int | None = None


@dataclass(frozen=True)
class FilterChoices:
    categories: tuple[Choice, ...]  # parents first, each followed by its children
    streets: tuple[Choice, ...]  # the township-level places the principal may list


def _streets(session: Session, principal: Principal) -> list[Choice]:
    level = JurisdictionLevel(principal.jurisdiction_level)
    township = Jurisdiction.level == str(JurisdictionLevel.TOWNSHIP)
    if level == JurisdictionLevel.TOWNSHIP:
        where = Jurisdiction.id == principal.jurisdiction_id
    elif level == JurisdictionLevel.VILLAGE:
        parent = select(Jurisdiction.parent_id).where(Jurisdiction.id == principal.jurisdiction_id)
        where = Jurisdiction.id == parent.scalar_subquery()
    elif level == JurisdictionLevel.COUNTY:
        where = Jurisdiction.parent_id == principal.jurisdiction_id
    else:
        counties = select(Jurisdiction.id).where(
            Jurisdiction.parent_id == principal.jurisdiction_id
        )
        where = Jurisdiction.parent_id.in_(counties)
    stmt = select(Jurisdiction.id, Jurisdiction.name).where(township, where)
    return [Choice(r.id, r.name) for r in session.execute(stmt.order_by(Jurisdiction.code))]


def category_choices(session: Session) -> tuple[Choice, ...]:
    """The category tree in code order: each parent followed by its children."""
    rows = session.execute(
        select(Category.id, Category.name, Category.parent_id).order_by(Category.code)
    ).all()
    parents = [r for r in rows if r.parent_id is None]
    ordered: list[Choice] = []
    for parent in parents:
        ordered.append(Choice(parent.id, parent.name))
        ordered += [Choice(r.id, r.name, r.parent_id) for r in rows if r.parent_id == parent.id]
    return tuple(ordered)


def filter_choices(*, session: Session, principal: Principal) -> FilterChoices:
    return FilterChoices(categories=category_choices(session),
                         streets=tuple(_streets(session, principal)))  # fmt: skip


def street_grids(*, session: Session, principal: Principal, street_id: int) -> tuple[Choice, ...]:
    """The grids (not micro-grids) of a street the principal may list; none for another's."""
    if street_id not in {s.id for s in _streets(session, principal)}:
        return ()
    villages = select(Jurisdiction.id).where(Jurisdiction.parent_id == street_id)
    stmt = (
        select(Grid.id, Grid.name)
        .where(Grid.village_id.in_(villages), Grid.parent_id.is_(None))
        .order_by(Grid.code)
    )
    return tuple(Choice(r.id, r.name) for r in session.execute(stmt))
