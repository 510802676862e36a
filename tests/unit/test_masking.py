"""Masking of personal data and who may see it unmasked."""

from __future__ import annotations

import pytest

from desktop.domain.enums import JurisdictionLevel, Role
from desktop.domain.masking import can_see_personal_data, mask_id_number, mask_name, mask_phone
from desktop.domain.principal import Principal


def _principal(*roles: Role) -> Principal:
    return Principal(
        user_id=1,
        username="u",
        display_name="用户",
        roles=frozenset(roles),
        jurisdiction_id=1,
        jurisdiction_level=JurisdictionLevel.TOWNSHIP,
    )


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("0471-1234567", "0471-***4567"),
        ("010-12345678", "010-****5678"),
        ("0471-1234567-801", "0471-***4567-801"),
        ("", ""),
        ("12345", "*****"),  # not a phone and too short to show anything
        ("555-0100-9999", "*********9999"),  # not a phone: only the tail shows
    ],
)
def test_mask_phone(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("110101199003071234", "110101********1234"),
        ("11010519491231002X", "110105********002X"),
        ("110105491231002", "110105*****1002"),  # old 15-digit number
        ("1234567890", "**********"),
        ("", ""),
    ],
)
def test_mask_id_number(raw: str, masked: str) -> None:
    assert mask_id_number(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("张三丰", "张*丰"),
        ("张三", "张*"),
        ("欧阳娜娜", "欧**娜"),
        ("巴特尔·朝鲁", "巴*****"),
        ("王", "*"),
        ("", ""),
    ],
)
def test_mask_name(raw: str, masked: str) -> None:
    assert mask_name(raw) == masked


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ((Role.DESK,), True),
        ((Role.DISPATCHER,), True),
        ((Role.SUPERVISOR,), True),
        ((Role.ADMIN,), True),
        ((Role.DEPARTMENT,), False),
        ((Role.TRAINER,), False),
        ((), False),
        ((Role.DEPARTMENT, Role.DESK), True),
    ],
)
def test_roles_that_see_personal_data(roles: tuple[Role, ...], expected: bool) -> None:
    principal = _principal(*roles)
    assert (
        can_see_personal_data(
            principal, is_petition_applicant=False, principal_is_complained_department=False
        )
        is expected
    )
    # A petition applicant is visible as usual to departments the complaint is not about.
    assert (
        can_see_personal_data(
            principal, is_petition_applicant=True, principal_is_complained_department=False
        )
        is expected
    )


@pytest.mark.parametrize("role", list(Role))
def test_petition_applicant_hidden_from_complained_department_whatever_the_role(role: Role) -> None:
    principal = _principal(role)
    assert not can_see_personal_data(
        principal, is_petition_applicant=True, principal_is_complained_department=True
    )


def test_complained_department_sees_other_parties_by_role() -> None:
    assert can_see_personal_data(
        _principal(Role.DESK), is_petition_applicant=False, principal_is_complained_department=True
    )
