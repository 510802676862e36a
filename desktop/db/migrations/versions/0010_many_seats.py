"""many seats: claim lapse per center, the alert marker, client action ids on events

Revision ID: 0010
Revises: 0011
Create Date: 2026-11-30

- centers.claim_lapse_minutes (30): a claim lapses that long after claimed_at, judged when
  rows are read (there is no server process to expire it).
- ix_cases_claimed: claimed cases only, by claimed_at (lapsed claims, a user's own claims).
- users.alerts_seen_at: "since I last looked" of the alert bell, shared by the user's seats.
- case_events.client_action_id: the seat's id for an action, unique where set, so a retry
  after a lost reply is recognised and never applied twice.
"""
from alembic import op
import sqlalchemy as sa

import desktop.db.base


revision = '0010'
down_revision = '0011'
branch_labels = None
depends_on = None


def _where(condition: str) -> dict:
    return {'sqlite_where': sa.text(condition), 'postgresql_where': sa.text(condition)}


def upgrade() -> None:
    op.add_column('centers', sa.Column('claim_lapse_minutes', sa.Integer(), nullable=False,
                                       server_default='30'))
    op.add_column('users', sa.Column('alerts_seen_at', desktop.db.base.UTCDateTime(),
                                     nullable=True))
    op.add_column('case_events', sa.Column('client_action_id', sa.String(36).with_variant(
        sa.String(36, collation='C'), 'postgresql'), nullable=True))
    op.create_index('ix_case_events_client_action_id', 'case_events', ['client_action_id'],
                    unique=True, **_where('client_action_id IS NOT NULL'))
    op.create_index('ix_cases_claimed', 'cases', ['claimed_at'],
                    **_where('claimed_by_id IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_cases_claimed', table_name='cases', **_where('claimed_by_id IS NOT NULL'))
    op.drop_index('ix_case_events_client_action_id', table_name='case_events',
                  **_where('client_action_id IS NOT NULL'))
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy would drop `centers`, which foreign keys
    # of other tables refer to.
    op.drop_column('case_events', 'client_action_id')
    op.drop_column('users', 'alerts_seen_at')
    op.drop_column('centers', 'claim_lapse_minutes')
