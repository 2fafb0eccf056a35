"""Relevance of each comment to its article (and to the comment it answers).

A comment's relevance is the TF-IDF cosine (word unigrams and bigrams plus
in-word character 4-grams, :mod:`._lexical`) between the comment and the
article (title and paragraphs), with inverse document frequencies learnt
from the article's paragraphs and the thread's comments, so words every
comment uses count little. When ``reply_to`` is set the similarity to the
parent comment counts too (the larger of the two, the parent's discounted by
``parent_weight``). The raw cosine is mapped to [0, 1] by a logistic curve
fitted on real threads (``benchmarks/eval_relevance.py``): 0.5 is the point
where a comment is as likely to belong to the thread as to another one.

Example:
    >>> from belowtheline import Comment, Document
    >>> from belowtheline.document import Article, Paragraph
    >>> doc = Document(id="d", article=Article(title="Heat pump grants",
    ...     paragraphs=[Paragraph("The government doubles grants for heat pumps in older homes.")]),
    ...     comments=[Comment("c1", "Heat pumps in old homes need insulation first."),
    ...               Comment("c2", "Buy cheap sunglasses here!")])
    >>> [c.relevance > 0.5 for c in RelevanceScorer()(doc).comments]
    [True, False]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..document import Document
from ..errors import ConfigError
from . import _lexical as lx

__all__ = ["RelevanceOptions", "RelevanceScorer", "relevance_scores"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RelevanceOptions:
    """Options of :class:`RelevanceScorer`.

    Attributes:
        parent_weight: factor on the similarity to the parent comment (0 ignores parents).
        slope, midpoint: the logistic map from cosine to [0, 1].
    """

    parent_weight: float = 0.8
    slope: float = 40.0
    midpoint: float = 0.045

    def __post_init__(self) -> None:
        if not 0.0 <= self.parent_weight <= 1.0:
            raise ConfigError(f"parent_weight={self.parent_weight} must be in [0, 1] (default 0.8).")
        if self.slope <= 0:
            raise ConfigError(f"slope={self.slope} must be positive (default 40).")


_PREFIX = {"w:": 1.0, "b:": 1.0, "c:": 0.3}


def relevance_scores(
    article: str,
    comments: list[str],
    parents: list[int | None] | None = None,
    *,
    options: RelevanceOptions | None = None,
) -> list[float]:
    """Relevance in [0, 1] of each comment to ``article`` (and to its parent comment).

    Args:
        article: the article text (title and body).
        comments: the comment texts.
        parents: for each comment the index of its parent in ``comments``, or ``None``.
        options: a :class:`RelevanceOptions`.

    Returns:
        One score per comment, in order.
    """
    o = options or RelevanceOptions()
    art_feats = lx.features(article)
    com_feats = [lx.features(c) for c in comments]
    paras = [lx.features(p) for p in article.split("\n") if p.strip()]
    idf = lx.Idf(paras + com_feats)
    art = idf.vector(art_feats, prefix_weights=_PREFIX)
    vecs = [idf.vector(f, prefix_weights=_PREFIX) for f in com_feats]
    out = []
    for i, v in enumerate(vecs):
        sim = lx.cosine(v, art)
        p = parents[i] if parents else None
        if p is not None and 0 <= p < len(vecs) and p != i:
            sim = max(sim, o.parent_weight * lx.cosine(v, vecs[p]))
        out.append(round(1.0 / (1.0 + math.exp(-o.slope * (sim - o.midpoint))), 4))
    return out


class RelevanceScorer:
    """Pipeline stage ``relevance.lexical.v1``: set ``comments[].relevance`` in [0, 1]."""

    name = "relevance.lexical.v1"
    requires: tuple[str, ...] = ("article.paragraphs", "comments")
    assigns: tuple[str, ...] = ("comments.relevance",)

    def __init__(self, *, options: RelevanceOptions | None = None) -> None:
        self.options = options or RelevanceOptions()

    def __call__(self, doc: Document) -> Document:
        if not doc.comments:
            return doc
        article = "\n".join(
            ([doc.article.title] if doc.article.title else []) + [p.text for p in doc.article.paragraphs]
        )
        pos = {c.id: i for i, c in enumerate(doc.comments)}
        parents = [pos.get(c.reply_to) if c.reply_to else None for c in doc.comments]
        scores = relevance_scores(article, [c.text for c in doc.comments], parents, options=self.options)
        for c, s in zip(doc.comments, scores, strict=True):
            c.relevance = s
        return doc
