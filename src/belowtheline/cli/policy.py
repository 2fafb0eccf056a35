"""``btl policy check FILE`` / ``btl policy dry-run FILE --db URL`` / ``btl policy apply FILE --db URL``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser("policy", help="validate a moderation policy, preview it or apply it to stored comments",
                       description="A policy is a YAML or TOML file: version, per-label thresholds, banned and "
                       "suspect words (with * wildcards), narrative, copy-paste and spam rules, per-site overrides.")
    p.add_argument("action", choices=("check", "dry-run", "apply"),
                   help="check: validate; dry-run: show what would change; apply: record decisions")
    p.add_argument("file", metavar="FILE", help="the policy file (.yaml, .yml or .toml)")
    p.add_argument("--db", metavar="URL", help="database URL (default: $BTL_DATABASE_URL or the SQLite file)")
    p.add_argument("--limit", type=int, default=20, help="changed comments to list in a dry run (default: 20)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..moderation.policy import load_policy

    policy = load_policy(args.file)
    if args.action == "check":
        print(f"OK: policy {args.file} version {policy.version}: {len(policy.thresholds)} label threshold(s), "
              f"{len(policy.banned_words)} banned and {len(policy.suspect_words)} suspect word(s), "
              f"{len(policy.sites)} site override(s).")
        return 0
    from ..moderation.decisions import apply_policy, dry_run
    from ..store import open_store

    store = open_store(args.db)
    try:
        with store.session() as s:
            if args.action == "apply":
                made = apply_policy(s, policy, actor="cli")
                print(f"Recorded {len(made)} decision(s) with policy version {policy.version}.")
                return 0
            result = dry_run(s, policy)
    finally:
        store.dispose()
    counts = ", ".join(f"{a} {result.counts.get(a, 0)}" for a in ("publish", "review", "remove"))
    print(f"Policy {policy.version} on {result.total} stored comment(s): {counts}; "
          f"{len(result.changes)} would change.")
    for ch in result.changes[: args.limit]:
        text = ch.text.replace("\n", " ")
        text = text if len(text) <= 70 else text[:69] + "…"
        print(f"  comment {ch.comment_id}: {ch.before or 'none'} -> {ch.after}  {text!r}  [{'; '.join(ch.reasons)}]")
    if len(result.changes) > args.limit:
        print(f"  ... and {len(result.changes) - args.limit} more (--limit N to list more)", file=sys.stderr)
    return 0
