"""The one scoping rule: who may see which cases.

A user sees the cases placed inside their jurisdiction, plus the cases in which their
department holds a sub-task. Every list, count, lookup and report goes through here.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, false, or_, select
from sqlalchemy.orm import Session

from desktop.db.models import Case, CaseTask, Jurisdiction
from desktop.domain.enums import JurisdictionLevel, TaskStatus
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError

_PLACE_COLUMN = {
    JurisdictionLevel.COUNTY: Case.county_id,
    JurisdictionLevel.TOWNSHIP: Case.street_id,
    JurisdictionLevel.VILLAGE: Case.village_id,
}


def place_condition(principal: Principal) -> ColumnElement[bool]:
    """Cases placed inside the principal's jurisdiction (an indexed equality per level)."""
    if principal.jurisdiction_level == JurisdictionLevel.CITY:
        counties = select(Jurisdiction.id).where(
            Jurisdiction.parent_id == principal.jurisdiction_id
        )
        return Case.county_id.in_(counties)
    return _PLACE_COLUMN[principal.jurisdiction_level] == principal.jurisdiction_id


def department_condition(principal: Principal) -> ColumnElement[bool]:
    """Cases in which the principal's department holds (or held) a sub-task."""
    if principal.department_id is None:
        return false()
    held = select(CaseTask.case_id).where(
        CaseTask.department_id == principal.department_id,
        CaseTask.status != TaskStatus.RECALLED,
    )
    return Case.id.in_(held)


def visible_condition(principal: Principal) -> ColumnElement[bool]:
    if principal.department_id is None:
        return place_condition(principal)
    return or_(place_condition(principal), department_condition(principal))


def scope_cases(stmt: Select, principal: Principal) -> Select:
    """Restrict a select over `cases` to what the principal may see."""
    return stmt.where(visible_condition(principal))


def get_visible_case(
    session: Session, principal: Principal, case_id: int, *, for_update: bool = False
) -> Case:
    """The case if the principal may see it; `workflow.not_found` otherwise (no leak of existence)."""
    stmt = scope_cases(select(Case).where(Case.id == case_id), principal)
    if for_update:
        stmt = stmt.with_for_update()
    case = session.scalars(stmt).one_or_none()
    if case is None:
        raise GovDeskError("workflow.not_found", case_id=case_id)
    return case
