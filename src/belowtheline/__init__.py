"""belowtheline: read news captures — the article and the discussion below it.

Example:
    >>> import belowtheline
    >>> doc = belowtheline.analyze("Headline\\n\\nThe story.\\n\\nGreat piece!")
"""

from __future__ import annotations

from .api import analyze, analyze_all, load_pipeline, score
from .document import LABELS, Article, Comment, Document, Paragraph, Source
from .errors import BelowTheLineError, InputError
from .pipeline import Pipeline, Stage

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BelowTheLineError",
    "Comment",
    "Document",
    "InputError",
    "LABELS",
    "Paragraph",
    "Pipeline",
    "Source",
    "Stage",
    "__version__",
    "analyze",
    "analyze_all",
    "load_pipeline",
    "score",
]
