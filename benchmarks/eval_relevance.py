"""Comment relevance: do a thread's own comments score above comments from other threads?

Uses the hand-written article + comment threads of
``tests/fixtures/segmentation/unseen/*.gold.json``. For every thread, its own
comments (on-topic) and an equal number of comments drawn from other threads
(off-topic, swapped in) are scored against the article by
:func:`belowtheline.comments.relevance.relevance_scores`; we report the ROC
AUC of on-topic vs off-topic and accuracy at 0.5.

Run: python benchmarks/eval_relevance.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, table, write_result  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "segmentation" / "unseen"


def threads() -> list[tuple[str, list[str]]]:
    out = []
    for p in sorted(FIXTURES.glob("*.gold.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        art = "\n".join(([d["title"]] if d.get("title") else []) + [x["text"] for x in d["paragraphs"]])
        coms = [c["text"] if isinstance(c, dict) else str(c) for c in d.get("comments", [])]
        if art and coms:
            out.append((art, coms))
    return out


def auc(pos: list[float], neg: list[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / max(1, len(pos) * len(neg))


def evaluate(seed: int = 0) -> dict[str, Any]:
    from belowtheline.comments.relevance import relevance_scores

    rng = random.Random(seed)
    ts = threads()
    pos: list[float] = []
    neg: list[float] = []
    for i, (art, coms) in enumerate(ts):
        others = [c for j, (_, cs) in enumerate(ts) if j != i for c in cs]
        swapped = rng.sample(others, min(len(coms), len(others)))
        scores = relevance_scores(art, coms + swapped)
        pos += scores[: len(coms)]
        neg += scores[len(coms) :]
    acc = (sum(s >= 0.5 for s in pos) + sum(s < 0.5 for s in neg)) / max(1, len(pos) + len(neg))
    return {"threads": len(ts), "on_topic": len(pos), "off_topic": len(neg), "auc": round(auc(pos, neg), 3),
            "accuracy_at_0.5": round(acc, 3), "mean_on": round(sum(pos) / max(1, len(pos)), 3),
            "mean_off": round(sum(neg) / max(1, len(neg)), 3)}


def main() -> None:
    res = evaluate()
    print(table(list(res), [list(res.values())]))
    write_result("eval_relevance", res)


if __name__ == "__main__":
    main()
