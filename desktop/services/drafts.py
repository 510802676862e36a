"""Unsaved intake forms kept on this computer, so a crash or a closed window loses nothing.

Local files, not the database: a draft must survive exactly the moments the database is out
of reach. Each GovDesk user has a folder per database under `<data dir>/drafts/`, named by a
hash of (database, user id) so another user, or the same user on another database, never
sees them. Drafts hold personal data (names, phones, ID numbers, files): folders are 0700 and
files 0600, and a draft is deleted as soon as its case is saved or the clerk discards it.

Every write is atomic (a temporary file renamed over the old one after fsync): a power cut
leaves the previous version or the new one, never half a file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

from desktop import settings

log = logging.getLogger(__name__)

DRAFT_LIFETIME = timedelta(days=30)
FORMAT = 1  # the draft file's layout; a newer layout is left alone, not misread


@dataclass(frozen=True)
class DraftFile:
    """A file attached to a draft: its own name and where its bytes are kept."""

    name: str
    sha256: str
    size: int
    mime_type: str


@dataclass(frozen=True)
class Draft:
    id: str
    saved_at: datetime  # UTC
    form: dict  # the form's fields, as the form wrote them
    files: tuple[DraftFile, ...] = ()


def database_identity(url: str) -> str:
    """The same database, however its URL is spelled: a SQLite file's absolute path, or
    backend://host:port/name (never the password, never the database user)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""
        return "sqlite:" + (str(Path(path).resolve()) if path and path != ":memory:" else path)
    return (
        f"{parsed.get_backend_name()}://{parsed.host or ''}:{parsed.port or ''}/"
        f"{parsed.database or ''}"
    )


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # POSIX: make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class DraftStore:
    """The drafts of one user on one database."""

    def __init__(self, root: Path, database_url: str, user_id: int) -> None:
        key = hashlib.sha256(f"{database_identity(database_url)}\0{user_id}".encode()).hexdigest()
        self.folder = root / key[:32]

    @classmethod
    def for_user(cls, database_url: str, user_id: int) -> DraftStore:
        return cls(settings.data_dir() / "drafts", database_url, user_id)

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex

    def _draft_dir(self, draft_id: str, *, create: bool = False) -> Path:
        if not draft_id.isalnum():  # ids are ours (uuid hex); never a path
            raise ValueError(draft_id)
        path = self.folder / draft_id
        if create:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(self.folder, 0o700)
        return path

    def save(self, draft_id: str, form: dict, files: tuple[DraftFile, ...] = (),
             now: datetime | None = None) -> Draft:  # fmt: skip
        """Write the whole draft, replacing its previous version."""
        draft = Draft(draft_id, now or datetime.now(UTC), form, tuple(files))
        body = {
            "format": FORMAT,
            "saved_at": draft.saved_at.isoformat(),
            "form": form,
            "files": [f.__dict__ for f in files],
        }
        folder = self._draft_dir(draft_id, create=True)
        _write_atomically(folder / "draft.json", json.dumps(body, ensure_ascii=False).encode())
        kept = {f.sha256 for f in files}
        for stale in (folder / "files").glob("*"):  # files the clerk took off again
            if stale.name not in kept and not stale.name.startswith("."):
                stale.unlink(missing_ok=True)
        return draft

    def add_file(self, draft_id: str, name: str, mime_type: str, content: bytes) -> DraftFile:
        """Keep a file's bytes with the draft (by content hash: adding it twice stores once)."""
        digest = hashlib.sha256(content).hexdigest()
        files = self._draft_dir(draft_id, create=True) / "files"
        files.mkdir(mode=0o700, exist_ok=True)
        target = files / digest
        if not target.exists():
            _write_atomically(target, content)
        return DraftFile(name, digest, len(content), mime_type)

    def file_content(self, draft_id: str, file: DraftFile) -> bytes:
        return (self._draft_dir(draft_id) / "files" / file.sha256).read_bytes()

    def drafts(self) -> list[Draft]:
        """Every readable draft, the most recently saved first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob("*/draft.json"):
            try:
                body = json.loads(path.read_text(encoding="utf-8"))
                if body.get("format") != FORMAT:
                    continue
                files = tuple(DraftFile(**f) for f in body["files"])
                saved_at = datetime.fromisoformat(body["saved_at"])
                found.append(Draft(path.parent.name, saved_at, body["form"], files))
            except (OSError, ValueError, KeyError, TypeError):
                log.warning("unreadable draft %s left alone", path, exc_info=True)
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    def delete(self, draft_id: str) -> None:
        shutil.rmtree(self._draft_dir(draft_id), ignore_errors=True)

    def purge_expired(self, now: datetime | None = None) -> int:
        """Delete drafts last saved more than 30 days ago; how many went."""
        cutoff = (now or datetime.now(UTC)) - DRAFT_LIFETIME
        old = [d for d in self.drafts() if d.saved_at < cutoff]
        for draft in old:
            self.delete(draft.id)
        if old:
            log.info("deleted %d drafts older than %s", len(old), DRAFT_LIFETIME)
        return len(old)
