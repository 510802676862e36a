"""The bundled font loads, is the default family, and has the characters of people's names."""

from __future__ import annotations

from PySide6.QtGui import QRawFont

from desktop.paths import resource
from ui import fonts

# A Mongolian name with its middle dot; GBK-only 堃 and 喆; CJK Ext A 䶮 (刘䶮); 龑;
# Ext B 𠮷 and 𥻗, and 𬱖 of Ext E (the face has about 2,100 Ext B ideographs, not all).
NAMES = "巴特尔·朝鲁 乌兰托娅 堃 喆 䶮 龑 𠮷 𥻗 𬱖"


def test_font_file_and_licence_ship_together():
    assert resource("fonts", fonts.FONT_FILE).stat().st_size > 5_000_000
    licence = resource("fonts", "LICENSE-NotoSansCJK.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_registered_and_default(qapp):
    assert fonts.FAMILY in fonts.register_fonts()
    assert qapp.font().family() == fonts.FAMILY


def test_covers_rare_name_characters(qapp):
    raw = QRawFont(str(resource("fonts", fonts.FONT_FILE)), 12)
    assert raw.isValid()
    missing = [ch for ch in NAMES.replace(" ", "") if not raw.supportsCharacter(ord(ch))]
    assert missing == []
