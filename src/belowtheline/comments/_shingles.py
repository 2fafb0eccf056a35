"""Matching keys for comments: a normal form, word tokens with offsets, hashed shingles.

Near-duplicate detection and reply inference compare comments by their words,
not by their formatting, so both work on one normal form: Unicode NFKC,
case-folded, URLs and ``@mentions`` removed, apostrophes dropped (``Let's`` and
``Lets`` are the same word), every other run of punctuation or whitespace a
single space.

Character shingles are hashed with a vectorised polynomial hash and a
splitmix64 finaliser, so a comment becomes a sorted array of distinct
``uint64`` values without a Python loop over its characters. The hash is fixed
(no per-process salt), so signatures saved by one process match the ones
computed by another.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Token", "normalise", "shingle_hashes", "stable_hash64", "tokens"]

U64 = npt.NDArray[np.uint64]

_URL = re.compile(r"(?:\bhttps?://|\bwww\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w@])@[^\W\d]\w*(?:[.-]\w+)*")
_APOSTROPHE = re.compile(r"(?<=\w)['’‘`´](?=\w)")
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+(?:['’‘`´][^\W_]+)*")

_PRIME = np.uint64(0x100000001B3)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def normalise(text: str) -> str:
    """The matching form of ``text``.

    Example:
        >>> normalise("Let’s grind, @BigRooster!  See https://x.io/a")
        'lets grind see'
    """
    t = unicodedata.normalize("NFKC", text)
    t = _URL.sub(" ", t)
    t = _MENTION.sub(" ", t)
    t = _APOSTROPHE.sub("", t.casefold())
    return " ".join(_NON_WORD.sub(" ", t).split())


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a comment: its matching form and its ``[start, end)`` in the original text."""

    norm: str
    start: int
    end: int


def tokens(text: str, *, skip_links: bool = True) -> list[Token]:
    """The words of ``text`` with offsets into it, in their matching form.

    Args:
        text: the original comment text.
        skip_links: leave out words inside URLs and ``@mentions``.
    """
    hidden: list[tuple[int, int]] = []
    if skip_links:
        hidden = [m.span() for m in _URL.finditer(text)] + [m.span() for m in _MENTION.finditer(text)]
    out = []
    for m in _WORD.finditer(text):
        if hidden and any(s <= m.start() < e for s, e in hidden):
            continue
        norm = normalise(m.group())
        if norm:
            out.append(Token(norm.replace(" ", ""), m.start(), m.end()))
    return out


def _mix(x: U64) -> U64:
    # splitmix64 finaliser: spreads the polynomial hash over all 64 bits.
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def shingle_hashes(norm: str, k: int) -> U64:
    """Sorted distinct 64-bit hashes of the character ``k``-grams of a normalised text.

    The text is padded with a space at each end so its first and last words
    count as much as the others. A text shorter than ``k`` gives one shingle.
    """
    padded = f" {norm} "
    cps = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cps) - k + 1
    if n <= 0:
        n, k = 1, len(cps)
    h = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        h = h * _PRIME + cps[i : i + n]
    return np.unique(_mix(h))


def stable_hash64(text: str) -> int:
    """A 64-bit hash of ``text`` that is the same in every process."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
