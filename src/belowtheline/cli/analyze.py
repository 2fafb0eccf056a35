"""``btl analyze PATH... --out DIR``: segment and analyse captures, write JSON and a report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse captures (files, directories, - for stdin) into JSON and an HTML report",
        description="Segment each capture into article and comments, analyse it, and write "
        "DIR/<name>.json per document and DIR/report.html.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a file, a directory (recursive) or - for stdin")
    p.add_argument("--out", "-o", default="out", metavar="DIR", help="output directory (default: out)")
    p.add_argument("--strict", action="store_true", help="exit 1 if any input could not be read or had problems")
    p.add_argument("--format", choices=("text", "html", "jsonl", "csv"), help="force the input format")
    p.add_argument("--no-report", action="store_true", help="write JSON only")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.add_argument("--max-bytes", type=int, metavar="N", help="refuse inputs larger than N bytes")
    p.add_argument("--max-line-chars", type=int, metavar="N", help="refuse text inputs with a longer line")
    p.add_argument("--db", metavar="URL", help="also store the documents in this database (idempotent by content hash)")
    p.add_argument("--accurate", action="store_true",
                   help="score comments with the accurate mode (toxicity.minilm.v1; needs belowtheline[accurate])")
    p.add_argument("--stages", metavar="NAMES", help="comma-separated stage names (default: the standard pipeline)")
    p.add_argument("--no-corpus-names", action="store_true",
                   help="name entities per document only (default: one name per entity across the run, "
                        '"AP" -> "Associated Press" when another document spells it out)')
    p.set_defaults(func=run)


def _progress_bar(done: int, total: int, name: str) -> None:
    width = 28
    filled = int(width * done / max(total, 1))
    label = name if len(name) <= 40 else "…" + name[-39:]
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from ..ingest import IngestOptions
    from ..pipeline import DEFAULT_STAGES
    from ..runner import analyze_paths

    kw: dict[str, Any] = {"format": args.format}
    if args.max_bytes:
        kw["max_bytes"] = args.max_bytes
    if args.max_line_chars:
        kw["max_line_chars"] = args.max_line_chars
    stages = tuple(s.strip() for s in args.stages.split(",") if s.strip()) if args.stages else DEFAULT_STAGES
    if getattr(args, "accurate", False):
        stages = tuple("toxicity.minilm.v1" if s == "toxicity.linear.v1" else s for s in stages)
    show = sys.stderr.isatty() and not args.no_progress
    summary = analyze_paths(
        args.paths,
        args.out,
        stages=stages,
        options=IngestOptions(**kw),
        report=not args.no_report,
        progress=_progress_bar if show else None,
        db=args.db,
        corpus_names=not args.no_corpus_names,
    )
    for source, reason in summary.problems:
        print(f"Skipped {source}: {reason}", file=sys.stderr)
    for doc_id, message in summary.warnings:
        print(f"Warning ({doc_id}): {message}", file=sys.stderr)
    if summary.renamed:
        print(f"Named entities as the rest of the corpus does in {summary.renamed} document(s).", file=sys.stderr)
    where = f" Report: {summary.report}" if summary.report else ""
    print(
        f"Analysed {summary.documents} document(s) with {summary.comments} comment(s) from "
        f"{summary.inputs} input(s); {len(summary.problems)} skipped. JSON in {summary.out_dir}/.{where}",
        file=sys.stderr,
    )
    if args.strict and (summary.problems or summary.warnings):
        print(f"Error: {len(summary.problems)} input(s) failed and {len(summary.warnings)} warning(s) (--strict).",
              file=sys.stderr)
        return 1
    return 0
