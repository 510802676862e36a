"""What the intake form asks of the database: its choices, lookups and the save.

Database worker only: every function takes the worker's session first and returns frozen
values, never live rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.db.models import Category, Grid, Jurisdiction
from desktop.domain.enums import Result
from desktop.domain.principal import Principal
from desktop.services.intake import NewCase, Registered, SaveAs, register_case
from desktop.services.meta import clock_for
from desktop.services.persons import KnownPerson, lookup_person
from desktop.services.repeats import RepeatCandidate, RepeatQuery, find_repeats


@dataclass(frozen=True)
class Choice:
    """One entry of a type-ahead picker: what it shows, and the text it is found by."""

    id: int
    text: str
    key: str  # lower-case: names, codes and pinyin initials, space-separated
    initials: str = ""  # pinyin initials of its own name, for a search with one slip


@dataclass(frozen=True)
class IntakeChoices:
    categories: tuple[Choice, ...]
    grids: tuple[Choice, ...]


def initials(text: str) -> str:
    """Pinyin initials of the Chinese characters ("邻里纠纷" -> "lljf"); others kept."""
    # Imported here, on the database worker: pypinyin's tables take ~0.8 s to load, which
    # start-up should not pay.
    from pypinyin import Style, lazy_pinyin

    return "".join(s[0] for s in lazy_pinyin(text, style=Style.FIRST_LETTER) if s).lower()


CATEGORY_SEPARATOR = " › "


def load_choices(session, principal: Principal) -> IntakeChoices:
    with session.begin():
        return IntakeChoices(_categories(session), _grids(session, principal))


def _categories(session) -> tuple[Choice, ...]:
    rows = session.execute(
        select(Category.id, Category.code, Category.name, Category.parent_id)
        .where(Category.active.is_(True))
        .order_by(Category.code)
    ).all()
    names = {row.id: row.name for row in rows}
    out = []
    for row in rows:
        parent = names.get(row.parent_id)
        text = f"{parent}{CATEGORY_SEPARATOR}{row.name}" if parent else row.name
        key = " ".join([row.name, initials(row.name), row.code, parent or "",
                        initials(parent) if parent else ""])  # fmt: skip
        out.append(Choice(row.id, text, key.lower(), initials(row.name)))
    return tuple(out)


def _grids(session, principal: Principal) -> tuple[Choice, ...]:
    """The grids (not micro-grids) inside the user's jurisdiction."""
    parents = dict(session.execute(select(Jurisdiction.id, Jurisdiction.parent_id)).all())
    names = dict(session.execute(select(Jurisdiction.id, Jurisdiction.name)).all())

    def inside(jid: int | None) -> bool:
        while jid is not None:
            if jid == principal.jurisdiction_id:
                return True
            jid = parents.get(jid)
        return False

    villages = [jid for jid in parents if inside(jid)]
    rows = session.execute(
        select(Grid.id, Grid.code, Grid.name, Grid.village_id)
        .where(Grid.parent_id.is_(None), Grid.village_id.in_(villages))
        .order_by(Grid.code)
    ).all()
    return tuple(
        Choice(
            row.id,
            f"{row.name}（{names.get(row.village_id, '')}）",
            f"{row.name} {row.code} {names.get(row.village_id, '')}".lower(),
        )  # fmt: skip
        for row in rows
    )


def find_person(session, principal: Principal, phone: str, id_number: str) -> KnownPerson | None:
    with session.begin():
        return lookup_person(session=session, principal=principal, phone=phone,
                             id_number=id_number)  # fmt: skip


def find_possible_repeats(session, principal: Principal, query: RepeatQuery):
    with session.begin():
        now = clock_for(session).now()
        found: list[RepeatCandidate] = find_repeats(
            session=session, principal=principal, query=query, now=now
        )
        return found


def save_case(
    session, principal: Principal, new: NewCase, save_as: SaveAs, repeat_of_id: int | None,
    result: Result | None, note: str | None,
) -> Registered:  # fmt: skip
    """One transaction: a refusal at any step leaves nothing behind."""
    with session.begin():
        return register_case(session=session, principal=principal, new=new, save_as=save_as,
                             repeat_of_id=repeat_of_id, result=result, note=note)  # fmt: skip
