"""Feature extraction shared by the runtime scorer and the training script.

Three blocks, all computed on normalised text:

* **hashed character n-grams** (n = 2..5, over the text padded with spaces):
  a rolling polynomial hash over code points, computed for a whole batch at
  once with numpy, bucketed into ``2**bits`` slots. Value of a slot:
  ``count / sqrt(number of n-grams in the comment)``.
* **word unigrams** from a fixed vocabulary: ``count / sqrt(number of tokens)``.
* **lexicon hits** per word category and phrase pattern: ``log1p(count)``.

The training script builds its sparse matrix from exactly these functions, so
the linear model sees the same numbers at training and at run time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["NGRAMS", "CharGrams", "char_ngrams", "tokens"]

NGRAMS: tuple[int, ...] = (2, 3, 4, 5)
_P = 1_000_003
_M1 = 0x9E3779B97F4A7C15
_M2 = 0xBF58476D1CE4E5B9
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def tokens(text: str) -> list[re.Match[str]]:
    """Word tokens of a normalised text."""
    return list(_TOKEN.finditer(text))


@dataclass(frozen=True, slots=True)
class CharGrams:
    """The character n-grams of a batch: one row per n-gram occurrence.

    ``doc[i]`` is the comment, ``pos[i]`` the start in its normalised text
    (``-1`` for the leading pad space), ``n[i]`` the length, ``bucket[i]`` the slot.
    ``count[d]`` is the number of n-grams of comment ``d``.
    """

    doc: npt.NDArray[np.int64]
    pos: npt.NDArray[np.int64]
    n: npt.NDArray[np.int64]
    bucket: npt.NDArray[np.int64]
    count: npt.NDArray[np.float64]


def char_ngrams(texts: Sequence[str], bits: int) -> CharGrams:
    """Hash the character n-grams of ``texts`` (normalised) into ``2**bits`` buckets."""
    padded = [" " + t + " " for t in texts]
    big = "\x00" + "\x00".join(padded) + "\x00"
    if big.count("\x00") != len(padded) + 1:  # NUL is the separator: read one in a text as a space
        padded = [p.replace("\x00", " ") for p in padded]
        big = "\x00" + "\x00".join(padded) + "\x00"
    codes = np.frombuffer(big.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    length = len(codes)
    seps = np.cumsum(codes == 0)  # seps[i]: separators in codes[: i + 1]
    lens = np.fromiter((len(p) for p in padded), dtype=np.int64, count=len(padded))
    starts = np.concatenate(([1], 1 + np.cumsum(lens + 1)[:-1])) if len(padded) else np.zeros(0, np.int64)
    docs, poss, ns, buckets = [], [], [], []
    acc = codes.copy()
    shift = np.uint64(64 - bits)
    for n in range(1, max(NGRAMS) + 1):
        if n > 1:
            acc = acc[:-1] * np.uint64(_P) + codes[n - 1 :]
        if n not in NGRAMS:
            continue
        m = length - n + 1
        if m <= 0:
            continue
        # A window holds no separator when the separator count does not change across it.
        before = np.concatenate(([0], seps[: m - 1]))
        ok = (seps[n - 1 : n - 1 + m] - before) == 0
        idx = np.nonzero(ok)[0]
        h = (acc[idx] + np.uint64(n * 7919)) * np.uint64(_M1)
        h ^= h >> np.uint64(31)
        h *= np.uint64(_M2)
        b = (h >> shift).astype(np.int64)
        d = seps[idx].astype(np.int64) - 1
        docs.append(d)
        poss.append(idx.astype(np.int64) - starts[d] - 1)
        ns.append(np.full(len(idx), n, dtype=np.int64))
        buckets.append(b)
    if docs:
        doc = np.concatenate(docs)
        out = CharGrams(
            doc,
            np.concatenate(poss),
            np.concatenate(ns),
            np.concatenate(buckets),
            np.bincount(doc, minlength=len(texts)).astype(np.float64),
        )
    else:
        z = np.zeros(0, dtype=np.int64)
        out = CharGrams(z, z, z, z, np.zeros(len(texts)))
    return out
