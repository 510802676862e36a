"""Engines for SQLite (one seat, WAL) and PostgreSQL (many seats, psycopg 3)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop.errors import GovDeskError

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "fuse.sshfs", "ncpfs", "davfs"}
)


def normalise_url(url: str) -> URL:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_sqlite(url: str | URL) -> bool:
    return make_url(str(url) if isinstance(url, URL) else url).get_backend_name() == "sqlite"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, echo)
    # PostgreSQL compiles a plan to machine code (JIT) when its estimated cost is high: for a
    # report's list of 3,700 cases, estimated at 100,000, compiling took 0.75 s and the query
    # itself 0.05 s. Our queries read index ranges and never run long enough to repay it.
    options = " ".join([*parsed.query.get("options", "").split(), "-c", "jit=off"]).strip()
    parsed = parsed.difference_update_query(["options"])
    return create_engine(parsed, echo=echo, pool_pre_ping=True, connect_args={"options": options})


def check_connection(engine: Engine) -> None:
    """Raise `db.unreachable` (naming the database, password hidden) unless it answers."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except GovDeskError:
        raise
    except Exception as exc:
        shown = engine.url.render_as_string(hide_password=True)
        raise GovDeskError("db.unreachable", url=shown) from exc


def make_session_factory(engine: Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    """Sessions for one thread each; `read_only` ones never take SQLite's write lock."""
    if read_only:
        engine = engine.execution_options(govdesk_read_only=True)
    return sessionmaker(engine, expire_on_commit=False)


def _sqlite_engine(parsed: URL, echo: bool) -> Engine:
    if parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database).expanduser().resolve()
        refuse_network_share(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        parsed,
        echo=echo,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy own BEGIN so that `BEGIN IMMEDIATE` can take the write lock early.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "close")
    def _on_close(dbapi_conn, _record):
        # Without statistics the planner sorted a million rows for a county list (100 ms a
        # page instead of 0.3 ms); optimize refreshes them cheaply, only where they are stale.
        try:
            dbapi_conn.execute("PRAGMA optimize")
        except Exception:  # closing must never fail over statistics
            log.debug("PRAGMA optimize failed", exc_info=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # A write transaction that starts as a reader fails at once with "database is locked"
        # if another writer committed meanwhile; taking the lock at BEGIN makes the busy
        # timeout apply instead. Read-only sessions keep WAL's concurrent readers.
        if conn.get_execution_options().get("govdesk_read_only"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def refuse_network_share(path: Path) -> None:
    """SQLite's locking is unreliable on network filesystems: several seats use PostgreSQL."""
    if _on_network_share(path):
        raise GovDeskError("db.network_share", path=str(path))


def _on_network_share(path: Path) -> bool:
    if sys.platform == "win32":
        text = str(path)
        if text.startswith("\\\\"):
            return True
        import ctypes

        drive = os.path.splitdrive(text)[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
    return mount_fstype(path) in NETWORK_FILESYSTEMS


def mount_fstype(path: Path, mounts_file: str = "/proc/mounts") -> str | None:
    """The filesystem type of the mount holding `path` (longest mount-point prefix)."""
    try:
        lines = Path(mounts_file).read_text().splitlines()
    except OSError:
        return None
    best, best_type = "", None
    target = str(path)
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type
