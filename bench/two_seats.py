"""Two seats work the same queue on one PostgreSQL database (the issue's ten-minute run).

    .venv/bin/python bench/two_seats.py                  # 600 s, 2,000 demo cases
    .venv/bin/python bench/two_seats.py --seconds 30

Two processes, the demo's `desk` and `dispatcher`, each loop: 取下一件 in 待受理
(claims.claim_next), and write a 处置记录 on the case (a change the other seat must see); the
claim is kept (it would lapse after 30 minutes), so each case is taken once. Each process also listens for change notices on its own connection
(desktop.db.notify.PgWatcher, as the UI's change monitor does) and notes when it learns of
each of the other seat's notes. Checked afterwards, against the database:
- double claims: the same case held by both seats at overlapping times (must be 0);
- lost changes: notes a seat wrote that the database lacks, or that the other seat never
  heard of (must be 0);
- how long the other seat took to hear of a change (the promise: under 2 s).
"""

from __future__ import annotations

import multiprocessing
import select as io_select
import threading
import time

from common import arguments, demo_database, figure
from sqlalchemy import func, select, update

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Case, CaseEvent, User
from desktop.db.notify import PgWatcher
from desktop.domain.enums import EventKind, NamedQueue, Status
from desktop.services.accounts import principal_for
from desktop.services.claims import claim_next
from desktop.services.workflow import add_note

SEATS = ("desk", "dispatcher")


def _listen(engine, heard: dict[int, list[float]], stop: threading.Event) -> None:
    """Record when each case id is announced (every time: a claim, then a note)."""
    watcher = PgWatcher(engine)
    try:
        while not stop.is_set():
            fd = watcher.fileno()
            if fd is not None:
                io_select.select([fd], [], [], 0.2)
            if watcher.poll():
                now = time.time()
                for case_id in watcher.changed_case_ids() or ():
                    heard.setdefault(case_id, []).append(now)
    finally:
        watcher.close()


def seat(url: str, username: str, seconds: float, barrier, results) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as s:
        principal = principal_for(s, s.scalars(select(User).where(User.username == username)).one())
    raw: dict[int, list[float]] = {}
    stop = threading.Event()
    listener = threading.Thread(target=_listen, args=(engine, raw, stop), daemon=True)
    listener.start()
    held: list[int] = []
    notes: list[tuple[int, str, float, float]] = []  # (case, text, began, committed)
    barrier.wait()
    end = time.time() + seconds
    n = 0
    while time.time() < end:
        with factory.begin() as s:
            case_id = claim_next(session=s, principal=principal, queue=NamedQueue.PENDING_ACCEPT)
        if case_id is None:
            time.sleep(0.05)
            continue
        n += 1
        text = f"{username} {n}"
        started = time.time()  # the claim's own notice was sent before this
        with factory.begin() as s:
            add_note(session=s, principal=principal, case_id=case_id, note=text)
        notes.append((case_id, text, started, time.time()))
        held.append(case_id)
        time.sleep(0.02)  # a person's pace is far slower; this keeps both seats busy
    time.sleep(2.5)  # let the last notices arrive
    stop.set()
    listener.join(5)
    heard = dict(raw)
    results.put((username, held, notes, heard))
    engine.dispose()


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], cases=2000, backends=("postgresql",))
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args()
    with demo_database("postgresql", args) as url:
        engine = make_engine(url)
        with engine.begin() as conn:  # a queue long enough for the run (throwaway database)
            conn.execute(update(Case).where(Case.status == Status.CLOSED)
                         .values(status=Status.REGISTERED))  # fmt: skip
        barrier = multiprocessing.Barrier(len(SEATS))
        results = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=seat, args=(url, u, args.seconds, barrier, results))
                 for u in SEATS]  # fmt: skip
        for p in procs:
            p.start()
        got = {}
        for _ in procs:
            username, held, notes, heard = results.get(timeout=args.seconds + 120)
            got[username] = (held, notes, heard)
        for p in procs:
            p.join()
        a, b = SEATS
        doubles = len(set(got[a][0]) & set(got[b][0])) + sum(
            len(got[u][0]) - len(set(got[u][0])) for u in SEATS
        )
        written = sum(len(got[u][1]) for u in SEATS)
        with engine.connect() as conn:
            stored = conn.scalar(select(func.count()).select_from(CaseEvent).where(
                CaseEvent.kind == EventKind.NOTE, CaseEvent.note.like("% %"),
                CaseEvent.actor_id.is_not(None)))  # fmt: skip
        latencies, unheard = [], 0
        for writer, listener in ((a, b), (b, a)):
            heard = got[listener][2]
            for case_id, _text, started, committed in got[writer][1]:
                # The notice of the note: the first after the note's transaction began (one
                # machine's clock); counted from the commit's return, 0 if it came sooner.
                after = [t for t in heard.get(case_id, ()) if t >= started]
                if not after:
                    unheard += 1
                else:
                    latencies.append(max(0.0, after[0] - committed))
        engine.dispose()
    latencies.sort()
    figure("two seats: seconds", args.seconds, "s")
    for user in SEATS:
        figure(f"two seats: {user} cases taken", len(got[user][0]), "cases")
    figure("two seats: double claims", doubles, "cases")
    figure("two seats: notes written", written, "notes")
    figure("two seats: notes stored", stored, "notes")
    figure("two seats: changes never heard by the other seat", unheard, "changes")
    if latencies:
        figure("two seats: notice delay p50", latencies[len(latencies) // 2] * 1000, "ms")
        figure("two seats: notice delay p99", latencies[int(len(latencies) * 0.99)] * 1000, "ms")
        figure("two seats: notice delay max", latencies[-1] * 1000, "ms")


if __name__ == "__main__":
    main()
