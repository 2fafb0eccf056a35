"""The article-understanding stage: one parse, three extractors."""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Document, Entity
from . import nlp
from .claims import extract_claims
from .entities import NON_PERSON_WORDS, extract_entities
from .quotes import Attribution, attributions

__all__ = ["ArticleAnalyzer", "speaker_entities"]


class ArticleAnalyzer:
    """Fill ``article.entities``, ``article.quotes`` and ``article.claims``.

    The body (paragraphs joined by blank lines) is parsed once; entity and
    quote offsets refer to :attr:`Article.body <belowtheline.document.Article.body>`.
    The title is not parsed: headlines quote loosely and name without context.
    """

    name = "article.spacy.v1"
    requires: tuple[str, ...] = ("article.paragraphs",)
    assigns: tuple[str, ...] = ("article.entities", "article.quotes", "article.claims")

    def __call__(self, doc: Document) -> Document:
        body = doc.article.body
        if not body.strip():
            return doc
        parsed = nlp.parse(body)
        entities, canonical = extract_entities(parsed)
        found = attributions(parsed, canonical, entities)
        entities = speaker_entities(body, entities, found)
        _merge_short_forms(entities, found)
        doc.article.entities = entities
        doc.article.quotes = [a.quote for a in found]
        doc.article.claims = extract_claims(parsed, entities)
        return doc


def speaker_entities(body: str, entities: Sequence[Entity], found: Sequence[Attribution]) -> list[Entity]:
    """``entities`` plus the named speakers the tagger missed.

    A speaker written by name at the cue ("Pakistan head coach Aaqib Javed
    described ...") is a person (or, with an organisation word, an
    organisation) of the document even when the tagger did not see a name there.
    """
    known = {e.canonical.casefold() for e in entities}
    taken = [(e.start, e.end) for e in entities if e.start is not None and e.end is not None]
    added: list[Entity] = []
    for a in found:
        name = a.quote.speaker
        if not name or a.speaker_start is None or a.speaker_end is None or name.casefold() in known:
            continue
        words = name.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            continue
        at = body.find(name, a.speaker_start, a.speaker_end)
        if at < 0:
            continue
        end = at + len(name)
        if any(s < end and at < e for s, e in taken):
            continue
        label = "ORG" if any(w.casefold() in NON_PERSON_WORDS for w in words) else "PERSON"
        added.append(Entity(text=name, label=label, canonical=name, start=at, end=end))
        taken.append((at, end))
        known.add(name.casefold())
    if not added:
        return list(entities)
    return sorted([*entities, *added], key=lambda e: (e.start or 0, e.end or 0))


def _merge_short_forms(entities: Sequence[Entity], found: Sequence[Attribution]) -> None:
    """Give a short form the full name the quotes found for it, in place.

    The tagger may miss "Laurent Vasseur-Blanc" where the quote finder reads
    the whole name at its cue; the surname alone ("Vasseur-Blanc") found
    elsewhere is then the same person, not a second one.
    """
    fulls = {e.canonical for e in entities if e.label == "PERSON" and len(e.canonical.split()) > 1} | {
        a.quote.speaker for a in found if a.quote.speaker and len(a.quote.speaker.split()) > 1
    }
    by_tail: dict[str, set[str]] = {}
    for full in fulls:
        words = full.split()
        for k in range(1, len(words)):
            by_tail.setdefault(" ".join(words[k:]).casefold(), set()).add(full)
    remap: dict[str, str] = {}
    for e in entities:
        if e.label != "PERSON" or e.canonical in fulls:
            continue
        cands = by_tail.get(e.canonical.casefold(), set())
        # only the short forms a first name cannot be told from: hyphenated or particle surnames
        if len(cands) == 1 and ("-" in e.canonical or e.canonical.split()[0][:1].islower()):
            remap[e.canonical] = next(iter(cands))
    if not remap:
        return
    for e in entities:
        e.canonical = remap.get(e.canonical, e.canonical)
    for a in found:
        if a.quote.speaker in remap:
            a.quote.speaker = remap[a.quote.speaker]
