"""Language identification: accuracy on held-out comment sentences in 12 languages.

``tests/fixtures/language/sentences.tsv`` (code, sentence) was written for this
evaluation (5 comment-like sentences each in en, de, fr, es, it, pt, nl, pl,
ru, uk, tr, ar, plus very short texts that must come out as ``"und"``).
The identifier was not tuned on it beyond choosing ``min_confidence``.

Run: python benchmarks/eval_language.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, table, write_result  # noqa: E402

DATA = ROOT / "tests" / "fixtures" / "language" / "sentences.tsv"


def evaluate() -> dict[str, Any]:
    from belowtheline.comments.language import identify

    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    errors = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        gold, text = line.split("\t", 1)
        pred = identify(text)
        total[gold] += 1
        right[gold] += pred == gold
        if pred != gold:
            errors.append(f"{gold}->{pred}: {text}")
    per = {k: round(right[k] / total[k], 3) for k in total}
    return {"n": sum(total.values()), "accuracy": round(sum(right.values()) / sum(total.values()), 3),
            "per_language": per, "errors": errors}


def main() -> None:
    res = evaluate()
    print(table(["language", "accuracy"], [*res["per_language"].items(), ("(all)", res["accuracy"])]))
    print("\n".join(res["errors"]))
    write_result("eval_language", res)


if __name__ == "__main__":
    main()
