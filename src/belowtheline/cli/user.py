"""``btl user add NAME --role moderator``: create a moderator account (password from a prompt or stdin)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser("user", help="manage moderator accounts", description="Create accounts with roles "
                       "viewer (read), moderator (read, work the queue) or admin (everything).")
    p.add_argument("action", choices=("add",))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", default="moderator", choices=("viewer", "moderator", "admin"))
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--db", metavar="URL", help="database URL (default: $BTL_DATABASE_URL or the SQLite file)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..moderation.accounts import create_user
    from ..store import open_store

    if args.password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.name}: ")
    store = open_store(args.db)
    try:
        with store.session() as s:
            user = create_user(s, args.name, password, args.role)
            print(f"Created {user.role} {user.username!r}.")
    finally:
        store.dispose()
    return 0
