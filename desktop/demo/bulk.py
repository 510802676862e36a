"""Loading many rows in one transaction: COPY on PostgreSQL, executemany on SQLite.

The secondary indexes (and on PostgreSQL the foreign keys) are dropped before the load and
created again after it, from the models' own metadata so nothing can drift from the schema.
Rows arrive as tuples in a given column order, with datetimes already as the naive-UTC text
SQLAlchemy stores (desktop.demo.timefmt), so neither path converts values one by one in
Python. The caller owns the transaction: `prepare()`, `write()`..., `finish()` inside it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine, Index, Table, UniqueConstraint, text
from sqlalchemy.schema import AddConstraint, CreateIndex, DropConstraint, DropIndex

from desktop.db.base import Base
from desktop.demo import sqlite_dates  # noqa: F401  (raw sqlite3 inserts of dates)

log = logging.getLogger(__name__)
SQLITE_BATCH = 50_000
PG_COPY_BUFFER = 1 << 20
# Columns the demo leaves to the database's default (NULL, or the server default): state the
# program writes while it runs (a seat's alert marker, a retry's action id), or a setting
# whose default is the demo's. Every other column must be given, so none is forgotten.
LEFT_TO_DEFAULTS = frozenset({
    ("centers", "claim_lapse_minutes"),
    ("users", "alerts_seen_at"),
    ("case_events", "client_action_id"),
})  # fmt: skip


def all_tables() -> list[Table]:
    """Every table of the models, parents before children."""
    return list(Base.metadata.sorted_tables)


class BulkLoader:
    """Fast loading into the tables of one connection, inside the caller's transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.backend = conn.dialect.name
        self.dbapi = conn.connection.driver_connection
        self._indexes: list[Index] = []
        self._foreign_keys = []
        self._keys = []
        self._statements: dict[tuple[str, tuple[str, ...]], str] = {}

    # ---- outside the transaction (SQLite pragmas only work there) ----------------------

    def before_transaction(self) -> None:
        if self.backend == "sqlite":
            cur = self.dbapi.cursor()
            # The load is one transaction into a training database that is rebuilt if it
            # fails, so durability per statement buys nothing here.
            cur.execute("PRAGMA foreign_keys=OFF")
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-524288")  # 512 MB for the index builds
            cur.execute("PRAGMA temp_store=MEMORY")
            cur.close()

    def after_transaction(self) -> None:
        if self.backend == "sqlite":
            cur = self.dbapi.cursor()
            # A full ANALYZE (about 4 s at a million cases): with sampled statistics SQLite
            # takes `county_id = ?` for selective and sorts a million rows for every page of
            # a county's list (100 ms) instead of walking ix_cases_received (0.3 ms).
            cur.execute("PRAGMA analysis_limit=0")
            cur.execute("ANALYZE")
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA cache_size=-2000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
        else:
            self.conn.exec_driver_sql("ANALYZE")
            self.conn.commit()

    # ---- inside the transaction --------------------------------------------------------

    def clear(self, tables: Sequence[Table]) -> None:
        """Empty the tables (PostgreSQL: TRUNCATE, which also lets COPY write frozen rows)."""
        if self.backend == "postgresql":
            names = ", ".join(self.conn.dialect.identifier_preparer.format_table(t) for t in tables)
            self.conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY")
        else:
            for table in reversed(tables):
                self.conn.execute(table.delete())

    def prepare(self, tables: Sequence[Table], big: Sequence[str] = ()) -> None:
        """Drop the secondary indexes of the tables; on PostgreSQL also every foreign key,
        and the primary keys and unique constraints of the `big` tables (built once by
        sorting afterwards instead of row by row; SQLite cannot drop them in place)."""
        for table in tables:
            for index in sorted(table.indexes, key=lambda ix: ix.name or ""):
                self.conn.execute(DropIndex(index, if_exists=True))
                self._indexes.append(index)
        if self.backend != "postgresql":
            return
        for table in tables:
            for fk in sorted(table.foreign_key_constraints, key=lambda c: c.name or ""):
                self.conn.execute(DropConstraint(fk))
                self._foreign_keys.append(fk)
        for table in tables:
            if table.name not in big:
                continue
            keys = [table.primary_key, *sorted(
                (c for c in table.constraints if isinstance(c, UniqueConstraint)),
                key=lambda c: c.name or "")]  # fmt: skip
            for constraint in keys:
                self.conn.execute(DropConstraint(constraint))
                self._keys.append(constraint)

    def write(self, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> None:
        if self.backend == "postgresql":
            self._copy(table, columns, rows)
        else:
            self._executemany(table, columns, rows)

    def write_copy_text(self, table: Table, columns: Sequence[str], data: bytes) -> None:
        """Rows already in COPY text format (PostgreSQL only), streamed as they are."""
        if not data:
            return
        sql = self._copy_sql(table, columns)
        with self.dbapi.cursor() as cur, cur.copy(sql) as copy:
            for start in range(0, len(data), PG_COPY_BUFFER):
                copy.write(data[start : start + PG_COPY_BUFFER])

    def append_file(self, path: str, tables: Sequence[tuple[str, Sequence[str], int]]) -> None:
        """SQLite: copy a worker's chunk file in, in its own transaction (a database can only
        be detached after the transaction that read it ends)."""
        cur = self.dbapi.cursor()
        cur.execute("ATTACH DATABASE ? AS chunk", (path,))
        try:
            cur.execute("BEGIN IMMEDIATE")
            for name, columns, _ in tables:
                names = ", ".join(columns)
                cur.execute(f"INSERT INTO main.{name} ({names}) SELECT {names} FROM chunk.{name}")
            cur.execute("COMMIT")
        except BaseException:
            if self.dbapi.in_transaction:
                cur.execute("ROLLBACK")
            raise
        finally:
            cur.execute("DETACH DATABASE chunk")
            cur.close()

    def finish(self) -> None:
        """Indexes and foreign keys back, sequences past the highest id."""
        if self.backend == "postgresql":
            self.conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '512MB'")
        for constraint in self._keys:
            self.conn.execute(AddConstraint(constraint))
        for index in self._indexes:
            self.conn.execute(CreateIndex(index))
        for fk in self._foreign_keys:
            self.conn.execute(AddConstraint(fk))
        self._keys, self._indexes, self._foreign_keys = [], [], []
        if self.backend == "postgresql":
            for table in all_tables():
                if "id" in table.c and table.c.id.primary_key:
                    self.conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE(MAX(id), 0) + 1, false) FROM {table.name}"
                    )

    # ---- the two paths -----------------------------------------------------------------

    def _check(self, table: Table, columns: Sequence[str]) -> None:
        missing = {c for c in table.c.keys() if (table.name, c) not in LEFT_TO_DEFAULTS}
        missing -= set(columns)
        unknown = set(columns) - set(table.c.keys())
        if missing or unknown:
            raise ValueError(f"{table.name}: columns missing {missing}, unknown {unknown}")

    def _executemany(self, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> None:
        key = (table.name, tuple(columns))
        sql = self._statements.get(key)
        if sql is None:
            self._check(table, columns)
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
            self._statements[key] = sql
        cur = self.dbapi.cursor()
        rows = rows if isinstance(rows, list) else list(rows)
        for start in range(0, len(rows), SQLITE_BATCH):
            cur.executemany(sql, rows[start : start + SQLITE_BATCH])
        cur.close()

    def _copy_sql(self, table: Table, columns: Sequence[str]) -> str:
        key = (table.name, tuple(columns))
        sql = self._statements.get(key)
        if sql is None:
            self._check(table, columns)
            sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FREEZE)"
            self._statements[key] = sql
        return sql

    def _copy(self, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> None:
        sql = self._copy_sql(table, columns)
        with self.dbapi.cursor() as cur, cur.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def database_size(engine: Engine) -> int:
    """Bytes on disk: pg_database_size, or the SQLite file (plus its write-ahead log)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar())
    path = sqlite_path(engine)
    if path is None:
        return 0
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def sqlite_path(engine: Engine) -> Path | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database).expanduser().resolve()
