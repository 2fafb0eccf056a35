"""Read an HTML page: the article through trafilatura, the comment section apart.

(Minimal first version; see issue 2 for the comment-aware extractor.)
"""

from __future__ import annotations

from ..document import Article, Document, Paragraph, Source

__all__ = ["read_html"]


def read_html(html: str, *, source: Source) -> Document:
    """Extract the article of an HTML page into a document."""
    import trafilatura

    result = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    text = (getattr(result, "text", None) or "") if result is not None else ""
    title = getattr(result, "title", None) if result is not None else None
    paragraphs = [Paragraph(p.strip()) for p in text.split("\n") if p.strip()]
    doc = Document(
        id=Document.make_id(html, source.path),
        text=text,
        source=source,
        article=Article(title=title, paragraphs=paragraphs),
    )
    doc.provided |= {"article", "comments"}
    return doc
