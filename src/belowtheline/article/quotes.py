"""Quotes with speakers (placeholder: the interface only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..document import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_quotes"]


def extract_quotes(doc: Doc, canonical: Callable[[str], str] = str) -> list[Quote]:
    """Quotes in ``doc``; speakers are passed through ``canonical``."""
    return []
