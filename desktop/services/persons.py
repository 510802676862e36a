"""Who is this person? Earlier cases of a phone number or ID number, in the user's scope.

The desk types a caller's number and sees at once what this person brought before (number,
date, category, status), and the name and address last recorded, to fill in. Any age, any
channel; newest first. Read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Case, CaseParty, Category
from desktop.domain.identity import validate_id_number, validate_phone
from desktop.domain.masking import UNMASKED_ROLES, mask_id_number, mask_name, mask_phone
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.scoping import visible_condition

MAX_EARLIER = 20


@dataclass(frozen=True)
class EarlierCase:
    case_id: int
    number: str
    received_at: datetime
    category: str
    status: str
    channel: str
    title: str
    role: str  # the person's PartyRole in that case


@dataclass(frozen=True)
class KnownPerson:
    """What the database last recorded of the person; masked unless the role may see it."""

    name: str
    phone: str | None
    id_number: str | None
    address: str | None
    masked: bool
    cases: tuple[EarlierCase, ...]


def lookup_person(
    *,
    session: Session,
    principal: Principal,
    phone: str | None = None,
    id_number: str | None = None,
    limit: int = MAX_EARLIER,
) -> KnownPerson | None:
    """The person's earlier cases by phone or ID number (either; both widen the search).

    None when nothing valid was given or no visible case holds the number. A number that is
    not (yet) valid is not an error here: the form validates it on saving.
    """
    conditions = []
    if phone:
        try:
            conditions.append(CaseParty.phone == validate_phone(phone))
        except GovDeskError:
            pass
    if id_number:
        try:
            conditions.append(CaseParty.id_number == validate_id_number(id_number))
        except GovDeskError:
            pass
    if not conditions:
        return None
    held = (
        select(CaseParty.id).where(conditions[0])
        if len(conditions) == 1
        else select(CaseParty.id)
        .where(conditions[0])
        .union(select(CaseParty.id).where(conditions[1]))
    )
    rows = session.execute(
        select(
            CaseParty,
            Case.id,
            Case.number,
            Case.received_at,
            Category.name,
            Case.status,
            Case.channel,
            Case.title,
        )
        .join(Case, Case.id == CaseParty.case_id)
        .join(Category, Category.id == Case.category_id)
        .where(CaseParty.id.in_(held), visible_condition(principal))
        .order_by(Case.received_at.desc(), Case.id.desc(), CaseParty.id)
    ).all()
    if not rows:
        return None
    cases: dict[int, EarlierCase] = {}
    for party, case_id, number, received_at, category, status, channel, title in rows:
        if case_id not in cases and len(cases) < limit:
            cases[case_id] = EarlierCase(
                case_id, number, received_at, category, status, channel, title, party.role
            )
    latest = rows[0][0]
    return _person(principal, latest, tuple(cases.values()))


def _person(principal: Principal, party: CaseParty, cases: tuple[EarlierCase, ...]):
    # Intake roles all see personal data; anyone else gets it masked, as on the case view.
    if principal.has(*UNMASKED_ROLES):
        return KnownPerson(party.name, party.phone, party.id_number, party.address, False, cases)
    return KnownPerson(
        mask_name(party.name),
        mask_phone(party.phone) if party.phone else None,
        mask_id_number(party.id_number) if party.id_number else None,
        None,
        True,
        cases,
    )
