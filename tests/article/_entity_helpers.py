"""Helpers shared by the entity-repair tests: extract the entities of an invented text once."""

from __future__ import annotations

from functools import cache

from belowtheline.article import nlp
from belowtheline.article.entities import extract_entities
from belowtheline.document import Entity


@cache
def entities(text: str) -> tuple[Entity, ...]:
    """The entities of ``text`` (cached: several tests read the same text)."""
    return tuple(extract_entities(nlp.parse(text))[0])


def canonicals(text: str) -> dict[str, str]:
    """canonical name -> label."""
    return {e.canonical: e.label for e in entities(text)}


def surfaces(text: str) -> set[str]:
    return {e.text for e in entities(text)}
