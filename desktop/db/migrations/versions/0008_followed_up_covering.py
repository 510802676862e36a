"""follow-ups index covers the rating and the place: 满意率 reads the index only

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

ix_cases_followed_up (closed_at, only cases with a 回访 satisfaction) gains satisfaction,
county_id and street_id, so the 满意率 of a county or a street over a period (the dashboard's
month tile and its previous month, the report's) never reads the cases themselves.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _partial() -> dict:
    where = 'satisfaction IS NOT NULL'
    return {'sqlite_where': sa.text(where), 'postgresql_where': sa.text(where)}


def upgrade() -> None:
    op.drop_index('ix_cases_followed_up', table_name='cases', **_partial())
    op.create_index('ix_cases_followed_up', 'cases',
                    ['closed_at', 'satisfaction', 'county_id', 'street_id'], **_partial())


def downgrade() -> None:
    op.drop_index('ix_cases_followed_up', table_name='cases', **_partial())
    op.create_index('ix_cases_followed_up', 'cases', ['closed_at'], **_partial())
