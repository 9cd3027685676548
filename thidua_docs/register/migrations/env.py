"""Alembic environment of the register: run programmatically by :func:`thidua_docs.register.db.migrate`
on the connection it passes (``config.attributes["connection"]``), inside its transaction."""

from __future__ import annotations

from alembic import context

from thidua_docs.register.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
