"""Blind sets (tests/fixtures/blind/): comment labels and narratives written by someone
who had not seen the models, their lexicons or their training data.

Per-label ROC-AUC of the scorer, of its accurate mode (when ``belowtheline[accurate]``
is installed) and of alt-profanity-check (when installed, on toxicity), and
per-narrative precision / recall / F1 of the narrative matcher at 0.5.
Run: python benchmarks/eval_blind.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, table, write_result  # noqa: E402

BLIND = ROOT / "tests" / "fixtures" / "blind"
LABELS = ("toxicity", "severe_toxicity", "insult", "identity_attack", "threat", "sexual_explicit", "profanity")
NARRATIVES = ("nato_provocation", "maidan_coup", "west_decline", "nazi_ukraine", "ukraine_not_a_nation",
              "russia_unbeatable", "proxy_war", "aid_corruption")


def auc(scores: list[float], labels: list[int]) -> float | None:
    """ROC-AUC by the rank-sum formula (ties count half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _sets(prefix: str) -> list[str]:
    """Stems of the blind files ``<prefix>.jsonl``, ``<prefix>2.jsonl``, ..., oldest first."""
    return sorted((p.stem for p in BLIND.glob(f"{prefix}*.jsonl")), key=lambda s: (len(s), s))


def toxicity_sets() -> list[str]:
    """The blind comment-label files, oldest first: ``toxicity.jsonl``, ``toxicity2.jsonl``, ..."""
    return _sets("toxicity")


def evaluate_toxicity(name: str = "toxicity") -> dict[str, object]:
    from belowtheline import score

    rows = [json.loads(line) for line in (BLIND / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]
    texts = [r["text"] for r in rows]
    ours = score(texts)
    result: dict[str, object] = {"n": len(rows)}
    per_label = {}
    for label in LABELS:
        y = [int(r["labels"][label]) for r in rows]
        s = [o.scores[label] for o in ours]
        flagged = sum(1 for v, t in zip(s, y, strict=True) if v >= 0.5 and t)
        false_flags = sum(1 for v, t in zip(s, y, strict=True) if v >= 0.5 and not t)
        per_label[label] = {"auc": auc(s, y), "positives": sum(y), "flagged_pos": flagged, "flagged_neg": false_flags}
    result["belowtheline"] = per_label
    accurate = _accurate_scorer()
    if accurate is not None:
        probs_acc = accurate.probabilities(texts)
        result["accurate"] = {
            label: {"auc": auc([float(v) for v in probs_acc[:, j]], [int(r["labels"][label]) for r in rows])}
            for j, label in enumerate(LABELS)
        }
    else:
        result["accurate"] = None
    try:
        from profanity_check import predict_prob

        probs = [float(p) for p in predict_prob(texts)]
        result["alt_profanity_check"] = {
            label: {"auc": auc(probs, [int(r["labels"][label]) for r in rows])} for label in LABELS
        }
    except ImportError:
        result["alt_profanity_check"] = None
    return result


def _accurate_scorer() -> Any:
    """The accurate mode (``belowtheline[accurate]``), or ``None`` when it is not installed."""
    from belowtheline.errors import MissingDependencyError

    try:
        from belowtheline.comments.encoder import load_accurate_scorer

        return load_accurate_scorer()
    except MissingDependencyError:
        return None


def narrative_sets() -> list[str]:
    """The blind narrative files, oldest first: ``narratives.jsonl``, ``narratives2.jsonl``, ..."""
    return _sets("narratives")


def evaluate_narratives(name: str = "narratives") -> dict[str, object]:
    from belowtheline.comments.signals import comment_signals

    lines = (BLIND / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line]
    signals = comment_signals([r["text"] for r in rows])
    found = [{n["id"] for n in s["narratives"] if n["score"] >= 0.5} for s in signals]
    per: dict[str, dict[str, float]] = {}
    tp_all = fp_all = fn_all = 0
    for nid in NARRATIVES:
        tp = sum(1 for r, f in zip(rows, found, strict=True) if nid in f and nid in r["narratives"])
        fp = sum(1 for r, f in zip(rows, found, strict=True) if nid in f and nid not in r["narratives"])
        fn = sum(1 for r, f in zip(rows, found, strict=True) if nid not in f and nid in r["narratives"])
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        per[nid] = {"precision": p, "recall": rc, "f1": 2 * p * rc / (p + rc) if p + rc else 0.0, "support": tp + fn}
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    rc = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    negatives = [f for r, f in zip(rows, found, strict=True) if not r["narratives"]]
    return {
        "per_narrative": per,
        "micro": {"precision": p, "recall": rc, "f1": 2 * p * rc / (p + rc) if p + rc else 0.0},
        "macro_f1": sum(v["f1"] for v in per.values()) / len(per),
        "negatives": len(negatives),
        "negatives_matched": sum(1 for f in negatives if f),
    }


def main() -> int:
    if not (BLIND / "toxicity.jsonl").exists():
        print(f"no blind sets in {BLIND}; nothing to do")
        return 0
    results = {}
    for name in toxicity_sets():
        tox = results[name] = evaluate_toxicity(name)
        ours = tox["belowtheline"]
        apc = tox["alt_profanity_check"]
        acc = tox["accurate"]
        print(f"Blind comment labels, {name}.jsonl ({tox['n']} comments): ROC-AUC, and flags at 0.5")
        print(table(["label", "positives", "AUC", "pos flagged", "neg flagged", "accurate mode AUC",
                     "alt-profanity-check AUC"], [
            [lab, ours[lab]["positives"], ours[lab]["auc"], ours[lab]["flagged_pos"], ours[lab]["flagged_neg"],
             (acc[lab]["auc"] if acc else "-"), (apc[lab]["auc"] if apc else "-")] for lab in LABELS]))
        print()
    for name in narrative_sets():
        nar = results[name] = evaluate_narratives(name)
        matched = f"{nar['negatives_matched']} of {nar['negatives']} negatives matched"
        print(f"Blind narratives, {name}.jsonl: per narrative at 0.5 ({matched})")
        print(table(["narrative", "support", "precision", "recall", "F1"], [
            [nid, int(v["support"]), v["precision"], v["recall"], v["f1"]] for nid, v in nar["per_narrative"].items()
        ] + [["micro", "", nar["micro"]["precision"], nar["micro"]["recall"], nar["micro"]["f1"]],
             ["macro F1", "", "", "", nar["macro_f1"]]]))
        print()
    write_result("blind", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
