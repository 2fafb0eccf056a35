"""Language identification of comments (ISO 639-1 codes).

Uses the character n-gram naive Bayes model of ``py3langid`` (a maintained
fork of langid.py; its model ships inside the wheel, so nothing is fetched at
run time), restricted to the languages common in news comments
(:data:`LANGUAGES`). Short or mixed texts where the model is unsure get
``"und"`` (undetermined) rather than a guess: a text needs at least
``min_chars`` letters and a normalised probability of at least
``min_confidence``.

Example:
    >>> identify("Das ist wirklich ein sehr guter Artikel über die Wirtschaft.")
    'de'
    >>> identify("lol")
    'und'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..document import Document
from ..errors import ConfigError, MissingDependencyError

__all__ = ["LANGUAGES", "LanguageIdentifier", "LanguageOptions", "identify"]

#: Languages the identifier chooses among (ISO 639-1).
LANGUAGES: tuple[str, ...] = (
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "ar",
    "sv", "da", "no", "fi", "cs", "sk", "ro", "hu", "el", "bg", "hr", "sr",
    "sl", "lt", "lv", "et", "ca", "he", "fa", "hi", "zh", "ja", "ko", "id",
)  # fmt: skip
UNDETERMINED = "und"


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguageOptions:
    """Options of :class:`LanguageIdentifier`.

    Attributes:
        min_chars: texts with fewer letters are ``"und"``.
        min_confidence: smallest normalised probability for a decision.
        languages: the candidate languages.
    """

    min_chars: int = 12
    min_confidence: float = 0.5
    languages: tuple[str, ...] = LANGUAGES

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"min_confidence={self.min_confidence} must be in [0, 1] (default 0.5).")
        if not self.languages:
            raise ConfigError("languages must name at least one ISO 639-1 code.")


@lru_cache(maxsize=4)
def _model(languages: tuple[str, ...]) -> Any:
    try:
        from py3langid.langid import MODEL_FILE  # type: ignore[import-untyped]
        from py3langid.langid import LanguageIdentifier as _LI
    except ImportError as e:  # pragma: no cover - depends on the install
        raise MissingDependencyError(
            "Language identification needs the 'py3langid' package: pip install 'belowtheline[comments]' "
            "or pip install py3langid."
        ) from e
    model = _LI.from_model_file(MODEL_FILE, norm_probs=True)
    model.set_languages(list(languages))
    return model


def identify(text: str, *, options: LanguageOptions | None = None) -> str:
    """The ISO 639-1 code of ``text``'s language, or ``"und"`` when short or unsure.

    Args:
        text: a comment.
        options: a :class:`LanguageOptions`.

    Returns:
        A two-letter code from ``options.languages`` or ``"und"``.
    """
    o = options or LanguageOptions()
    if sum(ch.isalpha() for ch in text) < o.min_chars:
        return UNDETERMINED
    lang, prob = _model(o.languages).classify(text)
    return str(lang) if float(prob) >= o.min_confidence else UNDETERMINED


class LanguageIdentifier:
    """Pipeline stage ``language.charngram.v1``: set ``comments[].language``."""

    name = "language.charngram.v1"
    requires: tuple[str, ...] = ("comments",)
    assigns: tuple[str, ...] = ("comments.language",)

    def __init__(self, *, options: LanguageOptions | None = None) -> None:
        self.options = options or LanguageOptions()

    def __call__(self, doc: Document) -> Document:
        for c in doc.comments:
            c.language = identify(c.text, options=self.options)
        return doc
