"""Spam: precision / recall at 0.5 on a hand-written set of spam, hostile-but-not-spam and civil comments.

``tests/fixtures/spam/labelled.tsv`` (label, text): 20 spam (money-making,
work-from-home, crypto, pharma, commercial, links), 15 hostile comments that
are not spam, 15 civil comments, several with the same words (a link to a
source, "work from home", "bitcoin", "pharmacy") in a legitimate sense.

Run: python benchmarks/eval_spam.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, table, write_result  # noqa: E402

DATA = ROOT / "tests" / "fixtures" / "spam" / "labelled.tsv"


def evaluate() -> dict[str, Any]:
    from belowtheline.comments.spam import spam_score

    tp = fp = fn = 0
    by_kind: dict[str, list[int]] = {}
    errors = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        label, text = line.split("\t", 1)
        flagged = spam_score(text) >= 0.5
        by_kind.setdefault(label, [0, 0])
        by_kind[label][0] += flagged
        by_kind[label][1] += 1
        if label == "spam":
            tp += flagged
            fn += not flagged
        else:
            fp += flagged
        if flagged != (label == "spam"):
            errors.append(f"{label}: {spam_score(text):.2f} {text}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0, 3),
            "flagged_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in by_kind.items()}, "errors": errors}


def main() -> None:
    res = evaluate()
    print(table(["precision", "recall", "f1", "flagged spam", "flagged hostile", "flagged civil"],
                [[res["precision"], res["recall"], res["f1"], *res["flagged_by_kind"].values()]]))
    print("\n".join(res["errors"]))
    write_result("eval_spam", res)


if __name__ == "__main__":
    main()
