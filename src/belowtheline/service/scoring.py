"""The one place the service and the store call the comment scorer.

:func:`default_scorer` wraps :func:`belowtheline.comments.score`; tests pass any
object with ``model``, ``version`` and ``score(texts)`` instead (see
:class:`CommentScorer`), e.g. :class:`KeywordScorer`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..document import LABELS, Evidence
from ..errors import MissingDependencyError

__all__ = ["CommentScorer", "KeywordScorer", "ScoreResult", "ScorerAdapter", "default_scorer"]


@dataclass(slots=True)
class ScoreResult:
    """Scores of one comment: label -> probability, and evidence spans (offsets into the text)."""

    scores: dict[str, float]
    evidence: list[Evidence] = field(default_factory=list)


@runtime_checkable
class CommentScorer(Protocol):
    #: Model name and version, recorded with every stored score and decision.
    model: str
    version: str

    def score(self, texts: Sequence[str]) -> list[ScoreResult]: ...


class ScorerAdapter:
    """Adapts a ``score(texts) -> list[Scores-like]`` function (``.scores``, ``.evidence``).

    Args:
        fn: the scoring function.
        model: model name; ``version`` the model version ("unknown" when the scorer does not say).
    """

    def __init__(self, fn: Callable[[Sequence[str]], Sequence[Any]], *, model: str = "unknown",
                 version: str = "unknown") -> None:
        self._fn = fn
        self.model = model
        self.version = version
        # numpy releases the GIL in parts; one scorer call at a time keeps the model's caches simple.
        self._lock = threading.Lock()

    def score(self, texts: Sequence[str]) -> list[ScoreResult]:
        if not texts:
            return []
        with self._lock:
            raw = self._fn(list(texts))
        out = []
        for r in raw:
            scores = {k: float(v) for k, v in dict(getattr(r, "scores", r)).items()}
            evidence = [e if isinstance(e, Evidence) else Evidence(e["label"], e["start"], e["end"], e["text"])
                        for e in getattr(r, "evidence", [])]
            out.append(ScoreResult(scores=scores, evidence=evidence))
        return out


def default_scorer() -> CommentScorer:
    """The shipped comment scorer (``belowtheline.comments.score``) with its model name and version.

    Raises:
        MissingDependencyError: the scorer module or its model is not available.
    """
    try:
        from ..comments import scorer as mod
    except ImportError as exc:
        raise MissingDependencyError(
            f"the comment scorer cannot be imported ({exc}); reinstall belowtheline with its models."
        ) from exc
    model, version = "unknown", "unknown"
    loader = getattr(mod, "load_scorer", None)
    if loader is not None:
        try:
            loaded = loader()
        except Exception as exc:  # a missing or broken artefact: say which
            raise MissingDependencyError(f"the comment scorer's model could not be loaded: {exc}") from exc
        from ..store.repository import split_model_name

        model, version = split_model_name(str(getattr(loaded, "name", "") or ""))
        version = str(getattr(loaded, "version", None) or version)
    return ScorerAdapter(mod.score, model=model, version=version)


class KeywordScorer:
    """A deterministic double: comments containing a flagged word score ``high`` on every label.

    Evidence spans point at each flagged word. Useful in tests of code built on the service.

    Example:
        >>> KeywordScorer(flag={"idiot"}).score(["You idiot"])[0].evidence[0].start
        4
    """

    model = "keyword.fake"
    version = "1"

    def __init__(self, *, flag: Iterable[str] = ("idiot",), high: float = 0.95) -> None:
        self.flag = {w.lower() for w in flag}
        self.high = high
        self.calls = 0

    def score(self, texts: Sequence[str]) -> list[ScoreResult]:
        self.calls += 1
        out = []
        for t in texts:
            lower = t.lower()
            hits = [(w, i) for w in sorted(self.flag) for i in _find_all(lower, w)]
            scores = {label: (self.high if hits else 0.02) for label in LABELS}
            ev = [Evidence(label, i, i + len(w), t[i:i + len(w)]) for w, i in hits for label in ("toxicity", "insult")]
            out.append(ScoreResult(scores=scores, evidence=ev))
        return out


def _find_all(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out
