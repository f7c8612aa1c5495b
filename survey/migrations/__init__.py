"""Alembic owns the schema: `upgrade(conn)` brings any Spindeln database to the newest revision.

A database made before migrations existed (tables, no `alembic_version`) is stamped with the baseline
first, which is exactly that schema. New schema changes: add a revision in `versions/` (by hand or
`alembic -c survey/migrations/alembic.ini revision -m "…"`), never edit one that has shipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent
BASELINE = "0001"
HEAD = "0004"  # the newest revision in versions/ (a test holds it equal to Alembic's head): raise it with each new one


def _config(conn: Connection) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = conn
    return cfg


def head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config(None)).get_current_head()  # type: ignore[arg-type]


def known(revision: str) -> bool:
    """Whether `revision` is one of ours: a database from a newer Spindeln has one this version cannot upgrade."""
    from alembic.script import ScriptDirectory

    return any(s.revision == revision for s in ScriptDirectory.from_config(_config(None)).walk_revisions())  # type: ignore[arg-type]


def current(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def up_to_date(conn: Connection) -> bool:
    """Whether the database is at HEAD, asked in plain SQL: a server on an up-to-date database never imports
    Alembic (11 MB of memory in every process)."""
    if not inspect(conn).has_table("alembic_version"):
        return False
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD]


def upgrade(conn: Connection) -> None:
    """Upgrade inside the caller's transaction (which holds the lock that keeps other processes out)."""
    if up_to_date(conn):
        return
    from alembic import command

    cfg = _config(conn)
    revision = current(conn)
    if revision == head():
        return
    if revision is None and inspect(conn).has_table("workshops"):
        command.stamp(cfg, BASELINE)
    command.upgrade(cfg, "head")
