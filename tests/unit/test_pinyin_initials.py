"""Pinyin initials for the intake category search, from pypinyin (no hand-made table)."""

from __future__ import annotations

from ui.intake.data import initials


def test_initials_of_categories():
    assert initials("邻里纠纷") == "lljf"  # lín lǐ jiū fēn
    assert initials("矛盾纠纷") == "mdjf"  # máo dùn jiū fēn
    assert initials("劳动争议/工伤") == "ldzy/gs"  # other characters are kept
