"""report indexes cover the place: trend counts read the index only

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

ix_cases_accepted_at (accepted_at) and ix_cases_first_resolved (first_resolved_at, due_at)
gain county_id and street_id, so counting a county's or a street's cases per period (the
report's trend, 受理量 and 办结量 of the periods before) is an index-only range.
"""
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_cases_accepted_at', table_name='cases')
    op.drop_index('ix_cases_first_resolved', table_name='cases')
    op.create_index('ix_cases_accepted_at', 'cases', ['accepted_at', 'county_id', 'street_id'])
    op.create_index('ix_cases_first_resolved', 'cases',
                    ['first_resolved_at', 'due_at', 'county_id', 'street_id'])


def downgrade() -> None:
    op.drop_index('ix_cases_first_resolved', table_name='cases')
    op.drop_index('ix_cases_accepted_at', table_name='cases')
    op.create_index('ix_cases_first_resolved', 'cases', ['first_resolved_at', 'due_at'])
    op.create_index('ix_cases_accepted_at', 'cases', ['accepted_at'])
