"""Which places (jurisdictions, grids) a principal's map holds: their jurisdiction's subtree.

Cases are scoped by desktop.services.scoping; places follow the same jurisdiction, so a street
user's map holds their street, its communities and its grids, and nothing beside them.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, CompoundSelect, Select, select, union_all
from sqlalchemy.orm import aliased

from desktop.db.models import Grid, Jurisdiction
from desktop.domain.enums import JurisdictionLevel
from desktop.domain.principal import Principal

# How many levels lie between each level and the villages below it.
_DEPTH_TO_VILLAGE = {
    JurisdictionLevel.CITY: 3,
    JurisdictionLevel.COUNTY: 2,
    JurisdictionLevel.TOWNSHIP: 1,
    JurisdictionLevel.VILLAGE: 0,
}


def _levels(principal: Principal) -> list[Select]:
    """SELECT id of each level, from the principal's jurisdiction down to its villages.

    Each level reads its own alias: nested subqueries over one table would otherwise be
    correlated to the enclosing query and lose their FROM.
    """
    top = aliased(Jurisdiction)
    levels: list[Select] = [select(top.id).where(top.id == principal.jurisdiction_id)]
    for _ in range(_DEPTH_TO_VILLAGE[principal.jurisdiction_level]):
        below = aliased(Jurisdiction)
        levels.append(select(below.id).where(below.parent_id.in_(levels[-1])))
    return levels


def jurisdiction_ids(principal: Principal) -> CompoundSelect:
    """SELECT id of the principal's jurisdiction and every jurisdiction below it."""
    return union_all(*_levels(principal))


def village_ids(principal: Principal) -> Select:
    """SELECT id of the villages (communities) inside the principal's jurisdiction."""
    return _levels(principal)[-1]


def grid_in_scope(principal: Principal) -> ColumnElement[bool]:
    """Condition on `grids`: the grid (or micro-grid) lies in the principal's jurisdiction."""
    return Grid.village_id.in_(village_ids(principal))
