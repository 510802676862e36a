"""Keep None, True and False alive under PySide6 6.12 on Python 3.11.

Measured here: every `Signal.emit()` drops one reference to True, and every call of a
C++ method returning void drops one to None (the abi3 wheels treat them as immortal, as
Python 3.12 does). On 3.11 their counts run down, and the interpreter aborts with
"bool_dealloc: deallocating True or False" after a few hundred signals. Giving them a count
no session can exhaust is what 3.12 does natively; on 3.12+ this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40


def pin_singletons() -> None:
    """Call once at start-up, before Qt runs (idempotent enough: adds a huge margin)."""
    if sys.version_info >= (3, 12):
        return
    for obj in (None, True, False):
        # ob_refcnt is the first field of every object in CPython 3.11.
        ctypes.c_ssize_t.from_address(id(obj)).value += _MARGIN
