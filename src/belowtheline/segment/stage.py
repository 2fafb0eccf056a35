"""The ``segment.text.v1`` pipeline stage."""

from __future__ import annotations

from ..document import Document
from .core import SegmentOptions, segment_text

__all__ = ["TextSegmenter"]


class TextSegmenter:
    """Fill the article parts and comments of a plain-text capture.

    Documents whose article and comments were provided by ingest (HTML pages,
    exports) pass through unchanged.
    """

    name = "segment.text.v1"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = (
        "article.title",
        "article.credits",
        "article.captions",
        "article.paragraphs",
        "article.boilerplate",
        "comments",
        "comments.author",
        "comments.timestamp",
        "comments.reply_to",
        "segments",
    )

    def __init__(self, *, options: SegmentOptions | None = None) -> None:
        self.options = options or SegmentOptions()

    def __call__(self, doc: Document) -> Document:
        if {"article", "comments"} <= doc.provided:
            return doc
        result = segment_text(doc.text, options=self.options)
        doc.article = result.article
        doc.comments = result.comments
        doc.segments = result.segments
        return doc
