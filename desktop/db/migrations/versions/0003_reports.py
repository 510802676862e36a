"""reports: indexes for counting by step instant, and the audit log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

- cases: ix_cases_accepted_at, ix_cases_first_resolved (first_resolved_at, due_at),
  ix_cases_followed_up (closed_at, only cases with a 回访 satisfaction), ix_cases_repeat_received
  (received_at, only repeats): each report figure reads one range of one of them.
- audit_log: report runs and exports, with the actor's name (the OS user on the command line).
"""
from alembic import op
import sqlalchemy as sa

from desktop.db.base import UTCDateTime


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def _partial(where: str) -> dict:
    return {'sqlite_where': sa.text(where), 'postgresql_where': sa.text(where)}


def upgrade() -> None:
    op.create_index('ix_cases_accepted_at', 'cases', ['accepted_at'])
    op.create_index('ix_cases_first_resolved', 'cases', ['first_resolved_at', 'due_at'])
    op.create_index('ix_cases_followed_up', 'cases', ['closed_at'],
                    **_partial('satisfaction IS NOT NULL'))
    op.create_index('ix_cases_repeat_received', 'cases', ['received_at'],
                    **_partial('repeat_of_id IS NOT NULL'))
    op.create_table(
        'audit_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', UTCDateTime(), nullable=False),
        sa.Column('actor', sa.String(length=128), nullable=False),
        sa.Column('action', sa.String(length=32), nullable=False),
        sa.Column('detail', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    )


def downgrade() -> None:
    op.drop_table('audit_log')
    for name in ('ix_cases_repeat_received', 'ix_cases_followed_up', 'ix_cases_first_resolved',
                 'ix_cases_accepted_at'):
        op.drop_index(name, table_name='cases')
