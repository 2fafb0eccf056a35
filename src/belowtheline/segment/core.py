"""Placeholder; replaced below."""
from __future__ import annotations
from dataclasses import dataclass, field
from ..document import Article, Comment, Paragraph, Segment

@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentOptions:
    pass

@dataclass(slots=True)
class SegmentResult:
    article: Article
    comments: list[Comment] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

def segment_text(text: str, *, options: SegmentOptions | None = None) -> SegmentResult:
    paras = [Paragraph(p.strip()) for p in text.split("\n") if p.strip()]
    return SegmentResult(Article(paragraphs=paras))
