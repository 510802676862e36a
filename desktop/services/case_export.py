"""The rows of a case-list export: any filter or named queue, streamed, personal data masked.

One scoped statement (desktop.services.case_filters.scoped_select) read in batches, so a
200,000-case export holds a batch in memory, never the list. reports/export.py writes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.db.models import Case, CaseParty, Category, Grid, Jurisdiction
from desktop.domain.enums import PartyRole
from desktop.domain.masking import mask_name, mask_phone
from desktop.domain.principal import Principal
from desktop.services.case_filters import CaseFilter, scoped_select


@dataclass(frozen=True)
class ExportRow:
    number: str
    title: str
    status: str
    category: str
    channel: str
    street: str
    grid: str
    received_at: datetime
    accepted_at: datetime | None
    due_at: datetime | None
    resolved_at: datetime | None  # the first 办结
    risk: str
    supervised: bool
    applicant: str  # masked
    phone: str  # masked


def _applicant(column):
    party = aliased(CaseParty)
    first = (
        select(func.min(party.id))
        .where(party.case_id == Case.id, party.role == str(PartyRole.APPLICANT))
        .correlate_except(party)
        .scalar_subquery()
    )
    return select(column).where(CaseParty.id == first).correlate_except(CaseParty).scalar_subquery()


def export_rows(
    *, session: Session, principal: Principal, filter: CaseFilter, now: datetime,
    batch: int = 2000,
) -> Iterator[ExportRow]:  # fmt: skip
    """Every case of the filter, oldest receipt first."""
    names = {
        "category": select(Category.name).where(Category.id == Case.category_id),
        "street": select(Jurisdiction.name).where(Jurisdiction.id == Case.street_id),
        "grid": select(Grid.name).where(Grid.id == Case.grid_id),
    }
    stmt = scoped_select(
        principal, filter, now,
        Case.number, Case.title, Case.status, names["category"].scalar_subquery(),
        Case.channel, names["street"].scalar_subquery(), names["grid"].scalar_subquery(),
        Case.received_at, Case.accepted_at, Case.due_at, Case.first_resolved_at, Case.risk,
        Case.supervised, _applicant(CaseParty.name), _applicant(CaseParty.phone),
    ).order_by(Case.received_at, Case.id)  # fmt: skip
    for rows in session.execute(stmt.execution_options(yield_per=batch)).partitions():
        for r in rows:
            yield ExportRow(r[0], r[1], r[2], r[3] or "", r[4], r[5] or "", r[6] or "", r[7],
                            r[8], r[9], r[10], r[11], bool(r[12]), mask_name(r[13] or ""),
                            mask_phone(r[14]) if r[14] else "")  # fmt: skip
