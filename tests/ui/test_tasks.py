"""The task runner: work off the GUI thread, results and errors back on it, progress, cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject
from sqlalchemy import text

from desktop.errors import GovDeskError
from ui.tasks import Cancelled, Progress


def test_db_work_runs_on_the_worker_and_returns_on_the_gui_thread(qtbot, db_runner):
    gui = threading.current_thread()
    seen = {}

    def work(session):
        seen["worker"] = threading.current_thread()
        return session.execute(text("SELECT count(*) FROM users")).scalar_one()

    def done(value):
        seen["callback"] = threading.current_thread()
        seen["value"] = value

    db_runner.db(work).success(done).run()
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["worker"] is not gui
    assert seen["callback"] is gui
    assert seen["value"] == 4


def test_database_work_is_serial_on_one_worker(qtbot, runner):
    threads = []
    for _ in range(5):
        runner.call(lambda: threads.append(threading.current_thread().name)).run()
    qtbot.waitUntil(lambda: not runner.busy)
    assert len(threads) == 5 and len(set(threads)) == 1


def test_errors_reach_the_failure_callback(qtbot, runner):
    errors = []

    def refuse():
        raise GovDeskError("auth.inactive")

    runner.call(refuse).failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0].code == "auth.inactive"


def test_unhandled_errors_are_announced(qtbot, runner):
    def broken():
        raise ValueError("boom")

    with qtbot.waitSignal(runner.sig_unhandled_error) as announced:
        runner.call(broken).run()
    assert isinstance(announced.args[0], ValueError)


def test_callbacks_of_a_deleted_owner_are_dropped(qtbot, runner):
    owner = QObject()
    called = []
    gate = threading.Event()
    runner.call(gate.wait, 5).owned_by(owner).success(called.append).run()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner))
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert called == []


def _valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_long_job_reports_progress_and_can_be_cancelled(qtbot, runner):
    reports = []
    outcome = {}
    started = threading.Event()
    release = threading.Event()

    def job(progress: Progress, total: int):
        progress(0, total, "start")
        started.set()
        release.wait(5)
        for done in range(1, total + 1):
            progress.check()
            progress(done, total)
        return "finished"

    op = (
        runner.job(job, 10)
        .with_progress(lambda d, t, s: reports.append((d, t)))
        .failure(lambda exc: outcome.setdefault("error", exc))
        .success(lambda value: outcome.setdefault("value", value))
        .run()
    )
    assert started.wait(5)
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(outcome))
    assert isinstance(outcome.get("error"), Cancelled)
    assert reports and reports[0] == (0, 10)


def test_finished_job_reports_its_last_step(qtbot, runner):
    reports = []
    result = []

    def job(progress: Progress):
        for done in range(1, 101):
            progress(done, 100)
        return done

    runner.job(job).with_progress(lambda d, t, s: reports.append(d)).success(result.append).run()
    qtbot.waitUntil(lambda: bool(result))
    assert result == [100]
    assert reports[-1] == 100  # throttled, but the end always arrives
    assert len(reports) < 100


def test_a_shut_down_runner_refuses_work(runner):
    runner.shutdown()
    with pytest.raises(RuntimeError):
        runner.call(lambda: None).run()


def test_reads_do_not_wait_behind_long_database_work(qtbot, db_runner):
    release, order = threading.Event(), []

    def long_read(session):
        release.wait(10)
        order.append("long")

    def lookup(session):
        order.append(("lookup", threading.current_thread().name))
        return session.execute(text("SELECT count(*) FROM users")).scalar_one()

    db_runner.db(long_read).run()
    got = []
    db_runner.read(lookup).success(got.append).run()
    qtbot.waitUntil(lambda: bool(got))
    assert got == [4] and order[0][0] == "lookup" and order[0][1].startswith("govdesk-read")
    release.set()
    qtbot.waitUntil(lambda: not db_runner.busy)
    assert order[-1] == "long"


def test_a_cancelled_long_read_stops_inside_the_database(qtbot, db_runner):
    endless = text(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    )
    outcome = []
    op = (
        db_runner.db(lambda session: session.execute(endless).scalar_one())
        .interruptible()
        .success(outcome.append)
        .failure(outcome.append)
        .run()
    )
    qtbot.wait(200)  # the statement is running
    op.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=3000)
    assert isinstance(outcome[0], Cancelled)
    # A cancelled op that had not started never runs.
    ran = []
    queued = db_runner.db(lambda session: ran.append(1)).failure(outcome.append)
    queued.cancel()
    queued.run()
    qtbot.waitUntil(lambda: not db_runner.busy)
    assert ran == [] and isinstance(outcome[-1], Cancelled)
