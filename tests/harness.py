"""Database harness: db tests run on real SQLite files and on a real PostgreSQL server.

Fixtures (tests ask for these, never for the private ones starting with `_`):
- `pg_server` (session): URL of the test server's maintenance database `postgres`.
- `db_url`: a fresh database migrated to head, one per test; parametrized `sqlite` / `pg`.
- `engine`: `make_engine(db_url)`, disposed after the test.
- `session_factory`: `sessionmaker(engine, expire_on_commit=False)`.
- `empty_db_url`: like `db_url` but not migrated (migration tests); `sqlite` / `pg`.
- `pg_only_url`: a fresh migrated PostgreSQL database (concurrency tests).

The server is `GOVDESK_TEST_PG_URL` when set, else a private one started for the session.
Migrations run once per backend per session into a template; each test gets a copy
(a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL), dropped afterwards.
Tests that use PostgreSQL get the `pg` marker: `pytest -m "not pg"` runs the rest.
One backend only: `@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)`.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import secrets
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, make_url

ENV_PG_URL = "GOVDESK_TEST_PG_URL"
ENV_PG_DIR = "GOVDESK_TEST_PG_DIR"  # parent of the private cluster's temp dir
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="pg", marks=pytest.mark.pg),
]
PG_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
}
_summary: list[str] = []


class HarnessError(Exception):
    """The test database could not be provided; the message says what to do."""


def _find_pg_bindir() -> Path:
    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.name
        return tuple(int(p) for p in name.split(".") if p.isdigit())

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    found = shutil.which("initdb")  # other distributions put it on PATH
    if found:
        candidates.append(str(Path(found).parent))
    for bindir in candidates:
        if all((Path(bindir) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(bindir)
    raise HarnessError(
        "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and PATH). "
        "The db tests need a real PostgreSQL: run `sudo bash installer/bootstrap.sh test` "
        "(installs Debian's `postgresql`), or set GOVDESK_TEST_PG_URL to a server URL "
        "whose user may create databases."
    )


def _pg_base_dir() -> str:
    """Where the cluster lives: tmpfs when there is room (CREATE DATABASE is 20x faster)."""
    chosen = os.environ.get(ENV_PG_DIR)
    if chosen:
        return chosen
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK):
        stat = os.statvfs(shm)
        if stat.f_bavail * stat.f_frsize >= 1 << 30:
            return shm
    return "/tmp"  # not $TMPDIR: the postgres user must be able to reach it


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _LocalPostgres:
    """A throwaway cluster in a temp dir; as root it runs as the `postgres` user."""

    settings = PG_SETTINGS  # server options (`-c key=value`); a subclass may change some

    def __init__(self) -> None:
        self.bindir = _find_pg_bindir()
        self.as_postgres = os.geteuid() == 0  # initdb and postgres refuse to run as root
        self.root = Path(tempfile.mkdtemp(prefix="govdesk-pg-", dir=_pg_base_dir()))
        self.datadir = self.root / "data"
        self.logfile = self.root / "postgres.log"
        self.port = 0
        self._watchdog: subprocess.Popen | None = None

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True)
        if done.returncode != 0:
            log = self.logfile.read_text(errors="replace")[-2000:] if self.logfile.exists() else ""
            raise HarnessError(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}{log}")

    def start(self) -> None:
        if self.as_postgres:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise HarnessError("running as root, but there is no `postgres` user") from None
            shutil.chown(self.root, "postgres", "postgres")
        self._start_watchdog()
        self._run("initdb", "-D", str(self.datadir), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        for attempt in range(3):  # another process may take the free port before we do
            self.port = _free_port()
            options = [f"-p {self.port}", f"-k {self.root}"]
            options += [f"-c {key}={value}" for key, value in self.settings.items()]
            try:
                self._run("pg_ctl", "-D", str(self.datadir), "-l", str(self.logfile),
                          "-w", "-t", "60", "-o", " ".join(options), "start")  # fmt: skip
                break
            except HarnessError:
                if attempt == 2:
                    raise

    def _start_watchdog(self) -> None:
        # Teardown also runs on Ctrl-C; this covers SIGTERM/SIGKILL of pytest, so a killed
        # run never leaves a server behind.
        script = (
            'while kill -0 "$1" 2>/dev/null; do sleep 1; done; '
            'pid=$(head -n 1 "$2/postmaster.pid" 2>/dev/null) && kill -QUIT "$pid"; '
            'sleep 2; rm -rf "$3"'
        )
        self._watchdog = subprocess.Popen(
            ["sh", "-c", script, "govdesk-pg-watchdog", str(os.getpid()), str(self.datadir),
             str(self.root)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip

    def stop(self) -> None:
        try:
            if (self.datadir / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop")
        except HarnessError as exc:
            print(f"could not stop the test PostgreSQL server: {exc}")
        finally:
            if self._watchdog is not None:
                self._watchdog.kill()
                self._watchdog.wait()
            shutil.rmtree(self.root, ignore_errors=True)


class _PgAdmin:
    """One autocommit connection to the maintenance database; creates and drops databases."""

    def __init__(self, url: URL, *, shared_server: bool) -> None:
        import psycopg

        self.url = url
        # On a server others use too, our names carry a token so parallel runs never collide.
        token = f"_{secrets.token_hex(4)}" if shared_server else ""
        self.template_name = f"govdesk_template{token}"
        self._names = (f"t{token}_{n}" for n in itertools.count(1))
        self._created: set[str] = set()
        params = {k: v for k, v in url.query.items() if isinstance(v, str)}
        self.conn = psycopg.connect(
            host=url.host, port=url.port, user=url.username, password=url.password,
            dbname=url.database, autocommit=True, **params,
        )  # fmt: skip

    def url_for(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def create(self, *, template: str = "template0", name: str | None = None) -> str:
        from psycopg import sql

        name = name or next(self._names)
        # FILE_COPY (the only way before 15) copies a small template faster than WAL_LOG.
        strategy = " STRATEGY FILE_COPY" if self.conn.info.server_version >= 150000 else ""
        self.conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} ENCODING 'UTF8'" + strategy).format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
        self._created.add(name)
        return name

    def drop(self, name: str) -> None:
        from psycopg import sql

        self.conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        self._created.discard(name)

    def close(self) -> None:
        for name in list(self._created):
            self.drop(name)
        self.conn.close()


def _admin_url(raw: str) -> URL:
    url = make_url(raw)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url if url.database else url.set(database="postgres")


@pytest.fixture(scope="session")
def _pg():
    external = os.environ.get(ENV_PG_URL)
    if external:
        url, error = _admin_url(external), None
        try:
            admin = _PgAdmin(url, shared_server=True)
        except Exception as exc:  # any failure to connect is reported the same way
            error = f"cannot use {ENV_PG_URL} ({url.render_as_string()}): {exc}"
        if error is not None:
            pytest.fail(error, pytrace=False)
        _summary.append(f"PostgreSQL for tests: {ENV_PG_URL} ({admin.url.host}:{admin.url.port})")
        yield admin
        admin.close()
        return
    started = time.perf_counter()
    server, admin, error = None, None, None
    try:
        server = _LocalPostgres()
        server.start()
        url = make_url(f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/postgres")
        admin = _PgAdmin(url, shared_server=False)
    except HarnessError as exc:
        error = str(exc)
    finally:
        if admin is None and server is not None:
            server.stop()
    if error is not None:
        pytest.fail(error, pytrace=False)  # outside `except`: the message alone, no chain
    _summary.append(
        f"PostgreSQL for tests: {server.bindir.parent.name} on 127.0.0.1:{server.port}, "
        f"started in {time.perf_counter() - started:.2f} s"
    )
    try:
        yield admin
    finally:
        try:
            admin.close()
        finally:
            server.stop()


@pytest.fixture(scope="session")
def pg_server(_pg) -> str:
    """URL of the maintenance database `postgres` on the test server."""
    return _pg.url_for(_pg.url.database)


@pytest.fixture(scope="session")
def _pg_template(_pg) -> str:
    from desktop.db.engine import make_engine
    from desktop.db.migrate import upgrade

    started = time.perf_counter()
    name = _pg.create(name=_pg.template_name)
    engine = make_engine(_pg.url_for(name))
    try:
        upgrade(engine)
    finally:
        engine.dispose()  # CREATE DATABASE … TEMPLATE needs the template unused
    _summary.append(f"PostgreSQL template migrated in {time.perf_counter() - started:.2f} s")
    return name


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path:
    from desktop.db.engine import make_engine
    from desktop.db.migrate import upgrade

    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    # Fold the write-ahead log into the main file so that copying one file copies everything.
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


def _fresh_database(request, backend: str, *, migrated: bool) -> str:
    if backend == "sqlite":
        path = request.getfixturevalue("tmp_path") / "govdesk.sqlite"
        if migrated:
            shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        return f"sqlite:///{path}"
    pg = request.getfixturevalue("_pg")
    template = request.getfixturevalue("_pg_template") if migrated else "template0"
    name = pg.create(template=template)
    request.addfinalizer(lambda: pg.drop(name))
    return pg.url_for(name)


@pytest.fixture(params=BACKENDS)
def db_url(request) -> str:
    """A fresh database migrated to head, on each backend."""
    return _fresh_database(request, request.param, migrated=True)


@pytest.fixture(params=BACKENDS)
def empty_db_url(request) -> str:
    """A fresh database with no tables at all, on each backend."""
    return _fresh_database(request, request.param, migrated=False)


@pytest.fixture
def pg_only_url(request) -> str:
    """A fresh migrated PostgreSQL database, for what SQLite cannot do (several seats)."""
    return _fresh_database(request, "postgresql", migrated=True)


@pytest.fixture
def engine(db_url):
    from desktop.db.engine import make_engine

    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine):
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(items):
    for item in items:
        uses_pg = {"_pg", "pg_server", "pg_only_url"} & set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        # also `@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)`
        if callspec is not None and "postgresql" in (
            callspec.params.get("db_url"),
            callspec.params.get("empty_db_url"),
        ):
            uses_pg = True
        if uses_pg:
            item.add_marker(pytest.mark.pg)


def pytest_terminal_summary(terminalreporter):
    for line in _summary:
        terminalreporter.write_line(line)
