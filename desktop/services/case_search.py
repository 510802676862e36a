"""Free text over cases: which rows a search box's words select, and through which indexes.

- Party name, phone and ID number: exact or prefix (a name is typed surname first; 王伟 finds
  王伟 and 王伟华), as a range on the column's index, so one or two characters cost nothing.
  A range, not LIKE 'x%': SQLite uses an index for LIKE only under NOCASE collation.
- Case number and title, for text of three characters or more: contain the text (LIKE
  '%x%', Latin letters ignoring case), a scan. One or two characters are nearly always a
  name (王伟, 张); matched against titles they would cost a full scan for a handful of hits
  (3 s at a million cases on a busy machine), so they search the party columns alone.
  Chosen over a trigram index after measuring at 1,000,000 cases (bench/text_search.py,
  SQLite, busy machine): the first page by receipt of a common word takes 0.3 ms with LIKE
  (the walk along the receipt index stops after 50 hits) but 380 ms with FTS5 (every match is
  fetched, then sorted); a word that matches nothing takes 1.4–1.6 s with LIKE and under 1 ms
  with FTS5. FTS5 would also need triggers on every write, a migration the demo loader must
  fill and 19 s more to build a million-case county; revisit if absent words must be fast.
- A 信访 applicant's personal data is hidden from the department the complaint is about, so
  for a user of such a department the applicant's name, phone and ID number match nothing
  (a match would confirm a phone the list masks).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import aliased

from desktop.db.models import Case, CaseParty, CaseTask, Category
from desktop.domain.enums import PartyRole
from desktop.domain.principal import Principal

# Sorts after every character a prefix can be followed by (byte-wise: UTF-8 F4 8F BF BF).
_AFTER_ALL = "\U0010ffff"


def _prefix(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    return and_(column >= text, column < text + _AFTER_ALL)


SHORTEST_CONTAINS = 3  # shorter text (王伟) searches the indexed party columns only


def _shielded_applicants(department_id: int) -> ColumnElement[bool]:
    """Applicants of 信访 cases that the department holds a task of (it is complained about)."""
    parent = aliased(Category)
    petitions = (
        select(Category.id)
        .outerjoin(parent, parent.id == Category.parent_id)
        .where(or_(Category.is_petition.is_(True), parent.is_petition.is_(True)))
    )
    held = select(CaseTask.case_id).where(CaseTask.department_id == department_id)
    petition_cases = select(Case.id).where(Case.category_id.in_(petitions), Case.id.in_(held))
    return and_(
        CaseParty.role == str(PartyRole.APPLICANT), CaseParty.case_id.in_(petition_cases)
    )


def text_condition(text: str, principal: Principal | None = None) -> ColumnElement[bool]:
    """Cases matching the text (see the module doc); LIKE wildcards typed are literal.

    `principal`: who searches; a department user's search never matches the personal data of
    a 信访 applicant complaining about that department.
    """
    text = text.strip()
    upper = text.upper()  # ID numbers are stored with an uppercase check 'X'
    parties = select(CaseParty.case_id).where(
        or_(
            _prefix(CaseParty.name, text),
            _prefix(CaseParty.phone, text),
            _prefix(CaseParty.id_number, upper),
        )
    )
    if principal is not None and principal.department_id is not None:
        parties = parties.where(~_shielded_applicants(principal.department_id))
    if len(text) < SHORTEST_CONTAINS:
        return Case.id.in_(parties)
    return or_(
        Case.number.icontains(text, autoescape=True),
        Case.title.icontains(text, autoescape=True),
        Case.id.in_(parties),
    )
