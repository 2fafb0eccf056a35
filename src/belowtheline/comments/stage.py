"""The ``toxicity.linear.v1`` pipeline stage."""

from __future__ import annotations

from typing import Any

from ..document import Document

__all__ = ["AccurateToxicityScorer", "ToxicityScorer"]


class ToxicityScorer:
    """Fill ``comments[].scores`` and ``comments[].evidence`` with the shipped toxicity model.

    Args:
        evidence_threshold: labels scoring at least this get evidence spans.

    Example:
        >>> from belowtheline.document import Comment, Document
        >>> doc = Document(id="d", comments=[Comment(id="c1", text="Thanks, good piece.")])
        >>> ToxicityScorer()(doc).comments[0].scores["toxicity"] < 0.5
        True
    """

    name = "toxicity.linear.v1"
    requires: tuple[str, ...] = ("comments",)
    assigns: tuple[str, ...] = ("comments.scores", "comments.evidence")

    def __init__(self, *, evidence_threshold: float = 0.5) -> None:
        self.evidence_threshold = evidence_threshold

    def _scorer(self) -> Any:
        from .scorer import load_scorer

        return load_scorer()

    def __call__(self, doc: Document) -> Document:
        if not doc.comments:
            return doc
        scorer = self._scorer()
        previous = scorer.evidence_threshold
        scorer.evidence_threshold = self.evidence_threshold
        try:
            results = scorer.score([c.text for c in doc.comments])
        finally:
            scorer.evidence_threshold = previous
        for comment, result in zip(doc.comments, results, strict=False):
            comment.scores = dict(result.scores)
            comment.evidence = list(result.evidence)
        return doc


class AccurateToxicityScorer(ToxicityScorer):
    """The same fields, from the accurate mode: the n-gram scorer blended with a sentence
    encoder (:mod:`belowtheline.comments.encoder`; needs ``belowtheline[accurate]``).
    """

    name = "toxicity.minilm.v1"

    def _scorer(self) -> Any:
        from .encoder import load_accurate_scorer

        return load_accurate_scorer()
