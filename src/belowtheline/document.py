"""The document model: one object carries a capture from ingest to report.

A :class:`Document` holds the raw text of a capture, the :class:`Article`
parts found in it and the reader :class:`Comment` list. Stages of a
:class:`~belowtheline.pipeline.Pipeline` fill its fields; :meth:`Document.to_dict`
gives the JSON shape documented in ``DESIGN.md`` (public interface: keys are
added, never renamed).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from ._types import JSONDict

__all__ = [
    "LABELS",
    "Article",
    "Claim",
    "Comment",
    "Decision",
    "Document",
    "Entity",
    "Evidence",
    "Paragraph",
    "Quote",
    "Segment",
    "Source",
]

#: The seven comment score labels, in the order of DESIGN.md.
LABELS: tuple[str, ...] = (
    "toxicity",
    "severe_toxicity",
    "insult",
    "identity_attack",
    "threat",
    "sexual_explicit",
    "profanity",
)

ParagraphKind = Literal["body", "subheading"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Action = Literal["publish", "review", "remove"]


@dataclass(slots=True)
class Source:
    """Where a document came from: a file path or URL, and the input format."""

    path: str | None = None
    url: str | None = None
    format: str = "text"


@dataclass(slots=True)
class Segment:
    """A labelled character range ``[start, end)`` of :attr:`Document.text`.

    Segmentation labels every line of a text capture exactly once, so the
    segments of a document cover its text without gaps or overlaps.
    """

    start: int
    end: int
    label: str


@dataclass(slots=True)
class Paragraph:
    text: str
    kind: ParagraphKind = "body"


@dataclass(slots=True)
class Entity:
    text: str
    label: str
    canonical: str
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Quote:
    text: str
    speaker: str | None = None
    kind: QuoteKind = "direct"
    cue: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Claim:
    text: str
    quantity: str
    value: float | None = None
    unit: str | None = None
    actor: str | None = None


@dataclass(slots=True)
class Evidence:
    """A character span ``[start, end)`` of a comment's text that drove a label."""

    label: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Decision:
    action: Action
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    title: str | None = None
    credits: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(slots=True)
class Comment:
    id: str
    text: str
    author: str | None = None
    timestamp: str | None = None
    reply_to: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    narratives: list[dict[str, Any]] = field(default_factory=list)
    duplicate_group: str | None = None
    relevance: float | None = None
    spam: float | None = None
    language: str | None = None
    decision: Decision | None = None
    #: How deep the comment is nested in its thread (0 for top level).
    depth: int = 0
    #: Character offsets of the comment text in :attr:`Document.text`, when known.
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Document:
    """A capture: the article, the comments below it and how they were found.

    Example:
        >>> doc = Document(id="d1", text="Title\\n\\nBody.")
        >>> doc.to_dict()["article"]["paragraphs"]
        []
    """

    id: str
    text: str = ""
    source: Source = field(default_factory=Source)
    article: Article = field(default_factory=Article)
    comments: list[Comment] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    #: Names of the stages that produced this document, in order ("segment.text.v1", ...).
    stages: list[str] = field(default_factory=list)
    #: Problems found while processing that did not stop it.
    warnings: list[str] = field(default_factory=list)
    #: Fields an ingest step already filled (e.g. comments from a JSONL export).
    provided: set[str] = field(default_factory=set)

    @staticmethod
    def make_id(text: str, path: str | None = None) -> str:
        """A stable id: the file stem when there is a path, else a content hash."""
        if path:
            return _stem(path)
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    def comment(self, comment_id: str) -> Comment:
        """Return the comment with ``comment_id``.

        Raises:
            KeyError: no comment has that id.
        """
        for c in self.comments:
            if c.id == comment_id:
                return c
        raise KeyError(comment_id)

    def to_dict(self) -> JSONDict:
        """The JSON-ready dict documented in DESIGN.md, plus a ``meta`` block."""
        a = self.article
        return {
            "id": self.id,
            "source": {"path": self.source.path, "url": self.source.url, "format": self.source.format},
            "article": {
                "title": a.title,
                "credits": list(a.credits),
                "captions": list(a.captions),
                "paragraphs": [{"text": p.text, "kind": p.kind} for p in a.paragraphs],
                "boilerplate": list(a.boilerplate),
                "entities": [_drop_none(_asdict(e)) | {"text": e.text} for e in a.entities],
                "quotes": [_asdict(q) for q in a.quotes],
                "claims": [_asdict(c) for c in a.claims],
            },
            "comments": [_comment_dict(c) for c in self.comments],
            "meta": {
                "stages": list(self.stages),
                "warnings": list(self.warnings),
                "content_hash": self.content_hash,
            },
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: JSONDict) -> Document:
        """Rebuild a document from :meth:`to_dict` output (unknown keys are ignored)."""
        src = data.get("source") or {}
        art = data.get("article") or {}
        article = Article(
            title=art.get("title"),
            credits=list(art.get("credits") or []),
            captions=list(art.get("captions") or []),
            paragraphs=[Paragraph(p["text"], p.get("kind", "body")) for p in art.get("paragraphs") or []],
            boilerplate=list(art.get("boilerplate") or []),
            entities=[Entity(**_only(Entity, e)) for e in art.get("entities") or []],
            quotes=[Quote(**_only(Quote, q)) for q in art.get("quotes") or []],
            claims=[Claim(**_only(Claim, c)) for c in art.get("claims") or []],
        )
        comments = []
        for c in data.get("comments") or []:
            kw = _only(Comment, c)
            kw["evidence"] = [Evidence(**_only(Evidence, e)) for e in c.get("evidence") or []]
            d = c.get("decision")
            kw["decision"] = Decision(d["action"], list(d.get("reasons") or [])) if d else None
            comments.append(Comment(**kw))
        meta = data.get("meta") or {}
        return cls(
            id=data["id"],
            source=Source(src.get("path"), src.get("url"), src.get("format", "text")),
            article=article,
            comments=comments,
            stages=list(meta.get("stages") or []),
            warnings=list(meta.get("warnings") or []),
        )


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name


def _asdict(obj: Any) -> JSONDict:
    return {name: getattr(obj, name) for name in obj.__slots__}


def _drop_none(d: JSONDict) -> JSONDict:
    return {k: v for k, v in d.items() if v is not None}


def _only(cls: type, data: JSONDict) -> JSONDict:
    names = set(cls.__slots__)  # type: ignore[attr-defined]
    return {k: v for k, v in data.items() if k in names}


def _comment_dict(c: Comment) -> JSONDict:
    return {
        "id": c.id,
        "author": c.author,
        "timestamp": c.timestamp,
        "text": c.text,
        "reply_to": c.reply_to,
        "depth": c.depth,
        "scores": dict(c.scores),
        "evidence": [_asdict(e) for e in c.evidence],
        "narratives": list(c.narratives),
        "duplicate_group": c.duplicate_group,
        "relevance": c.relevance,
        "spam": c.spam,
        "language": c.language,
        "decision": None if c.decision is None else {"action": c.decision.action, "reasons": list(c.decision.reasons)},
    }
