"""Files attached to a case, stored in the database so every seat sees them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from desktop.db.models import Attachment
from desktop.domain.enums import EventKind
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.transition import Change, begin

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # photos from grid patrols; keeps the database lean


def attach(*, session: Session, principal: Principal, case_id: int, filename: str,
           mime_type: str, content: bytes, expected_version: int | None = None,
           now: datetime | None = None) -> Change:
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise GovDeskError("attachment.too_large", name=filename,
                           limit_mb=MAX_ATTACHMENT_BYTES // (1024 * 1024))
    step = begin(session, principal, case_id, EventKind.ATTACH,
                 expected_version=expected_version, now=now)
    row = Attachment(case_id=case_id, filename=filename, mime_type=mime_type, size=len(content),
                     content=content, created_by_id=principal.user_id, created_at=step.now)
    session.add(row)
    session.flush()
    step.log(data={"attachment": row.id, "filename": filename, "size": len(content)})
    return step.done()
