"""A registry of pipeline stages under versioned names.

Names have the form ``"<task>.<implementation>.v<N>"`` (``"segment.text.v1"``).
Built-in stages are listed here as import paths and imported only when first
asked for, so ``import belowtheline`` stays light. Other packages add stages
through the ``belowtheline.stages`` entry-point group::

    [project.entry-points."belowtheline.stages"]
    "toxicity.mymodel.v1" = "mypkg.stages:make_toxicity"

A factory takes keyword-only options and returns a :class:`~belowtheline.pipeline.Stage`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, StageNotFoundError

if TYPE_CHECKING:
    from .pipeline import Stage

__all__ = ["StageFactory", "get_factory", "make_stage", "names", "register"]

StageFactory = Callable[..., "Stage"]

ENTRY_POINT_GROUP = "belowtheline.stages"
_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.v[0-9]+$")

# Built-in stages: name -> "module:factory", imported lazily.
_BUILTIN: dict[str, str] = {
    "segment.text.v1": "belowtheline.segment.stage:TextSegmenter",
    "toxicity.linear.v1": "belowtheline.comments.stage:ToxicityScorer",
    "toxicity.minilm.v1": "belowtheline.comments.stage:AccurateToxicityScorer",
    "duplicates.minhash.v1": "belowtheline.comments.duplicates:DuplicateGrouper",
    "replies.text.v1": "belowtheline.comments.replies:ReplyInferrer",
    "narratives.catalogue.v1": "belowtheline.comments.narratives:NarrativeMatcher",
    "relevance.lexical.v1": "belowtheline.comments.relevance:RelevanceScorer",
    "spam.rules.v1": "belowtheline.comments.spam:SpamScorer",
    "language.charngram.v1": "belowtheline.comments.language:LanguageIdentifier",
    "article.spacy.v1": "belowtheline.article.stage:ArticleAnalyzer",
}
_factories: dict[str, StageFactory] = {}
_entry_points_loaded = False


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Decorator that registers a stage factory under a versioned ``name``.

    Raises:
        ConfigError: the name is not of the form ``task.impl.vN``.

    Example:
        >>> @register("demo.upper.v1")
        ... def make_upper():
        ...     ...
    """
    if not _NAME.match(name):
        raise ConfigError(
            f"Stage name {name!r} is not versioned. Use 'task.implementation.vN', "
            "for example 'toxicity.linear.v1'."
        )

    def deco(factory: StageFactory) -> StageFactory:
        _factories[name] = factory
        return factory

    return deco


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        _BUILTIN.setdefault(ep.name, ep.value)


def names() -> list[str]:
    """All registered stage names (built-in, registered and from entry points), sorted."""
    _load_entry_points()
    return sorted(set(_BUILTIN) | set(_factories))


def get_factory(name: str) -> StageFactory:
    """Return the factory registered under ``name``, importing it on first use.

    Raises:
        StageNotFoundError: no stage has that name; the message lists the known ones.
    """
    if name in _factories:
        return _factories[name]
    if name not in _BUILTIN:
        _load_entry_points()
    target = _BUILTIN.get(name)
    if target is None:
        known = ", ".join(names()) or "(none)"
        raise StageNotFoundError(
            f"No stage is registered as {name!r}. Known stages: {known}. "
            f"Register one with @belowtheline.registry.register({name!r}) or through the "
            f"'{ENTRY_POINT_GROUP}' entry-point group."
        )
    module_name, _, attr = target.partition(":")
    factory: StageFactory = getattr(importlib.import_module(module_name), attr)
    _factories[name] = factory
    return factory


def make_stage(name: str, **options: Any) -> Stage:
    """Build the stage registered under ``name`` with keyword ``options``."""
    stage = get_factory(name)(**options)
    if getattr(stage, "name", None) != name:
        stage.name = name
    return stage


def _register_builtin(name: str, target: str) -> None:
    """Add a built-in stage by import path (used by subpackages, keeps imports lazy)."""
    _BUILTIN[name] = target
