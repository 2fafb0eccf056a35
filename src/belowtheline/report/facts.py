"""What the article pages show about an article: who is named, who said what, which figures.

The HTML report and the dashboard both turn ``article.entities``,
``article.quotes`` and ``article.claims`` into rows with these functions, so
the two agree. They accept the :mod:`belowtheline.document` dataclasses or the
stored JSON dicts (``DocumentRow.article``), skip malformed items instead of
failing a page, and return plain text: escaping is the templates' job (the
article text is as untrusted as the comments).

Example:
    >>> rows = entity_rows([{"text": "Trump", "label": "PERSON", "canonical": "Donald Trump"},
    ...                     {"text": "NATO", "label": "ORG", "canonical": "NATO"},
    ...                     {"text": "Donald Trump", "label": "PERSON", "canonical": "Donald Trump"}])
    >>> [(r.name, r.kind, r.mentions, r.aliases) for r in rows]
    [('Donald Trump', 'person', 2, ('Trump',)), ('NATO', 'organisation', 1, ())]
    >>> format_value(10e9), format_value(30000.0), format_value(2.5), format_value(None)
    ('10 billion', '30,000', '2.5', '')
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ClaimRow",
    "CorpusRow",
    "EntityRow",
    "QuoteRow",
    "claim_rows",
    "corpus_rows",
    "entity_rows",
    "format_value",
    "kind_summary",
    "quote_rows",
    "quoted_people",
    "split_named",
]

#: Entity label -> what the pages call it; labels not listed show as "other".
KIND_OF_LABEL = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "organisation",
    "ORGANIZATION": "organisation",
    "ORGANISATION": "organisation",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
}
#: The order of the "People and organisations" list: people first.
KIND_ORDER = ("person", "organisation", "group", "place", "other")
#: Speakers of these kinds are not counted as people in "most-quoted people".
NOT_PEOPLE = frozenset({"organisation", "group", "place"})
_PLURAL = {"person": "people"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One named thing: its canonical name, label, mention count and other spellings seen."""

    name: str
    label: str
    kind: str
    mentions: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote: ``speaker`` is None when the quote is unattributed."""

    speaker: str | None
    text: str
    kind: str
    cue: str | None


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One figure: as written, its normalised value (and how it reads), unit, actor and sentence."""

    quantity: str
    value: float | None
    value_text: str
    unit: str | None
    actor: str | None
    text: str


@dataclass(frozen=True, slots=True)
class CorpusRow:
    """A person or organisation across documents: in how many, and how often quoted."""

    name: str
    kind: str
    documents: int
    quotes: int


def _get(item: Any, key: str) -> Any:
    if type(item) is dict or isinstance(item, Mapping):
        return item.get(key)
    return getattr(item, key, None)


def _text(value: Any) -> str | None:
    """A non-empty string with runs of whitespace collapsed, or None."""
    if value is None or isinstance(value, (dict, list, tuple, set)):
        return None
    text = " ".join((value if type(value) is str else str(value)).split())
    return text or None


def _items(items: Iterable[Any] | None) -> Iterable[Any]:
    for item in items or ():
        if type(item) is dict or isinstance(item, Mapping) or hasattr(item, "__dataclass_fields__"):
            yield item


def _majority(counts: Counter[str]) -> str:
    """The most frequent label; a tie goes to the kind listed first in :data:`KIND_ORDER`."""
    return max(counts.items(), key=lambda kv: (kv[1], -KIND_ORDER.index(KIND_OF_LABEL.get(kv[0], "other"))))[0]


def entity_rows(entities: Iterable[Any] | None) -> list[EntityRow]:
    """Group entity mentions by canonical name; people first, then by mentions.

    Args:
        entities: ``article.entities`` (one item per mention, dicts or :class:`~belowtheline.document.Entity`).

    Returns:
        one row per canonical name with its most frequent label, ordered person, organisation,
        group (NORP), place (GPE, LOC), other; within a kind by mentions, then name.
    """
    labels: dict[str, Counter[str]] = {}
    aliases: dict[str, dict[str, None]] = {}
    for e in _items(entities):
        surface = _text(_get(e, "text"))
        name = _text(_get(e, "canonical")) or surface
        if name is None:
            continue
        label = (_text(_get(e, "label")) or "").upper()
        labels.setdefault(name, Counter())[label] += 1
        seen = aliases.setdefault(name, {})
        if surface and surface != name:
            seen.setdefault(surface)
    rows = []
    for name, counts in labels.items():
        label = _majority(counts)
        kind = KIND_OF_LABEL.get(label, "other")
        rows.append(EntityRow(name, label, kind, sum(counts.values()), tuple(list(aliases[name])[:5])))
    rows.sort(key=lambda r: (KIND_ORDER.index(r.kind), -r.mentions, r.name.casefold()))
    return rows


def corpus_rows(articles: Iterable[Any], limit: int = 20) -> list[CorpusRow]:
    """The people and organisations named in most of ``articles``, with the quotes given to them.

    Entities are counted by canonical name, so this is only as good as the names
    agree across documents (``btl analyze`` makes them agree; see
    :mod:`belowtheline.article.corpus`).

    Args:
        articles: article dicts or :class:`~belowtheline.document.Article` objects.
        limit: how many rows at most, by documents then quotes then name.
    """
    documents: Counter[str] = Counter()
    quotes: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = {}
    for art in articles:
        if art is None:
            continue
        named: set[str] = set()
        for e in _items(_get(art, "entities")):
            name = _text(_get(e, "canonical")) or _text(_get(e, "text"))
            if name is None:
                continue
            labels.setdefault(name, Counter())[(_text(_get(e, "label")) or "").upper()] += 1
            named.add(name)
        documents.update(named)
        quotes.update(sp for q in _items(_get(art, "quotes")) if (sp := _text(_get(q, "speaker"))))
    rows = []
    for name, n in documents.items():
        kind = KIND_OF_LABEL.get(_majority(labels[name]), "other")
        if kind in ("person", "organisation"):
            rows.append(CorpusRow(name, kind, n, quotes[name]))
    rows.sort(key=lambda r: (-r.documents, -r.quotes, r.name.casefold()))
    return rows[:limit]


def split_named(rows: Iterable[EntityRow]) -> tuple[list[EntityRow], list[EntityRow]]:
    """``(people and organisations, everything else)``: the list the pages show, and the rest."""
    rows = list(rows)
    return (
        [r for r in rows if r.kind in ("person", "organisation")],
        [r for r in rows if r.kind not in ("person", "organisation")],
    )


def kind_summary(rows: Iterable[EntityRow]) -> str:
    """How many of each kind, in list order: ``"1 group, 4 places and 2 others"``.

    Example:
        >>> kind_summary([EntityRow("Kyiv", "GPE", "place", 3), EntityRow("Ukrainians", "NORP", "group", 1)])
        '1 group and 1 place'
    """
    counts = Counter(r.kind for r in rows)
    parts = [f"{counts[k]} {k if counts[k] == 1 else _PLURAL.get(k, k + 's')}" for k in KIND_ORDER if counts[k]]
    return " and ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else "".join(parts)


def quote_rows(quotes: Iterable[Any] | None) -> list[QuoteRow]:
    """The quotes in article order, with speaker None for unattributed ones."""
    out = []
    for q in _items(quotes):
        text = _get(q, "text")
        if not isinstance(text, str) or not text.strip():
            continue
        out.append(
            QuoteRow(
                speaker=_text(_get(q, "speaker")),
                text=text.strip(),
                kind=_text(_get(q, "kind")) or "direct",
                cue=_text(_get(q, "cue")),
            )
        )
    return out


def format_value(value: Any) -> str:
    """A normalised value as people read it: ``30,000``, ``10 billion``, ``2.5``; '' when unknown."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return ""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{value / scale:.4g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


def claim_rows(claims: Iterable[Any] | None) -> list[ClaimRow]:
    """The figures in article order; a claim needs at least its quantity or its sentence."""
    out = []
    for c in _items(claims):
        quantity, text = _text(_get(c, "quantity")), _get(c, "text")
        text = text.strip() if isinstance(text, str) else ""
        if not quantity and not text:
            continue
        raw = _get(c, "value")
        value = float(raw) if isinstance(raw, (int, float)) and not isinstance(raw, bool) else None
        value = value if value is not None and math.isfinite(value) else None
        out.append(
            ClaimRow(
                quantity=quantity or "",
                value=value,
                value_text=format_value(value),
                unit=_text(_get(c, "unit")),
                actor=_text(_get(c, "actor")),
                text=text,
            )
        )
    return out


def quoted_people(articles: Iterable[Any]) -> tuple[Counter[str], Counter[str]]:
    """Quotes per speaker, and articles quoting each speaker, over ``articles``.

    Unattributed quotes are left out, and so are speakers that the article's own
    entities name as an organisation, group or place ("the Kremlin said"): the
    chart is of people. A speaker the entities do not know is counted.

    Args:
        articles: article dicts (``DocumentRow.article``) or :class:`~belowtheline.document.Article` objects.

    Returns:
        ``(quotes, articles)``: two counters keyed by speaker name.
    """
    quotes: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for art in articles:
        if art is None:
            continue
        speakers = [sp for q in _items(_get(art, "quotes")) if (sp := _text(_get(q, "speaker")))]
        if not speakers:
            continue
        wanted = set(speakers)
        labels: dict[str, Counter[str]] = {}
        for e in _items(_get(art, "entities")):
            name = _text(_get(e, "canonical")) or _text(_get(e, "text"))
            if name in wanted:
                labels.setdefault(name, Counter())[(_text(_get(e, "label")) or "").upper()] += 1
        not_people = {n for n, c in labels.items() if KIND_OF_LABEL.get(_majority(c), "other") in NOT_PEOPLE}
        here: Counter[str] = Counter(sp for sp in speakers if sp not in not_people)
        quotes.update(here)
        docs.update(here.keys())
    return quotes, docs
