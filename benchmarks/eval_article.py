"""Article understanding quality on the annotated articles in tests/fixtures/article/.

Runs the article stage (``article.spacy.v1``: entities, quotes, claims) on
every article of a split, scores it against its gold annotation
(``belowtheline.article.evaluate``), prints the table, shows raw spaCy NER
(its own entities, no repair, no canonical names) beside ours for entities,
and writes ``benchmarks/results/article.json``.

Run: python benchmarks/eval_article.py [--split dev|blind | --dir FOLDER] [--docs] [--write-baseline]

``--write-baseline`` (dev only) stores floors slightly below the measured
figures, with the count and a hash of the dev files, in
``benchmarks/article_baseline.json``; ``tests/article/test_article_gate.py``
fails when the dev scores drop below them.

The ``blind`` split is kept for the final measurement by the lead: do not tune on it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, table, write_result  # noqa: E402

from belowtheline.article.evaluate import (  # noqa: E402
    FLOOR_METRICS,
    CorpusScores,
    data_sha256,
    evaluate_dir,
    extraction_ms,
    spacy_entity_baseline,
)

FIXTURES = ROOT / "tests" / "fixtures" / "article"
BASELINE = ROOT / "benchmarks" / "article_baseline.json"
#: How far below the measured figure a floor sits (above, for the false-quote rate).
MARGIN = 0.02
ENTITY_METRICS = (
    "entity_recall",
    "entity_recall_linked",
    "entity_merge",
    "entity_precision",
    "entity_recall_all",
    "entity_label_accuracy",
)


def _cell(value: float | None) -> Any:
    return "-" if value is None else value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Article understanding quality (entities, quotes, claims).")
    ap.add_argument("--split", default="dev", help="a folder under tests/fixtures/article/: dev (default) or blind")
    ap.add_argument("--dir", type=Path, help="score this fixture folder instead of a split")
    ap.add_argument("--docs", action="store_true", help="also list every error per article")
    ap.add_argument(
        "--write-baseline", action="store_true", help=f"store floors {MARGIN} below the dev figures in {BASELINE.name}"
    )
    args = ap.parse_args(argv)
    folder = args.dir if args.dir else FIXTURES / args.split
    name = str(args.dir) if args.dir else args.split
    if not folder.is_dir() or not any(folder.glob("*.gold.json")):
        print(f"Error: no annotated articles (*.txt + *.gold.json) in {folder}", file=sys.stderr)
        return 1

    ours = evaluate_dir(folder)
    raw = spacy_entity_baseline(folder)
    metrics = ours.metrics()

    print(f"\n{name}: {ours.docs} articles, {ours.totals.words:,} words")
    print(
        table(
            ["metric", "value"],
            [
                [m, _cell(metrics[m])]
                for m in (*FLOOR_METRICS, "speaker_entity_accuracy", "entity_recall_linked", "entity_recall_all")
            ],
        )
    )
    print("\nentities: raw spaCy NER (en_core_web_sm, surface = name) vs ours (repaired + canonical)")
    print(
        table(
            ["system", *ENTITY_METRICS],
            [
                ["spaCy NER", *(_cell(raw.metrics()[m]) for m in ENTITY_METRICS)],
                ["ours", *(_cell(metrics[m]) for m in ENTITY_METRICS)],
            ],
        )
    )
    speed = extraction_ms(folder)
    total_ms = ours.ms_per_1000_words or 0.0
    print(
        f"\nspeed (ms per 1,000 words): spaCy parse {speed['parse']:.0f}; entities + claims on the parse "
        f"{speed['entities_claims']:.1f}; whole stage (parse + entities + quotes + claims) {total_ms:.0f}"
    )
    if args.docs:
        for d in ours.documents:
            if d.errors:
                print(f"\n{d.name}:")
                for e in d.errors:
                    print("  " + e)
    path = write_result(
        "article",
        {
            "split": name,
            "data_sha256": data_sha256(folder),
            "articles": ours.docs,
            "words": ours.totals.words,
            "metrics": metrics,
            "spacy_ner": {m: raw.metrics()[m] for m in ENTITY_METRICS},
            "speed_ms_per_1000_words": {**speed, "stage": total_ms},
            "documents": {d.name: _doc_summary(d) for d in ours.documents},
        },
    )
    print(f"\nwrote {path.relative_to(ROOT)}")
    if args.write_baseline:
        if args.dir or args.split != "dev":
            print("Error: --write-baseline takes the dev split only", file=sys.stderr)
            return 2
        write_baseline(ours, data_sha256(folder))
        print(f"wrote {BASELINE.relative_to(ROOT)}")
    return 0


def write_baseline(scores: CorpusScores, sha256: str) -> None:
    """Floors ``MARGIN`` below each measured metric (a ceiling above it for the false-quote rate)."""
    floors: dict[str, float] = {}
    ceilings: dict[str, float] = {}
    for metric in FLOOR_METRICS:
        value = getattr(scores, metric)
        if value is None:
            continue
        if metric == "false_quote_rate":
            ceilings[metric] = round(math.ceil((value + MARGIN) * 200) / 200, 3)
        else:
            floors[metric] = round(max(0.0, math.floor((value - MARGIN) * 200) / 200), 3)
    entry = {
        "about": "Floors of the article gate (tests/article/test_article_gate.py), set by "
        "`python benchmarks/eval_article.py --split dev --write-baseline` slightly below the dev figures.",
        "dev": {
            "articles": scores.docs,
            "data_sha256": sha256,
            "measured": {m: round(v, 4) for m, v in scores.metrics().items() if v is not None and m in FLOOR_METRICS},
            "floors": floors,
            "ceilings": ceilings,
        },
    }
    BASELINE.write_text(json.dumps(entry, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _doc_summary(d: Any) -> dict[str, Any]:
    single = CorpusScores(d, [d])
    return {k: v for k, v in single.metrics().items() if k != "ms_per_1000_words"}


if __name__ == "__main__":
    raise SystemExit(main())
