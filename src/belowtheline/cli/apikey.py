"""``btl apikey create --scope score``: create an API key; the key is printed alone on the last line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser("apikey", help="create API keys for machine clients",
                       description="Keys are stored hashed: the key is shown once, on the last line of output.")
    p.add_argument("action", choices=("create",))
    p.add_argument("--scope", action="append", default=[], metavar="SCOPE",
                   help="read, score, moderate or admin (repeat or comma-separate; default: score)")
    p.add_argument("--name", help="a label for the key (e.g. the integration using it)")
    p.add_argument("--db", metavar="URL", help="database URL (default: $BTL_DATABASE_URL or the SQLite file)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..moderation.accounts import create_api_key
    from ..store import open_store

    store = open_store(args.db)
    try:
        with store.session() as s:
            row, secret = create_api_key(s, args.scope or ["score"], name=args.name)
            print(f"Created key {row.prefix}… with scope(s) {row.scopes}. Store it now: it is not shown again.",
                  file=sys.stderr)
    finally:
        store.dispose()
    print(secret)
    return 0
