"""Reference cycles are collected only while no background work runs (ui/gc_policy.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from ui.gc_policy import LONGEST_WAIT_LOOKS, IdleCollector


class Node:
    pass


def cycle() -> weakref.ref:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_cycles_wait_for_the_workers_to_be_idle(qtbot, runner):
    collector = IdleCollector(runner)
    collector.start()
    try:
        assert not gc.isenabled()
        release = threading.Event()
        runner.call(release.wait, 10).run()
        garbage = cycle()
        collector._on_timer_timeout()  # the runner is busy: nothing collected
        assert garbage() is not None
        release.set()
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        collector._on_timer_timeout()
        assert garbage() is None

        # Busy for two minutes on end: collected anyway.
        release.clear()
        runner.call(release.wait, 10).run()
        garbage = cycle()
        for _ in range(LONGEST_WAIT_LOOKS - 1):
            collector._on_timer_timeout()
        assert garbage() is not None
        collector._on_timer_timeout()
        assert garbage() is None
        release.set()
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    finally:
        collector.stop()
        gc.disable()  # the UI tests collect between tests (tests/ui/conftest.py)
