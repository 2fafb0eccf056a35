"""``btl score``: score comments for the seven toxicity labels, with evidence spans.

    btl score --input comments.jsonl --output scores.jsonl
    btl score "some text"
    btl score --accurate --input comments.jsonl   # blend in a sentence encoder

Each input line is ``{"text": ..., "id": optional}``; each output line, in the
same order, is ``{"id", "scores", "evidence", "narratives", "spam", "language"}``.
A malformed line becomes ``{"id", "error"}`` in the output and a message on
stderr naming the line; the run goes on (exit 1 only with ``--strict``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["register", "run"]

_CHUNK = 4096


def register(sub: Any) -> None:
    p = sub.add_parser(
        "score",
        help="score comments (JSONL or one text) for toxicity labels with evidence spans",
        description="Score comments for toxicity, severe_toxicity, insult, identity_attack, threat, "
        "sexual_explicit and profanity (calibrated probabilities) with the evidence spans behind them.",
    )
    p.add_argument("text", nargs="?", help="one comment to score (prints one JSON result)")
    p.add_argument("--input", "-i", metavar="FILE",
                   help='JSONL input, one {"text": ..., "id": ...} per line; - for stdin')
    p.add_argument("--output", "-o", metavar="FILE", help="JSONL output (default: stdout)")
    p.add_argument("--strict", action="store_true", help="exit 1 if any input line was malformed")
    p.add_argument("--accurate", action="store_true",
                   help="blend in a sentence encoder (slower, more accurate; needs belowtheline[accurate])")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes for scoring large inputs (default: all cores for chunks of 2,000+ "
                        "comments; 1: never start processes)")
    p.set_defaults(func=run)


def _result(item_id: Any, scores: Any, signals: dict[str, Any]) -> dict[str, Any]:
    d = scores.to_dict()
    return {"id": item_id, "scores": d["scores"], "evidence": d["evidence"],
            "narratives": signals["narratives"], "spam": signals["spam"], "language": signals["language"]}


def _parse(line: str, lineno: int) -> tuple[Any, str | None, str | None]:
    """``(id, text, error)`` of one JSONL line."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return str(lineno), None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(obj, dict):
        return str(lineno), None, 'expected a JSON object like {"text": "...", "id": "..."}'
    item_id = obj.get("id", str(lineno))
    text = obj.get("text")
    if not isinstance(text, str):
        return item_id, None, 'missing "text" (a string)'
    return item_id, text, None


def run(args: argparse.Namespace) -> int:
    from ..comments.scorer import load_scorer
    from ..comments.signals import comment_signals
    from ..errors import InputNotFoundError

    if getattr(args, "workers", None) is not None and args.workers < 1:
        print("Error: --workers must be 1 or more.", file=sys.stderr)
        return 2
    if args.text is not None and args.input:
        print("Error: give either a TEXT argument or --input FILE, not both.", file=sys.stderr)
        return 2
    if args.text is None and not args.input:
        print('Error: nothing to score. Use: btl score "some text"  or  btl score --input FILE.jsonl',
              file=sys.stderr)
        return 2
    if getattr(args, "accurate", False):
        from ..comments.encoder import load_accurate_scorer

        scorer: Any = load_accurate_scorer()
    else:
        scorer = load_scorer()
    if args.text is not None:
        out = json.dumps(
            _result(None, scorer.score([args.text])[0], comment_signals([args.text])[0]), ensure_ascii=False
        )
        if args.output:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(out + "\n")
        else:
            print(out)
        return 0

    if args.input == "-":
        lines = sys.stdin.read().splitlines()
    else:
        try:
            with open(args.input, encoding="utf-8-sig", errors="replace") as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            raise InputNotFoundError("no such file; check the path given to --input", source=args.input) from None
    errors = 0
    sink = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        rows = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
        for start in range(0, len(rows), _CHUNK):
            parsed = [(n, *_parse(line, n)) for n, line in rows[start : start + _CHUNK]]
            texts = [text for _, _, text, err in parsed if err is None]
            results = iter(scorer.score(texts, workers=getattr(args, "workers", None)))
            signals = iter(comment_signals(texts))  # type: ignore[arg-type]
            for n, item_id, _text, err in parsed:
                if err is not None:
                    errors += 1
                    print(f"{args.input}: line {n}: {err}", file=sys.stderr)
                    sink.write(json.dumps({"id": item_id, "error": err}, ensure_ascii=False) + "\n")
                else:
                    row = _result(item_id, next(results), next(signals))
                    sink.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if sink is not sys.stdout:
            sink.close()
    if errors:
        print(f"{errors} malformed line(s) of {len(rows)} (see above).", file=sys.stderr)
    return 1 if errors and args.strict else 0
