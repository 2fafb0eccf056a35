"""Segmentation quality on the annotated captures in tests/fixtures/segmentation/.

Runs ``belowtheline.analyze`` on every capture of each split, scores it
against its gold annotation (``belowtheline.segment.evaluate``), prints one
table per split (overall and per layout) and writes
``benchmarks/results/segmentation.json``.

Run: python benchmarks/eval_segmentation.py [--split dev|heldout|seeds|handwritten|unseen…unseen6|all] [--docs]
(the splits are the fixture folders found on disk)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, table, write_result  # noqa: E402

from belowtheline.segment.evaluate import CorpusScores, Summary, discover_splits, evaluate_dir  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "segmentation"
SPLITS = discover_splits(FIXTURES)

#: (column header, Summary attribute) of the printed tables.
COLUMNS = (
    ("docs", "docs"),
    ("body F1", "body_f1"),
    ("cmt P", "comment_precision"),
    ("cmt R", "comment_recall"),
    ("cmt F1", "comment_f1"),
    ("author", "author_accuracy"),
    ("time", "timestamp_accuracy"),
    ("reply", "reply_accuracy"),
    ("reply P", "reply_precision"),
    ("leaks", "boilerplate_leaks"),
    ("caption", "caption_exact"),
    ("title", "title_exact"),
    ("credits", "credits_recall"),
    ("subhead", "subheading_f1"),
)


def _row(label: str, s: Summary) -> list[Any]:
    return [label] + ["-" if getattr(s, attr) is None else getattr(s, attr) for _, attr in COLUMNS]


def run(split: str) -> tuple[CorpusScores, float]:
    """Score one split; returns the scores and the seconds it took."""
    start = time.perf_counter()
    scores = evaluate_dir(FIXTURES / split)
    return scores, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Segmentation quality on the annotated captures.")
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    ap.add_argument("--docs", action="store_true", help="also list the documents with errors")
    args = ap.parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)
    payload: dict[str, Any] = {"splits": {}}
    headers = ["split / layout", *(h for h, _ in COLUMNS)]
    overall_rows = []
    for split in splits:
        if not (FIXTURES / split).is_dir():
            print(f"Error: no fixtures at {FIXTURES / split}; run training/build_segmentation_set.py", file=sys.stderr)
            return 1
        scores, secs = run(split)
        overall_rows.append(_row(split, scores.overall))
        print(f"\n{split}: {scores.overall.docs} captures in {secs:.1f}s")
        print(table(headers, [_row(split, scores.overall)] + [_row("  " + k, v) for k, v in scores.by_layout.items()]))
        if args.docs:
            for d in scores.documents:
                if d.comment_f1 < 1 or d.body_f1 < 0.99 or d.boilerplate_leaks or not d.title_exact:
                    print(
                        f"  {d.name}: body {d.body_f1:.3f} comments {d.matched_comments}/"
                        f"{d.gold_comments} (pred {d.pred_comments}) leaks {d.leaked}"
                    )
        payload["splits"][split] = {"seconds": round(secs, 3), **scores.to_dict()}
    if len(splits) > 1:
        print("\nall splits")
        print(table(headers, overall_rows))
    # Keep the other splits' figures when only some splits were run.
    previous = ROOT / "benchmarks" / "results" / "segmentation.json"
    if previous.is_file():
        old = json.loads(previous.read_text(encoding="utf-8")).get("splits", {})
        payload["splits"] = {**{k: v for k, v in old.items() if k in SPLITS}, **payload["splits"]}
    path = write_result("segmentation", payload)
    print(f"\nwrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
