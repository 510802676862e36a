"""The category taxonomy and its deadline rules, seeded from resources/seeds/categories.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.db.models import Category, DeadlineRule
from desktop.domain.enums import ClockKind, DeadlineUnit, EventKind
from desktop.paths import resource

SEED_FILE = ("seeds", "categories.toml")


@dataclass(frozen=True)
class RuleSeed:
    clock: ClockKind
    start: EventKind
    amount: int
    unit: DeadlineUnit


@dataclass(frozen=True)
class CategorySeed:
    code: str
    name: str
    parent_code: str | None
    is_dispute: bool
    sort_order: int
    rules: tuple[RuleSeed, ...]


@dataclass(frozen=True)
class SeedResult:
    categories_added: int
    rules_added: int


def load_seed(path: Path | None = None) -> tuple[CategorySeed, ...]:
    """Every category of the seed file, parents before their children, validated."""
    return _load_seed(path or resource(*SEED_FILE))


@cache
def _load_seed(path: Path) -> tuple[CategorySeed, ...]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    seeds: list[CategorySeed] = []
    for order, top in enumerate(data.get("category", []), start=1):
        dispute = bool(top.get("dispute", False))
        seeds.append(_seed(top, None, dispute, order))
        for child_order, child in enumerate(top.get("children", []), start=1):
            if not child["code"].startswith(top["code"]):
                raise ValueError(f"category {child['code']} must start with {top['code']}")
            seeds.append(_seed(child, top["code"], dispute, child_order))
    codes = [s.code for s in seeds]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate category code in the seed file")
    return tuple(seeds)


def _seed(raw: dict, parent: str | None, dispute: bool, order: int) -> CategorySeed:
    rules = tuple(
        RuleSeed(
            ClockKind(r["clock"]), EventKind(r["start"]), int(r["amount"]), DeadlineUnit(r["unit"])
        )
        for r in raw.get("rules", [])
    )
    if len({r.clock for r in rules}) != len(rules):
        raise ValueError(f"category {raw['code']} has two rules for one clock")
    if any(r.amount < 0 for r in rules):
        raise ValueError(f"category {raw['code']} has a negative time limit")
    return CategorySeed(raw["code"], raw["name"], parent, dispute, order, rules)


def seed_catalog(session: Session, seeds: tuple[CategorySeed, ...] | None = None) -> SeedResult:
    """Add the seed's categories and rules that are missing; idempotent, never overwrites.

    A category is matched by code, a rule by (category, clock): an admin's renamed category
    or edited time limit survives seeding again.
    """
    seeds = seeds if seeds is not None else load_seed()
    ids = {code: cid for code, cid in session.execute(select(Category.code, Category.id))}
    added = 0
    for seed in seeds:  # parents come first, so their ids are known for the children
        if seed.code in ids:
            continue
        ids[seed.code] = session.execute(
            insert(Category)
            .values(
                code=seed.code,
                name=seed.name,
                parent_id=ids[seed.parent_code] if seed.parent_code else None,
                is_dispute=seed.is_dispute,
                sort_order=seed.sort_order,
                active=True,
            )
            .returning(Category.id)
        ).scalar_one()
        added += 1
    existing = {
        (cid, clock)
        for cid, clock in session.execute(select(DeadlineRule.category_id, DeadlineRule.clock))
    }
    rows = [
        {
            "category_id": ids[seed.code],
            "clock": str(rule.clock),
            "start_event": str(rule.start),
            "amount": rule.amount,
            "unit": str(rule.unit),
        }
        for seed in seeds
        for rule in seed.rules
        if (ids[seed.code], str(rule.clock)) not in existing
    ]
    if rows:
        session.execute(insert(DeadlineRule), rows)
    return SeedResult(added, len(rows))
