"""Numeric claims (placeholder: the interface only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..document import Claim, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_claims"]


def extract_claims(doc: Doc, entities: Sequence[Entity] = ()) -> list[Claim]:
    """Figures in ``doc`` tied to what they count and who they concern."""
    return []
