"""Database and live-server fixtures shared by tests/store, tests/service and tests/moderation.

``db_url`` runs a test on SQLite and, when ``BTL_TEST_POSTGRES_URL`` is set (``.ci/postgres.sh``
prints it), on a fresh PostgreSQL database; the PostgreSQL case is marked ``postgres``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

PG_ENV = "BTL_TEST_POSTGRES_URL"
PG_SKIP = f"needs a PostgreSQL server: set {PG_ENV} (run `export \"$(bash .ci/postgres.sh)\"`)"


def configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"postgres: needs a real PostgreSQL server ({PG_ENV})")


def modify_items(items: list[pytest.Item]) -> None:
    """Mark the PostgreSQL cases of ``db_url`` ``postgres``; skip them when no server is configured.

    (Marked here rather than in ``pytest.param`` so the marker exists before it is used.)
    """
    skip = None if os.environ.get(PG_ENV) else pytest.mark.skip(reason=PG_SKIP)
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("db_url") == "postgres" and "postgres" not in item.keywords:
            item.add_marker("postgres")
        if skip is not None and "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (dropped afterwards)."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"btl_t_{uuid.uuid4().hex[:12]}"
    admin = make_url(base).set(drivername="postgresql")
    conninfo = admin.render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # a generated identifier, not user text
    yield admin.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """A fresh database URL: a SQLite file, then (marked postgres) a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'btl.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


class LiveServer:
    def __init__(self, app: Any) -> None:
        import uvicorn

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False, lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def live_server(db_url: str) -> Iterator[Callable[..., LiveServer]]:
    """``live_server(scorer=..., **settings)`` starts the app on a free loopback port."""
    from belowtheline.service.app import create_app
    from belowtheline.service.scoring import KeywordScorer
    from belowtheline.service.settings import Settings

    started: list[LiveServer] = []

    def start(*, scorer: Any = None, **settings: Any) -> LiveServer:
        settings.setdefault("database_url", db_url)
        app = create_app(Settings(**settings), scorer=scorer or KeywordScorer(flag={"idiot", "moron"}))
        srv = LiveServer(app).__enter__()
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.__exit__()
        srv.server.config.app.state.runtime.store.dispose()


@pytest.fixture
def make_key(db_url: str) -> Callable[..., str]:
    """``make_key("score", "read")`` creates an API key in the test database and returns the secret."""
    from belowtheline.moderation.accounts import create_api_key
    from belowtheline.store import open_store

    def make(*scopes: str) -> str:
        store = open_store(db_url)
        try:
            with store.session() as s:
                return create_api_key(s, scopes or ("score",))[1]
        finally:
            store.dispose()

    return make
