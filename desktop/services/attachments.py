"""Files attached to a case, stored in the database so every seat sees them.

Only the types a case needs (photos, PDF, Word and Excel files, voice recordings), decided
from the file's content; at most 10 MB a file and 50 MB a case. Refusals name the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import Attachment
from desktop.domain.enums import EventKind
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.file_types import FileKind, detect
from desktop.services.transition import Change, begin

MB = 1024 * 1024
MAX_ATTACHMENT_BYTES = 10 * MB  # photos from grid patrols; keeps the database lean
MAX_CASE_ATTACHMENT_BYTES = 50 * MB  # all of one case's files together


@dataclass(frozen=True)
class CheckedFile:
    """A file that may be attached: its name, what it is, and its bytes."""

    filename: str
    kind: FileKind
    mime_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


def check_size(filename: str, size: int, already: int = 0) -> None:
    """Refuse a file over 10 MB, or one that takes the case over 50 MB (`already` attached)."""
    if size > MAX_ATTACHMENT_BYTES:
        raise GovDeskError("attachment.too_large", name=filename,
                           limit_mb=MAX_ATTACHMENT_BYTES // MB)  # fmt: skip
    if already + size > MAX_CASE_ATTACHMENT_BYTES:
        raise GovDeskError("attachment.case_total", name=filename,
                           limit_mb=MAX_CASE_ATTACHMENT_BYTES // MB)  # fmt: skip


def check_file(filename: str, content: bytes, already: int = 0) -> CheckedFile:
    """The file's type from its content, within the limits; a GovDeskError naming it if not."""
    check_size(filename, len(content), already)
    found = detect(content, filename)
    if found is None:
        raise GovDeskError("attachment.type_not_allowed", name=filename)
    return CheckedFile(filename, found[0], found[1], content)


def attached_bytes(session: Session, case_id: int) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(Attachment.size), 0)).where(Attachment.case_id == case_id)
    )
    return int(total or 0)


def attach(*, session: Session, principal: Principal, case_id: int, filename: str,
           content: bytes, mime_type: str | None = None, expected_version: int | None = None,
           now: datetime | None = None) -> Change:  # fmt: skip
    """Attach a file; `mime_type` is ignored: the type is read from the content."""
    del mime_type  # callers' guesses from the name are not trusted
    checked = check_file(filename, content, attached_bytes(session, case_id))
    step = begin(
        session, principal, case_id, EventKind.ATTACH, expected_version=expected_version, now=now
    )
    row = Attachment(case_id=case_id, filename=filename[:128], mime_type=checked.mime_type,
                     size=checked.size, content=content, created_by_id=principal.user_id,
                     created_at=step.now)  # fmt: skip
    session.add(row)
    session.flush()
    step.log(data={"attachment": row.id, "filename": filename, "size": len(content)})
    return step.done()
