"""Declarative base with a constraint naming convention and shared column types."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import BigInteger, DateTime, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


class UTCDateTime(TypeDecorator):
    """Always returned timezone-aware UTC. PostgreSQL stores a naive UTC `timestamp`;
    SQLite stores integer microseconds since 1970 (8 bytes instead of 26 of text: about a
    fifth of a million-case database), which still sort and compare as instants."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        if dialect.name == "sqlite":
            return (value - EPOCH) // MICROSECOND
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            return EPOCH + value * MICROSECOND
        return value.replace(tzinfo=UTC)


def code_string(length: int) -> String:
    """A code, number or identifier: compared byte by byte on PostgreSQL (COLLATE "C"), so
    its indexes build and search without the locale's collation (half the time for a phone
    index) and `LIKE 'prefix%'` can use them. SQLite compares bytes already."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}
