"""Telling other seats that cases changed, without Qt (the UI wraps this in a notifier).

PostgreSQL: mutating services call `notify_changed` inside their transaction; the server
delivers `NOTIFY govdesk_cases` at COMMIT (never for a rolled-back transaction) to every
connection that LISTENs, and the watcher's socket becomes readable, for a QSocketNotifier.
SQLite: nothing is sent; the watcher polls `PRAGMA data_version` on its own connection on a
timer. data_version moves only for commits made by OTHER connections, which includes this
program's own sessions (they never use the watcher's connection): both backends therefore
report every commit except the watcher's own, including this seat's; refreshing after one's
own save is harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANNEL = "govdesk_cases"
# NOTIFY payloads must stay under 8000 bytes; beyond this many ids say "something changed".
MAX_PAYLOAD_CHARS = 7000
ANY_CASE = "*"
ROSTER = "roster"  # the payload announcing a roster change (check-ins, rota): no case ids


def notify_changed(session: Session, case_ids: Iterable[int]) -> None:
    """Announce that these cases change when the caller's transaction commits."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite seats poll PRAGMA data_version
    payload = ",".join(str(int(i)) for i in sorted(set(case_ids)))
    if len(payload) > MAX_PAYLOAD_CHARS:
        payload = ANY_CASE
    session.execute(select(func.pg_notify(CHANNEL, payload)))


def notify_roster_changed(session: Session) -> None:
    """Announce a roster change (a check-in, a new rota) when the transaction commits."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_notify(CHANNEL, ROSTER)))


class ChangeWatcher(Protocol):
    def fileno(self) -> int | None:
        """A socket to watch for readability, or None: call poll() on a timer instead."""

    def poll(self) -> bool:
        """Never blocks; True if other connections committed changes since the last poll."""

    def changed_case_ids(self) -> frozenset[int] | None:
        """Ids announced since the last call (then forgotten); None: unknown, refresh all."""

    def roster_changed(self) -> bool:
        """Whether the roster may have changed since the last call (then forgotten)."""

    @property
    def connected(self) -> bool:
        """Whether the watcher's connection to the database is up (after the last poll)."""

    def ping(self) -> None:
        """Ask the server something: a connection cut without a word shows only this way."""

    def close(self) -> None: ...


def open_watcher(engine: Engine) -> ChangeWatcher:
    """A watcher on its own dedicated connection (not from the engine's pool)."""
    if engine.dialect.name == "postgresql":
        return PgWatcher(engine)
    return SqliteWatcher(engine)


def _dedicated_dbapi_connection(engine: Engine):
    # The engine's own connect arguments and connect events, but detached from the pool so
    # it is never handed to a session and closes for real.
    fairy = engine.raw_connection()
    conn = fairy.driver_connection
    fairy.detach()
    return conn


class PgWatcher:
    """LISTEN on a dedicated autocommit psycopg connection."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._ids: set[int] = set()
        self._unknown = False
        self._roster = False
        self._closed = False
        self._conn = None
        self._connect()

    def _connect(self) -> None:
        conn = _dedicated_dbapi_connection(self._engine)
        conn.rollback()  # pre-ping may have opened a transaction; LISTEN must be outside one
        conn.autocommit = True
        conn.execute(f"LISTEN {CHANNEL}")
        self._conn = conn

    def fileno(self) -> int | None:
        """The socket to watch; it changes if poll() had to reconnect."""
        return self._conn.fileno() if self._conn is not None else None

    @property
    def connected(self) -> bool:
        return self._conn is not None and not self._conn.closed

    def ping(self) -> None:
        import psycopg

        if self._closed or self._conn is None:
            return
        try:
            self._conn.execute("SELECT 1")
        except psycopg.Error:
            log.warning("change watcher: the server did not answer; reconnecting")
            self._reconnect()

    def poll(self) -> bool:
        import psycopg

        if self._closed:
            return False
        if self._conn is None or self._conn.closed:
            return self._reconnect()
        seen = False
        try:
            while True:  # timeout=0 reads what has arrived once; loop until nothing new
                batch = list(self._conn.notifies(timeout=0))
                if not batch:
                    return seen
                seen = True
                for note in batch:
                    self._take(note.payload)
        except psycopg.OperationalError:
            log.warning("change watcher lost its connection; reconnecting", exc_info=True)
            return self._reconnect()

    def _reconnect(self) -> bool:
        # Notifications sent while we were away are lost: report an unknown change.
        self._close_conn()
        try:
            self._connect()
        except Exception:
            log.warning("change watcher could not reconnect", exc_info=True)
            return False
        self._unknown = True
        return True

    def _take(self, payload: str) -> None:
        if payload == ROSTER:
            self._roster = True
            return
        if payload == ANY_CASE or not payload:
            self._unknown = True
            return
        try:
            self._ids.update(int(part) for part in payload.split(","))
        except ValueError:
            self._unknown = True

    def changed_case_ids(self) -> frozenset[int] | None:
        ids, unknown = frozenset(self._ids), self._unknown
        self._ids.clear()
        self._unknown = False
        return None if unknown else ids

    def roster_changed(self) -> bool:
        changed = self._roster or self._unknown
        self._roster = False
        return changed

    def _close_conn(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # closing a broken connection must not hide the first error
                log.debug("closing the watcher connection failed", exc_info=True)
            self._conn = None

    def close(self) -> None:
        self._closed = True
        self._close_conn()

    def __enter__(self) -> PgWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SqliteWatcher:
    """Polls PRAGMA data_version on a dedicated connection (autocommit: no snapshot held)."""

    def __init__(self, engine: Engine) -> None:
        self._conn = _dedicated_dbapi_connection(engine)
        self._version = self._read()

    def _read(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def fileno(self) -> int | None:
        return None

    @property
    def connected(self) -> bool:
        return self._conn is not None  # a local file: reading it fails loudly instead

    def ping(self) -> None:
        self.poll()

    def poll(self) -> bool:
        if self._conn is None:
            return False
        current = self._read()
        changed, self._version = current != self._version, current
        return changed

    def changed_case_ids(self) -> frozenset[int] | None:
        return None  # SQLite cannot say which

    def roster_changed(self) -> bool:
        return True  # nor what changed: callers ask only after poll() said something did

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> SqliteWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
