"""Fixtures for the dashboard: a seeded live server and a real headless Chromium (Playwright).

Browser tests need Debian's ``chromium`` (``apt-get install -y chromium``) and the ``playwright``
Python package (no ``playwright install``: the system browser is used). Without a browser binary
they are skipped with that reason; everything else runs anyway.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

_fx = sys.modules["btl_db_fixtures"]  # loaded by tests/conftest.py
LiveServer = _fx.LiveServer

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("BTL_SCREENSHOTS", ROOT / "benchmarks" / "results" / "screenshots"))
CHROMIUM = (
    os.environ.get("BTL_CHROMIUM")
    or shutil.which("chromium")
    or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives a real headless Chromium (skipped when none is installed)")


@dataclass
class Dash:
    """A running dashboard: its URL, database URL, the app, the demo seed summary."""

    url: str
    db_url: str
    app: Any
    seed: Any

    def store(self) -> Any:
        return self.app.state.runtime.store


@pytest.fixture
def dash_factory(tmp_path: Path) -> Iterator[Callable[..., Dash]]:
    """``dash_factory(db_url=None, documents=3, comments=40, seed=True, setup=None)`` starts a seeded server."""
    from belowtheline.dashboard.demo import DEMO_POLICY, seed_demo
    from belowtheline.moderation.policy import Policy
    from belowtheline.service.app import create_app
    from belowtheline.service.scoring import KeywordScorer
    from belowtheline.service.settings import Settings

    started: list[LiveServer] = []

    def start(
        *,
        db_url: str | None = None,
        documents: int = 3,
        comments: int = 40,
        seed: bool = True,
        setup: Callable[[Any], None] | None = None,
    ) -> Dash:
        url = db_url or f"sqlite:///{tmp_path / 'dash.db'}"
        app = create_app(Settings(database_url=url), scorer=KeywordScorer())
        app.state.runtime.policy = Policy.model_validate(DEMO_POLICY)
        store = app.state.runtime.store
        summary = seed_demo(store, documents=documents, comments_per_document=comments) if seed else None
        if not seed:
            from belowtheline.moderation.accounts import create_user

            with store.session() as s:
                for name, role in (("admin", "admin"), ("alice", "moderator"), ("victor", "viewer")):
                    create_user(s, name, PASSWORD, role)
        if setup is not None:
            setup(store)
        srv = LiveServer(app).__enter__()
        started.append(srv)
        return Dash(srv.url, url, app, summary)

    yield start
    for srv in started:
        srv.__exit__()
        srv.server.config.app.state.runtime.store.dispose()


@pytest.fixture
def dash(dash_factory: Callable[..., Dash]) -> Dash:
    return dash_factory()


def login_http(client: Any, base: str, username: str = "alice", password: str = PASSWORD) -> Any:
    """Sign in with an httpx client (keeps the cookie); returns the redirect response."""
    page = client.get(f"{base}/dashboard/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    return client.post(
        f"{base}/dashboard/login",
        data={"csrf": token.group(1), "username": username, "password": password, "next": "/dashboard/queue"},
    )


def csrf_of(html: str) -> str:
    m = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert m
    return m.group(1)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no Chromium binary: install Debian's chromium (apt-get install -y chromium) or set BTL_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is missing: pip install -e '.[dev]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page that fail the test on any page error or dialog."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(10_000)
    pg.problems = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.problems.append(f"pageerror: {exc}"))
    pg.on(
        "console",
        lambda msg: pg.problems.append(f"console {msg.type}: {msg.text}") if msg.type in ("error", "warning") else None,
    )

    def _dialog(d: Any) -> None:
        pg.problems.append(f"dialog {d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", _dialog)
    yield pg
    ctx.close()


def browser_login(
    page: Any, base: str, username: str = "alice", password: str = PASSWORD, next_path: str = "/dashboard/queue"
) -> None:
    page.goto(f"{base}{next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(re.escape(next_path)))


DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"
#: The screenshots the README shows; ``BTL_DOCS_SCREENSHOTS=1 make test`` refreshes them.
README_SHOTS = {
    "queue",
    "queue-decided",
    "article-filtered",
    "article-facts",
    "overview",
    "policy",
    "xss-queue",
    "seed-article-facts",
    "seed-overview",
}


def shot(page: Any, name: str, *, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    if os.environ.get("BTL_DOCS_SCREENSHOTS") and name in README_SHOTS:
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"), full_page=False)
    return path
