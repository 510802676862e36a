"""Background work, Anki-style: `runner.db(fn).success(cb).failure(cb).run()`.

Database work runs on one worker thread (a Session is one transaction on one thread), long
jobs (reports, imports, demo generation) on another. A second, read-only database worker
(`runner.read`) serves short interactive lookups, so a keystroke's query never waits behind
a long read such as a million ordered ids; a long read made `.interruptible()` is stopped
inside the database when cancelled (a new filter supersedes the old one). Results and errors come back to the GUI
thread through a queued signal, so the UI thread never waits on the database. Callbacks are
dropped when their owner widget has been deleted meanwhile.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot
from sqlalchemy import event

from desktop.errors import GovDeskError

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05  # at most 20 progress updates a second reach the GUI


class Cancelled(Exception):
    """Raised by a long job that noticed its cancel flag."""


class Progress:
    """Handed to long jobs: call it with (done, total, text); check `cancelled` often."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()
        self._last = 0.0

    def __call__(self, done: int, total: int = 0, text: str = "") -> None:
        now = time.monotonic()
        finished = total and done >= total
        if self._report and (finished or now - self._last >= PROGRESS_INTERVAL_S):
            self._last = now
            self._report(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise Cancelled when the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled


class Op:
    """One background call, built fluently and started with run()."""

    def __init__(self, runner: TaskRunner, kind: str, fn: Callable[..., Any], args, kwargs):
        self._runner = runner
        self._kind = kind
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._owner: QObject | None = None
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_finally: Callable[[], None] | None = None
        self._on_progress: Callable[[int, int, str], None] | None = None
        self.progress = Progress(self._emit_progress)
        self._interruptible = False
        self._interrupt: Callable[[], None] | None = None

    def owned_by(self, owner: QObject) -> Op:
        """Drop the callbacks if `owner` is deleted before the result arrives."""
        self._owner = owner
        return self

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._on_failure = callback
        return self

    def finally_(self, callback: Callable[[], None]) -> Op:
        self._on_finally = callback
        return self

    def with_progress(self, callback: Callable[[int, int, str], None]) -> Op:
        self._on_progress = callback
        return self

    def interruptible(self) -> Op:
        """Let cancel() stop the running statement in the database (db and read ops)."""
        self._interruptible = True
        return self

    def cancel(self) -> None:
        """Ask the work to stop: not started, it never runs; interruptible, its query stops."""
        self.progress.cancel()
        interrupt = self._interrupt
        if interrupt is not None:
            try:
                interrupt()
            except Exception:  # the statement may have just finished: nothing to stop
                log.debug("interrupting a cancelled read failed", exc_info=True)

    def run(self) -> Op:
        self._runner._submit(self)
        return self

    # -- worker side ---------------------------------------------------------------------
    def _emit_progress(self, done: int, total: int, text: str) -> None:
        if self._on_progress is not None:
            callback = self._on_progress
            self._runner._deliver(self, lambda: callback(done, total, text))

    def _execute(self) -> None:
        try:
            if self.progress.cancelled:
                raise Cancelled
            result = self._call()
        except BaseException as exc:  # every failure must reach the GUI thread
            if not isinstance(exc, GovDeskError | Cancelled):
                log.error("background %s task %s failed", self._kind, _name(self._fn), exc_info=exc)
            self._runner._deliver(self, lambda error=exc: self._finish(None, error))
        else:
            self._runner._deliver(self, lambda: self._finish(result, None))

    def _call(self) -> Any:
        if self._kind in ("db", "read"):
            factory = self._runner._factory(self._kind)
            with factory() as session:
                if self._interruptible:
                    event.listen(session, "after_begin", self._on_session_begun)
                try:
                    return self._fn(session, *self._args, **self._kwargs)
                except Exception:
                    if self.progress.cancelled:
                        raise Cancelled from None
                    raise
                finally:
                    self._interrupt = None
        if self._kind == "job":
            return self._fn(self.progress, *self._args, **self._kwargs)
        return self._fn(*self._args, **self._kwargs)

    def _on_session_begun(self, _session, _transaction, connection) -> None:
        self._interrupt = _interrupter(connection.connection.dbapi_connection)
        if self.progress.cancelled:
            raise Cancelled

    # -- GUI side ------------------------------------------------------------------------
    def _alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    def _finish(self, result: Any, error: BaseException | None) -> None:
        self._runner._op_done(self)
        if not self._alive():
            return
        try:
            if error is None:
                if self._on_success is not None:
                    self._on_success(result)
            elif self._on_failure is not None:
                self._on_failure(error)
            elif not isinstance(error, Cancelled):
                self._runner.sig_unhandled_error.emit(error)
        finally:
            if self._on_finally is not None:
                self._on_finally()


class TaskRunner(QObject):
    """Owns the two workers; lives on the GUI thread."""

    sig_unhandled_error = Signal(object)
    """A background failure nobody handled (an exception object); the app shows it."""
    sig_busy_changed = Signal(bool)
    """True while any background work is queued or running."""
    _sig_deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session_factory = None
        self._read_factory = None  # built from session_factory's engine on first use
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govdesk-db")
        self._reads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govdesk-read")
        self._jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govdesk-jobs")
        self._pending: set[Op] = set()
        self._closed = False
        self._sig_deliver.connect(self._on_runner_deliver, Qt.ConnectionType.QueuedConnection)

    def db(self, fn: Callable[..., Any], *args, **kwargs) -> Op:
        """`fn(session, *args)` on the database worker; fn owns the transaction."""
        return Op(self, "db", fn, args, kwargs)

    def read(self, fn: Callable[..., Any], *args, **kwargs) -> Op:
        """`fn(session, *args)` on the read-only worker: short interactive lookups only."""
        return Op(self, "read", fn, args, kwargs)

    def call(self, fn: Callable[..., Any], *args, **kwargs) -> Op:
        """`fn(*args)` on the database worker without a session (connecting, watchers)."""
        return Op(self, "call", fn, args, kwargs)

    def job(self, fn: Callable[..., Any], *args, **kwargs) -> Op:
        """`fn(progress, *args)` on the reports/imports worker."""
        return Op(self, "job", fn, args, kwargs)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self) -> None:
        """Cancel what has not started, let running work end, and stop both workers."""
        self._closed = True
        for op in list(self._pending):
            op.cancel()
        self._db.shutdown(wait=True, cancel_futures=True)
        self._reads.shutdown(wait=True, cancel_futures=True)
        self._jobs.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()

    def _submit(self, op: Op) -> None:
        if self._closed:
            raise RuntimeError("task runner is shut down")
        was_busy = self.busy
        self._pending.add(op)
        executor = {"job": self._jobs, "read": self._reads}.get(op._kind, self._db)
        executor.submit(op._execute)
        if not was_busy:
            self.sig_busy_changed.emit(True)

    def _factory(self, kind: str):
        """Worker side: the session factory of a db or read op."""
        factory = self.session_factory
        if factory is None:
            raise RuntimeError("no database connected")
        if kind == "db":
            return factory
        read = self._read_factory
        if read is None or read[0] is not factory:
            from desktop.db.engine import make_session_factory

            read = (factory, make_session_factory(factory.kw["bind"], read_only=True))
            self._read_factory = read
        return read[1]

    def _deliver(self, op: Op, thunk: Callable[[], None]) -> None:
        if not self._closed and shiboken6.isValid(self):
            self._sig_deliver.emit(thunk)

    def _op_done(self, op: Op) -> None:
        self._pending.discard(op)
        if not self.busy:
            self.sig_busy_changed.emit(False)

    @Slot(object)
    def _on_runner_deliver(self, thunk: Callable[[], None]) -> None:
        thunk()


def _interrupter(dbapi_connection) -> Callable[[], None]:
    """How to stop the statement running on a connection, from another thread."""
    if hasattr(dbapi_connection, "interrupt"):  # sqlite3
        return dbapi_connection.interrupt
    return dbapi_connection.cancel  # psycopg


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", repr(fn))
