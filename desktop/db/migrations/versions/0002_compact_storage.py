"""compact storage: SQLite instants as integers, byte-wise codes, no events (kind, at) index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

- SQLite: every UTC instant becomes integer microseconds since 1970 (desktop.db.base
  UTCDateTime), converted exactly from SQLAlchemy's 'YYYY-MM-DD HH:MM:SS.ffffff' text.
  Columns created by 0001 keep their declared DATETIME type, whose numeric affinity stores
  the integers as integers; databases created from now on declare BIGINT.
- PostgreSQL: case numbers, statuses and party names, phones and ID numbers compare byte
  by byte (COLLATE "C"), which rebuilds their indexes.
- Both: ix_case_events_kind_at is dropped (no query used it); ix_cases_repeat_of_id holds
  only the repeats.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

INSTANTS = {
    'users': ('locked_until', 'created_at'),
    'cases': ('received_at', 'accepted_at', 'first_resolved_at', 'resolved_at', 'closed_at',
              'clock_started_at', 'due_at', 'warn_at', 'suspended_at', 'claimed_at',
              'updated_at'),
    'case_tasks': ('dispatched_at', 'signed_at', 'finished_at', 'clock_started_at', 'due_at',
                   'warn_at'),
    'case_events': ('at',),
    'extension_requests': ('requested_at', 'requested_due', 'decided_at'),
    'attachments': ('created_at',),
}
CODES = (
    ('cases', 'number', 32), ('cases', 'status', 16), ('case_tasks', 'status', 16),
    ('case_parties', 'name', 64), ('case_parties', 'phone', 20),
    ('case_parties', 'id_number', 18),
)


def _to_integer(column: str) -> str:
    # Whole seconds from strftime (exact, unlike julianday's float) plus the six digits of
    # the fraction; rows already integer (typeof) are left alone.
    return (f"CASE WHEN typeof({column}) = 'text' THEN "
            f"CAST(strftime('%s', {column}) AS INTEGER) * 1000000 "
            f"+ CAST(substr({column} || '.000000', 21, 6) AS INTEGER) ELSE {column} END")


def _to_text(column: str) -> str:
    return (f"CASE WHEN typeof({column}) = 'integer' THEN "
            f"strftime('%Y-%m-%d %H:%M:%S', {column} / 1000000, 'unixepoch') "
            f"|| '.' || substr('000000' || ({column} % 1000000), -6) ELSE {column} END")


def _convert(convert) -> None:
    for table, columns in INSTANTS.items():
        assignments = ', '.join(f'{c} = {convert(c)}' for c in columns)
        op.execute(f'UPDATE {table} SET {assignments}')


def _repeat_index(where: str | None) -> None:
    op.drop_index('ix_cases_repeat_of_id', table_name='cases')
    condition = {} if where is None else {
        'sqlite_where': sa.text(where), 'postgresql_where': sa.text(where)}
    op.create_index('ix_cases_repeat_of_id', 'cases', ['repeat_of_id'], **condition)


def upgrade() -> None:
    op.drop_index('ix_case_events_kind_at', table_name='case_events')
    _repeat_index('repeat_of_id IS NOT NULL')
    if op.get_bind().dialect.name == 'sqlite':
        _convert(_to_integer)
        return
    for table, column, length in CODES:
        op.alter_column(table, column, type_=sa.String(length, collation='C'))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _convert(_to_text)
    else:
        for table, column, length in CODES:
            op.alter_column(table, column, type_=sa.String(length))
    op.create_index('ix_case_events_kind_at', 'case_events', ['kind', 'at'], unique=False)
    _repeat_index(None)
