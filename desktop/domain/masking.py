"""Masking of personal data (names, phones, ID numbers) and who may see it unmasked."""

from __future__ import annotations

import re

from desktop.domain.enums import Role
from desktop.domain.identity import validate_phone
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError

MASK = "*"
UNMASKED_ROLES = frozenset({Role.DESK, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN})

# Separators of multi-part names: Mongolian, Uyghur and foreign names written with a middle dot.
_NAME_SEPARATORS = re.compile(r"[·•‧・．.\s]")


def mask_phone(value: str) -> str:
    """'13812345678' -> '138****5678', '0471-1234567' -> '0471-***4567'; never raises."""
    try:
        number = validate_phone(value)
    except GovDeskError:
        return _mask_tail(value.strip(), keep=4)
    if "-" not in number:
        return f"{number[:3]}****{number[-4:]}"
    area, local, *extension = number.split("-")
    masked = f"{area}-{MASK * (len(local) - 4)}{local[-4:]}"
    # An extension names a desk, not a person, so it stays readable.
    return "-".join([masked, *extension])


def mask_id_number(value: str) -> str:
    """First 6 and last 4 characters kept: '110105********002X'; never raises."""
    text = value.strip()
    if len(text) < 11:
        return MASK * len(text)
    return f"{text[:6]}{MASK * (len(text) - 10)}{text[-4:]}"


def mask_name(value: str) -> str:
    """'张三丰' -> '张*丰', '张三' -> '张*', '巴特尔·朝鲁' -> '巴*****'; never raises."""
    name = value.strip()
    if len(name) <= 1:
        return MASK * len(name)
    if len(name) == 2 or _NAME_SEPARATORS.search(name):
        return name[0] + MASK * (len(name) - 1)
    return name[0] + MASK * (len(name) - 2) + name[-1]


def can_see_personal_data(
    principal: Principal, *, is_petition_applicant: bool, principal_is_complained_department: bool
) -> bool:
    """Whether `principal` may see a party's name, phone and ID number unmasked.

    A 信访 applicant is shielded from the department the complaint is about whatever its
    role; otherwise desk, dispatcher, supervisor and admin see data unmasked, others masked.
    """
    if is_petition_applicant and principal_is_complained_department:
        return False
    return principal.has(*UNMASKED_ROLES)


def _mask_tail(text: str, *, keep: int) -> str:
    # Unparseable legacy values: show only the tail, and nothing of a short value.
    if len(text) < 2 * keep:
        return MASK * len(text)
    return MASK * (len(text) - keep) + text[-keep:]
