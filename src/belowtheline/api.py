"""The Python entry points: :func:`analyze` and :func:`load_pipeline`."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .document import Document
from .ingest import IngestOptions, load
from .pipeline import DEFAULT_STAGES, Pipeline

if TYPE_CHECKING:
    from .comments import Scores

__all__ = ["analyze", "analyze_all", "load_pipeline", "score"]


@lru_cache(maxsize=8)
def load_pipeline(stages: Sequence[str] = DEFAULT_STAGES) -> Pipeline:
    """Build (once per process) the pipeline of the named stages."""
    return Pipeline.from_names(tuple(stages))


def analyze_all(
    path_or_text: str | os.PathLike[str],
    *,
    stages: Sequence[str] = DEFAULT_STAGES,
    options: IngestOptions | None = None,
) -> list[Document]:
    """Analyse every document in a path (file or directory) or a capture given as text."""
    nlp = load_pipeline(tuple(stages))
    return [nlp(doc) for doc in load(path_or_text, options=options)]


def analyze(
    path_or_text: str | os.PathLike[str],
    *,
    stages: Sequence[str] = DEFAULT_STAGES,
    options: IngestOptions | None = None,
) -> Document:
    """Segment and analyse one capture: a file path or the capture's text.

    Args:
        path_or_text: a path to a .txt/.html/.jsonl/.csv file, or the text itself.
        stages: registered stage names to run, in order.
        options: ingest limits and format override.

    Returns:
        The analysed document (the first one, for an export holding several threads).

    Raises:
        InputError: the input cannot be read; the message says why.

    Example:
        >>> doc = analyze("A headline\\n\\nFirst paragraph of the story.")
        >>> doc.article.title
        'A headline'
    """
    return analyze_all(path_or_text, stages=stages, options=options)[0]


def score(texts: Sequence[str]) -> list[Scores]:
    """Score comments on the seven labels, with the evidence spans behind each.

    Args:
        texts: comment texts.

    Returns:
        One :class:`~belowtheline.comments.Scores` per text, in order: calibrated
        probabilities per label and character spans into the original text.

    Example:
        >>> [round(s.scores["toxicity"], 1) > 0.5 for s in score(["Have a nice day", "You id1ot"])]
        [False, True]
    """
    from .comments import score as _score

    return _score(texts)
