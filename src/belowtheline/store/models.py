"""Table models (SQLAlchemy 2, typed declarative).

These are storage rows, kept apart from the API's request/response schemas
(``belowtheline.service.schemas``) and from the pipeline's
:class:`~belowtheline.document.Document`.

Tables:

- ``sites``: where documents come from (a news site, a community).
- ``documents``: one row per thread (article + discussion); ``content_hash`` of
  every capture ingested into it is kept in ``captures`` so re-ingesting is a no-op.
- ``comments``: one row per reader comment, unique per document by ``fingerprint``
  (author, time, text and occurrence), so a re-capture of a thread appends only new ones.
- ``scores``: one row per (comment, model, model version): history survives re-scoring.
- ``decisions``: append-only publish / review / remove decisions with provenance.
- ``queue_items``: the human review queue (one per comment).
- ``users`` and ``api_keys``: accounts with roles, machine keys with scopes (hashes only).
- ``audit_log``: append-only (triggers refuse UPDATE and DELETE).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "ApiKey",
    "AuditEntry",
    "Base",
    "Capture",
    "CommentRow",
    "DecisionRow",
    "DocumentRow",
    "QueueItem",
    "ScoreRow",
    "Site",
    "User",
    "utcnow",
]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


_TS = DateTime(timezone=True)


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(_TS, default=utcnow)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("site_id", "thread_key", name="uq_documents_site_thread"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="RESTRICT"), index=True)
    #: What identifies the thread across captures: the URL when known, else the document id.
    thread_key: Mapped[str] = mapped_column(String(2000))
    doc_id: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20), default="text")
    title: Mapped[str | None] = mapped_column(Text)
    #: The article part of the document JSON (title, credits, paragraphs, ...).
    article: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    stages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(_TS, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(_TS, default=utcnow, onupdate=utcnow)

    comments: Mapped[list[CommentRow]] = relationship(back_populates="document", order_by="CommentRow.position")
    site: Mapped[Site | None] = relationship()


class Capture(Base):
    """One ingested capture of a document: its text's SHA-256 makes re-ingesting idempotent."""

    __tablename__ = "captures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(_TS, default=utcnow)


class CommentRow(Base):
    __tablename__ = "comments"
    __table_args__ = (UniqueConstraint("document_id", "fingerprint", name="uq_comments_document_fingerprint"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="RESTRICT"), index=True)
    #: The comment id within its document ("c1", or the platform's id).
    key: Mapped[str | None] = mapped_column(String(500))
    fingerprint: Mapped[str] = mapped_column(String(80))
    author: Mapped[str | None] = mapped_column(Text)
    timestamp: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    reply_to: Mapped[str | None] = mapped_column(String(500))
    depth: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Signals beyond the label scores (narratives, duplicate group, relevance, spam, language).
    signals: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(_TS, default=utcnow)

    document: Mapped[DocumentRow | None] = relationship(back_populates="comments")
    scores: Mapped[list[ScoreRow]] = relationship(back_populates="comment", order_by="ScoreRow.id")


class ScoreRow(Base):
    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("comment_id", "model", "model_version", name="uq_scores_comment_model"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    model: Mapped[str] = mapped_column(String(200))
    model_version: Mapped[str] = mapped_column(String(100))
    scores: Mapped[dict[str, Any]] = mapped_column(JSON)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(_TS, default=utcnow)

    comment: Mapped[CommentRow] = relationship(back_populates="scores")


class DecisionRow(Base):
    """A decision on a comment, never edited: an undo is a new row pointing at the one it undoes."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    #: publish / review / remove (policy), approve / reject / escalate (human), undo.
    action: Mapped[str] = mapped_column(String(20))
    #: "policy" or "human".
    source: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    policy_version: Mapped[str | None] = mapped_column(String(100))
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: [{"model": ..., "version": ...}] of the scores used.
    models: Mapped[list[Any]] = mapped_column(JSON, default=list)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(_TS, default=utcnow)


class QueueItem(Base):
    __tablename__ = "queue_items"
    __table_args__ = (Index("ix_queue_status_priority", "status", "priority"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), unique=True)
    #: open / claimed / done / escalated.
    status: Mapped[str] = mapped_column(String(20), default="open")
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    claimed_at: Mapped[datetime | None] = mapped_column(_TS)
    created_at: Mapped[datetime] = mapped_column(_TS, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(_TS, default=utcnow, onupdate=utcnow)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(200), unique=True)
    #: argon2id hash (the PHC string, parameters included).
    password_hash: Mapped[str] = mapped_column(String(300))
    #: viewer / moderator / admin.
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(_TS, default=utcnow)


class ApiKey(Base):
    """A machine key or a moderator's session token. Only a SHA-256 of the secret is kept."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: The first characters of the key, shown in listings and used to find the row.
    prefix: Mapped[str] = mapped_column(String(20), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Space-separated scopes: read, score, moderate, admin.
    scopes: Mapped[str] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(_TS, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(_TS)
    revoked_at: Mapped[datetime | None] = mapped_column(_TS)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(_TS, default=utcnow)
    #: "user:NAME", "key:PREFIX", "cli", "policy:VERSION".
    actor: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(100))
    target_type: Mapped[str | None] = mapped_column(String(50))
    target_id: Mapped[str | None] = mapped_column(String(100))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
