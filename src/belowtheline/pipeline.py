"""Stages and pipelines.

A stage is a callable ``Document -> Document`` with a versioned ``name`` and
two tuples of field names: what it ``requires`` and what it ``assigns``
(``"text"``, ``"article.paragraphs"``, ``"comments"``, ``"comments.scores"``…).
:class:`Pipeline` checks at build time that every requirement is assigned by an
earlier stage or present on every ingested document (``INPUT_FIELDS``), and
fails with a message naming the stage that would provide it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from .document import Document
from .errors import MissingRequirementError, PipelineError

__all__ = ["DEFAULT_STAGES", "INPUT_FIELDS", "Pipeline", "Stage"]

#: Fields every ingested document has before any stage runs.
INPUT_FIELDS: frozenset[str] = frozenset({"id", "text", "source"})

#: The stages ``analyze`` runs by default, in order.
DEFAULT_STAGES: tuple[str, ...] = (
    "segment.text.v1",
    "article.spacy.v1",
    "replies.text.v1",
    "duplicates.minhash.v1",
    "toxicity.linear.v1",
    "narratives.catalogue.v1",
    "spam.rules.v1",
    "language.charngram.v1",
    "relevance.lexical.v1",
)


@runtime_checkable
class Stage(Protocol):
    """The contract every pipeline stage meets."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An ordered list of stages whose requirements are checked when it is built.

    Raises:
        MissingRequirementError: a stage requires a field no earlier stage assigns.

    Example:
        >>> from belowtheline.registry import make_stage
        >>> nlp = Pipeline([make_stage("segment.text.v1")])
        >>> nlp.names
        ['segment.text.v1']
    """

    stages: tuple[Stage, ...]

    def __init__(self, stages: Iterable[Stage]) -> None:
        object.__setattr__(self, "stages", tuple(stages))
        self._check()

    @classmethod
    def from_names(cls, names: Sequence[str]) -> Pipeline:
        """Build a pipeline from registered stage names (see :mod:`belowtheline.registry`)."""
        from .registry import make_stage

        return cls(make_stage(n) for n in names)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def _check(self) -> None:
        available = set(INPUT_FIELDS)
        providers: dict[str, str] = {}
        for stage in self.stages:
            for f in ("name", "requires", "assigns"):
                if not hasattr(stage, f):
                    raise PipelineError(
                        f"{stage!r} is not a stage: it has no {f!r} attribute. A stage needs "
                        "'name', 'requires', 'assigns' and __call__(doc) -> doc."
                    )
            missing = [r for r in stage.requires if not _satisfied(r, available)]
            if missing:
                hint = _who_assigns(missing[0])
                raise MissingRequirementError(
                    f"Stage {stage.name!r} requires {missing[0]!r}, which no earlier stage "
                    f"assigns (pipeline so far: {[s for s in providers.values()] or 'empty'}). "
                    f"{hint}"
                )
            for a in stage.assigns:
                available.add(a)
                providers.setdefault(a, stage.name)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            skip = set(stage.assigns) and set(stage.assigns) <= doc.provided
            if not skip:
                doc = stage(doc)
            doc.stages.append(stage.name)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def _satisfied(requirement: str, available: set[str]) -> bool:
    # "comments.scores" is satisfied by "comments.scores"; "article" by any "article.*".
    if requirement in available:
        return True
    prefix = requirement + "."
    return any(a.startswith(prefix) for a in available)


def _who_assigns(field_name: str) -> str:
    from .registry import get_factory, names

    found = []
    for n in names():
        try:
            assigns = getattr(get_factory(n), "assigns", ())
        except Exception:  # a broken plug-in must not hide the real message
            continue
        if field_name in assigns:
            found.append(n)
    if found:
        return f"Add {' or '.join(repr(f) for f in found)} before it."
    return "No registered stage assigns it."
