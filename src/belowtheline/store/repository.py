"""Repository functions: what the CLI, the service and the moderation code do to the database.

Every query goes through SQLAlchemy with bound parameters; no SQL is built from text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..document import Comment, Document
from .models import AuditEntry, Capture, CommentRow, DocumentRow, ScoreRow, Site

if TYPE_CHECKING:
    from ..service.scoring import CommentScorer, ScoreResult
    from .session import Store

__all__ = [
    "IngestSummary",
    "audit",
    "comment_fingerprints",
    "comment_to_dict",
    "document_to_dict",
    "get_or_create_site",
    "ingest_document",
    "latest_scores",
    "replace_article",
    "save_scores",
    "split_model_name",
    "store_documents",
]


@dataclass(slots=True)
class IngestSummary:
    """What :func:`store_documents` did."""

    documents_added: int = 0
    documents_updated: int = 0
    #: Captures already stored (same content hash): nothing written.
    documents_unchanged: int = 0
    comments_added: int = 0
    #: Database ids of the documents touched, in input order.
    document_ids: list[int] = field(default_factory=list)


def split_model_name(name: str | None) -> tuple[str, str]:
    """``"toxicity.linear.v1@3"`` -> ``("toxicity.linear.v1", "3")``; no version -> ``"unknown"``."""
    if not name:
        return "unknown", "unknown"
    model, _, version = name.partition("@")
    return model or "unknown", version or "unknown"


def audit(
    s: Session,
    actor: str,
    action: str,
    *,
    target_type: str | None = None,
    target_id: Any = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append an entry to the audit log (rows are never updated or deleted)."""
    s.add(AuditEntry(actor=actor, action=action, target_type=target_type,
                     target_id=None if target_id is None else str(target_id), details=details or {}))


def get_or_create_site(s: Session, name: str | None) -> Site | None:
    if not name:
        return None
    site = s.scalar(select(Site).where(Site.name == name))
    if site is None:
        site = Site(name=name)
        s.add(site)
        s.flush()
    return site


def comment_fingerprints(comments: Sequence[Comment]) -> list[str]:
    """A stable identity per comment: hash of author, time and text, plus its occurrence number.

    Two identical comments (a copy-paste flood by one account) stay two comments;
    the same comment seen again in a later capture of the thread maps to the same row.
    """
    seen: dict[str, int] = {}
    out = []
    for c in comments:
        h = hashlib.sha256(
            "\x1f".join((c.author or "", c.timestamp or "", c.text)).encode("utf-8", "surrogatepass")
        ).hexdigest()[:64]
        n = seen.get(h, 0)
        seen[h] = n + 1
        out.append(f"{h}:{n}")
    return out


def _signals(c: Comment) -> dict[str, Any]:
    return {
        "narratives": list(c.narratives),
        "duplicate_group": c.duplicate_group,
        "relevance": c.relevance,
        "spam": c.spam,
        "language": c.language,
    }


def save_scores(s: Session, comment: CommentRow, result: ScoreResult, model: str, version: str) -> ScoreRow:
    """Keep ``result`` for ``comment`` under (model, version); an existing row for that pair is kept as is."""
    row = s.scalar(select(ScoreRow).where(ScoreRow.comment_id == comment.id, ScoreRow.model == model,
                                          ScoreRow.model_version == version))
    if row is None:
        row = ScoreRow(comment_id=comment.id, model=model, model_version=version, scores=dict(result.scores),
                       evidence=[{"label": e.label, "start": e.start, "end": e.end, "text": e.text}
                                 for e in result.evidence])
        s.add(row)
        s.flush()
    return row


def latest_scores(s: Session, comment_id: int) -> ScoreRow | None:
    """The most recent scores of a comment (any model)."""
    return s.scalar(select(ScoreRow).where(ScoreRow.comment_id == comment_id).order_by(ScoreRow.id.desc()).limit(1))


def _thread_key(doc: Document) -> str:
    return doc.source.url or doc.id


def ingest_document(s: Session, doc: Document, *, site: str | None = None, actor: str = "cli",
                    model_name: str | None = None) -> tuple[DocumentRow, list[CommentRow], str]:
    """Store ``doc``; return (row, new comment rows, ``"added"``, ``"updated"`` or ``"unchanged"``).

    Idempotent by the capture's content hash; a new capture of a known thread
    (same site and URL, or same document id) appends the comments not yet stored.
    Scores already on the comments are stored under ``model_name`` (``name@version``).
    """
    existing = s.scalar(select(Capture).where(Capture.content_hash == doc.content_hash))
    if existing is not None:
        row = s.get(DocumentRow, existing.document_id)
        assert row is not None
        return row, [], "unchanged"
    site_row = get_or_create_site(s, site)
    site_id = site_row.id if site_row else None
    key = _thread_key(doc)
    row = s.scalar(select(DocumentRow).where(DocumentRow.site_id.is_(None) if site_id is None
                                             else DocumentRow.site_id == site_id,
                                             DocumentRow.thread_key == key))
    article = doc.to_dict()["article"]
    status = "updated" if row is not None else "added"
    if row is None:
        row = DocumentRow(site_id=site_id, thread_key=key, doc_id=doc.id, url=doc.source.url, path=doc.source.path,
                          format=doc.source.format, title=doc.article.title, article=article, stages=list(doc.stages))
        s.add(row)
        s.flush()
        audit(s, actor, "document.create", target_type="document", target_id=row.id, details={"doc_id": doc.id})
    else:
        row.article = article
        row.title = doc.article.title
        row.stages = list(doc.stages)
    s.add(Capture(document_id=row.id, content_hash=doc.content_hash))

    stored = {c.fingerprint: c for c in s.scalars(select(CommentRow).where(CommentRow.document_id == row.id))}
    taken_keys = {c.key for c in stored.values()}
    position = (s.scalar(select(func.max(CommentRow.position)).where(CommentRow.document_id == row.id)) or 0)
    key_map: dict[str, str] = {}
    new: list[tuple[CommentRow, Comment]] = []
    for c, fp in zip(doc.comments, comment_fingerprints(doc.comments), strict=True):
        old = stored.get(fp)
        if old is not None:
            key_map[c.id] = old.key or c.id
            continue
        new_key, n = c.id, 1
        while new_key in taken_keys:
            n += 1
            new_key = f"{c.id}~{n}"
        taken_keys.add(new_key)
        key_map[c.id] = new_key
        position += 1
        cr = CommentRow(document_id=row.id, site_id=site_id, key=new_key, fingerprint=fp, author=c.author,
                        timestamp=c.timestamp, text=c.text, reply_to=c.reply_to, depth=c.depth, position=position,
                        signals=_signals(c))
        s.add(cr)
        new.append((cr, c))
    for cr, _c in new:
        if cr.reply_to is not None:
            cr.reply_to = key_map.get(cr.reply_to, cr.reply_to)
    s.flush()
    if new and any(c.scores for _cr, c in new):
        from ..service.scoring import ScoreResult

        model, version = split_model_name(model_name or _scoring_stage(doc))
        for cr, c in new:
            if c.scores:
                save_scores(s, cr, ScoreResult(scores=dict(c.scores), evidence=list(c.evidence)), model, version)
    return row, [cr for cr, _c in new], status


def replace_article(store: Store, row_id: int, article: dict[str, Any], *, actor: str = "cli") -> None:
    """Store a new ``article`` object (the document JSON's) for the document row ``row_id``.

    What ``btl analyze --db`` calls when the corpus pass renames a stored document's entities.
    """
    with store.session() as s:
        row = s.get(DocumentRow, row_id)
        if row is None:
            raise KeyError(f"no stored document with id {row_id}")
        row.article = article
        audit(s, actor, "document.rename_entities", target_type="document", target_id=row_id, details={})


def _scoring_stage(doc: Document) -> str | None:
    for name in doc.stages:
        if "toxicity" in name or "score" in name:
            return name
    return None


def store_documents(
    docs: Iterable[Document],
    url: str | Store | None = None,
    *,
    site: str | None = None,
    scorer: CommentScorer | None = None,
    actor: str = "cli",
) -> IngestSummary:
    """Store analysed documents in the database at ``url`` (what ``btl analyze --db URL`` calls).

    Args:
        docs: analysed documents.
        url: a database URL, an open :class:`~belowtheline.store.Store`, or None for
            :func:`~belowtheline.store.default_url`.
        site: the site name to file the documents under (None: no site).
        scorer: when given, score the newly stored comments that carry no scores yet.
        actor: who to name in the audit log.

    Returns:
        counts of documents added / updated / unchanged and comments added.

    Example:
        >>> from belowtheline.document import Comment, Document
        >>> from belowtheline.store import open_store
        >>> store = open_store("sqlite://")
        >>> doc = Document(id="d", text="T\\n\\nhi", comments=[Comment(id="c1", text="hi")])
        >>> store_documents([doc], store).comments_added, store_documents([doc], store).documents_unchanged
        (1, 1)
    """
    from .session import Store, open_store

    store = url if isinstance(url, Store) else open_store(url)
    summary = IngestSummary()
    try:
        for doc in docs:
            with store.session() as s:
                row, new, status = ingest_document(s, doc, site=site, actor=actor)
                if status == "unchanged":
                    summary.documents_unchanged += 1
                elif status == "updated":
                    summary.documents_updated += 1
                else:
                    summary.documents_added += 1
                summary.comments_added += len(new)
                summary.document_ids.append(row.id)
                if scorer is not None:
                    todo = [cr for cr in new if not cr.scores]
                    if todo:
                        results = scorer.score([cr.text for cr in todo])
                        for cr, res in zip(todo, results, strict=True):
                            save_scores(s, cr, res, scorer.model, scorer.version)
    finally:
        if not isinstance(url, Store):
            store.dispose()
    return summary


def comment_to_dict(c: CommentRow, scores: ScoreRow | None = None) -> dict[str, Any]:
    """The DESIGN.md comment shape, plus the database id and the model of the scores."""
    return {
        "id": c.key,
        "db_id": c.id,
        "author": c.author,
        "timestamp": c.timestamp,
        "text": c.text,
        "reply_to": c.reply_to,
        "depth": c.depth,
        "scores": dict(scores.scores) if scores else {},
        "evidence": list(scores.evidence) if scores else [],
        "model": {"name": scores.model, "version": scores.model_version} if scores else None,
        **{k: c.signals.get(k) for k in ("narratives", "duplicate_group", "relevance", "spam", "language")},
    }


def document_to_dict(s: Session, row: DocumentRow, *, with_comments: bool = True) -> dict[str, Any]:
    """The DESIGN.md document shape of a stored document."""
    out: dict[str, Any] = {
        "id": row.doc_id,
        "db_id": row.id,
        "site": row.site.name if row.site else None,
        "source": {"path": row.path, "url": row.url, "format": row.format},
        "article": dict(row.article),
        "stages": list(row.stages),
        "created_at": row.created_at.isoformat() if row.created_at else None,
    }
    if with_comments:
        rows = list(s.scalars(select(CommentRow).where(CommentRow.document_id == row.id)
                              .order_by(CommentRow.position)))
        latest: dict[int, ScoreRow] = {}
        if rows:
            for sr in s.scalars(select(ScoreRow).where(ScoreRow.comment_id.in_([c.id for c in rows]))
                                .order_by(ScoreRow.id)):
                latest[sr.comment_id] = sr
        out["comments"] = [comment_to_dict(c, latest.get(c.id)) for c in rows]
    return out
