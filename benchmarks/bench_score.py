"""Comment scoring speed: comments/s (batch, warm) per mode and for alt-profanity-check, same run.

Run: python benchmarks/bench_score.py [--rounds N]

Modes: ``scores`` (probabilities only) and ``scores+evidence`` (what ``btl score``
and the pipeline stage do), each in one process (``workers=1``) and in two
worker processes (``workers=2``; what the default picks for a batch this size on
a 2-core machine), the accurate mode (``btl score --accurate``: the same scorer
blended with a sentence encoder; timed on the first 2,000 comments, when
``belowtheline[accurate]`` is installed), and, for reference,
alt-profanity-check's ``predict_prob``.
The modes take turns within each round (best of the rounds), so a machine whose
load changes during the run slows them alike. The corpus is the seed comments, the hand-written held-out
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
ACCURATE_N = 2_000  # comments per timed round of the (much slower) accurate mode


def corpus() -> list[str]:
    texts = (ROOT / "examples" / "000_0f8eaa86e6e37add.txt").read_text(encoding="utf-8").split("\n\n", 1)[1].split("\n")
    with open(ROOT / "tests" / "fixtures" / "comments" / "heldout_news_comments.jsonl", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f if line.strip()]
    if SHARED_DATA.is_dir():
        import csv

        csv.field_size_limit(10**8)
        with open(
            SHARED_DATA / "sfu_ctc_constructiveness_toxicity" / "SFU_constructiveness_toxicity.csv",
            newline="",
            encoding="utf-8",
        ) as f:
            texts += [r["comment"] for r in csv.DictReader(f)]
        with open(SHARED_DATA / "olid_offenseval2019" / "testset-levela.tsv", encoding="utf-8") as f:
            texts += [line.split("\t", 1)[1].strip() for line in f.readlines()[1:]][:860]
        with open(SHARED_DATA / "toxic_spans" / "semeval2021" / "tsd_test.csv", newline="", encoding="utf-8") as f:
            texts += [r["text"] for r in csv.DictReader(f)]
        with open(SHARED_DATA / "hatexplain_val_test" / "hatexplain_test.jsonl", encoding="utf-8") as f:
            texts += [" ".join(json.loads(line)["post_tokens"]) for line in f]
    texts = [t for t in texts if t.strip()]
    return (texts * (TARGET // len(texts) + 1))[:TARGET]


def main() -> int:
    import argparse
    import os

    from belowtheline.comments.scorer import _usable_cpus, load_scorer

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    texts = corpus()
    sc = load_scorer()
    modes: dict[str, Callable[[Sequence[str]], object]] = {
        "belowtheline scores, 1 process": lambda t: sc.score(t, evidence=False, workers=1),
        "belowtheline scores+evidence, 1 process": lambda t: sc.score(t, workers=1),
        "belowtheline scores, 2 workers": lambda t: sc.score(t, evidence=False, workers=2),
        "belowtheline scores+evidence, 2 workers": lambda t: sc.score(t, workers=2),
    }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from profanity_check import predict_prob

            predict_prob(["warm up"])
            modes["alt-profanity-check"] = predict_prob
    except ImportError:
        print("alt-profanity-check is not installed: pip install alt-profanity-check", file=sys.stderr)
    sizes = dict.fromkeys(modes, len(texts))
    try:
        from belowtheline.comments.encoder import load_accurate_scorer

        acc = load_accurate_scorer()
        modes["belowtheline accurate mode (+ sentence encoder), scores+evidence"] = lambda t: acc.score(t)
        sizes["belowtheline accurate mode (+ sentence encoder), scores+evidence"] = ACCURATE_N
    except ImportError:
        print("the accurate mode is not installed: pip install 'belowtheline[accurate]'", file=sys.stderr)
    for name, fn in modes.items():
        fn(texts[: 2500 if sizes[name] == len(texts) else 200])  # warm up (and start the worker processes)
    best = dict.fromkeys(modes, float("inf"))
    load_before = os.getloadavg()[0]
    for _ in range(args.rounds):
        for name, fn in modes.items():
            start = time.perf_counter()
            fn(texts[: sizes[name]])
            best[name] = min(best[name], time.perf_counter() - start)
    rows = {k: sizes[k] / v for k, v in best.items()}
    ref = rows.get("alt-profanity-check")
    mean_chars = sum(map(len, texts)) / len(texts)
    plan = sc._parallel_chunks(len(texts), None)  # what score(texts) does by default
    default_workers = plan[0] if plan else 1
    print(
        f"Comment scoring speed ({len(texts):,} comments, mean {mean_chars:.0f} chars, batch, warm, "
        f"best of {args.rounds}; {_usable_cpus()} cores, load average {load_before:.1f} at the start)"
    )
    print(
        table(
            ["mode", "comments/s", "vs alt-profanity-check", "2 workers vs 1 process"],
            [
                [
                    k,
                    v,
                    f"{v / ref:.3f}x" if ref else "-",
                    f"{v / rows[k.replace('2 workers', '1 process')]:.2f}x" if "2 workers" in k else "",
                ]
                for k, v in rows.items()
            ],
        )
    )
    write_result(
        "score_speed",
        {
            "comments": len(texts),
            "mean_chars": mean_chars,
            "rounds": args.rounds,
            "cores": _usable_cpus(),
            "load_average_at_start": load_before,
            "default_workers_for_this_batch": default_workers,
            "comments_per_s": rows,
            "floor_default_mode": 5000,
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
