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
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..document import Evidence
from ..errors import ConfigError
from .features import CharGrams, char_ngrams
from .lexicon import _TOKEN, _TOKEN_SPLIT, Hit, Lexicon, reported_spans
from .normalize import Normalized, normalize_all, respell, set_wildcard_words

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["MODEL_DIR", "PARALLEL_MIN", "Scorer", "Scores", "load_scorer", "score"]

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
#: Comments per batch at most. A batch of ``n`` is cut into ``ceil(n / _BATCH)`` equal
#: batches, the same ones whether one process scores them or several: float sums
#: depend (in the last bits) on which comments share a batch.
_BATCH = 1024
#: Batches of at least this many comments are scored by several processes when
#: ``workers`` is left to the scorer (see :meth:`Scorer.score`).
PARALLEL_MIN = 2000
#: A worker's answer for one chunk: probabilities, and per comment with evidence its
#: index and ``(label index, start, end)`` spans.
_ChunkResult = tuple[npt.NDArray[np.float64], list[tuple[int, list[tuple[int, int, int]]]]]


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
        workers: processes for large batches; ``None`` (the default) decides per call,
            see :meth:`score`. Overridden by a ``workers`` argument to :meth:`score`.

    Raises:
        ConfigError: the directory does not hold a model.
    """

    def __init__(
        self,
        model_dir: Path = MODEL_DIR,
        *,
        evidence_threshold: float = 0.5,
        threads: bool = True,
        workers: int | None = None,
    ) -> None:
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
        self.workers = workers
        self.model_dir = model_dir
        self._pool: ProcessPoolExecutor | None = None
        self._pool_workers = 0  # processes of the running pool (0: none)
        self._pool_failed = False
        self.lexicon = Lexicon(model_dir / "lexicon.json", meta.get("common_words", ()))
        set_wildcard_words(self.lexicon.wildcard_targets)
        self.name = f"toxicity.linear.v1@{meta.get('version', '?')}"

    # -- features ---------------------------------------------------------------------------

    def featurize(self, norms: Sequence[str]) -> tuple[CharGrams, list[list[int]], list[list[Hit]]]:
        """Character n-grams, vocabulary ids (``-1`` when unknown) and lexicon hits."""
        prep = self._prepare(list(norms), [Normalized(t) for t in norms])
        unknown = len(self.vocab)
        ids = [-1 if i == unknown else i for i in prep.flat.tolist()]
        ends = list(accumulate(prep.ntok.tolist()))
        return (
            char_ngrams(norms, self.bits),
            [ids[e - n : e] for n, e in zip(prep.ntok.tolist(), ends, strict=True)],
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
            norms = normalize_all([t if isinstance(t, str) else str(t) for t in texts])
        findall = _TOKEN.findall
        match = self.lexicon.match
        corrections = self.lexicon.corrections
        mask = self.lexicon.mask
        hits, masked = [], []
        all_toks: list[str] = []
        ntok = []
        for k, n in enumerate(norms):
            toks = findall(n.text)
            unique = set(toks)
            fixes = corrections(unique)
            if fixes:  # misspelled abuse: let the n-gram model see the usual spelling too
                n = norms[k] = respell(n, fixes)
                toks = findall(n.text)
                unique = set(toks)
            hits.append(match(n.text, toks, unique))
            m = mask(n.text, unique)
            if m is not n.text:
                toks = findall(m)
            masked.append(m)
            all_toks += toks
            ntok.append(len(toks))
        # Everything that loops in Python happens here, on the calling thread, so the
        # numpy thread rarely has to wait for the GIL.
        unknown = len(self.vocab)
        flat = np.fromiter(map(self.vocab.get, all_toks, repeat(unknown)), dtype=np.int64, count=len(all_toks))
        return _Prepared(
            list(texts),
            norms,
            masked,
            hits,
            self.lex_matrix(hits),
            flat,
            np.asarray(ntok, dtype=np.int64),
            self._floor_matrix(hits, [n.text for n in norms]),
            np.asarray([len(t) + 3 for t in masked], dtype=np.int64),
        )

    # -- scoring ----------------------------------------------------------------------------

    def _compute(self, prep: _Prepared, evidence: bool = False) -> _Computed:
        """The numpy half of scoring (releases the GIL for most of its time)."""
        norm_texts = prep.masked
        n = len(norm_texts)
        grams = char_ngrams(norm_texts, self.bits)
        out = np.tile(self.bias, (n, 1))
        # np.take, not fancy indexing: the same rows, several times faster.
        weights = np.take(self.w_char, grams.bucket, axis=0)
        if len(grams.doc):
            sums = np.zeros((n, len(self.labels)))
            _segment_sum(sums, grams.doc, weights)
            out += sums / np.sqrt(np.maximum(grams.count, 1.0))[:, None]
        ntok = prep.ntok
        if len(prep.flat):
            k = len(self.labels)
            docs = np.repeat(np.arange(n), ntok)
            vs = np.zeros((n, self._w_words.shape[1]))
            _segment_sum(vs, docs, np.take(self._w_words, prep.flat, axis=0))
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
                contrib = (need, *self.char_contributions(prep.sizes, grams, need, weights))
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
        chunks = [texts[a:b] for a, b in _batch_bounds(len(texts))]
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

    def score(self, texts: Sequence[str], *, evidence: bool = True, workers: int | None = None) -> list[Scores]:
        """Score comments; see :func:`belowtheline.comments.score`.

        Args:
            texts: comment texts.
            evidence: add evidence spans (labels scoring at least ``evidence_threshold``).
            workers: processes to share the batch between. ``None`` (default: the
                scorer's ``workers``, else automatic) uses every available core for
                batches of at least :data:`PARALLEL_MIN` comments when the process can
                fork safely (Linux, no other threads running), and one process
                otherwise; ``1`` never starts processes; ``n > 1`` uses up to ``n``
                processes whenever the batch is cut into several internal batches (more
                than 1,024 comments). Results are identical either way (the processes
                score the same internal batches); when processes cannot be started, the
                batch is scored here. Start methods other than fork (macOS, Windows, or
                a process running threads) need the usual ``if __name__ == "__main__":``
                guard in the calling script.
        """
        texts = list(texts)
        plan = self._parallel_chunks(len(texts), workers)
        if plan is not None:
            done = self._score_parallel(texts, evidence, plan)
            if done is not None:
                return done
        out: list[Scores] = []
        labels = self.labels
        for prep, p, _grams, contrib in self._batches(texts, evidence):
            results = [Scores(dict(zip(labels, row, strict=False))) for row in p.tolist()]
            if contrib is not None:
                self._add_evidence(prep, p, contrib, results)
            out.extend(results)
        return out

    def probabilities(self, texts: Sequence[str], *, workers: int | None = None) -> npt.NDArray[np.float64]:
        """Calibrated probabilities only, shape ``(n, labels)``: the fast path for evaluation."""
        texts = list(texts)
        plan = self._parallel_chunks(len(texts), workers)
        if plan is not None:
            answers = self._map_chunks(texts, False, plan)
            if answers is not None:
                return np.vstack([p for p, _ in answers])
        rows = [p for _, p, _, _ in self._batches(texts)]
        return np.vstack(rows) if rows else np.zeros((0, len(self.labels)))

    # -- several processes ------------------------------------------------------------------

    def _parallel_chunks(self, n: int, workers: int | None) -> tuple[int, list[tuple[int, int]]] | None:
        """Processes and batches for a batch of ``n`` comments, or ``None`` for one process."""
        if workers is None:
            workers = self.workers
        if workers is None:  # automatic: large batches, when the workers run or forking is safe
            if n < PARALLEL_MIN or (self._pool is None and _start_method() != "fork"):
                return None
            workers = min(_usable_cpus(), 8)
        bounds = _batch_bounds(n)
        if workers <= 1 or len(bounds) < 2 or self._pool_failed:
            return None
        return workers, bounds

    def _map_chunks(
        self, texts: list[str], evidence: bool, plan: tuple[int, list[tuple[int, int]]]
    ) -> list[_ChunkResult] | None:
        """Score the batches of ``plan`` in ``plan[0]`` worker processes; ``None`` if they cannot run."""
        from concurrent.futures.process import BrokenProcessPool

        workers, chunks = plan
        try:
            pool = self._get_pool(workers)
            futures = [pool.submit(_score_chunk, texts[a:b], evidence, self.evidence_threshold) for a, b in chunks]
            return [f.result() for f in futures]
        except (OSError, BrokenProcessPool, ImportError, NotImplementedError, PermissionError):
            # No processes here (a sandbox, no /dev/shm, a worker killed): score in this one.
            self._pool_failed = True
            self.close()
            return None

    def _score_parallel(
        self, texts: list[str], evidence: bool, plan: tuple[int, list[tuple[int, int]]]
    ) -> list[Scores] | None:
        answers = self._map_chunks(texts, evidence, plan)
        chunks = plan[1]
        if answers is None:
            return None
        labels = self.labels
        out: list[Scores] = []
        for (a, _b), (p, spans) in zip(chunks, answers, strict=True):
            results = [Scores(dict(zip(labels, row, strict=False))) for row in p.tolist()]
            for r, found in spans:
                text = texts[a + r]
                results[r].evidence = [Evidence(labels[j], s, e, text[s:e]) for j, s, e in found]
            out.extend(results)
        return out

    def _get_pool(self, workers: int) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if self._pool is not None and self._pool_workers == workers:
            return self._pool  # (its own threads now run here, so only this decides the method)
        method = _start_method()
        self.close()
        # Forked workers inherit this scorer (nothing to load or pickle); other start
        # methods load the model from its directory.
        scorer = self if method == "fork" else None
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(scorer, str(self.model_dir)),
        )
        self._pool_workers = workers
        # Stop the workers before the interpreter tears modules down (a pool collected
        # after that prints a spurious traceback).
        import atexit
        import weakref

        atexit.register(_close_at_exit, weakref.ref(self))
        return self._pool

    def close(self) -> None:
        """Stop the worker processes, if any (they are also stopped at exit)."""
        pool, self._pool, self._pool_workers = self._pool, None, 0
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_pool"], state["_pool_workers"] = None, 0
        return state

    def _floor_matrix(self, hits: list[list[Hit]], norms: Sequence[str]) -> npt.NDArray[np.float64]:
        """The lower bounds that lexicon hits in the normalised texts ``norms`` set, one
        row per comment. Hits inside a reported or condemned quotation
        (:func:`~belowtheline.comments.lexicon.reported_spans`) set no floor.
        """
        out = np.zeros((len(hits), len(self.labels)))
        col = self._col
        floors = self.lexicon.floors
        for r, hs in enumerate(hits):
            if hs:
                quoted = reported_spans(norms[r])
                if quoted:
                    hs = [h for h in hs if not any(a <= h.start and h.end <= b for a, b in quoted)]
            for h in hs:
                for label, floor in floors.get(h.kind, {}).items():
                    j = col[label]
                    if out[r, j] < floor:
                        out[r, j] = floor
        return out

    # -- evidence ---------------------------------------------------------------------------

    def char_contributions(
        self,
        sizes_all: npt.NDArray[np.int64],
        grams: CharGrams,
        docs: npt.NDArray[np.int64],
        weights: npt.NDArray[np.float32] | None = None,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Cumulative per-character logit contributions of the comments ``docs`` of a batch.

        Each n-gram's weight is spread evenly over the characters it covers. The
        comments are laid end to end (``sizes_all[d] = len(text) + 3`` slots each; ``offs[d]``
        is where comment ``d`` starts, for ``d`` in ``docs``); ``cum[b] - cum[a]``
        is the contribution of slots ``[a, b)``, one column per label. ``weights``
        are the rows of ``w_char`` for ``grams.bucket`` when the caller has them already.
        """
        k = len(self.labels)
        sizes = np.zeros(len(sizes_all), dtype=np.int64)
        sizes[docs] = sizes_all[docs]
        offs = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        total = int(sizes.sum()) + 1
        # One row per label while filling it (contiguous writes); returned transposed.
        cum_t = np.zeros((k, total + 1))
        sel = np.nonzero(np.take(sizes, grams.doc) > 0)[0]
        if len(sel):
            every = len(sel) == len(grams.doc)
            doc = grams.doc if every else np.take(grams.doc, sel)
            n = grams.n if every else np.take(grams.n, sel)
            pos = grams.pos if every else np.take(grams.pos, sel)
            start = np.take(offs, doc) + pos + 1  # +1: the leading pad space
            end = start + n
            scale = 1.0 / (n * np.sqrt(np.maximum(np.take(grams.count, doc), 1.0)))
            if weights is None:
                weights = np.take(self.w_char, grams.bucket, axis=0)
            rows = weights if every else np.take(weights, sel, axis=0)
            for j in range(k):
                share = rows[:, j] * scale
                # A difference array: +share where an n-gram starts, -share where it ends;
                # two cumulative sums give per-character, then cumulative contributions.
                diff = np.bincount(start, share, total) - np.bincount(end, share, total)
                cum_t[j, 1:] = np.cumsum(np.cumsum(diff[:total]))
        return offs, cum_t.T

    def _add_evidence(
        self, prep: _Prepared, p: npt.NDArray[np.float64], contrib: _Contrib, results: list[Scores]
    ) -> None:
        texts, norms, hits = prep.texts, prep.norms, prep.hits
        need, offs, cum = contrib
        floors = self.lexicon.floors
        labels = self.labels
        k = len(labels)
        threshold = self.evidence_threshold
        # The token spans of every comment that needs evidence, laid end to end.
        need_list = need.tolist()
        ntok = prep.ntok
        spans_of: list[list[tuple[int, int]]] = []
        starts: list[int] = []
        stops: list[int] = []
        split = _TOKEN_SPLIT.split
        for r in need_list:
            # The tokens with their positions, in one C call: separators at even indices.
            parts = split(prep.masked[r])
            ends = list(accumulate(map(len, parts)))
            first_chars, past_chars = ends[0:-1:2], ends[1::2]
            starts += first_chars
            stops += past_chars
            spans_of.append(list(zip(first_chars, past_chars, strict=True)))
        strong_spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
        counts = ntok[need]
        total = int(counts.sum())
        if total:
            which = np.repeat(np.arange(len(need)), counts)  # the comment (in need) of each token
            shift = np.repeat(offs[need] + 1, counts)  # +1: the leading pad space
            st = np.asarray(starts, dtype=np.int64) + shift
            en = np.asarray(stops, dtype=np.int64) + shift
            cum_t = cum.T  # contiguous, one row per label
            values = (np.take(cum_t, en, axis=1) - np.take(cum_t, st, axis=1)).T
            # Vocabulary weights of those tokens: the comment's first token, plus the rank inside it.
            first = np.cumsum(ntok) - ntok
            local_first = np.cumsum(counts) - counts
            index = np.repeat(first[need] - local_first, counts) + np.arange(total)
            # The embedding block is left out: its per-word shares are large and cancel
            # across words, so they say little about which words carry the harm.
            root = np.sqrt(counts.astype(np.float64)).astype(np.float32)
            values += np.take(self._w_words, np.take(prep.flat, index), axis=0)[:, :k] / root[which][:, None]
            # A word is evidence when it pushes the logit up by at least tau and by at
            # least half as much as the strongest word of its comment (so "you are an"
            # around "idiot" stays out).
            has = counts > 0
            peak = np.zeros((len(need), k))
            peak[has] = np.maximum.reduceat(values, local_first[has], axis=0)
            strong = (values >= self.evidence_tau) & (values >= 0.5 * peak[which])
            tok, col = np.nonzero(strong)
            if len(tok):
                local = (tok - local_first[which[tok]]).tolist()
                for q, i, j in zip(which[tok].tolist(), local, col.tolist(), strict=True):
                    strong_spans.setdefault((q, j), []).append(spans_of[q][i])
        prows = p[need].tolist()
        for q, r in enumerate(need_list):
            text, norm, row = texts[r], norms[r], prows[q]
            ev = results[r].evidence
            for j, label in enumerate(labels):
                if row[j] < threshold:
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
                found += strong_spans.get((q, j), ())
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


def _close_at_exit(ref: Any) -> None:
    scorer = ref()
    if scorer is not None:
        scorer.close()


def _batch_bounds(n: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the batches of ``n`` comments: as few as fit in ``_BATCH``, of equal size."""
    if n <= 0:
        return []
    size = -(-n // -(-n // _BATCH))
    return [(a, min(a + size, n)) for a in range(0, n, size)]


def _start_method() -> str:
    """``fork`` where it is available and safe (no other threads), else ``forkserver`` or ``spawn``."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


#: The scorer of a worker process (set by :func:`_init_worker`).
_WORKER: Scorer | None = None


def _init_worker(scorer: Scorer | None, model_dir: str) -> None:
    global _WORKER
    if scorer is None:
        scorer = Scorer(Path(model_dir), threads=False, workers=1)
    else:  # forked: the parent's scorer, already loaded; never start processes from here
        scorer.threads, scorer.workers, scorer._pool, scorer._pool_workers = False, 1, None, 0
    _WORKER = scorer


def _score_chunk(texts: list[str], evidence: bool, threshold: float) -> _ChunkResult:
    """Score one chunk in a worker process: probabilities and compact evidence."""
    scorer = _WORKER
    if scorer is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker process without a scorer")
    scorer.evidence_threshold = threshold
    col = scorer._col
    rows, spans = [], []
    offset = 0
    for prep, p, _grams, contrib in scorer._batches(texts, evidence):
        rows.append(p)
        if contrib is not None:
            results = [Scores({}) for _ in range(len(p))]
            scorer._add_evidence(prep, p, contrib, results)
            spans += [
                (offset + r, [(col[e.label], e.start, e.end) for e in res.evidence])
                for r, res in enumerate(results)
                if res.evidence
            ]
        offset += len(p)
    p_all = np.vstack(rows) if rows else np.zeros((0, len(scorer.labels)))
    return p_all, spans


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
