"""map index: a county's open cases with everything the map draws of them

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30

- ix_cases_map_points (county_id, status, category_id, grid_id, risk, lat, lng,
  suspended_at, due_at, warn_at): the 地图's points and counts per grid (and its category
  filter) read the index only, instead of looking up each open case's row (the query 70 →
  30 ms at a million cases on SQLite; it was most of a redraw after a filter change).
"""
from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

COLUMNS = ['county_id', 'status', 'category_id', 'grid_id', 'risk', 'lat', 'lng',
           'suspended_at', 'due_at', 'warn_at']


def upgrade() -> None:
    op.create_index('ix_cases_map_points', 'cases', COLUMNS)
    if op.get_bind().dialect.name == 'sqlite':  # its planner weighs indexes by their statistics
        op.execute('ANALYZE ix_cases_map_points')


def downgrade() -> None:
    op.drop_index('ix_cases_map_points', table_name='cases')
