"""Every error code the core raises has a Chinese and an English message."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.labels import labels_for

CORE = Path(__file__).resolve().parents[2] / "desktop"
RAISED = re.compile(r'(?:GovDeskError|ConflictError)\(\s*"([a-z_.]+)"')


def test_every_raised_code_has_a_label():
    codes = {m for path in CORE.rglob("*.py") for m in RAISED.findall(path.read_text("utf-8"))}
    assert len(codes) > 20
    zh, en = labels_for("error", "zh_CN"), labels_for("error", "en")
    assert sorted(c for c in codes if c not in zh or c not in en) == []
