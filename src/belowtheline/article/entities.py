"""Entities with canonical names (placeholder: the interface only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..document import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_entities"]


def extract_entities(doc: Doc) -> tuple[list[Entity], Callable[[str], str]]:
    """Entities of ``doc`` and a function mapping a surface name to its canonical name."""
    return [], lambda surface: surface
