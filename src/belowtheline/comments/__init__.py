"""Comment understanding: toxicity scores with evidence spans, robust to obfuscation.

Example:
    >>> from belowtheline.comments import score
    >>> result = score(["What a load of sh!t from a total id1ot."])[0]
    >>> result.scores["profanity"] > 0.5
    True
"""

from __future__ import annotations

from .normalize import Normalized, normalize
from .scorer import Scorer, Scores, load_scorer, score

__all__ = ["Normalized", "Scorer", "Scores", "load_scorer", "normalize", "score"]
