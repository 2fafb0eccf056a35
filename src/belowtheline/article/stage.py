"""The article-understanding stage: one parse, three extractors."""

from __future__ import annotations

from ..document import Document
from . import nlp
from .claims import extract_claims
from .entities import extract_entities
from .quotes import extract_quotes

__all__ = ["ArticleAnalyzer"]


class ArticleAnalyzer:
    """Fill ``article.entities``, ``article.quotes`` and ``article.claims``.

    The body (paragraphs joined by blank lines) is parsed once; entity and
    quote offsets refer to :attr:`Article.body <belowtheline.document.Article.body>`.
    The title is not parsed: headlines quote loosely and name without context.
    """

    name = "article.spacy.v1"
    requires: tuple[str, ...] = ("article.paragraphs",)
    assigns: tuple[str, ...] = ("article.entities", "article.quotes", "article.claims")

    def __call__(self, doc: Document) -> Document:
        body = doc.article.body
        if not body.strip():
            return doc
        parsed = nlp.parse(body)
        entities, canonical = extract_entities(parsed)
        doc.article.entities = entities
        doc.article.quotes = extract_quotes(parsed, canonical)
        doc.article.claims = extract_claims(parsed, entities)
        return doc
