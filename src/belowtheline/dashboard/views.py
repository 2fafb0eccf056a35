"""What the dashboard pages show, read from the store in a few batched queries.

These functions take a SQLAlchemy session and return plain dicts and
dataclasses for the templates; they render nothing, so the pages can be tested
without a browser and a page costs a bounded number of queries however long
the thread is.
"""

from __future__ import annotations

import math
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from ..document import LABELS
from ..store.models import CommentRow, DecisionRow, DocumentRow, QueueItem, ScoreRow, Site, User, utcnow

__all__ = [
    "FLAG",
    "Page",
    "article_view",
    "comment_view",
    "current_decisions",
    "dry_run_batched",
    "highlight",
    "latest_scores_map",
    "overview_cached",
    "overview_data",
    "queue_page",
]

#: A comment "has" a label (or a narrative) when its score is at least this.
FLAG = 0.5
#: What a decision's action reads as in the interface.
ACTION_LABEL = {
    "approve": "approved",
    "reject": "rejected",
    "escalate": "escalated",
    "publish": "published",
    "review": "sent to review",
    "remove": "removed",
}
DECISION_FILTERS = ("publish", "review", "remove", "approve", "reject", "escalate", "none")


@dataclass(slots=True)
class Page:
    """One page of a list: ``number`` counts from 1."""

    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_of(number: int, size: int, total: int) -> Page:
    n = max(1, number)
    pages = max(1, math.ceil(total / size))
    return Page(min(n, pages), size, total)


# --- evidence ---------------------------------------------------------------------------------------------------


def highlight(text: str, evidence: Iterable[dict[str, Any]]) -> list[tuple[str, tuple[str, ...]]]:
    """Cut ``text`` into chunks, each with the labels of the evidence spans covering it.

    Spans are clipped to the text; a span whose offsets do not match its own ``text``
    is looked up by that text instead (offsets from another normalisation), else dropped.

    Example:
        >>> highlight("you idiot now", [{"label": "insult", "start": 4, "end": 9, "text": "idiot"}])
        [('you ', ()), ('idiot', ('insult',)), (' now', ())]
    """
    spans: list[tuple[int, int, str]] = []
    n = len(text)
    for e in evidence:
        try:
            start, end, label = int(e["start"]), int(e["end"]), str(e["label"])
        except (KeyError, TypeError, ValueError):
            continue
        quoted = e.get("text")
        if isinstance(quoted, str) and quoted and text[start:end] != quoted:
            found = text.find(quoted)
            if found < 0:
                continue
            start, end = found, found + len(quoted)
        start, end = max(0, start), min(n, end)
        if start < end:
            spans.append((start, end, label if label in LABELS else "other"))
    if not spans:
        return [(text, ())] if text else []
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[tuple[str, tuple[str, ...]]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        labels = tuple(sorted({lab for s, e, lab in spans if s <= a and b <= e}))
        if out and out[-1][1] == labels:
            out[-1] = (out[-1][0] + text[a:b], labels)
        else:
            out.append((text[a:b], labels))
    return out


# --- batched look-ups -------------------------------------------------------------------------------------------


def latest_scores_map(s: Session, comment_ids: Sequence[int]) -> dict[int, ScoreRow]:
    """The most recent score row of each comment (one query)."""
    if not comment_ids:
        return {}
    newest = (
        select(func.max(ScoreRow.id)).where(ScoreRow.comment_id.in_(list(comment_ids))).group_by(ScoreRow.comment_id)
    )
    return {r.comment_id: r for r in s.scalars(select(ScoreRow).where(ScoreRow.id.in_(newest)))}


def current_decisions(s: Session, comment_ids: Sequence[int]) -> dict[int, DecisionRow]:
    """The decision in force on each comment: its latest that is not an undo and was not undone."""
    if not comment_ids:
        return {}
    rows = list(
        s.scalars(select(DecisionRow).where(DecisionRow.comment_id.in_(list(comment_ids))).order_by(DecisionRow.id))
    )
    undone = {d.undoes_id for d in rows if d.undoes_id is not None}
    out: dict[int, DecisionRow] = {}
    for d in rows:
        if d.action != "undo" and d.id not in undone:
            out[d.comment_id] = d
    return out


def usernames(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u.username for u in s.scalars(select(User).where(User.id.in_(wanted)))}


def flagged_labels(scores: dict[str, Any]) -> list[str]:
    return [lab for lab in LABELS if _num(scores.get(lab)) >= FLAG]


def _num(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def decision_view(d: DecisionRow | None, names: dict[int, str]) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "id": d.id,
        "action": d.action,
        "label": ACTION_LABEL.get(d.action, d.action),
        "source": d.source,
        "by": names.get(d.user_id) if d.user_id else None,
        "policy_version": d.policy_version,
        "reasons": list(d.reasons or []),
        "at": d.created_at,
    }


def comment_view(
    c: CommentRow, sr: ScoreRow | None, decision: DecisionRow | None = None, names: dict[int, str] | None = None
) -> dict[str, Any]:
    """What a template needs to draw one comment: chunks with labels, scores, narratives, group, decision."""
    scores = {k: _num(v) for k, v in (sr.scores if sr else {}).items() if k in LABELS}
    narratives = []
    for n in c.signals.get("narratives") or []:
        if isinstance(n, dict) and n.get("id") is not None:
            trigger = n.get("sentence") or n.get("text") or n.get("evidence")
            narratives.append(
                {
                    "id": str(n["id"]),
                    "score": _num(n.get("score")),
                    "trigger": trigger if isinstance(trigger, str) else None,
                }
            )
    group = c.signals.get("duplicate_group")
    return {
        "db_id": c.id,
        "key": c.key,
        "author": c.author,
        "timestamp": c.timestamp,
        "text": c.text,
        "reply_to": c.reply_to,
        "depth": max(0, min(int(c.depth or 0), 8)),
        "document_id": c.document_id,
        "chunks": highlight(c.text, sr.evidence if sr else []),
        "scores": [(lab, scores[lab]) for lab in LABELS if lab in scores],
        "flags": flagged_labels(scores),
        "narratives": narratives,
        "group": str(group) if group is not None else None,
        "model": f"{sr.model}@{sr.model_version}" if sr else None,
        "decision": decision_view(decision, names or {}),
    }


# --- queue ------------------------------------------------------------------------------------------------------


def _queue_filter(status: str, user_id: int | None) -> Any:
    from ..moderation.queue import CLAIM_TTL

    if status == "escalated":
        return QueueItem.status == "escalated"
    stale = and_(QueueItem.status == "claimed", QueueItem.claimed_at < utcnow() - CLAIM_TTL)
    mine = and_(QueueItem.status == "claimed", QueueItem.claimed_by == user_id)
    return or_(QueueItem.status == "open", stale, mine)


def queue_page(
    s: Session, *, user_id: int | None, status: str = "open", page: int = 1, size: int = 20
) -> tuple[list[dict[str, Any]], Page]:
    """One page of the review queue, by priority, each item with everything a moderator needs to decide.

    ``open`` also lists items this user has claimed and items whose claim has expired.
    """
    cond = _queue_filter(status, user_id)
    total = s.scalar(select(func.count()).select_from(QueueItem).where(cond)) or 0
    pg = page_of(page, size, total)
    items = list(
        s.scalars(
            select(QueueItem)
            .where(cond)
            .order_by(QueueItem.priority.desc(), QueueItem.id)
            .limit(pg.size)
            .offset(pg.offset)
        )
    )
    comments = {c.id: c for c in s.scalars(select(CommentRow).where(CommentRow.id.in_([i.comment_id for i in items])))}
    # Parents (same document, key == reply_to) and group sizes, batched.
    parent_keys = {(c.document_id, c.reply_to) for c in comments.values() if c.reply_to}
    parents: dict[tuple[int | None, str | None], CommentRow] = {}
    if parent_keys:
        q = select(CommentRow).where(
            or_(*(and_(CommentRow.document_id == d, CommentRow.key == k) for d, k in parent_keys))
        )
        parents = {(p.document_id, p.key): p for p in s.scalars(q)}
    groups = {str(g) for c in comments.values() if (g := c.signals.get("duplicate_group")) is not None}
    group_info = _group_info(s, groups)
    docs = {
        d.id: d
        for d in s.scalars(
            select(DocumentRow).where(DocumentRow.id.in_({c.document_id for c in comments.values() if c.document_id}))
        )
    }
    related = [*comments.values(), *parents.values()]
    scores = latest_scores_map(s, [c.id for c in related])
    decisions = current_decisions(s, [c.id for c in related])
    names = usernames(s, [d.user_id for d in decisions.values()])
    out = []
    for item in items:
        c = comments.get(item.comment_id)
        if c is None:
            continue
        parent = parents.get((c.document_id, c.reply_to)) if c.reply_to else None
        doc = docs.get(c.document_id) if c.document_id else None
        view = comment_view(c, scores.get(c.id), decisions.get(c.id), names)
        gid = view["group"]
        out.append(
            {
                "id": item.id,
                "status": item.status,
                "priority": item.priority,
                "reasons": list(item.reasons or []),
                "comment": view,
                "parent": comment_view(parent, scores.get(parent.id), decisions.get(parent.id), names)
                if parent
                else None,
                "group": group_info.get(gid) if gid else None,
                "history": author_history(s, c),
                "article": {"id": doc.id, "title": doc.title or doc.doc_id} if doc else None,
            }
        )
    return out, pg


def _group_info(s: Session, groups: set[str]) -> dict[str, dict[str, Any]]:
    """Per copy-paste group: size, open queue items, a few members from other threads."""
    if not groups:
        return {}
    gcol = CommentRow.signals["duplicate_group"].as_string()
    members: dict[str, list[CommentRow]] = defaultdict(list)
    for c in s.scalars(select(CommentRow).where(gcol.in_(sorted(groups))).order_by(CommentRow.id)):
        members[str(c.signals.get("duplicate_group"))].append(c)
    open_items: Counter[str] = Counter()
    ids = {c.id: g for g, cs in members.items() for c in cs}
    if ids:
        for qi in s.scalars(
            select(QueueItem).where(QueueItem.comment_id.in_(list(ids)), QueueItem.status.in_(("open", "claimed")))
        ):
            open_items[ids[qi.comment_id]] += 1
    return {
        g: {
            "id": g,
            "size": len(cs),
            "open": open_items[g],
            "documents": len({c.document_id for c in cs}),
            "samples": [{"author": c.author, "text": c.text[:200], "document_id": c.document_id} for c in cs[:3]],
        }
        for g, cs in members.items()
    }


def author_history(s: Session, c: CommentRow, limit: int = 5) -> list[dict[str, Any]]:
    """The author's latest other comments with their flagged labels and decisions."""
    if not c.author:
        return []
    rows = list(
        s.scalars(
            select(CommentRow)
            .where(CommentRow.author == c.author, CommentRow.id != c.id)
            .order_by(CommentRow.id.desc())
            .limit(limit)
        )
    )
    scores = latest_scores_map(s, [r.id for r in rows])
    decisions = current_decisions(s, [r.id for r in rows])
    return [
        {
            "text": r.text[:160],
            "document_id": r.document_id,
            "timestamp": r.timestamp,
            "flags": flagged_labels(dict(scores[r.id].scores) if r.id in scores else {}),
            "decision": ACTION_LABEL.get(decisions[r.id].action) if r.id in decisions else None,
        }
        for r in rows
    ]


def group_items(s: Session, group: str) -> list[QueueItem]:
    """Open (or stale-claimed) queue items whose comment is in copy-paste group ``group``."""
    gcol = CommentRow.signals["duplicate_group"].as_string()
    ids = select(CommentRow.id).where(gcol == group)
    return list(
        s.scalars(
            select(QueueItem)
            .where(QueueItem.comment_id.in_(ids), QueueItem.status.in_(("open", "claimed")))
            .order_by(QueueItem.id)
        )
    )


# --- article ----------------------------------------------------------------------------------------------------


def article_view(
    s: Session,
    doc: DocumentRow,
    *,
    label: str | None = None,
    narrative: str | None = None,
    decision: str | None = None,
    page: int = 1,
    size: int = 50,
) -> dict[str, Any]:
    """The cleaned article, its entities, quotes and claims, and one page of its (filtered) thread."""
    from ..report.facts import claim_rows, entity_rows, kind_summary, quote_rows, split_named

    art = doc.article if isinstance(doc.article, dict) else {}
    named, also_named = split_named(entity_rows(art.get("entities")))
    rows = list(
        s.scalars(
            select(CommentRow).where(CommentRow.document_id == doc.id).order_by(CommentRow.position, CommentRow.id)
        )
    )
    ids = [c.id for c in rows]
    scores = latest_scores_map(s, ids)
    decisions = current_decisions(s, ids)
    group_sizes = Counter(str(g) for c in rows if (g := c.signals.get("duplicate_group")) is not None)
    narrative_ids: set[str] = set()
    kept: list[CommentRow] = []
    for c in rows:
        sc = dict(scores[c.id].scores) if c.id in scores else {}
        nids = {
            str(n.get("id"))
            for n in c.signals.get("narratives") or []
            if isinstance(n, dict) and _num(n.get("score")) >= FLAG
        }
        narrative_ids |= nids
        if label and _num(sc.get(label)) < FLAG:
            continue
        if narrative and narrative not in nids:
            continue
        if decision:
            d = decisions.get(c.id)
            if (decision == "none" and d is not None) or (decision != "none" and (d is None or d.action != decision)):
                continue
        kept.append(c)
    pg = page_of(page, size, len(kept))
    shown = kept[pg.offset : pg.offset + pg.size]
    names_by_id = usernames(s, [decisions[c.id].user_id for c in shown if c.id in decisions])
    by_key = {c.key: c for c in rows}
    thread = []
    for c in shown:
        v = comment_view(c, scores.get(c.id), decisions.get(c.id), names_by_id)
        v["group_size"] = group_sizes.get(v["group"], 0) if v["group"] else 0
        parent = by_key.get(c.reply_to) if c.reply_to else None
        v["parent_author"] = (parent.author or parent.key) if parent else None
        thread.append(v)
    return {
        "id": doc.id,
        "doc_id": doc.doc_id,
        "title": art.get("title") or doc.title,
        "url": doc.url,
        "site": doc.site.name if doc.site else None,
        "credits": list(art.get("credits") or []),
        "captions": list(dict.fromkeys(art.get("captions") or [])),
        "paragraphs": [p for p in art.get("paragraphs") or [] if isinstance(p, dict)],
        "entities": named,
        "also_named": also_named,
        "also_named_summary": kind_summary(also_named),
        "quotes": quote_rows(art.get("quotes")),
        "claims": claim_rows(art.get("claims")),
        "thread": thread,
        "page": pg,
        "total_comments": len(rows),
        "narrative_ids": sorted(narrative_ids),
        "filters": {"label": label, "narrative": narrative, "decision": decision},
    }


def articles_page(
    s: Session, *, site: str | None = None, page: int = 1, size: int = 30
) -> tuple[list[dict[str, Any]], Page]:
    q = select(DocumentRow)
    if site:
        q = q.join(Site, Site.id == DocumentRow.site_id).where(Site.name == site)
    total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
    pg = page_of(page, size, total)
    docs = list(s.scalars(q.order_by(DocumentRow.id.desc()).limit(pg.size).offset(pg.offset)))
    counts = dict(
        s.execute(
            select(CommentRow.document_id, func.count())
            .where(CommentRow.document_id.in_([d.id for d in docs]))
            .group_by(CommentRow.document_id)
        ).all()
    )
    return [
        {
            "id": d.id,
            "title": d.title or d.doc_id,
            "site": d.site.name if d.site else None,
            "comments": counts.get(d.id, 0),
            "created_at": d.created_at,
        }
        for d in docs
    ], pg


# --- overview ---------------------------------------------------------------------------------------------------


def comment_day(timestamp: str | None, created_at: datetime | None) -> date | None:
    """The comment's own date when its timestamp is ISO 8601, else the day it was stored."""
    if timestamp:
        try:
            dt = datetime.fromisoformat(timestamp.strip().replace("Z", "+00:00"))
            return (dt.astimezone(UTC) if dt.tzinfo else dt).date()
        except ValueError:
            pass
    return created_at.date() if created_at else None


@dataclass(slots=True)
class Overview:
    """The numbers behind the overview charts (each one exportable as CSV)."""

    total: int = 0
    days: list[date] = field(default_factory=list)
    #: label -> share of the day's comments flagged with it, per day in ``days``.
    label_time: dict[str, list[float]] = field(default_factory=dict)
    day_counts: list[int] = field(default_factory=list)
    #: (document id, title, comments, {label: share}).
    label_article: list[tuple[int, str, int, dict[str, float]]] = field(default_factory=list)
    narrative_time: dict[str, list[float]] = field(default_factory=dict)
    groups: list[tuple[str, int, str]] = field(default_factory=list)
    #: (speaker, quotes, articles quoting them), most quoted first.
    quoted: list[tuple[str, int, int]] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)


def overview_data(
    s: Session, *, site: str | None = None, start: date | None = None, end: date | None = None, top: int = 12
) -> Overview:
    """Aggregate the comments in the date range and site for the overview charts."""
    site_id = s.scalar(select(Site.id).where(Site.name == site)) if site else None
    q = select(
        CommentRow.id,
        CommentRow.document_id,
        CommentRow.timestamp,
        CommentRow.created_at,
        CommentRow.signals,
        CommentRow.text,
    )
    if site:
        q = q.where(CommentRow.site_id == (site_id if site_id is not None else -1))
    newest = select(func.max(ScoreRow.id)).group_by(ScoreRow.comment_id)
    # Core rows, not ORM ones: these two queries read every comment, and the ORM's
    # per-row bookkeeping would cost more than the aggregation itself.
    conn = s.connection()
    # Which labels each comment is flagged with, decided in SQL: no JSON parsed in Python.
    flag_cols = [case((ScoreRow.scores[lab].as_float() >= FLAG, 1), else_=0) for lab in LABELS]
    flags_by_comment: dict[int, list[str]] = {
        row[0]: [lab for lab, hit in zip(LABELS, row[1:], strict=True) if hit]
        for row in conn.execute(select(ScoreRow.comment_id, *flag_cols).where(ScoreRow.id.in_(newest)))
    }
    per_day: dict[date, Counter[str]] = defaultdict(Counter)
    per_day_n: Counter[date] = Counter()
    narr_day: dict[date, Counter[str]] = defaultdict(Counter)
    per_doc: dict[int, Counter[str]] = defaultdict(Counter)
    per_doc_n: Counter[int] = Counter()
    groups: Counter[str] = Counter()
    group_text: dict[str, str] = {}
    docs_seen: set[int] = set()
    out = Overview(sites=list(s.scalars(select(Site.name).order_by(Site.name))))
    for cid, doc_id, ts, created, signals, text in conn.execute(q):
        day = comment_day(ts, created)
        if day is None or (start and day < start) or (end and day > end):
            continue
        out.total += 1
        flags = flags_by_comment.get(cid, ())
        per_day_n[day] += 1
        per_day[day].update(flags)
        if doc_id is not None:
            per_doc_n[doc_id] += 1
            per_doc[doc_id].update(flags)
            docs_seen.add(doc_id)
        sig = signals or {}
        for n in sig.get("narratives") or []:
            if isinstance(n, dict) and _num(n.get("score")) >= FLAG:
                narr_day[day][str(n.get("id"))] += 1
        g = sig.get("duplicate_group")
        if g is not None:
            groups[str(g)] += 1
            group_text.setdefault(str(g), text[:120])
    out.days = sorted(per_day_n)
    out.day_counts = [per_day_n[d] for d in out.days]
    out.label_time = {lab: [per_day[d][lab] / per_day_n[d] for d in out.days] for lab in LABELS}
    all_narr = sorted({n for c in narr_day.values() for n in c})
    out.narrative_time = {n: [narr_day[d][n] / per_day_n[d] for d in out.days] for n in all_narr}
    top_docs = [d for d, _ in per_doc_n.most_common(top)]
    titles = dict(
        s.execute(
            select(DocumentRow.id, func.coalesce(DocumentRow.title, DocumentRow.doc_id)).where(
                DocumentRow.id.in_(top_docs)
            )
        ).all()
    )
    out.label_article = [
        (d, str(titles.get(d, d)), per_doc_n[d], {lab: per_doc[d][lab] / per_doc_n[d] for lab in LABELS})
        for d in top_docs
    ]
    out.groups = [(g, n, group_text[g]) for g, n in groups.most_common(top) if n > 1]
    out.quoted = _quoted(s, docs_seen, site_id=site_id, site_given=bool(site), start=start, end=end, top=top)
    return out


#: Overviews already computed, per database engine, by (filters, data version).
_OVERVIEW_CACHE: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Overview]] = weakref.WeakKeyDictionary()
_OVERVIEW_CACHE_SIZE = 32


def data_version(s: Session) -> tuple[Any, ...]:
    """A cheap fingerprint of what the overview reads: it changes when comments, scores,
    documents or sites are added, removed or (for documents) updated.

    Comments are append-only in the store (a new capture adds rows, never edits them) and
    scores are new rows, so counts and largest ids are enough for them.
    """
    row = s.execute(
        select(
            select(func.count(CommentRow.id)).scalar_subquery(),
            select(func.max(CommentRow.id)).scalar_subquery(),
            select(func.max(ScoreRow.id)).scalar_subquery(),
            select(func.count(DocumentRow.id)).scalar_subquery(),
            select(func.max(DocumentRow.updated_at)).scalar_subquery(),
            select(func.count(Site.id)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def overview_cached(
    s: Session, *, site: str | None = None, start: date | None = None, end: date | None = None
) -> Overview:
    """:func:`overview_data`, reused while :func:`data_version` is unchanged.

    The overview aggregates every comment in the filters; repeated views of the same
    filters (moderators reloading, CSV export after viewing a chart) cost a few index
    look-ups instead of a scan.
    """
    cache = _OVERVIEW_CACHE.setdefault(s.get_bind(), {})
    key = (site, start, end, data_version(s))
    hit = cache.get(key)
    if hit is not None:
        return hit
    ov = overview_data(s, site=site, start=start, end=end)
    if len(cache) >= _OVERVIEW_CACHE_SIZE:
        cache.pop(next(iter(cache)))
    cache[key] = ov
    return ov


def _quoted(
    s: Session,
    docs_seen: set[int],
    *,
    site_id: int | None,
    site_given: bool,
    start: date | None,
    end: date | None,
    top: int,
) -> list[tuple[str, int, int]]:
    """Most-quoted people over the filtered articles: (speaker, quotes, articles quoting them).

    An article is in the filters when one of its comments is (``docs_seen``), or, having no
    comment at all, when it was stored in the date range on the chosen site.
    """
    from ..report.facts import quoted_people

    ids = set(docs_seen)
    bare = select(DocumentRow.id, DocumentRow.created_at).where(
        ~select(CommentRow.id).where(CommentRow.document_id == DocumentRow.id).exists()
    )
    if site_given:
        bare = bare.where(DocumentRow.site_id == (site_id if site_id is not None else -1))
    for doc_id, created in s.execute(bare):
        day = created.date() if created else None
        if day is not None and not ((start and day < start) or (end and day > end)):
            ids.add(doc_id)
    if not ids:
        return []
    quotes, docs = quoted_people(s.scalars(select(DocumentRow.article).where(DocumentRow.id.in_(ids))))
    return [(name, n, docs[name]) for name, n in sorted(quotes.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def overview_csv_rows(ov: Overview, chart: str) -> list[list[Any]]:
    """The rows of one chart as a table (header first)."""
    if chart == "label_time":
        return [
            ["date", "comments", *LABELS],
            *[
                [d.isoformat(), ov.day_counts[i], *(round(ov.label_time[lab][i], 4) for lab in LABELS)]
                for i, d in enumerate(ov.days)
            ],
        ]
    if chart == "label_article":
        return [
            ["document_id", "title", "comments", *LABELS],
            *[[d, t, n, *(round(sh[lab], 4) for lab in LABELS)] for d, t, n, sh in ov.label_article],
        ]
    if chart == "narrative_time":
        names = sorted(ov.narrative_time)
        return [
            ["date", "comments", *names],
            *[
                [d.isoformat(), ov.day_counts[i], *(round(ov.narrative_time[n][i], 4) for n in names)]
                for i, d in enumerate(ov.days)
            ],
        ]
    if chart == "groups":
        return [["group", "comments", "text"], *[[g, n, t] for g, n, t in ov.groups]]
    if chart == "quoted":
        return [["speaker", "quotes", "articles"], *[[p, n, k] for p, n, k in ov.quoted]]
    raise KeyError(chart)


CHARTS = ("label_time", "label_article", "narrative_time", "groups", "quoted")


# --- policy dry run ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class DryRunResult:
    policy_version: str
    total: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    #: (from, to) -> how many comments would move.
    moves: Counter[tuple[str, str]] = field(default_factory=Counter)
    changed: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)


def dry_run_batched(s: Session, policy: Any, *, examples: int = 20) -> DryRunResult:
    """What ``policy`` would decide on every stored comment, against each one's policy decision in force.

    The same rules as :func:`belowtheline.moderation.decisions.dry_run` (``Policy.decide``
    on the latest scores and signals), read in a few queries so it answers in a page load.
    """
    rows = list(
        s.execute(
            select(CommentRow.id, CommentRow.text, CommentRow.signals, CommentRow.site_id).order_by(CommentRow.id)
        )
    )
    newest = select(func.max(ScoreRow.id)).group_by(ScoreRow.comment_id)
    scores: dict[int, Any] = dict(
        s.execute(select(ScoreRow.comment_id, ScoreRow.scores).where(ScoreRow.id.in_(newest))).all()
    )
    undone = set(s.scalars(select(DecisionRow.undoes_id).where(DecisionRow.undoes_id.is_not(None))))
    before: dict[int, str] = {}
    for cid, did, action in s.execute(
        select(DecisionRow.comment_id, DecisionRow.id, DecisionRow.action)
        .where(DecisionRow.source == "policy")
        .order_by(DecisionRow.id)
    ):
        if did not in undone:
            before[cid] = action
    sites = dict(s.execute(select(Site.id, Site.name)).all())
    group_sizes = Counter(str(g) for _, _, sig, _ in rows if (g := (sig or {}).get("duplicate_group")) is not None)
    out = DryRunResult(policy_version=policy.version, total=len(rows))
    for cid, text, signals, site_id in rows:
        sig = signals or {}
        g = sig.get("duplicate_group")
        outcome = policy.decide(
            {k: _num(v) for k, v in (scores.get(cid) or {}).items()},
            text=text,
            site=sites.get(site_id) if site_id else None,
            narratives=sig.get("narratives") or [],
            duplicate_count=group_sizes.get(str(g), 0) if g is not None else 0,
            spam=sig.get("spam"),
        )
        out.counts[outcome.action] += 1
        was = before.get(cid)
        if was != outcome.action:
            out.changed += 1
            out.moves[(was or "none", outcome.action)] += 1
            if len(out.examples) < examples:
                out.examples.append(
                    {
                        "comment_id": cid,
                        "text": text[:300],
                        "before": was,
                        "after": outcome.action,
                        "reasons": outcome.reasons,
                    }
                )
    return out
