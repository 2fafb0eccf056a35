"""Comment scoring speed: comments/s (batch, warm) per mode and for alt-profanity-check, same run.

Run: python benchmarks/bench_score.py

Modes: ``scores`` (probabilities only), ``scores+evidence`` (what ``btl score``
and the pipeline stage do) and, for reference, alt-profanity-check's
``predict_prob``. The corpus is the seed comments, the hand-written held-out
comments and (when ../shared/data is present) ~6,300 distinct SFU and Civil
Comments news comments, tweets and Gab posts, repeated to 10,000, so lengths
are those of real comment sections.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import ROOT, SHARED_DATA, table, write_result  # noqa: E402

TARGET = 10_000  # comments per timed round


def corpus() -> list[str]:
    texts = (ROOT / "examples" / "000_0f8eaa86e6e37add.txt").read_text(encoding="utf-8").split("\n\n", 1)[1].split("\n")
    with open(ROOT / "tests" / "fixtures" / "comments" / "heldout_news_comments.jsonl", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f if line.strip()]
    if SHARED_DATA.is_dir():
        import csv

        csv.field_size_limit(10**8)
        with open(SHARED_DATA / "sfu_ctc_constructiveness_toxicity" / "SFU_constructiveness_toxicity.csv",
                  newline="", encoding="utf-8") as f:
            texts += [r["comment"] for r in csv.DictReader(f)]
        with open(SHARED_DATA / "olid_offenseval2019" / "testset-levela.tsv", encoding="utf-8") as f:
            texts += [line.split("\t", 1)[1].strip() for line in f.readlines()[1:]][:860]
        with open(SHARED_DATA / "toxic_spans" / "semeval2021" / "tsd_test.csv", newline="", encoding="utf-8") as f:
            texts += [r["text"] for r in csv.DictReader(f)]
        with open(SHARED_DATA / "hatexplain_val_test" / "hatexplain_test.jsonl", encoding="utf-8") as f:
            texts += [" ".join(json.loads(line)["post_tokens"]) for line in f]
    texts = [t for t in texts if t.strip()]
    return (texts * (TARGET // len(texts) + 1))[:TARGET]


def timed(fn: Callable[[Sequence[str]], object], texts: Sequence[str], rounds: int = 3) -> float:
    fn(texts[:200])  # warm up
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main() -> int:
    from belowtheline.comments.scorer import load_scorer

    texts = corpus()
    sc = load_scorer()
    rows: dict[str, float] = {
        "belowtheline scores": timed(lambda t: sc.score(list(t), evidence=False), texts),
        "belowtheline scores+evidence": timed(lambda t: sc.score(list(t)), texts),
    }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from profanity_check import predict_prob

            rows["alt-profanity-check"] = timed(predict_prob, texts)
    except ImportError:
        print("alt-profanity-check is not installed: pip install alt-profanity-check", file=sys.stderr)
    ref = rows.get("alt-profanity-check")
    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"Comment scoring speed ({len(texts):,} comments, mean {mean_chars:.0f} chars, batch, warm, best of 3)")
    print(table(["mode", "comments/s", "vs alt-profanity-check"],
                [[k, v, f"{v / ref:.2f}x" if ref else "-"] for k, v in rows.items()]))
    write_result("score_speed", {"comments": len(texts), "mean_chars": mean_chars,
                                 "comments_per_s": rows, "floor_default_mode": 5000})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
