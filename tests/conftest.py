"""Suite-wide set-up: Qt runs offscreen, and no test touches the user's real data dir."""

from __future__ import annotations

import os
import shutil
import tempfile

# Before anything imports Qt: no display needed, and QtWebEngine aborts as root without this.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

# Settings, logs and default databases go to a throwaway folder for the whole session
# (desktop.settings reads GOVDESK_HOME). Forced, not defaulted: a developer's own
# GOVDESK_HOME or GOVDESK_DATABASE_URL must never receive test data.
_TEST_HOME = tempfile.mkdtemp(prefix="govdesk-test-home-")
os.environ["GOVDESK_HOME"] = _TEST_HOME
os.environ.pop("GOVDESK_DATABASE_URL", None)


def pytest_unconfigure(config):
    shutil.rmtree(_TEST_HOME, ignore_errors=True)


# The database harness (a private PostgreSQL server per session, fresh databases per test)
# serves tests/db and tests/ui alike, so one server starts however the suite is run.
pytest_plugins = ["tests.harness"]
