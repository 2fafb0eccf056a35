"""The human review queue: prioritised, claimable, decisions approve / reject / escalate, undo.

Priority mixes severity (the worst weighted score), recency (halves every 24
hours) and reach (replies and copies). A claim is one conditional UPDATE, so two
moderators can never hold the same item: the second gets :class:`ClaimConflict`.
Claims expire after :data:`CLAIM_TTL` so an abandoned item returns to the queue.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from ..errors import BelowTheLineError
from ..store.models import CommentRow, DecisionRow, QueueItem, ScoreRow, User, utcnow
from ..store.repository import audit, latest_scores

__all__ = [
    "CLAIM_TTL",
    "HUMAN_ACTIONS",
    "ClaimConflict",
    "Forbidden",
    "NotFound",
    "QueueError",
    "claim",
    "decide",
    "enqueue",
    "export_labels",
    "list_queue",
    "priority",
    "undo",
]

CLAIM_TTL = timedelta(minutes=30)
HUMAN_ACTIONS = ("approve", "reject", "escalate")
_WEIGHTS = {"severe_toxicity": 1.0, "threat": 1.0, "identity_attack": 0.9, "sexual_explicit": 0.8,
            "toxicity": 0.7, "insult": 0.6, "profanity": 0.3}


class QueueError(BelowTheLineError):
    """A queue operation cannot be done."""

    status = 400


class NotFound(QueueError):
    status = 404


class ClaimConflict(QueueError):
    """Someone else holds the item, or it is already decided."""

    status = 409


class Forbidden(QueueError):
    status = 403


def priority(scores: Mapping[str, float], *, created_at: datetime | None = None, reach: int = 0,
             now: datetime | None = None) -> float:
    """0..1: 0.6 severity + 0.25 recency + 0.15 reach.

    Example:
        >>> priority({"threat": 0.9}) > priority({"profanity": 0.9})
        True
    """
    severity = max((_WEIGHTS.get(k, 0.5) * float(v) for k, v in scores.items()), default=0.0)
    if created_at is None:
        recency = 1.0
    else:
        age_h = max(0.0, ((now or utcnow()) - _aware(created_at)).total_seconds() / 3600)
        recency = 0.5 ** (age_h / 24)
    reach_n = 1 - math.exp(-max(reach, 0) / 5)
    return round(0.6 * severity + 0.25 * recency + 0.15 * reach_n, 6)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def enqueue(s: Session, c: CommentRow, *, reasons: list[str], scores: Mapping[str, float]) -> QueueItem:
    """Put a comment in the queue (or refresh its priority and reasons if it is still open)."""
    from .decisions import count_replies

    reach = count_replies(s, c)
    group = c.signals.get("duplicate_group")
    if group:
        reach += sum(1 for o in s.scalars(select(CommentRow).where(CommentRow.document_id == c.document_id))
                     if o.signals.get("duplicate_group") == group) - 1
    p = priority(scores, created_at=c.created_at, reach=reach)
    item = s.scalar(select(QueueItem).where(QueueItem.comment_id == c.id))
    if item is None:
        item = QueueItem(comment_id=c.id, status="open", priority=p, reasons=list(reasons))
        s.add(item)
    elif item.status == "open":
        item.priority, item.reasons = p, list(reasons)
    s.flush()
    return item


def list_queue(s: Session, *, status: str = "open", limit: int = 50, offset: int = 0) -> list[QueueItem]:
    """Items by descending priority; ``open`` includes items whose claim has expired."""
    q = select(QueueItem)
    if status == "open":
        q = q.where(or_(QueueItem.status == "open",
                        and_(QueueItem.status == "claimed", QueueItem.claimed_at < utcnow() - CLAIM_TTL)))
    else:
        q = q.where(QueueItem.status == status)
    return list(s.scalars(q.order_by(QueueItem.priority.desc(), QueueItem.id).limit(limit).offset(offset)))


def claim(s: Session, item_id: int, user: User) -> QueueItem:
    """Claim an item for ``user``.

    Raises:
        NotFound: no such item.
        ClaimConflict: another moderator holds it, or it is decided.
    """
    now = utcnow()
    res = s.execute(
        update(QueueItem)
        .where(QueueItem.id == item_id,
               or_(QueueItem.status == "open",
                   and_(QueueItem.status == "claimed",
                        or_(QueueItem.claimed_by == user.id, QueueItem.claimed_at < now - CLAIM_TTL))))
        .values(status="claimed", claimed_by=user.id, claimed_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    item = s.get(QueueItem, item_id)
    if item is None:
        raise NotFound(f"queue item {item_id} does not exist; list open items with GET /v1/queue.")
    s.refresh(item)
    if res.rowcount != 1:  # type: ignore[attr-defined]
        raise ClaimConflict(f"queue item {item_id} is {item.status}"
                            + (" by another moderator" if item.status == "claimed" else "")
                            + "; claim another item.")
    audit(s, f"user:{user.username}", "queue.claim", target_type="queue_item", target_id=item_id)
    return item


def decide(s: Session, item_id: int, user: User, action: str, *, note: str | None = None) -> DecisionRow:
    """Record a moderator's decision on a claimed item (with the scores and models it saw).

    Raises:
        QueueError: unknown action; NotFound; Forbidden: the item is not claimed by ``user``.
    """
    if action not in HUMAN_ACTIONS:
        raise QueueError(f"unknown action {action!r}; choose one of {', '.join(HUMAN_ACTIONS)}.")
    item = s.get(QueueItem, item_id)
    if item is None:
        raise NotFound(f"queue item {item_id} does not exist.")
    if item.status != "claimed" or item.claimed_by != user.id:
        raise Forbidden(f"queue item {item_id} is not claimed by you; claim it first (POST /v1/queue/{item_id}/claim).")
    sr: ScoreRow | None = latest_scores(s, item.comment_id)
    d = DecisionRow(comment_id=item.comment_id, action=action, source="human", reasons=list(item.reasons),
                    note=note, scores=dict(sr.scores) if sr else {}, user_id=user.id,
                    models=[{"model": sr.model, "version": sr.model_version}] if sr else [])
    s.add(d)
    item.status = "escalated" if action == "escalate" else "done"
    item.claimed_by, item.claimed_at = (None, None) if action == "escalate" else (item.claimed_by, item.claimed_at)
    s.flush()
    audit(s, f"user:{user.username}", f"decision.{action}", target_type="decision", target_id=d.id,
          details={"comment_id": item.comment_id, "queue_item": item_id, "note": note})
    return d


def undo(s: Session, decision_id: int, user: User) -> DecisionRow:
    """Undo a human decision: a new ``undo`` row points at it and the item returns to the queue.

    Raises:
        NotFound; Forbidden: not your decision (admins may undo anyone's); ClaimConflict: already undone.
    """
    d = s.get(DecisionRow, decision_id)
    if d is None or d.action == "undo":
        raise NotFound(f"decision {decision_id} does not exist or is itself an undo.")
    if d.user_id != user.id and user.role != "admin":
        raise Forbidden(f"decision {decision_id} was made by another moderator; ask an admin to undo it.")
    if s.scalar(select(DecisionRow).where(DecisionRow.undoes_id == d.id)) is not None:
        raise ClaimConflict(f"decision {decision_id} is already undone.")
    u = DecisionRow(comment_id=d.comment_id, action="undo", source="human", reasons=[f"undo of decision {d.id}"],
                    user_id=user.id, undoes_id=d.id, scores={}, models=[])
    s.add(u)
    item = s.scalar(select(QueueItem).where(QueueItem.comment_id == d.comment_id))
    if item is not None and d.source == "human":
        item.status, item.claimed_by, item.claimed_at = "open", None, None
    s.flush()
    audit(s, f"user:{user.username}", "decision.undo", target_type="decision", target_id=d.id,
          details={"undo_id": u.id})
    return u


def export_labels(s: Session) -> Iterator[dict[str, Any]]:
    """Human approve/reject decisions still in force, as labelled data for retraining.

    Each record: ``text``, ``label`` (1 = rejected, 0 = approved), ``action``, ``scores`` and
    ``models`` the moderator saw, ``reasons``, ``note``, ``moderator``, ``decided_at``, ``comment_id``.
    Only the latest decision per comment counts; undone decisions are left out.
    """
    undone = {x for x in s.scalars(select(DecisionRow.undoes_id).where(DecisionRow.undoes_id.is_not(None)))}
    latest: dict[int, DecisionRow] = {}
    for d in s.scalars(select(DecisionRow).where(DecisionRow.source == "human", DecisionRow.action != "undo")
                       .order_by(DecisionRow.id)):
        if d.id not in undone:
            latest[d.comment_id] = d
    users = {u.id: u.username for u in s.scalars(select(User))}
    for cid in sorted(latest):
        d = latest[cid]
        if d.action not in ("approve", "reject"):
            continue
        c = s.get(CommentRow, cid)
        if c is None:
            continue
        yield {
            "comment_id": cid, "text": c.text, "label": 1 if d.action == "reject" else 0, "action": d.action,
            "scores": dict(d.scores), "models": list(d.models), "reasons": list(d.reasons), "note": d.note,
            "moderator": users.get(d.user_id) if d.user_id else None,
            "decided_at": d.created_at.isoformat() if d.created_at else None,
        }
