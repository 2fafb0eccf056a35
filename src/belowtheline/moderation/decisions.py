"""Applying a policy to stored comments: decisions with provenance, dry runs.

Every decision row records the policy version, the scores and the model
(name, version) that produced them, and the reasons. Decisions are never
edited; the current one is the latest that has not been undone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store.models import CommentRow, DecisionRow, ScoreRow, Site
from ..store.repository import audit, latest_scores
from .policy import Outcome, Policy

__all__ = ["Change", "DryRun", "apply_policy", "current_decision", "decide_comment", "dry_run"]

POLICY_ACTIONS = ("publish", "review", "remove")


@dataclass(slots=True)
class Change:
    comment_id: int
    text: str
    before: str | None
    after: str
    reasons: list[str]


@dataclass(slots=True)
class DryRun:
    """What applying a policy would change: counts per action and the changed comments."""

    policy_version: str
    total: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    changes: list[Change] = field(default_factory=list)


def current_decision(s: Session, comment_id: int, *, source: str | None = None) -> DecisionRow | None:
    """The latest decision on a comment that has not been undone (optionally from one source)."""
    undone = select(DecisionRow.undoes_id).where(DecisionRow.undoes_id.is_not(None))
    q = select(DecisionRow).where(DecisionRow.comment_id == comment_id, DecisionRow.action != "undo",
                                  DecisionRow.id.not_in(undone))
    if source:
        q = q.where(DecisionRow.source == source)
    return s.scalar(q.order_by(DecisionRow.id.desc()).limit(1))


def _duplicate_counts(s: Session, comments: Sequence[CommentRow]) -> dict[str, int]:
    groups = {c.signals.get("duplicate_group") for c in comments} - {None}
    if not groups:
        return {}
    counts: Counter[str] = Counter()
    for c in s.scalars(select(CommentRow)):
        g = c.signals.get("duplicate_group")
        if isinstance(g, str) and g in groups:
            counts[g] += 1
    return dict(counts)


def decide_comment(s: Session, c: CommentRow, policy: Policy, *, scores: ScoreRow | None = None,
                   duplicate_count: int = 0) -> tuple[Outcome, ScoreRow | None]:
    """The policy's outcome for a stored comment, from its latest scores and signals."""
    sr = scores if scores is not None else latest_scores(s, c.id)
    site = s.get(Site, c.site_id).name if c.site_id else None  # type: ignore[union-attr]
    outcome = policy.decide(dict(sr.scores) if sr else {}, text=c.text, site=site,
                            narratives=c.signals.get("narratives") or [], duplicate_count=duplicate_count,
                            spam=c.signals.get("spam"))
    return outcome, sr


def _record(s: Session, c: CommentRow, outcome: Outcome, sr: ScoreRow | None, policy: Policy) -> DecisionRow:
    d = DecisionRow(comment_id=c.id, action=outcome.action, source="policy", reasons=outcome.reasons,
                    policy_version=policy.version, scores=dict(sr.scores) if sr else {},
                    models=[{"model": sr.model, "version": sr.model_version}] if sr else [])
    s.add(d)
    s.flush()
    return d


def _comments(s: Session, comment_ids: Sequence[int] | None) -> list[CommentRow]:
    q = select(CommentRow).order_by(CommentRow.id)
    if comment_ids is not None:
        q = q.where(CommentRow.id.in_(list(comment_ids)))
    return list(s.scalars(q))


def dry_run(s: Session, policy: Policy, *, comment_ids: Sequence[int] | None = None) -> DryRun:
    """What :func:`apply_policy` would decide, compared with each comment's current policy decision."""
    comments = _comments(s, comment_ids)
    dup = _duplicate_counts(s, comments)
    out = DryRun(policy_version=policy.version, total=len(comments))
    for c in comments:
        outcome, _sr = decide_comment(s, c, policy, duplicate_count=dup.get(str(c.signals.get("duplicate_group")), 0))
        out.counts[outcome.action] += 1
        before = current_decision(s, c.id, source="policy")
        if before is None or before.action != outcome.action:
            out.changes.append(Change(c.id, c.text, before.action if before else None, outcome.action,
                                      outcome.reasons))
    return out


def apply_policy(s: Session, policy: Policy, *, comment_ids: Sequence[int] | None = None,
                 actor: str = "cli") -> list[DecisionRow]:
    """Decide on comments (all, or ``comment_ids``); record decisions and queue the ``review`` ones.

    A comment whose current policy decision already has this policy version and action is left alone.
    """
    from .queue import enqueue

    comments = _comments(s, comment_ids)
    dup = _duplicate_counts(s, comments)
    made: list[DecisionRow] = []
    for c in comments:
        outcome, sr = decide_comment(s, c, policy, duplicate_count=dup.get(str(c.signals.get("duplicate_group")), 0))
        before = current_decision(s, c.id, source="policy")
        if before is not None and before.action == outcome.action and before.policy_version == policy.version:
            continue
        made.append(_record(s, c, outcome, sr, policy))
        if outcome.action == "review" and current_decision(s, c.id, source="human") is None:
            enqueue(s, c, reasons=outcome.reasons, scores=dict(sr.scores) if sr else {})
    if made:
        audit(s, actor, "policy.apply", details={"policy_version": policy.version, "decisions": len(made)})
    return made


def decision_to_dict(d: DecisionRow) -> dict[str, Any]:
    return {
        "id": d.id, "comment_id": d.comment_id, "action": d.action, "source": d.source, "reasons": list(d.reasons),
        "note": d.note, "policy_version": d.policy_version, "scores": dict(d.scores), "models": list(d.models),
        "user_id": d.user_id, "undoes_id": d.undoes_id,
        "created_at": _iso(d.created_at),
    }


def _iso(dt: datetime | None) -> str | None:
    """ISO 8601 in UTC with its offset, whether the database kept the zone (PostgreSQL) or not (SQLite)."""
    if dt is None:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def count_replies(s: Session, c: CommentRow) -> int:
    if c.document_id is None or c.key is None:
        return 0
    return int(s.scalar(select(func.count()).select_from(CommentRow).where(
        CommentRow.document_id == c.document_id, CommentRow.reply_to == c.key)) or 0)
