"""A workshop remembers whether its results were revealed (closing never reveals) and can be moved to the
bin; group names are compared by `analysis.names.name_key`.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from analysis.names import name_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, which SQLite does in place (a batch copy of the table would fight its foreign keys).
    op.add_column("workshops", sa.Column("revealed", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("workshops", sa.Column("deleted_at", sa.DateTime, nullable=True))
    # Before this revision a closed workshop showed its results to everyone, whether or not the facilitator
    # had revealed them, and nothing says which. Fail closed: only a workshop in state 'revealed' stays
    # revealed; a closed one is hidden until the facilitator presses "Visa resultatet" (one click).
    op.execute("UPDATE workshops SET revealed = (state = 'revealed')")
    conn = op.get_bind()
    groups = sa.table("groups", sa.column("id", sa.Integer), sa.column("workshop_id", sa.String),
                      sa.column("name", sa.String), sa.column("name_key", sa.String))
    taken: set[tuple[str, str]] = set()
    rows = conn.execute(sa.select(groups.c.id, groups.c.workshop_id, groups.c.name).order_by(groups.c.id)).all()
    changes = []
    for row in rows:
        key = name_key(row.name)
        if (row.workshop_id, key) in taken:  # two groups that are now one name: both stay, the later marked
            key = f"{key}#{row.id}"
        taken.add((row.workshop_id, key))
        changes.append({"gid": row.id, "key": key})
    if changes:
        # Two steps so that swapping keys never meets the unique constraint halfway.
        conn.execute(sa.update(groups).values(name_key=sa.literal("#") + sa.cast(groups.c.id, sa.String)))
        conn.execute(sa.update(groups).where(groups.c.id == sa.bindparam("gid")).values(name_key=sa.bindparam("key")),
                     changes)


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("deleted_at")
        batch.drop_column("revealed")
