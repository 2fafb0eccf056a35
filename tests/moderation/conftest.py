"""Load the shared database fixtures (see db_fixtures.py)."""

import importlib.util
import sys
from pathlib import Path

_NAME = "btl_db_fixtures"
if _NAME not in sys.modules:
    _spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).resolve().parents[1] / "store" / "db_fixtures.py")
    assert _spec and _spec.loader
    _mod = importlib.util.module_from_spec(_spec)
    sys.modules[_NAME] = _mod
    try:
        _spec.loader.exec_module(_mod)
    except BaseException:
        del sys.modules[_NAME]
        raise
_fx = sys.modules[_NAME]
db_url, pg_url, live_server, make_key = _fx.db_url, _fx.pg_url, _fx.live_server, _fx.make_key


def pytest_configure(config):
    _fx.configure(config)


def pytest_collection_modifyitems(config, items):
    _fx.modify_items(items)
