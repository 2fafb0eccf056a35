"""Synthetic, deterministic data to look at the dashboard, test it and benchmark it.

:func:`seed_demo` stores articles with threads (scores, evidence, narratives,
copy-paste groups, replies), policy decisions and a review queue, and creates
the accounts ``admin``, ``alice`` (moderator) and ``victor`` (viewer), all with
the password :data:`DEMO_PASSWORD`. Decisions and queue items are written in
bulk rather than through :func:`~belowtheline.moderation.decisions.apply_policy`
so that 10,000 comments seed in seconds.

Example:
    >>> from belowtheline.store import open_store
    >>> store = open_store("sqlite://")
    >>> seed_demo(store, documents=2, comments_per_document=10).comments
    20
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..document import LABELS, Article, Claim, Comment, Document, Entity, Evidence, Paragraph, Quote, Source
from ..store.session import Store

__all__ = ["DEMO_PASSWORD", "DEMO_POLICY", "SeedSummary", "seed_demo"]

DEMO_PASSWORD = "correct horse battery"
DEMO_POLICY: dict[str, Any] = {
    "version": "demo-1",
    "thresholds": {
        "toxicity": {"review": 0.5, "remove": 0.97},
        "threat": {"review": 0.4, "remove": 0.97},
        "insult": {"review": 0.5},
        "identity_attack": {"review": 0.5},
    },
    "narratives": {"review": 0.6},
    "duplicates": {"review": 3},
}

_CLEAN = [
    "The bus lane plan makes sense if the buses actually run on time.",
    "I read the report and the numbers on page four do not add up.",
    "My neighbour works at the port and says the delays are real.",
    "Good article, thanks for covering the council meeting.",
    "Does anyone know when the consultation closes?",
    "Prices at the market went up again this week.",
    "This has been discussed for years and nothing changes.",
]
_FLAGGED = [
    ("You are an idiot and so is everyone who agrees with you.", {"insult": "idiot", "toxicity": "idiot"}),
    ("Shut up, moron, nobody asked you.", {"insult": "moron", "toxicity": "Shut up"}),
    (
        "People like you should be dealt with, I know where you live.",
        {"threat": "I know where you live", "toxicity": "dealt with"},
    ),
    (
        "Typical of those people, they ruin every city they move to.",
        {"identity_attack": "those people", "toxicity": "ruin"},
    ),
    ("What a load of crap from a clueless hack.", {"profanity": "crap", "insult": "clueless hack"}),
]
_NARRATIVE = [
    ("NATO expansion provoked this war, everyone knows it.", "nato_provocation"),
    ("The West is decadent and collapsing, run by elites.", "west_decline"),
    ("Sanctions backfire and Ukraine is losing anyway.", "russia_unbeatable"),
    ("All that aid money is just stolen by officials.", "aid_corruption"),
]
_COPYPASTE = [
    "Wake up people! Sanctions only hurt Europe. Share before they delete this!",
    "The media lies to you every day. Look it up yourself, do your own research.",
]
_AUTHORS = [
    "Margaret Ellis",
    "Dave_R",
    "citycyclist",
    "Tom Bradley",
    "anon1987",
    "truthseeker",
    "K. Novak",
    "patriot_77",
    "Lena",
    "old_sailor",
    "J. Mensah",
    "quietreader",
]
_PEOPLE = ["Ursula von der Leyen", "Volodymyr Zelensky", "Jens Stoltenberg", "Kaja Kallas", "Mark Rutte"]
_ORGS = ["European Commission", "NATO", "City Council", "Ministry of Transport"]


@dataclass(slots=True)
class SeedSummary:
    documents: int
    comments: int
    queued: int
    users: dict[str, str]


def _evidence(text: str, triggers: dict[str, str]) -> list[Evidence]:
    out = []
    for label, word in triggers.items():
        i = text.find(word)
        if i >= 0:
            out.append(Evidence(label=label, start=i, end=i + len(word), text=word))
    return out


def _document(rng: random.Random, d: int, n: int, start: datetime, sites: list[str]) -> tuple[Document, str]:
    people = rng.sample(_PEOPLE, 3)
    orgs = rng.sample(_ORGS, 2)
    title = f"Council vote {d + 1}: {orgs[0]} and the new transport budget"
    article = Article(
        title=title,
        credits=["By Staff Reporter"],
        captions=[f"{people[0]} speaking in Brussels. Photo: Agency"],
        paragraphs=[
            Paragraph("The budget debate", "subheading"),
            Paragraph(f"{people[0]} said the plan would cost €10 billion over five years."),
            Paragraph(f"\u201cWe will not wait any longer,\u201d {people[1]} told reporters."),
            Paragraph(f"Officials at the {orgs[1]} said 30,000 jobs depend on the decision."),
        ],
        entities=[
            *(Entity(p, "PERSON", p) for p in people),
            Entity(people[0].split()[-1], "PERSON", people[0]),
            *(Entity(o, "ORG", o) for o in orgs),
            Entity("Brussels", "GPE", "Brussels"),
        ],
        quotes=[
            Quote(f"The plan would cost €10 billion over five years (doc {d + 1}).", people[0], "indirect", cue="said"),
            Quote("We will not wait any longer.", people[1], "direct", cue="told"),
            Quote("The numbers need another look.", people[0], "direct", cue="added"),
        ],
        claims=[
            Claim(f"{people[0]} said the plan would cost €10 billion.", "€10 billion", 10e9, "EUR", "budget"),
            Claim(f"30,000 jobs depend on the decision at the {orgs[1]}.", "30,000", 30000.0, "jobs", orgs[1]),
        ],
    )
    comments: list[Comment] = []
    day0 = start + timedelta(days=d % 14)
    for i in range(n):
        roll = rng.random()
        scores = {lab: round(rng.random() * 0.15, 3) for lab in LABELS}
        evidence: list[Evidence] = []
        narratives: list[dict[str, Any]] = []
        group = None
        if roll < 0.22:
            text, triggers = rng.choice(_FLAGGED)
            for lab in triggers:
                scores[lab] = round(0.55 + rng.random() * 0.4, 3)
            evidence = _evidence(text, triggers)
        elif roll < 0.30:
            text, nid = rng.choice(_NARRATIVE)
            narratives = [{"id": nid, "score": round(0.65 + rng.random() * 0.3, 3), "sentence": text}]
        elif roll < 0.36:
            k = rng.randrange(len(_COPYPASTE))
            text, group = _COPYPASTE[k], f"g{k + 1}"
        else:
            text = rng.choice(_CLEAN)
        reply_to = comments[rng.randrange(len(comments))].id if comments and rng.random() < 0.3 else None
        depth = 0
        if reply_to:
            depth = min(next(c.depth for c in comments if c.id == reply_to) + 1, 4)
        ts = day0 + timedelta(minutes=7 * i)
        comments.append(
            Comment(
                id=f"c{i + 1}",
                text=text,
                author=rng.choice(_AUTHORS),
                timestamp=ts.isoformat(),
                reply_to=reply_to,
                depth=depth,
                scores=scores,
                evidence=evidence,
                narratives=narratives,
                duplicate_group=group,
            )
        )
    doc = Document(
        id=f"demo-{d + 1}",
        text=f"{title}\n\n" + "\n".join(c.text for c in comments) + f"\n#{d}",
        source=Source(url=f"https://{sites[d % len(sites)]}/news/{d + 1}"),
        article=article,
        comments=comments,
        stages=["demo.v1"],
    )
    return doc, sites[d % len(sites)]


def seed_demo(
    store: Store,
    *,
    documents: int = 5,
    comments_per_document: int = 40,
    seed: int = 7,
    users: bool = True,
    start: datetime | None = None,
) -> SeedSummary:
    """Store ``documents`` synthetic threads, policy decisions, a review queue and demo accounts.

    Args:
        store: an open store.
        documents: how many articles.
        comments_per_document: comments in each thread.
        seed: the random seed (same seed, same data).
        users: create ``admin``, ``alice`` (moderator) and ``victor`` (viewer) if missing.
        start: the first comment day (default: 14 days ago).

    Returns:
        counts of what was stored and the account names by role.
    """
    from sqlalchemy import select

    from ..moderation.accounts import create_user
    from ..moderation.policy import Policy
    from ..moderation.queue import priority
    from ..store.models import DecisionRow, QueueItem, ScoreRow, User
    from ..store.repository import ingest_document

    rng = random.Random(seed)
    policy = Policy.model_validate(DEMO_POLICY)
    start = start or (datetime.now(UTC) - timedelta(days=14)).replace(hour=8, minute=0, second=0, microsecond=0)
    sites = ["example.org", "news.example"]
    total = queued = 0
    group_sizes: dict[str, int] = {}
    docs = [_document(rng, d, comments_per_document, start, sites) for d in range(documents)]
    for doc, _site in docs:
        for c in doc.comments:
            if c.duplicate_group:
                group_sizes[c.duplicate_group] = group_sizes.get(c.duplicate_group, 0) + 1
    for doc, site in docs:
        with store.session() as s:
            _row, new, _status = ingest_document(s, doc, site=site, model_name="demo.scores.v1@1")
            total += len(new)
            ids = [c.id for c in new]
            scores = {r.comment_id: r for r in s.scalars(select(ScoreRow).where(ScoreRow.comment_id.in_(ids)))}
            for cr in new:
                sr = scores.get(cr.id)
                g = cr.signals.get("duplicate_group")
                out = policy.decide(
                    dict(sr.scores) if sr else {},
                    text=cr.text,
                    site=site,
                    narratives=cr.signals.get("narratives") or [],
                    duplicate_count=group_sizes.get(g, 0) if g else 0,
                )
                s.add(
                    DecisionRow(
                        comment_id=cr.id,
                        action=out.action,
                        source="policy",
                        reasons=out.reasons,
                        policy_version=policy.version,
                        scores=dict(sr.scores) if sr else {},
                        models=[{"model": sr.model, "version": sr.model_version}] if sr else [],
                    )
                )
                if out.action == "review":
                    queued += 1
                    s.add(
                        QueueItem(
                            comment_id=cr.id,
                            status="open",
                            reasons=out.reasons,
                            priority=priority(
                                dict(sr.scores) if sr else {},
                                created_at=cr.created_at,
                                reach=group_sizes.get(g, 0) if g else 0,
                            ),
                        )
                    )
    names = {"admin": "admin", "moderator": "alice", "viewer": "victor"}
    if users:
        with store.session() as s:
            for role, name in names.items():
                if s.scalar(select(User).where(User.username == name)) is None:
                    create_user(s, name, DEMO_PASSWORD, role, actor="demo")
    return SeedSummary(documents=len(docs), comments=total, queued=queued, users=names)
