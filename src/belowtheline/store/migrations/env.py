"""Alembic environment: uses the connection handed over by :func:`belowtheline.store.session.upgrade`,
or ``sqlalchemy.url`` from ``alembic.ini`` / ``BTL_DATABASE_URL`` when run as ``alembic upgrade head``."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine

from belowtheline.store.models import Base
from belowtheline.store.session import normalize_url

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = os.environ.get("BTL_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(normalize_url(url or "sqlite:///belowtheline.db"))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


def run_migrations_offline() -> None:
    url = os.environ.get("BTL_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    context.configure(url=normalize_url(url or "sqlite:///belowtheline.db"), target_metadata=target_metadata,
                      literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
