"""Per-comment discussion signals for comment-only callers (``btl score``).

Example:
    >>> comment_signals(["NATO expansion provoked this war, Russia had no choice."])[0]["narratives"][0]["id"]
    'nato_provocation'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .language import identify
from .narratives import NarrativeMatcher
from .spam import spam_score

__all__ = ["comment_signals"]


@lru_cache(maxsize=1)
def _matcher() -> NarrativeMatcher:
    return NarrativeMatcher()


def comment_signals(texts: Sequence[str]) -> list[dict[str, Any]]:
    """Narratives, spam score and language of each text.

    Args:
        texts: comment texts.

    Returns:
        Per text ``{"narratives": [{"id", "score", "evidence", "start", "end"}], "spam": float,
        "language": str}`` (ISO 639-1 or ``"und"``), in order.
    """
    m = _matcher()
    return [{"narratives": m.match(t), "spam": spam_score(t), "language": identify(t)} for t in texts]
