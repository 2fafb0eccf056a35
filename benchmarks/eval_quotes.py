"""Quotes with speakers on PolNeAR: our extractor against textacy's direct quotations.

PolNeAR (../shared/data/polnear) annotates every attribution relation in US
political news: direct and indirect speech, beliefs, "according to" reports.
Both systems read the same spaCy parse (``en_core_web_sm`` 3.8); extraction
time is measured without the parse. Scoring rules are in
:mod:`belowtheline.article.polnear`: content span-overlap P/R/F1 (one-to-one),
a word-level overlap F1, and speaker accuracy on matched quotes.

textacy's ``direct_quotations`` only finds quotation-mark quotes and raises on
unbalanced marks; an article where it raises counts as no predictions and the
number of such articles is reported.

Run: python benchmarks/eval_quotes.py [--split dev|test|train|all] [--limit N] [--no-textacy]
(``all`` runs dev then test; the options were tuned on train and dev only.)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import table, write_result  # noqa: E402

from belowtheline.article import nlp, polnear  # noqa: E402
from belowtheline.article.quotes import attributions  # noqa: E402


def ours(doc: Any) -> list[polnear.Predicted]:
    """Our extractor's quotes as scorer predictions."""
    return [
        polnear.Predicted(a.quote.start or 0, a.quote.end or 0, a.quote.speaker, a.speaker_start, a.speaker_end)
        for a in attributions(doc)
    ]


def textacy_quotes(doc: Any) -> list[polnear.Predicted]:
    """textacy 0.13 ``direct_quotations`` as scorer predictions (may raise)."""
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        spk = triple.speaker
        s0 = spk[0].idx if spk else None
        s1 = spk[-1].idx + len(spk[-1].text) if spk else None
        name = " ".join(t.text for t in spk) if spk else None
        out.append(polnear.Predicted(content.start_char, content.end_char, name, s0, s1))
    return out


def run_split(split: str, limit: int | None, with_textacy: bool) -> list[dict[str, Any]]:
    articles = polnear.load(split, limit=limit)
    t0 = time.perf_counter()
    docs = [nlp.parse(a.text) for a in articles]
    parse_s = time.perf_counter() - t0
    systems: list[tuple[str, Any]] = [("belowtheline", ours)]
    if with_textacy:
        systems.append(("textacy", textacy_quotes))
    rows = []
    for name, fn in systems:
        preds, raised = [], 0
        t0 = time.perf_counter()
        for d in docs:
            try:
                preds.append(fn(d))
            except Exception:  # textacy raises ValueError on unbalanced quote marks
                raised += 1
                preds.append([])
        secs = time.perf_counter() - t0
        sc = polnear.score(articles, preds)
        rows.append(
            {
                "system": name,
                "split": split,
                "articles": len(articles),
                "raised": raised,
                "articles_per_s": round(len(articles) / secs, 1) if secs else 0.0,
                "ms_per_article": round(1000 * secs / max(1, len(articles)), 2),
                "parse_ms_per_article": round(1000 * parse_s / max(1, len(articles)), 1),
                "data_fingerprint": polnear.fingerprint(articles),
                **sc.as_dict(),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "test", "train", "all"])
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each split")
    ap.add_argument("--no-textacy", action="store_true", help="skip the textacy comparison")
    args = ap.parse_args(argv)
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    rows: list[dict[str, Any]] = []
    for split in splits:
        rows.extend(run_split(split, args.limit, not args.no_textacy))
    headers = ["system", "split", "P", "R", "F1", "word F1", "speaker acc", "raised", "articles/s"]
    print(
        table(
            headers,
            [
                [
                    r["system"],
                    r["split"],
                    r["precision"],
                    r["recall"],
                    r["f1"],
                    r["word_f1"],
                    r["speaker_accuracy"],
                    r["raised"],
                    r["articles_per_s"],
                ]
                for r in rows
            ],
        )
    )
    name = "quotes" if args.limit is None else f"quotes_limit{args.limit}"
    path = write_result(name, {"dataset": "polnear", "limit": args.limit, "results": rows})
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
