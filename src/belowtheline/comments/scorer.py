"""The comment scorer: a linear model on hashed n-grams plus curated lexicon floors.

For each comment:

1. :func:`~belowtheline.comments.normalize.normalize` folds and de-obfuscates it;
2. features (hashed character 2–5-grams, vocabulary words, lexicon hits) go
   through one logistic model per label, then a Platt calibration fitted on
   held-out development data;
3. high-precision lexicon hits (slurs, threats, dehumanising generalisations,
   harassment phrases) set floors under the calibrated probabilities;
4. for each label at or above the evidence threshold, the lexicon hits and the
   words whose n-grams pushed the score up most are reported as evidence,
   as offsets into the original text.

Only numpy is needed at run time. The artefact (``models/toxicity``) is loaded
once per process.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..document import Evidence
from ..errors import ConfigError
from .features import _TOKEN, CharGrams, char_ngrams, tokens
from .lexicon import Hit, Lexicon
from .normalize import Normalized, blank_words, normalize, respell, set_wildcard_words

__all__ = ["MODEL_DIR", "Scorer", "Scores", "load_scorer", "score"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "toxicity"

#: Which labels each lexicon word category supports as evidence (patterns use their floors).
CATEGORY_LABELS: dict[str, tuple[str, ...]] = {
    "slur": ("toxicity", "severe_toxicity", "identity_attack", "insult"),
    "slur_ambiguous": ("toxicity", "identity_attack", "insult"),
    "profanity_strong": ("toxicity", "profanity", "severe_toxicity"),
    "profanity_mild": ("profanity",),
    "insult": ("toxicity", "insult", "severe_toxicity"),
    "sexual": ("sexual_explicit", "toxicity"),
    "dehumanising": (),
    "violence": (),
}
_BATCH = 2048


#: For evidence: the comments that need it, their offsets and cumulative contributions.
_Contrib = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]
#: A scored batch: probabilities, n-grams, evidence material.
_Computed = tuple[npt.NDArray[np.float64], "CharGrams", "_Contrib | None"]


@dataclass(slots=True)
class _Prepared:
    """A batch after the pure-Python half of scoring."""

    texts: list[str]
    norms: list[Normalized]
    #: The normalised texts with identity terms blanked: what the learned model sees.
    masked: list[str]
    word_ids: list[list[int]]
    hits: list[list[Hit]]
    lex: npt.NDArray[np.float64]
    #: Vocabulary ids of all tokens, laid end to end, and the token count per comment.
    flat: npt.NDArray[np.int64]
    ntok: npt.NDArray[np.int64]
    #: Lower bounds from lexicon hits, one row per comment.
    floors: npt.NDArray[np.float64]
    #: ``len(masked text) + 3`` per comment (slots in the evidence layout).
    sizes: npt.NDArray[np.int64]


@dataclass(slots=True)
class Scores:
    """The seven label probabilities of one comment and the evidence behind them.

    ``scores`` maps each label of :data:`belowtheline.LABELS` to a calibrated
    probability; ``evidence`` holds character spans of the *original* text.
    """

    scores: dict[str, float]
    evidence: list[Evidence] = field(default_factory=list)

    def __getitem__(self, label: str) -> float:
        return self.scores[label]

    def to_dict(self) -> dict[str, Any]:
        """``{"scores": {...}, "evidence": [{"label", "start", "end", "text"}, ...]}``."""
        return {
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "evidence": [{"label": e.label, "start": e.start, "end": e.end, "text": e.text} for e in self.evidence],
        }


class Scorer:
    """A loaded toxicity model.

    Args:
        model_dir: a directory with ``toxicity.npz``, ``toxicity.json`` and ``lexicon.json``.
        evidence_threshold: labels scoring at least this get evidence spans.
        threads: overlap the Python and numpy halves of large batches on two threads.

    Raises:
        ConfigError: the directory does not hold a model.
    """

    def __init__(self, model_dir: Path = MODEL_DIR, *, evidence_threshold: float = 0.5, threads: bool = True) -> None:
        meta_path = model_dir / "toxicity.json"
        if not meta_path.is_file():
            raise ConfigError(
                f"No toxicity model in {model_dir} (toxicity.json missing). Rebuild it with "
                "'python training/train_toxicity.py' or reinstall belowtheline."
            )
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        self.meta = meta
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        self.bits: int = int(meta["bits"])
        self.vocab: dict[str, int] = {w: i for i, w in enumerate(meta["vocab"])}
        self.lex_features: tuple[str, ...] = tuple(meta["lex_features"])
        self._lex_index = {k: i for i, k in enumerate(self.lex_features)}
        self.evidence_tau: float = float(meta["evidence_tau"])
        self.evidence_threshold = evidence_threshold
        with np.load(model_dir / "toxicity.npz") as z:
            self.w_char = z["w_char"].astype(np.float32)
            self.w_vocab = z["w_vocab"].astype(np.float32)
            self.w_lex = z["w_lex"].astype(np.float32)
            self.bias = z["bias"].astype(np.float64)
            self.cal_a = z["cal_a"].astype(np.float64)
            self.cal_b = z["cal_b"].astype(np.float64)
            # Optional distilled-embedding weights per word (summed over the comment, divided
            # by its token count); see training/toxicity/embed.py. The shipped model has none.
            self.w_emb = z["w_emb"].astype(np.float32) if "w_emb" in z.files else None
        # The word tables side by side (one gather per batch), plus one zero row for words
        # outside the vocabulary, so lookups need no filtering.
        tables = [self.w_vocab] if self.w_emb is None else [self.w_vocab, self.w_emb]
        width = sum(t.shape[1] for t in tables)
        self._w_words = np.vstack([np.hstack(tables), np.zeros((1, width), np.float32)])
        self._col = {k: j for j, k in enumerate(self.labels)}
        self.threads = threads
        self.lexicon = Lexicon(model_dir / "lexicon.json", meta.get("common_words", ()))
        set_wildcard_words(self.lexicon.wildcard_targets)
        self.name = f"toxicity.linear.v1@{meta.get('version', '?')}"

    # -- features ---------------------------------------------------------------------------

    def featurize(self, norms: Sequence[str]) -> tuple[CharGrams, list[list[int]], list[list[Hit]]]:
        """Character n-grams, vocabulary ids (``-1`` when unknown) and lexicon hits."""
        prep = self._prepare(list(norms), [Normalized(t) for t in norms])
        unknown = len(self.vocab)
        return (
            char_ngrams(norms, self.bits),
            [[-1 if i == unknown else i for i in ids] for ids in prep.word_ids],
            prep.hits,
        )

    def lex_matrix(self, hits: list[list[Hit]]) -> npt.NDArray[np.float64]:
        """``log1p`` of the hit counts per lexicon feature, one row per comment."""
        x = np.zeros((len(hits), len(self.lex_features)))
        idx = self._lex_index
        for r, hs in enumerate(hits):
            for h in hs:
                j = idx.get(h.kind)
                if j is not None:
                    x[r, j] += 1.0
        return np.log1p(x)

    def _prepare(self, texts: Sequence[str], norms: list[Normalized] | None = None) -> _Prepared:
        """The pure-Python half of scoring: normalise, tokenise, look words up, match the lexicon."""
        if norms is None:
            norms = [normalize(t if isinstance(t, str) else str(t)) for t in texts]
        unknown = len(self.vocab)
        vocab_get = self.vocab.get
        match = self.lexicon.match
        corrections = self.lexicon.corrections
        identity = self.lexicon.identity_terms
        word_ids, hits, masked = [], [], []
        for k, n in enumerate(norms):
            toks = _TOKEN.findall(n.text)
            unique = set(toks)
            fixes = corrections(unique)
            if fixes:  # misspelled abuse: let the n-gram model see the usual spelling too
                n = norms[k] = respell(n, fixes)
                toks = _TOKEN.findall(n.text)
                unique = set(toks)
            hits.append(match(n.text, toks, unique))
            if not identity.isdisjoint(unique):
                m = blank_words(n.text, identity)
                masked.append(m)
                toks = _TOKEN.findall(m)
            else:
                masked.append(n.text)
            word_ids.append([vocab_get(w, unknown) for w in toks])
        # Everything that loops in Python happens here, on the calling thread, so the
        # numpy thread rarely has to wait for the GIL.
        ntok = [len(ids) for ids in word_ids]
        flat = np.fromiter((i for ids in word_ids for i in ids), dtype=np.int64, count=sum(ntok))
        return _Prepared(
            list(texts),
            norms,
            masked,
            word_ids,
            hits,
            self.lex_matrix(hits),
            flat,
            np.asarray(ntok, dtype=np.int64),
            self._floor_matrix(hits),
            np.asarray([len(t) + 3 for t in masked], dtype=np.int64),
        )

    # -- scoring ----------------------------------------------------------------------------

    def _compute(self, prep: _Prepared, evidence: bool = False) -> _Computed:
        """The numpy half of scoring (releases the GIL for most of its time)."""
        norm_texts = prep.masked
        n = len(norm_texts)
        grams = char_ngrams(norm_texts, self.bits)
        out = np.tile(self.bias, (n, 1))
        if len(grams.doc):
            sums = np.zeros((n, len(self.labels)))
            _segment_sum(sums, grams.doc, self.w_char[grams.bucket])
            out += sums / np.sqrt(np.maximum(grams.count, 1.0))[:, None]
        ntok = prep.ntok
        if len(prep.flat):
            k = len(self.labels)
            docs = np.repeat(np.arange(n), ntok)
            vs = np.zeros((n, self._w_words.shape[1]))
            _segment_sum(vs, docs, self._w_words[prep.flat])
            denom = np.maximum(ntok, 1)[:, None]
            out += vs[:, :k] / np.sqrt(denom)
            if self.w_emb is not None:
                out += vs[:, k:] / denom
        out += prep.lex @ self.w_lex
        p = np.maximum(self.calibrate(out), prep.floors)
        # Severe toxicity implies toxicity (the floors already raise toxicity with the
        # specific harms they detect).
        t, s = self._col["toxicity"], self._col["severe_toxicity"]
        p[:, s] = np.minimum(p[:, s], p[:, t])
        contrib = None
        if evidence:
            need = np.nonzero((p >= self.evidence_threshold).any(axis=1))[0]
            if len(need):
                contrib = (need, *self.char_contributions(prep.sizes, grams, need))
        return p, grams, contrib

    def calibrate(self, logits: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Platt scaling per label: ``sigmoid(a * logit + b)``."""
        z = logits * self.cal_a + self.cal_b
        p: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return p

    def _batches(self, texts: Sequence[str], evidence: bool = False) -> Iterator[tuple[_Prepared, *_Computed]]:
        """Scored batches in order. With several batches, the numpy half of one batch runs
        in a helper thread while the Python half of the next runs here: on two cores the
        two halves overlap (numpy releases the GIL)."""
        chunks = [texts[i : i + _BATCH] for i in range(0, len(texts), _BATCH)]
        if len(chunks) <= 1 or not self.threads:
            for c in chunks:
                prep = self._prepare(c)
                yield (prep, *self._compute(prep, evidence))
            return
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending: tuple[_Prepared, Future[_Computed]] | None = None
            for c in chunks:
                prep = self._prepare(c)
                if pending is not None:
                    yield (pending[0], *pending[1].result())
                pending = (prep, pool.submit(self._compute, prep, evidence))
            if pending is not None:
                yield (pending[0], *pending[1].result())

    def score(self, texts: Sequence[str], *, evidence: bool = True) -> list[Scores]:
        """Score comments; see :func:`belowtheline.comments.score`."""
        out: list[Scores] = []
        labels = self.labels
        for prep, p, _grams, contrib in self._batches(list(texts), evidence):
            results = [Scores(dict(zip(labels, row, strict=False))) for row in p.tolist()]
            if contrib is not None:
                self._add_evidence(prep, p, contrib, results)
            out.extend(results)
        return out

    def probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """Calibrated probabilities only, shape ``(n, labels)``: the fast path for evaluation."""
        rows = [p for _, p, _, _ in self._batches(list(texts))]
        return np.vstack(rows) if rows else np.zeros((0, len(self.labels)))

    def _floor_matrix(self, hits: list[list[Hit]]) -> npt.NDArray[np.float64]:
        """The lower bounds that lexicon hits set, one row per comment."""
        out = np.zeros((len(hits), len(self.labels)))
        col = self._col
        floors = self.lexicon.floors
        for r, hs in enumerate(hits):
            for h in hs:
                for label, floor in floors.get(h.kind, {}).items():
                    j = col[label]
                    if out[r, j] < floor:
                        out[r, j] = floor
        return out

    # -- evidence ---------------------------------------------------------------------------

    def char_contributions(
        self, sizes_all: npt.NDArray[np.int64], grams: CharGrams, docs: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Cumulative per-character logit contributions of the comments ``docs`` of a batch.

        Each n-gram's weight is spread evenly over the characters it covers. The
        comments are laid end to end (``sizes_all[d] = len(text) + 3`` slots each; ``offs[d]``
        is where comment ``d`` starts, for ``d`` in ``docs``); ``cum[b] - cum[a]``
        is the contribution of slots ``[a, b)``, one column per label.
        """
        k = len(self.labels)
        sizes = np.zeros(len(sizes_all), dtype=np.int64)
        sizes[docs] = sizes_all[docs]
        offs = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        total = int(sizes.sum()) + 1
        cum = np.zeros((total + 1, k))
        sel = np.nonzero(sizes[grams.doc] > 0)[0]
        if len(sel):
            doc, n = grams.doc[sel], grams.n[sel]
            start = offs[doc] + grams.pos[sel] + 1  # +1: the leading pad space
            end = start + n
            scale = 1.0 / (n * np.sqrt(np.maximum(grams.count[doc], 1.0)))
            weights = np.ascontiguousarray(self.w_char[grams.bucket[sel]].T)  # (labels, grams)
            for j in range(k):
                share = weights[j] * scale
                # A difference array: +share where an n-gram starts, -share where it ends;
                # two cumulative sums give per-character, then cumulative contributions.
                diff = np.bincount(start, share, total) - np.bincount(end, share, total)
                cum[1:, j] = np.cumsum(np.cumsum(diff[:total]))
        return offs, cum

    def _add_evidence(
        self, prep: _Prepared, p: npt.NDArray[np.float64], contrib: _Contrib, results: list[Scores]
    ) -> None:
        texts, norms, word_ids, hits = prep.texts, prep.norms, prep.word_ids, prep.hits
        need, offs, cum = contrib
        floors = self.lexicon.floors
        for r in need:
            text, norm = texts[r], norms[r]
            spans = [(m.start(), m.end()) for m in tokens(prep.masked[r])]
            if spans:
                st = np.fromiter((a for a, _ in spans), dtype=np.int64, count=len(spans)) + offs[r] + 1
                en = np.fromiter((b for _, b in spans), dtype=np.int64, count=len(spans)) + offs[r] + 1
                values = cum[en] - cum[st]
                # The embedding block is left out: its per-word shares are large and cancel
                # across words, so they say little about which words carry the harm.
                k = len(self.labels)
                values += self._w_words[np.asarray(word_ids[r], dtype=np.int64), :k] / math.sqrt(len(spans))
                # A word is evidence when it pushes the logit up by at least tau and by at
                # least half as much as the strongest word (so "you are an" around
                # "idiot" stays out).
                strong = (values >= self.evidence_tau) & (values >= 0.5 * values.max(axis=0))
            ev = results[r].evidence
            for j, label in enumerate(self.labels):
                if p[r, j] < self.evidence_threshold:
                    continue
                words = [(h.start, h.end) for h in hits[r] if label in CATEGORY_LABELS.get(h.kind, ())]
                # A phrase pattern is its own evidence unless a listed word inside it
                # already explains the label ("you are such an [idiot]").
                found = words + [
                    (h.start, h.end)
                    for h in hits[r]
                    if label in floors.get(h.kind, {})
                    and h.kind not in CATEGORY_LABELS
                    and not any(h.start <= a and b <= h.end for a, b in words)
                ]
                if spans:
                    found += [spans[k] for k in np.nonzero(strong[:, j])[0]]
                if found:
                    for a, b in _merge(found, norm.text):
                        os_, oe = norm.original_span(a, b)
                        ev.append(Evidence(label, os_, oe, text[os_:oe]))


def _segment_sum(out: npt.NDArray[np.float64], doc: npt.NDArray[np.int64], contrib: npt.NDArray[np.float32]) -> None:
    # The n-grams come in blocks (one per n), each sorted by document: sum the runs of
    # each block with reduceat instead of sorting everything.
    if not len(doc):
        return
    block_starts = np.nonzero(np.r_[True, doc[1:] < doc[:-1]])[0]
    bounds = list(block_starts) + [len(doc)]
    for a, b in zip(bounds[:-1], bounds[1:], strict=False):
        d = doc[a:b]
        starts = np.nonzero(np.r_[True, d[1:] != d[:-1]])[0]
        out[d[starts]] += np.add.reduceat(contrib[a:b], starts, axis=0)


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sort spans and merge the ones that overlap or touch."""
    spans = sorted(set(spans))
    merged = [list(spans[0])]
    for s, e in spans[1:]:
        if s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


@lru_cache(maxsize=4)
def load_scorer(model_dir: Path = MODEL_DIR) -> Scorer:
    """The scorer of ``model_dir``, loaded once per process."""
    return Scorer(model_dir)


def score(texts: Sequence[str]) -> list[Scores]:
    """Score comments for the seven labels, with evidence spans.

    Args:
        texts: comment texts.

    Returns:
        One :class:`Scores` per text, in order: calibrated probabilities for
        ``toxicity``, ``severe_toxicity``, ``insult``, ``identity_attack``,
        ``threat``, ``sexual_explicit`` and ``profanity``, and evidence spans
        (offsets into each original text) for every label scoring >= 0.5.

    Raises:
        ConfigError: ``texts`` is a single string, or the shipped model is missing.

    Example:
        >>> from belowtheline.comments import score
        >>> s = score(["You are an id1ot."])[0]
        >>> s.scores["insult"] > 0.5
        True
        >>> [e.text for e in s.evidence if e.label == "insult"]
        ['id1ot']
    """
    if isinstance(texts, str):
        raise ConfigError("score() takes a list of texts; wrap a single comment as [text].")
    return load_scorer().score(list(texts))
