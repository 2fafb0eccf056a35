"""One canonical name per entity across a corpus, not only within each document.

:func:`~belowtheline.article.entities.extract_entities` names every entity
from the evidence of its own document: "Associated Press" where the story
spells the name out, "AP" where it never does; "UEFA" in one story, "Uefa" in
another house style; "Raman" in a follow-up that never repeats the first name.
Counted across a corpus, those are different people and organisations. A
:class:`CorpusNames` index reads the entities of every document of a run and
then gives the renames that make the names agree:

1. **Written forms of one name** ("Uefa" / "UEFA", "TORONTO" / "Toronto"):
   canonical names equal but for case become one form: not a dateline's
   capitals ("TORONTO"), then the form most documents use. A camel-case
   name ("AfD") is its own: "AFD" may be another organisation.
2. **An acronym alone** ("AP") becomes the one full name that some document of
   the corpus spells it out as ("Associated Press", where "AP" and "Associated
   Press" were one entity). An acronym spelled out as two different names in
   the corpus stays as it is. A name that opens with such an acronym ("U.N.
   Security Council") becomes the full form when the corpus has that name too
   ("United Nations Security Council").

A person named by a surname alone is left alone: measured on the annotated
folders read as one corpus, joining "Sato" to the one "Kazuko Sato" of
another story merged different people more often than it found one.

:func:`rename_entities` applies the renames to a document: entity canonical
names, quote speakers and claim actors. ``btl analyze`` runs the pass over
the documents of one run (``--no-corpus-names`` turns it off).

Example:
    >>> from belowtheline.document import Entity
    >>> names = CorpusNames()
    >>> names.add([Entity("Associated Press", "ORG", "Associated Press"), Entity("AP", "ORG", "Associated Press")])
    >>> names.add([Entity("AP", "ORG", "AP"), Entity("Uefa", "ORG", "Uefa")])
    >>> names.add([Entity("UEFA", "ORG", "UEFA"), Entity("UEFA", "ORG", "UEFA")])
    >>> names.add([Entity("UEFA", "ORG", "UEFA")])
    >>> sorted(names.renames().items())
    [('AP', 'Associated Press'), ('Uefa', 'UEFA')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..document import Document, Entity

__all__ = ["CorpusNames", "rename_article_dict", "rename_entities"]

#: "AP", "IAEA", "U.N.", "G7": capitals (and digits or "&"), or dotted capitals.
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z0-9&]{1,7}")
#: A capital after a small letter inside a word: "AfD", "iPhone".
_CAMEL = re.compile(r"[a-z][A-Z]")


@dataclass(slots=True)
class CorpusNames:
    """Entity names seen across documents, and the renames that make them one per entity."""

    #: canonical name -> number of documents naming an entity so.
    documents: Counter[str] = field(default_factory=Counter)
    #: canonical name -> label -> number of documents.
    labels: dict[str, Counter[str]] = field(default_factory=dict)
    #: acronym -> the full names documents spell it out as (and in how many documents).
    acronyms: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, entities: Iterable[Entity]) -> None:
        """Read the entity mentions of one document."""
        surfaces: dict[str, set[str]] = {}
        labels: dict[str, Counter[str]] = {}
        for e in entities:
            surfaces.setdefault(e.canonical, set()).add(e.text)
            labels.setdefault(e.canonical, Counter())[e.label] += 1
        for canonical, votes in labels.items():
            label = votes.most_common(1)[0][0]
            self.documents[canonical] += 1
            self.labels.setdefault(canonical, Counter())[label] += 1
            if label == "ORG" and " " in canonical:
                for s in surfaces[canonical]:
                    if s != canonical and _ACRONYM.fullmatch(s):
                        self.acronyms.setdefault(s, Counter())[canonical] += 1

    def label(self, canonical: str) -> str | None:
        votes = self.labels.get(canonical)
        return votes.most_common(1)[0][0] if votes else None

    def renames(self) -> dict[str, str]:
        """Canonical name -> the corpus's name for the same entity (names that stay are left out)."""
        out: dict[str, str] = {}
        # 1. One name in several cases.
        by_fold: dict[str, list[str]] = {}
        for canonical in self.documents:
            if not _CAMEL.search(canonical):
                by_fold.setdefault(canonical.casefold(), []).append(canonical)
        for forms in by_fold.values():
            if len(forms) > 1:
                best = max(forms, key=self._form_rank)
                out.update({f: best for f in forms if f != best})
        # 2. An acronym alone, or opening a name, that the corpus spells out one way only.
        for canonical in self.documents:
            first, _, rest = canonical.partition(" ")
            full = None if canonical in out else self._spelled_out(first)
            if full is not None and not rest:
                out[canonical] = full
            elif full is not None and (longer := f"{full} {rest}") in self.documents:
                out[canonical] = longer
        # A rename whose target is itself renamed goes to the end of the chain.
        for name, target in list(out.items()):
            seen = {name}
            while target in out and target not in seen:
                seen.add(target)
                target = out[target]
            out[name] = target
        return {k: v for k, v in out.items() if k != v}

    def _form_rank(self, form: str) -> tuple[bool, int, int, str]:
        """Not a dateline's capitals ("TORONTO"), then most documents, then more capitals."""
        shouting = any(len(w) > 4 and w.isupper() for w in form.split())
        return (not shouting, self.documents[form], sum(ch.isupper() for ch in form), form)

    def _spelled_out(self, acronym: str) -> str | None:
        if not _ACRONYM.fullmatch(acronym):
            return None
        fulls = self.acronyms.get(acronym)
        if not fulls or len(fulls) != 1:
            return None
        return next(iter(fulls))


def rename_entities(doc: Document, renames: Mapping[str, str]) -> bool:
    """Apply ``renames`` to the entities, quote speakers and claim actors of ``doc``; whether anything changed."""
    if not renames:
        return False
    changed = False
    article = doc.article
    for e in article.entities:
        if e.canonical in renames:
            e.canonical = renames[e.canonical]
            changed = True
    for q in article.quotes:
        if q.speaker is not None and q.speaker in renames:
            q.speaker = renames[q.speaker]
            changed = True
    for c in article.claims:
        if c.actor is not None and c.actor in renames:
            c.actor = renames[c.actor]
            changed = True
    return changed


def rename_article_dict(article: dict[str, Any], renames: Mapping[str, str]) -> bool:
    """:func:`rename_entities` on the ``article`` object of a document's JSON; whether anything changed."""
    changed = False
    for items, key in (("entities", "canonical"), ("quotes", "speaker"), ("claims", "actor")):
        for item in article.get(items) or []:
            name = item.get(key)
            if isinstance(name, str) and name in renames:
                item[key] = renames[name]
                changed = True
    return changed
