"""Dates and times as text for the raw sqlite3 inserts of the demo loader.

Python 3.12 deprecates sqlite3's default adapters (and the tests turn warnings into errors).
These write the same ISO text the defaults wrote, which SQLAlchemy's SQLite Date and DateTime
types read back.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

sqlite3.register_adapter(date, date.isoformat)
sqlite3.register_adapter(datetime, lambda value: value.isoformat(" "))
