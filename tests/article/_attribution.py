"""Helpers shared by the speaker-attribution tests: analyse an invented text once, find a quote."""

from __future__ import annotations

from functools import cache

from belowtheline.article.evaluate import analyze_text
from belowtheline.document import Document, Quote


@cache
def analyse(text: str) -> Document:
    """The analysed document of ``text`` (cached: several tests read the same text)."""
    return analyze_text(text)[0]


def quote(text: str, fragment: str) -> Quote:
    """The first quote of ``text`` whose content contains ``fragment``; fails the test if none does."""
    quotes = analyse(text).article.quotes
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r} in {[q.text for q in quotes]}"
    return hits[0]
