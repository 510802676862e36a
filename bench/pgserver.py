"""A throwaway PostgreSQL server for benchmarks (the same recipe as tests/db/conftest.py).

    with local_postgres() as admin_url:       # postgresql+psycopg://postgres@127.0.0.1:PORT/postgres
        url = create_database(admin_url, "bench")

Uses GOVDESK_TEST_PG_URL instead when it is set. The cluster lives in /dev/shm when there is
room, listens on 127.0.0.1 only, runs with fsync off, and is removed on exit.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

ENV_PG_URL = "GOVDESK_TEST_PG_URL"
SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
    "shared_buffers": "512MB",
    "max_wal_size": "4GB",
}


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    which = shutil.which("initdb")
    if which:
        found.append(str(Path(which).parent))
    for candidate in found:
        if all((Path(candidate) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(candidate)
    raise SystemExit("PostgreSQL server binaries not found: apt-get install postgresql")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def local_postgres() -> Iterator[str]:
    """The URL of the maintenance database of a private server, stopped and removed on exit."""
    external = os.environ.get(ENV_PG_URL)
    if external:
        yield external
        return
    bindir = _bindir()
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else "/tmp"
    root = Path(tempfile.mkdtemp(prefix="govdesk-bench-pg-", dir=base))
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")

    def run(*args: str) -> None:
        cmd = [str(bindir / args[0]), *args[1:]]
        if as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, cwd=root, check=True, capture_output=True)

    data = root / "data"
    port = _free_port()
    try:
        run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        options = " ".join(
            [f"-p {port}", f"-k {root}"] + [f"-c {k}={v}" for k, v in SETTINGS.items()]
        )
        run("pg_ctl", "-D", str(data), "-l", str(root / "log"), "-w", "-o", options, "start")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def create_database(admin_url: str, name: str) -> str:
    """A fresh empty database `name` (dropped first if it exists); its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(admin_url)
    with psycopg.connect(host=url.host, port=url.port, user=url.username,
                         password=url.password, dbname=url.database or "postgres",
                         autocommit=True) as conn:  # fmt: skip
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    return url.set(database=name).render_as_string(hide_password=False)
