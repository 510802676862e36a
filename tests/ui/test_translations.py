"""The Chinese catalogue is complete, its placeholders match, it covers every tr() string in
ui/, and the committed .qm is what lrelease makes of the .ts."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "govdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")
UI = ROOT / "ui"
PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[A-Za-z_][A-Za-z0-9_]*\}")


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    path = str(found) if found.exists() else shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: it comes with PySide6 (pip install pyside6)")
    return path


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) for every message of a .ts file."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message.find("translation")))
    return found


def test_every_translation_is_finished_and_not_empty():
    problems = [
        f"{context}: {source!r}"
        for context, source, translation in messages(TS)
        if translation is None
        or translation.get("type") in ("unfinished", "obsolete", "vanished")
        or not (translation.text or "").strip()
    ]
    assert not problems, "untranslated: " + "; ".join(problems)


def test_placeholders_match_between_source_and_translation():
    problems = [
        f"{context}: {source!r} -> {translation.text!r}"
        for context, source, translation in messages(TS)
        if sorted(PLACEHOLDER.findall(source))
        != sorted(PLACEHOLDER.findall(translation.text or ""))
    ]
    assert not problems


def test_catalogue_matches_the_sources(tmp_path):
    """lupdate run afresh over ui/ finds exactly the messages of the committed .ts."""
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
            str(UI),
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    extracted = {(c, s) for c, s, _ in messages(fresh)}
    committed = {(c, s) for c, s, _ in messages(TS)}
    assert extracted - committed == set(), "run lupdate: see resources/i18n/README.md"
    assert committed - extracted == set(), "obsolete messages: run lupdate -no-obsolete"


def _tr_literals() -> set[str]:
    """Every string literal passed to a .tr() call in ui/, found by parsing the code.

    A second opinion on lupdate, which skips calls it cannot see (inside f-strings, say).
    """
    found = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "tr"
                and node.args
            ):
                first = node.args[0]
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                    f"{path.name}:{node.lineno}: tr() needs a literal string"
                )
                found.add(first.value)
    return found


def test_every_tr_string_in_the_code_is_in_the_catalogue():
    committed = {source for _, source, _ in messages(TS)}
    assert _tr_literals() - committed == set()


def test_compiled_catalogue_is_up_to_date(tmp_path):
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == QM.read_bytes(), "run lrelease: see resources/i18n/README.md"


def test_the_app_speaks_chinese_by_default(qapp):
    from ui.login.view import LoginView

    view = LoginView(training=False)
    try:
        assert view.windowTitle() == "登录"
        assert view.login_button.text() == "登录"
    finally:
        view.deleteLater()
