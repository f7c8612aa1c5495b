"""Question ids are never reused on SQLite: a removed question's id must not come back for a new question, or
a group page left open would save its answer to the old question under the new one.

PostgreSQL's sequences never reuse ids; SQLite reuses the highest rowid unless the key is AUTOINCREMENT, which
only a rebuilt table can have.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # Inside the store's transaction foreign keys cannot be switched off, so the answers step aside while the
    # table is rebuilt (a DROP of a table with children would count as deleting them), and come back after.
    op.execute("CREATE TEMPORARY TABLE answers_kept AS SELECT * FROM answers")
    op.execute("DELETE FROM answers")
    op.execute(
        "CREATE TABLE questions_new ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " workshop_id VARCHAR(32) NOT NULL REFERENCES workshops (id),"
        " position INTEGER NOT NULL,"
        " text VARCHAR(500) NOT NULL,"
        " summary TEXT,"
        " CONSTRAINT questions_position UNIQUE (workshop_id, position))"
    )
    op.execute("INSERT INTO questions_new (id, workshop_id, position, text, summary)"
               " SELECT id, workshop_id, position, text, summary FROM questions")
    op.execute("DROP TABLE questions")
    op.execute("ALTER TABLE questions_new RENAME TO questions")
    op.execute("INSERT INTO answers SELECT * FROM answers_kept")
    op.execute("DROP TABLE answers_kept")


def downgrade() -> None:
    pass  # an AUTOINCREMENT key is a plain integer key that also remembers its highest value: nothing to undo
