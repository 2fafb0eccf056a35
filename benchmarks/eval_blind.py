"""Blind sets (tests/fixtures/blind/): comment labels and narratives written by someone
who had not seen the models, their lexicons or their training data.

Per-label ROC-AUC of the scorer, of its accurate mode (when ``belowtheline[accurate]``
is installed) and of alt-profanity-check (when installed, on toxicity), and
per-narrative precision / recall / F1 of the narrative matcher at 0.5. Last, the
comment sets the shipped encoder head has never seen (not in its
``blind_sets_seen``) are pooled: per-label AUC with a 95% bootstrap interval
(comments resampled 1,000 times), for both modes and alt-profanity-check.
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
    """ROC-AUC by the rank-sum formula (ties count half); ``None`` without both classes."""
    import numpy as np

    value = _fast_auc(np.asarray(scores, dtype=np.float64), np.asarray(labels, dtype=np.int64))
    return None if value != value else value


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
    result["_raw"] = {"labels": [[int(r["labels"][k]) for k in LABELS] for r in rows],
                      "default": [[o.scores[k] for k in LABELS] for o in ours]}
    accurate = _accurate_scorer()
    if accurate is not None:
        probs_acc = accurate.probabilities(texts)
        result["_raw"]["accurate"] = probs_acc.tolist()
        result["accurate"] = {
            label: {"auc": auc([float(v) for v in probs_acc[:, j]], [int(r["labels"][label]) for r in rows])}
            for j, label in enumerate(LABELS)
        }
    else:
        result["accurate"] = None
    try:
        from profanity_check import predict_prob

        probs = [float(p) for p in predict_prob(texts)]
        result["_raw"]["alt_profanity_check"] = [[p] * len(LABELS) for p in probs]
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


def unseen_sets() -> list[str]:
    """The comment sets the shipped encoder head was not trained on (all of them without a head)."""
    meta = ROOT / "src" / "belowtheline" / "models" / "toxicity" / "encoder_head.json"
    seen = set(json.loads(meta.read_text(encoding="utf-8")).get("blind_sets_seen", ())) if meta.is_file() else set()
    return [name for name in toxicity_sets() if name not in seen]


def _fast_auc(scores: Any, labels: Any) -> float:
    """ROC-AUC of numpy arrays by average ranks (ties count half); NaN without both classes (see :func:`auc`)."""
    import numpy as np

    n_pos = int(labels.sum())
    n_neg = len(labels) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    ranks[order] = np.repeat(first + (counts + 1) / 2.0, counts)
    return float((ranks[labels == 1].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def pooled(results: dict[str, Any], names: list[str], rounds: int = 1000) -> dict[str, Any]:
    """Per-label AUC over the comments of ``names`` pooled, with a 95% bootstrap interval, per system."""
    import numpy as np

    y = np.array([row for n in names for row in results[n]["_raw"]["labels"]])
    rng = np.random.default_rng(0)
    draws = [rng.integers(0, len(y), len(y)) for _ in range(rounds)]
    out: dict[str, Any] = {"sets": names, "n": len(y)}
    for system in ("default", "accurate", "alt_profanity_check"):
        if not all(system in results[n]["_raw"] for n in names):
            continue
        s = np.array([row for n in names for row in results[n]["_raw"][system]])
        out[system] = {}
        for j, label in enumerate(LABELS):
            boot = sorted(_fast_auc(s[d, j], y[d, j]) for d in draws)
            out[system][label] = {"auc": _fast_auc(s[:, j], y[:, j]),
                                  "ci95": [boot[int(0.025 * rounds)], boot[int(0.975 * rounds) - 1]]}
    return out


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
    unseen = unseen_sets()
    if unseen:
        pool = pooled(results, unseen)
        systems = [k for k in ("default", "accurate", "alt_profanity_check") if k in pool]
        print(f"Pooled over the {len(unseen)} sets the encoder head never saw ({', '.join(unseen)}; "
              f"{pool['n']} comments): ROC-AUC [95% bootstrap interval]")
        print(table(["label", *systems], [
            [lab, *(f"{pool[k][lab]['auc']:.3f} [{pool[k][lab]['ci95'][0]:.3f}, {pool[k][lab]['ci95'][1]:.3f}]"
                    for k in systems)] for lab in LABELS]))
        print("(alt-profanity-check has one score: read its toxicity row)")
        results["pooled_unseen"] = pool
    for name in toxicity_sets():
        results[name].pop("_raw", None)
    write_result("blind", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
