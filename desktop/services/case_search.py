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
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, select

from desktop.db.models import Case, CaseParty

# Sorts after every character a prefix can be followed by (byte-wise: UTF-8 F4 8F BF BF).
_AFTER_ALL = "\U0010ffff"


def _prefix(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    return and_(column >= text, column < text + _AFTER_ALL)


SHORTEST_CONTAINS = 3  # shorter text (王伟) searches the indexed party columns only


def text_condition(text: str) -> ColumnElement[bool]:
    """Cases matching the text (see the module doc); LIKE wildcards typed are literal."""
    text = text.strip()
    upper = text.upper()  # ID numbers are stored with an uppercase check 'X'
    parties = select(CaseParty.case_id).where(
        or_(
            _prefix(CaseParty.name, text),
            _prefix(CaseParty.phone, text),
            _prefix(CaseParty.id_number, upper),
        )
    )
    if len(text) < SHORTEST_CONTAINS:
        return Case.id.in_(parties)
    return or_(
        Case.number.icontains(text, autoescape=True),
        Case.title.icontains(text, autoescape=True),
        Case.id.in_(parties),
    )
