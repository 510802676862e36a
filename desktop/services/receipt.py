"""受理回执: what the paper handed to the person at the window says, from the saved case.

The date they will hear back by is the deadline of the clock now running: the 办结 deadline
once the case was accepted at the window, otherwise the acceptance-decision deadline; marked
provisional while the year's official calendar is unknown. Phone and ID number are always
masked on paper, whoever prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db.models import Case, CaseParty, Category, Center, User
from desktop.domain.enums import PartyRole
from desktop.domain.masking import mask_id_number, mask_phone
from desktop.domain.principal import Principal
from desktop.services.scoping import get_visible_case


@dataclass(frozen=True)
class ReceiptData:
    center_name: str
    center_phone: str
    center_address: str
    number: str
    received_at: datetime  # local time
    channel: str  # a Channel code
    title: str
    category: str
    applicant: str  # "" for an anonymous caller
    phone: str  # masked
    id_number: str  # masked
    reply_by: datetime | None  # local time; None when no clock runs (e.g. settled on the spot)
    reply_clock: str | None  # the ClockKind of reply_by: "accept" or "resolve"
    provisional: bool
    clerk: str  # who registered it; the printed line is for their signature


def receipt_data(*, session: Session, principal: Principal, case_id: int) -> ReceiptData:
    case: Case = get_visible_case(session, principal, case_id)
    center = session.get(Center, case.center_id)
    category = session.get(Category, case.category_id)
    parent = session.get(Category, category.parent_id) if category.parent_id else None
    applicant = session.scalars(
        select(CaseParty)
        .where(CaseParty.case_id == case.id, CaseParty.role == str(PartyRole.APPLICANT))
        .order_by(CaseParty.id)
    ).first()
    clerk = principal.display_name
    if case.created_by_id is not None and case.created_by_id != principal.user_id:
        creator = session.get(User, case.created_by_id)
        clerk = creator.display_name if creator is not None else clerk
    return ReceiptData(
        center_name=center.name,
        center_phone=center.phone or "",
        center_address=center.address or "",
        number=case.number,
        received_at=to_local(case.received_at),
        channel=case.channel,
        title=case.title,
        category=f"{parent.name} › {category.name}" if parent else category.name,
        applicant=applicant.name if applicant is not None else "",
        phone=mask_phone(applicant.phone) if applicant is not None and applicant.phone else "",
        id_number=(
            mask_id_number(applicant.id_number)
            if applicant is not None and applicant.id_number
            else ""
        ),
        reply_by=to_local(case.due_at) if case.due_at is not None else None,
        reply_clock=case.clock if case.due_at is not None else None,
        provisional=bool(case.due_provisional),
        clerk=clerk,
    )
