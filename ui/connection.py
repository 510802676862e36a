"""Telling a lost database connection from a refusal, for the banner and for retries."""

from __future__ import annotations


def connection_lost(exc: BaseException) -> bool:
    """The database could not be reached or dropped the connection (not a refusal)."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)
