"""Alembic's entry: migrations always run on the connection (and in the transaction) the store hands over."""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through survey.migrations.upgrade (Store does it on start)")
context.configure(connection=connection)
with context.begin_transaction():
    context.run_migrations()
