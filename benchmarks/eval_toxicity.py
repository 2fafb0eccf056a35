"""Toxicity quality, side by side with alt-profanity-check run in the same script.

Run: python benchmarks/eval_toxicity.py      (needs ../shared/data; alt-profanity-check optional)

Reports OLID test macro-F1, HateXplain test AUC + macro-F1, SFU news comments
(toxicity >= 2) AUC, Davidson held-out AUC, ETHOS AUC, toxic-spans test
character F1, identity-template AUC and false-positive rate per identity,
the 28 seed comments, calibration (ECE + reliability table), an obfuscation
test set (perturbed held-out toxic comments), per-label AUC on the
hand-written held-out news comments, and per-label AUC on the two hand-written
sets of unseen news comments in tests/fixtures/toxicity (``dev_unseen``, the
tuning set of the lexicon patterns, and ``dev_check``, written afterwards and
never tuned on). Writes benchmarks/results/toxicity.json. Apart from
``dev_unseen``, nothing here is used for training or tuning.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from _common import SHARED_DATA, table, write_result  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "comments"
#: Hand-written development sets for unseen news comments (tests/fixtures/toxicity/README.md).
DEV_FIXTURES = ROOT / "tests" / "fixtures" / "toxicity"
SEED = ROOT / "examples" / "000_0f8eaa86e6e37add.txt"

#: Files whose bytes the quality gate hashes (relative to ../shared/data).
EVAL_FILES = (
    "olid_offenseval2019/testset-levela.tsv",
    "olid_offenseval2019/labels-levela.csv",
    "hatexplain_val_test/hatexplain_test.jsonl",
    "sfu_ctc_constructiveness_toxicity/SFU_constructiveness_toxicity.csv",
    "toxic_spans/semeval2021/tsd_test.csv",
    "conversationai_unintended_bias_eval/bias_madlibs_77k.csv",
    "conversationai_unintended_bias_eval/toxicity_nonfuzzed_testset.csv",
)

IDENTITIES = sorted(
    (  # noqa: SIM905 (one readable line of terms)
        "lesbian gay bisexual transgender trans queer lgbt lgbtq homosexual straight heterosexual male "
        "female nonbinary african african-american black white european hispanic latino latina latinx "
        "mexican canadian american asian indian middle-eastern chinese japanese christian muslim jewish "
        "buddhist catholic protestant sikh taoist old older young younger teenage millenial middle-aged "
        "elderly blind deaf paralyzed"
    ).split(),
    key=len,
    reverse=True,
)

Model = Callable[[Sequence[str]], np.ndarray]  # texts -> toxicity probabilities


# -- metrics ---------------------------------------------------------------------------------


def auc(y: Sequence[float], s: Sequence[float]) -> float:
    """ROC AUC by the rank-sum formula (ties get average ranks)."""
    y_arr, s_arr = np.asarray(y, dtype=bool), np.asarray(s, dtype=float)
    n_pos, n_neg = int(y_arr.sum()), int((~y_arr).sum())
    if not n_pos or not n_neg:
        return float("nan")
    order = np.argsort(s_arr, kind="mergesort")
    ranks = np.empty(len(s_arr))
    sorted_s = s_arr[order]
    i = 0
    while i < len(sorted_s):
        j = i
        while j + 1 < len(sorted_s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[y_arr].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def macro_f1(y: Sequence[float], s: Sequence[float], threshold: float = 0.5) -> float:
    y_arr, p = np.asarray(y, dtype=bool), np.asarray(s) >= threshold
    f1s = []
    for cls in (True, False):
        tp = np.sum((p == cls) & (y_arr == cls))
        fp = np.sum((p == cls) & (y_arr != cls))
        fn = np.sum((p != cls) & (y_arr == cls))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def reliability(y: Sequence[float], s: Sequence[float], bins: int = 10) -> tuple[float, list[dict[str, float]]]:
    """Expected calibration error and the reliability table (equal-width bins)."""
    y_arr, s_arr = np.asarray(y, dtype=float), np.asarray(s, dtype=float)
    rows, ece = [], 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        m = (s_arr >= lo) & ((s_arr < hi) if b < bins - 1 else (s_arr <= hi))
        if m.any():
            conf, acc = float(s_arr[m].mean()), float(y_arr[m].mean())
            ece += m.sum() / len(s_arr) * abs(conf - acc)
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()), "mean_score": conf, "observed": acc})
    return float(ece), rows


def span_f1(texts: Sequence[str], gold: Sequence[Sequence[int]], pred: Sequence[set[int]]) -> float:
    total = 0.0
    for t, g, p in zip(texts, gold, pred, strict=False):
        g_set = set(g)
        p = {i for i in p if not t[i].isspace()}
        if not g_set and not p:
            total += 1.0
        elif g_set and p:
            total += 2 * len(g_set & p) / (len(g_set) + len(p))
    return total / max(len(texts), 1)


# -- data ------------------------------------------------------------------------------------


def data_sha256() -> str:
    h = hashlib.sha256()
    for rel in EVAL_FILES:
        h.update(rel.encode())
        h.update((SHARED_DATA / rel).read_bytes())
    for p in sorted(FIXTURES.glob("*.json*")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def seed_comments() -> tuple[list[str], list[str]]:
    """The 28 seed comments and their labels (abusive / civil / borderline) from the fixture."""
    text = SEED.read_text(encoding="utf-8")
    comments = text.split("\n\n", 1)[1].strip().split("\n")
    labels = json.loads((FIXTURES / "seed_000_labels.json").read_text(encoding="utf-8"))["labels"]
    assert len(comments) == len(labels) == 28
    return comments, labels


def heldout() -> list[dict[str, Any]]:
    with open(FIXTURES / "heldout_news_comments.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dev_set(name: str) -> list[dict[str, Any]]:
    """``dev_unseen`` (tuning set) or ``dev_check`` (written later, never tuned on); see the fixture README."""
    with open(DEV_FIXTURES / f"{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def madlibs() -> list[tuple[str, bool, str]]:
    out = []
    with open(
        SHARED_DATA / "conversationai_unintended_bias_eval" / "bias_madlibs_77k.csv", newline="", encoding="utf-8"
    ) as f:
        for r in csv.DictReader(f):
            text = r["Text"]
            low = " " + text.lower() + " "
            ident = next((i for i in IDENTITIES if f" {i} " in low or f" {i.replace('-', ' ')} " in low), None)
            if ident:
                out.append((text, r["Label"] == "BAD", ident))
    return out


def nonfuzzed() -> tuple[list[str], list[bool]]:
    texts, ys = [], []
    with open(
        SHARED_DATA / "conversationai_unintended_bias_eval" / "toxicity_nonfuzzed_testset.csv",
        newline="",
        encoding="utf-8",
    ) as f:
        for r in csv.DictReader(f):
            texts.append(r["comment"].replace("NEWLINE_TOKEN", " "))
            ys.append(r["toxic"] == "True")
    return texts, ys


# -- obfuscation -----------------------------------------------------------------------------

_HOMO = {"a": "а", "e": "е", "o": "о", "c": "с", "i": "í", "u": "ü", "p": "р", "y": "у", "s": "ѕ"}
_LEET = {"a": "@", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7"}


def _leet(w: str, rng: random.Random) -> str:
    idx = [i for i, c in enumerate(w) if c.lower() in _LEET and 0 < i < len(w) - 1] or [
        i for i, c in enumerate(w) if c.lower() in _LEET and i > 0
    ]
    if not idx:
        return w
    i = rng.choice(idx)
    return w[:i] + _LEET[w[i].lower()] + w[i + 1 :]


def _symbol(w: str, rng: random.Random) -> str:
    idx = [i for i, c in enumerate(w) if c.lower() in "aeiou" and 0 < i < len(w) - 1]
    if not idx:
        return w
    i = rng.choice(idx)
    return w[:i] + "*" + w[i + 1 :]


def _spacing(w: str, rng: random.Random) -> str:
    return rng.choice([" ", "."]).join(w)


def _homoglyph(w: str, rng: random.Random) -> str:
    return "".join(_HOMO.get(c, c) if rng.random() < 0.6 else c for c in w)


def _repeat(w: str, rng: random.Random) -> str:
    idx = [i for i, c in enumerate(w) if c.isalpha() and i > 0] or [0]
    i = rng.choice(idx)
    return w[:i] + w[i] * 4 + w[i + 1 :]


def _misspell(w: str, rng: random.Random) -> str:
    if len(w) < 4:
        return w + w[-1]
    i = rng.randrange(1, len(w) - 2)
    if rng.random() < 0.5:
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]  # swap
    return w[:i] + w[i + 1 :]  # drop


PERTURBATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "leetspeak": _leet,
    "symbols": _symbol,
    "spacing/dots": _spacing,
    "homoglyphs/accents": _homoglyph,
    "repeated letters": _repeat,
    "misspelling": _misspell,
}


def obfuscation_set(
    examples: Sequence[str], lookup: Callable[[str], tuple[str, ...]]
) -> tuple[list[str], dict[str, list[str]]]:
    """Held-out toxic texts with abusive words, and each perturbation applied to those words."""
    target = {"profanity_strong", "insult", "slur", "sexual"}
    word = re.compile(r"[A-Za-z]{3,}")
    clean, perturbed = [], {k: [] for k in PERTURBATIONS}
    for t in examples:
        spans = [m.span() for m in word.finditer(t) if set(lookup(m.group().lower())) & target]
        if not spans:
            continue
        clean.append(t)
        for k, fn in PERTURBATIONS.items():
            rng = random.Random(f"{k}:{t}")
            out, last = [], 0
            for s, e in spans:
                out += [t[last:s], fn(t[s:e], rng)]
                last = e
            perturbed[k].append("".join(out) + t[last:])
    return clean, perturbed


# -- models ----------------------------------------------------------------------------------


ACCURATE = "belowtheline accurate"


def ours() -> Callable[[Sequence[str]], np.ndarray]:
    from belowtheline.comments.scorer import load_scorer

    sc = load_scorer()
    return lambda texts: sc.probabilities(list(texts))


def profanity_check() -> Model | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from profanity_check import predict_prob
    except ImportError:
        return None

    def run(texts: Sequence[str]) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.asarray(predict_prob(list(texts)), dtype=float)

    return run


# -- the evaluation --------------------------------------------------------------------------


def evaluate(*, baseline: bool = True, accurate: bool = False) -> dict[str, Any]:
    """Every metric for our model (and alt-profanity-check when ``baseline`` and installed;
    and the accurate mode, ``belowtheline[accurate]``, when ``accurate``)."""
    from training.toxicity import data

    from belowtheline.comments.scorer import load_scorer

    scorer = load_scorer()
    labels = list(scorer.labels)
    ours_all = ours()
    models: dict[str, Model] = {"belowtheline": lambda t: ours_all(t)[:, 0]}
    full: dict[str, Callable[[Sequence[str]], np.ndarray]] = {"belowtheline": ours_all}
    scorers: dict[str, Any] = {"belowtheline": scorer}
    if accurate:
        from belowtheline.comments.encoder import load_accurate_scorer

        acc = load_accurate_scorer()
        full[ACCURATE] = lambda t: acc.probabilities(list(t))
        scorers[ACCURATE] = acc
        models[ACCURATE] = lambda t: full[ACCURATE](t)[:, 0]
    apc = profanity_check() if baseline else None
    if apc is not None:
        models["alt-profanity-check"] = apc
    res: dict[str, Any] = {"data_sha256": data_sha256(), "model": scorer.name, "metrics": {m: {} for m in models}}
    cache: dict[str, dict[str, np.ndarray]] = {}

    def scores(name: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        if name not in cache:
            cache[name] = {m: fn(texts) for m, fn in models.items()}
        return cache[name]

    sets = {
        "olid_test": data.olid("test"),
        "hatexplain_test": data.hatexplain("test"),
        "sfu_news": data.sfu(),
        "davidson_heldout": data.davidson("test"),
        "ethos": data.ethos(),
    }
    pooled_y: dict[str, list[float]] = {m: [] for m in models}
    pooled_s: dict[str, list[float]] = {m: [] for m in models}
    for name, rows in sets.items():
        y = [e.labels["toxicity"] for e in rows]
        sc = scores(name, [e.text for e in rows])
        for m, s in sc.items():
            res["metrics"][m][f"{name}_auc"] = auc(y, s)
            res["metrics"][m][f"{name}_macro_f1"] = macro_f1(y, s)
            if name in ("olid_test", "hatexplain_test", "sfu_news", "davidson_heldout"):
                pooled_y[m] += y
                pooled_s[m] += list(s)
    res["calibration"] = {}
    for m in models:
        ece, table_rows = reliability(pooled_y[m], pooled_s[m])
        res["metrics"][m]["ece_toxicity"] = ece
        res["calibration"][m] = table_rows

    # Toxic spans (ours only: alt-profanity-check gives no spans).
    spans_test = data.semeval_spans("test")
    for m, sc in scorers.items():
        results = sc.score([e.text for e in spans_test])
        pred = [{i for ev in r.evidence if ev.label == "toxicity" for i in range(ev.start, ev.end)} for r in results]
        res["metrics"][m]["toxic_spans_char_f1"] = span_f1(
            [e.text for e in spans_test], [e.spans or [] for e in spans_test], pred
        )

    # Identity templates.
    ml = madlibs()
    ml_scores = scores("madlibs", [t for t, _, _ in ml])
    res["identity"] = {}
    for m, s in ml_scores.items():
        per = {}
        for ident in sorted({i for _, _, i in ml}):
            idx = [k for k, (_, _, i) in enumerate(ml) if i == ident]
            y = [ml[k][1] for k in idx]
            sv = s[idx]
            neg = [sv[j] for j, yy in enumerate(y) if not yy]
            per[ident] = {"auc": auc(y, sv), "fpr": float(np.mean(np.asarray(neg) >= 0.5)), "n": len(idx)}
        aucs = [v["auc"] for v in per.values()]
        fprs = [v["fpr"] for v in per.values()]
        res["metrics"][m]["identity_min_auc"] = float(min(aucs))
        res["metrics"][m]["identity_mean_auc"] = float(np.mean(aucs))
        res["metrics"][m]["identity_max_fpr"] = float(max(fprs))
        res["metrics"][m]["identity_mean_fpr"] = float(np.mean(fprs))
        res["metrics"][m]["madlibs_auc"] = auc([b for _, b, _ in ml], s)
        res["identity"][m] = {
            "worst_auc": sorted(per.items(), key=lambda kv: kv[1]["auc"])[:5],
            "worst_fpr": sorted(per.items(), key=lambda kv: -kv[1]["fpr"])[:5],
        }
    nf_t, nf_y = nonfuzzed()
    for m, s in scores("nonfuzzed", nf_t).items():
        res["metrics"][m]["wiki_identity_auc"] = auc(nf_y, s)

    # Seed thread.
    seeds, seed_labels = seed_comments()
    for m, s in scores("seed", seeds).items():
        for kind in ("abusive", "civil"):
            flagged = sum(s[i] >= 0.5 for i, lab in enumerate(seed_labels) if lab == kind)
            res["metrics"][m][f"seed_{kind}_flagged"] = int(flagged)
    res["seed_counts"] = {lab: seed_labels.count(lab) for lab in ("abusive", "civil", "borderline")}

    # Hand-written held-out news comments: per-label AUC.
    ho = heldout()
    ho_t = [h["text"] for h in ho]
    ho_full = {m: fn(ho_t) for m, fn in full.items()}
    for j, label in enumerate(labels):
        y = [bool(h["labels"]) if label == "toxicity" else label in h["labels"] for h in ho]
        for m, probs_m in ho_full.items():
            res["metrics"][m][f"heldout_{label}_auc"] = auc(y, probs_m[:, j])
        if apc is not None:
            res["metrics"]["alt-profanity-check"][f"heldout_{label}_auc"] = auc(y, models["alt-profanity-check"](ho_t))

    # Hand-written unseen news comments (tuning set and a later check set): per-label AUC.
    for name in ("dev_unseen", "dev_check"):
        rows = dev_set(name)
        texts = [r["text"] for r in rows]
        probs_by = {m: fn(texts) for m, fn in full.items()}
        apc_s = models["alt-profanity-check"](texts) if apc is not None else None
        for j, label in enumerate(labels):
            y = [label in r["labels"] for r in rows]
            for m, probs in probs_by.items():
                res["metrics"][m][f"{name}_{label}_auc"] = auc(y, probs[:, j])
            if apc_s is not None:
                res["metrics"]["alt-profanity-check"][f"{name}_{label}_auc"] = auc(y, apc_s)

    # Obfuscation: perturbed held-out toxic examples.
    tox = [
        e.text
        for name in ("olid_test", "hatexplain_test", "davidson_heldout")
        for e in sets[name]
        if e.labels["toxicity"] == 1.0
    ]
    clean, perturbed = obfuscation_set(tox, scorer.lexicon.lookup)
    res["obfuscation"] = {"n": len(clean)}
    for m, fn in models.items():
        base = fn(clean)
        row = {"clean_mean": float(base.mean()), "clean_flagged": float((base >= 0.5).mean())}
        for k, texts in perturbed.items():
            s = fn(texts)
            row[k] = {
                "mean": float(s.mean()),
                "drop": float(base.mean() - s.mean()),
                "flagged": float((s >= 0.5).mean()),
            }
        row["mean_drop"] = float(np.mean([row[k]["drop"] for k in perturbed]))
        res["obfuscation"][m] = row
        res["metrics"][m]["obfuscation_mean_drop"] = row["mean_drop"]
    return res


def main() -> int:
    if not SHARED_DATA.is_dir():
        print(f"Skipped: the shared datasets are not at {SHARED_DATA}.")
        return 0
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--accurate", action="store_true", help="also evaluate the accurate mode (belowtheline[accurate])")
    res = evaluate(baseline=True, accurate=ap.parse_args().accurate)
    names = list(res["metrics"])
    keys = [k for k in res["metrics"]["belowtheline"]]
    print("Toxicity evaluation (toxic = label 'toxicity'; thresholds 0.5)")
    print(table(["metric", *names], [[k, *[res["metrics"][m].get(k, "-") for m in names]] for k in keys]))
    print(f"\nSeed 000: {res['seed_counts']} (abusive/civil flagged rows above)")
    for m in names:
        print(
            f"\nIdentity templates, {m}: worst AUC "
            + ", ".join(f"{i} {v['auc']:.3f}" for i, v in res["identity"][m]["worst_auc"])
            + "; worst FPR "
            + ", ".join(f"{i} {v['fpr']:.3f}" for i, v in res["identity"][m]["worst_fpr"])
        )
    print(f"\nObfuscation (n={res['obfuscation']['n']} held-out toxic comments, abusive words perturbed): mean score")
    rows = []
    for k in ["clean", *PERTURBATIONS]:
        rows.append(
            [
                k,
                *[
                    res["obfuscation"][m]["clean_mean"] if k == "clean" else res["obfuscation"][m][k]["mean"]
                    for m in names
                ],
            ]
        )
    print(table(["variant", *names], rows))
    print("\nReliability (pooled OLID + HateXplain + SFU + Davidson held-out, toxicity)")
    for m in names:
        print(f"{m}: ECE {res['metrics'][m]['ece_toxicity']:.3f}")
        print(
            table(
                ["bin", "n", "mean score", "observed"],
                [[r["bin"], r["n"], r["mean_score"], r["observed"]] for r in res["calibration"][m]],
            )
        )
    path = write_result("toxicity", res)
    print(f"\nWrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
