"""Each group gets a short join code a person can type (survey/store/codes.py), unique across workshops.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from survey.store.codes import new_join_code

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("groups", sa.Column("join_code", sa.String(8), nullable=True))
    conn = op.get_bind()
    groups = sa.table("groups", sa.column("id", sa.Integer), sa.column("join_code", sa.String))
    taken: set[str] = set()
    for (gid,) in conn.execute(sa.select(groups.c.id).order_by(groups.c.id)).all():
        code = new_join_code()
        while code in taken:
            code = new_join_code()
        taken.add(code)
        conn.execute(groups.update().where(groups.c.id == gid).values(join_code=code))
    op.create_index("groups_join_code", "groups", ["join_code"], unique=True)
