"""``btl export-labels --db URL --out FILE.jsonl``: human decisions as labelled data for retraining."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser("export-labels", help="export moderators' approve/reject decisions as JSONL",
                       description="One line per comment with a human decision in force: text, label "
                       "(1 rejected, 0 approved), the scores and models the moderator saw, note, moderator.")
    p.add_argument("--db", metavar="URL", help="database URL (default: $BTL_DATABASE_URL or the SQLite file)")
    p.add_argument("--out", "-o", default="-", metavar="FILE", help="output file (default: - for stdout)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..moderation.queue import export_labels
    from ..store import open_store

    store = open_store(args.db)
    n = 0
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        with store.session() as s:
            for rec in export_labels(s):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    finally:
        if out is not sys.stdout:
            out.close()
        store.dispose()
    print(f"Exported {n} label(s).", file=sys.stderr)
    return 0
