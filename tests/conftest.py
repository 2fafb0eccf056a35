"""Shared fixtures: paths to the repo, its fixtures and ../shared/data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "examples"


def _load_db_fixtures() -> ModuleType:
    """tests/store/db_fixtures.py, loaded once under a fixed name (tests is not a package)."""
    name = "btl_db_fixtures"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "store" / "db_fixtures.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
    return sys.modules[name]


# The database fixtures (SQLite always, PostgreSQL when BTL_TEST_POSTGRES_URL is set) for every test folder.
_db = _load_db_fixtures()
db_url, pg_url, live_server, make_key = _db.db_url, _db.pg_url, _db.live_server, _db.make_key


def pytest_configure(config: pytest.Config) -> None:
    _db.configure(config)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_slow = pytest.mark.skip(reason="slow: run with --runslow")
    skip_data = pytest.mark.skip(reason=f"needs the shared datasets at {SHARED_DATA} (absent here)")
    for item in items:
        if "slow" in item.keywords and not config.getoption("--runslow"):
            item.add_marker(skip_slow)
        if "shared_data" in item.keywords and not SHARED_DATA.is_dir():
            item.add_marker(skip_data)
    _db.modify_items(items)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"needs the shared datasets at {SHARED_DATA} (absent here)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_000() -> str:
    return (SEEDS / "000_0f8eaa86e6e37add.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_004() -> str:
    return (SEEDS / "004_26225b9601bd87ed.txt").read_text(encoding="utf-8")
