"""Free text over a million titles: LIKE '%…%' against a trigram index, to choose one.

    .venv/bin/python bench/text_search.py --db sqlite:///path/demo.sqlite --backend sqlite
    .venv/bin/python bench/text_search.py --db postgresql+psycopg://…/demo --backend postgresql

SQLite: LIKE over cases.title vs an FTS5 table with the trigram tokenizer (built here in the
temp schema, so the demo database is left as it was). PostgreSQL: ILIKE vs the same ILIKE
with a pg_trgm GIN index (built inside a transaction that is rolled back). Both: counts of
every match, and the first 50 matches by receipt (what the list shows first), for a common
word, a rare one and one that is absent; plus party names by prefix on their b-tree index.
Prints the index build time too. The words are looked up in the data, so any seed works.
"""

from __future__ import annotations

import time

from common import arguments, demo_database, figure, median, timed
from sqlalchemy import text

from desktop.db.engine import make_engine

WORDS = {"common": "赔偿协商", "rare": "草原之星餐饮", "absent": "不存在的词"}
NAMES = ("王伟", "王")


def _ms(conn, sql: str, **params) -> float:
    return median(timed(lambda: conn.execute(text(sql), params).all(), runs=5))


def sqlite(conn, backend: str) -> None:
    t = time.perf_counter()
    conn.execute(text("CREATE VIRTUAL TABLE temp.title_fts USING fts5(title, tokenize='trigram')"))
    conn.execute(text("INSERT INTO temp.title_fts(rowid, title) SELECT id, title FROM cases"))
    figure(f"{backend} fts5 trigram build", (time.perf_counter() - t) * 1000, "ms")
    for kind, word in WORDS.items():
        like = {"w": f"%{word}%"}
        figure(
            f"{backend} {kind} like count",
            _ms(conn, "SELECT count(*) FROM cases WHERE title LIKE :w", **like),
            "ms",
        )
        figure(
            f"{backend} {kind} like first page",
            _ms(
                conn,
                "SELECT id FROM cases WHERE title LIKE :w ORDER BY received_at, id LIMIT 50",
                **like,
            ),
            "ms",
        )
        fts = {"w": f'"{word}"'}
        figure(
            f"{backend} {kind} fts5 count",
            _ms(conn, "SELECT count(*) FROM title_fts WHERE title MATCH :w", **fts),
            "ms",
        )
        figure(
            f"{backend} {kind} fts5 first page",
            _ms(
                conn,
                "SELECT id FROM cases WHERE id IN (SELECT rowid FROM title_fts WHERE title MATCH :w) ORDER BY received_at, id LIMIT 50",
                **fts,
            ),
            "ms",
        )
    conn.execute(text("DROP TABLE temp.title_fts"))


def postgresql(conn, backend: str) -> None:
    trans = conn.begin()
    try:
        queries = {}
        for kind, word in WORDS.items():
            like = {"w": f"%{word}%"}
            queries[kind] = like
            figure(
                f"{backend} {kind} ilike count",
                _ms(conn, "SELECT count(*) FROM cases WHERE title ILIKE :w", **like),
                "ms",
            )
            figure(
                f"{backend} {kind} ilike first page",
                _ms(
                    conn,
                    "SELECT id FROM cases WHERE title ILIKE :w ORDER BY received_at, id LIMIT 50",
                    **like,
                ),
                "ms",
            )
        t = time.perf_counter()
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        conn.execute(text("CREATE INDEX bench_title_trgm ON cases USING gin (title gin_trgm_ops)"))
        conn.execute(text("ANALYZE cases"))
        figure(f"{backend} pg_trgm gin build", (time.perf_counter() - t) * 1000, "ms")
        for kind, like in queries.items():
            figure(
                f"{backend} {kind} trgm count",
                _ms(conn, "SELECT count(*) FROM cases WHERE title ILIKE :w", **like),
                "ms",
            )
            figure(
                f"{backend} {kind} trgm first page",
                _ms(
                    conn,
                    "SELECT id FROM cases WHERE title ILIKE :w ORDER BY received_at, id LIMIT 50",
                    **like,
                ),
                "ms",
            )
    finally:
        trans.rollback()


def names(conn, backend: str) -> None:
    for name in NAMES:
        figure(
            f"{backend} name {name} prefix count",
            _ms(
                conn,
                "SELECT count(*) FROM case_parties WHERE name >= :a AND name < :b",
                a=name,
                b=name + "\U0010ffff",
            ),
            "ms",
        )
        figure(
            f"{backend} name {name} contains count",
            _ms(conn, "SELECT count(*) FROM case_parties WHERE name LIKE :w", w=f"%{name}%"),
            "ms",
        )


def main() -> None:
    args = arguments(__doc__, cases=1_000_000).parse_args()
    for backend in args.backend or ("sqlite", "postgresql"):
        with demo_database(backend, args) as url:
            engine = make_engine(url)
            with engine.connect() as conn:
                (sqlite if backend == "sqlite" else postgresql)(conn, backend)
                names(conn, backend)
            engine.dispose()


if __name__ == "__main__":
    main()
