"""Who is asking: the signed-in user with roles and jurisdiction."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.enums import JurisdictionLevel, Role


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    jurisdiction_id: int
    jurisdiction_level: JurisdictionLevel
    department_id: int | None = None

    def has(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))
