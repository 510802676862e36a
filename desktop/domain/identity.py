"""Validation of resident ID numbers (GB 11643-1999) and Chinese phone numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Literal

from desktop.errors import GovDeskError

PhoneKind = Literal["mobile", "landline"]

# ISO 7064 MOD 11-2 as laid down in GB 11643-1999: weight 2^(17-i) mod 11, check table by remainder.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_EARLIEST_BIRTH = date(1900, 1, 1)

_MOBILE = re.compile(r"(?:\+?86)?(1[3-9]\d{9})")
_EXTENSION = r"(?:\s*(?:-|转|分机|#|ext\.?|x)\s*(?P<ext>\d{1,6}))?"
# Area code and local number written apart: "0471-1234567", "010 1234 5678", "(0471)1234567".
_LANDLINE_SPLIT = re.compile(
    r"(?:\((?P<area1>0\d{2,3})\)|(?P<area2>0\d{2,3})\s*-|(?P<area3>0\d{2,3})\s)\s*"
    r"(?P<local>\d{3,4} ?\d{4})" + _EXTENSION,
    re.IGNORECASE,
)
# Written together ("04711234567"): only the numbering plan can tell where the area code ends.
_LANDLINE_JOINED = re.compile(r"(?P<digits>0\d{9,11})" + _EXTENSION, re.IGNORECASE)


def id_check_char(first17: str) -> str:
    """The GB 11643 check character ('0'-'9' or 'X') for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 ASCII digits, got {first17!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def validate_id_number(value: str, *, today: date | None = None) -> str:
    """Check an 18-character resident ID number and return it with an uppercase check 'X'.

    Checks in order: length, characters, birth date (a real date from 1900 on, not after
    `today` when given), check character. Raises GovDeskError `id_number.length`,
    `id_number.format`, `id_number.birth_date` or `id_number.checksum` with `value=`.
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if len(text) != 18:
        raise GovDeskError("id_number.length", value=text)
    text = text.upper()
    body, check = text[:17], text[17]
    if not (body.isascii() and body.isdigit()) or check not in "0123456789X":
        raise GovDeskError("id_number.format", value=text)
    # The birth date comes before the checksum: a wrong date tells the user where the typo is.
    try:
        birth = date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        raise GovDeskError("id_number.birth_date", value=text) from None
    if birth < _EARLIEST_BIRTH or (today is not None and birth > today):
        raise GovDeskError("id_number.birth_date", value=text)
    if id_check_char(body) != check:
        raise GovDeskError("id_number.checksum", value=text)
    return text


def validate_phone(value: str) -> str:
    """Normalize a mobile ("13812345678") or landline ("0471-1234567[-801]") number.

    Mobile: 11 digits starting 13-19, spaces/dashes and a +86/86 prefix allowed.
    Landline: area code 0 + 2-3 digits, 7-8 digit local number, optional extension.
    Anything else (short service numbers included) raises GovDeskError `phone.format`.
    """
    return _parse_phone(value)[1]


def phone_kind(value: str) -> PhoneKind:
    """Whether a valid phone number is a mobile or a landline; raises like validate_phone."""
    return _parse_phone(value)[0]


def _parse_phone(value: str) -> tuple[PhoneKind, str]:
    # NFKC turns full-width digits and punctuation from Chinese input methods into ASCII.
    text = unicodedata.normalize("NFKC", value).strip()
    compact = re.sub(r"[\s-]", "", text)
    mobile = _MOBILE.fullmatch(compact)
    if mobile:
        return "mobile", mobile.group(1)
    split = _LANDLINE_SPLIT.fullmatch(text)
    if split:
        area = split.group("area1") or split.group("area2") or split.group("area3")
        local = split.group("local").replace(" ", "")
        return "landline", _landline(area, local, split.group("ext"))
    joined = _LANDLINE_JOINED.fullmatch(text)
    if joined:
        digits = joined.group("digits")
        # Beijing (010) and the 02x cities have 3-digit area codes, every other area 4.
        area_len = 3 if digits.startswith(("010", "02")) else 4
        local = digits[area_len:]
        if 7 <= len(local) <= 8:
            return "landline", _landline(digits[:area_len], local, joined.group("ext"))
    raise GovDeskError("phone.format", value=value.strip())


def _landline(area: str, local: str, extension: str | None) -> str:
    number = f"{area}-{local}"
    return f"{number}-{extension}" if extension else number
