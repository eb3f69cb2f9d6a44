"""A request type may serve several steps of the investment rules: `roadmap_step` (one step or none)
becomes `roadmap_steps` (a list), e.g. one grid connection application for the up-to-150 kW and the
above-150 kW algorithms. Existing types keep their step as a list of one.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

REQUEST_TYPES = sa.table("request_types", sa.column("code", sa.String), sa.column("roadmap_step", sa.JSON),
                         sa.column("roadmap_steps", sa.JSON))


def upgrade() -> None:
    with op.batch_alter_table("request_types") as batch:
        batch.add_column(sa.Column("roadmap_steps", sa.JSON(), nullable=True))
    connection = op.get_bind()
    for code, step in connection.execute(sa.select(REQUEST_TYPES.c.code, REQUEST_TYPES.c.roadmap_step)).all():
        connection.execute(REQUEST_TYPES.update().where(REQUEST_TYPES.c.code == code)
                           .values(roadmap_steps=[step] if step else []))
    with op.batch_alter_table("request_types") as batch:
        batch.alter_column("roadmap_steps", existing_type=sa.JSON(), nullable=False)
        batch.drop_column("roadmap_step")


def downgrade() -> None:
    """Back to one step per type: a type serving several keeps its first."""
    with op.batch_alter_table("request_types") as batch:
        batch.add_column(sa.Column("roadmap_step", sa.JSON(), nullable=True))
    connection = op.get_bind()
    for code, steps in connection.execute(sa.select(REQUEST_TYPES.c.code, REQUEST_TYPES.c.roadmap_steps)).all():
        connection.execute(REQUEST_TYPES.update().where(REQUEST_TYPES.c.code == code)
                           .values(roadmap_step=steps[0] if steps else None))
    with op.batch_alter_table("request_types") as batch:
        batch.drop_column("roadmap_steps")
