"""Engines, sessions and migrations: :func:`open_store` is the one way in."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from ..errors import ConfigError

__all__ = ["MIGRATIONS", "Store", "default_url", "downgrade", "normalize_url", "open_store", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_upgrade_lock = threading.Lock()


def default_url() -> str:
    """The database URL: ``$BTL_DATABASE_URL``, else a SQLite file in the user's data directory.

    The SQLite file is ``$BTL_HOME/belowtheline.db`` when ``BTL_HOME`` is set, else
    ``$XDG_DATA_HOME/belowtheline/belowtheline.db`` (``~/.local/share/...`` by default).
    """
    env = os.environ.get("BTL_DATABASE_URL")
    if env:
        return env
    home = os.environ.get("BTL_HOME")
    if home:
        base = Path(home)
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "belowtheline"
    return f"sqlite:///{base / 'belowtheline.db'}"


def normalize_url(url: str) -> str:
    """Pick the psycopg 3 driver for ``postgresql://`` URLs; reject unsupported databases.

    Raises:
        ConfigError: the URL is malformed or names a database other than SQLite or PostgreSQL.
    """
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ConfigError(
            f"{url!r} is not a database URL. Use sqlite:///PATH or postgresql://USER@HOST:PORT/DB."
        ) from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend != "sqlite":
        raise ConfigError(
            f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)!r}: "
            "use sqlite:///PATH or postgresql://USER@HOST:PORT/DB."
        )
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's directory is created on first use."""
    url = normalize_url(url)
    parsed = make_url(url)
    kw: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
            kw["connect_args"] = {"check_same_thread": False, "timeout": 10}
        else:
            # One shared connection, or every session would see its own empty in-memory database.
            kw["connect_args"] = {"check_same_thread": False}
            kw["poolclass"] = StaticPool
        engine = create_engine(url, **kw)
        event.listen(engine, "connect", _sqlite_pragmas)
        if db and db != ":memory:":
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str) -> Any:
    """An Alembic ``Config`` for the packaged migrations (no ``alembic.ini`` needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind ``engine`` up to ``revision`` (idempotent)."""
    _migrate(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database behind ``engine`` down to ``revision`` (``"base"``: drop everything)."""
    _migrate(engine, "downgrade", revision)


def _migrate(engine: Engine, direction: str, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with _upgrade_lock, engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, direction)(cfg, revision)


class Store:
    """A migrated database: ``with store.session() as s: ...`` commits on success.

    Args:
        url: SQLAlchemy URL; ``postgresql://`` uses psycopg 3.
        migrate: run the Alembic migrations to head first (default True).
    """

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(self.url)
        if migrate:
            upgrade(self.engine)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        s = self._factory()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating on first use) the database at ``url`` or :func:`default_url`.

    Example:
        >>> store = open_store("sqlite://")
        >>> with store.session() as s:
        ...     from belowtheline.store.models import Site
        ...     s.add(Site(name="example.org"))
        >>> store.dispose()
    """
    return Store(url or default_url())
