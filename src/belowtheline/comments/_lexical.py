# ruff: noqa: E501
"""Small lexical vectors shared by the narrative matcher and the relevance scorer.

Pure Python (no scikit-learn at run time): tokens are lower-cased words with
a crude suffix stripper, mapped through an optional synonym table to a
concept ("putsch", "overthrow" -> "coup"); features are word unigrams, word
bigrams (stop words dropped) and character 4-grams inside words. Vectors are
``dict[str, float]`` TF-IDF weights, L2-normalised; an :class:`InvertedIndex`
scores a query against many documents by walking only the shared features.
A :class:`Specificity` table (document frequencies of word stems in a
background corpus) tells how topic-specific a word is in general language:
"people" and "know" are not, "NATO" and "coup" are.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

Vector = dict[str, float]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_SENT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n+")

# fmt: off
STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "this", "that", "these", "those", "it", "its", "it's", "they", "them", "their", "there", "here", "he", "she", "his", "her", "him", "we", "us", "our", "you", "your", "i", "me", "my", "so", "than", "then", "too", "very", "just", "also", "about", "into", "over", "under", "up", "down", "out", "off", "again", "once", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "only", "own", "same", "can", "will", "would", "should", "could", "may", "might", "must", "shall", "has", "have", "had", "having", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "s", "t", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "i'm", "it’s"]
)
# fmt: on


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text`` (stripped, non-empty)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT.finditer(text):
        _add_span(text, pos, m.start(), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def fold(text: str) -> str:
    """Lower-case, NFKC, accents kept (they matter for language), curly quotes straightened."""
    return unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")


def stem(word: str) -> str:
    """A crude English suffix stripper: enough to join 'provoked', 'provokes', 'provoking'."""
    if len(word) <= 3:
        return word
    for suf, rep in (("'s", ""), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            word = word[: len(word) - len(suf)] + rep
            break
    if len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    return word


def words(text: str, synonyms: Mapping[str, str] | None = None) -> list[str]:
    """Content-word stems of ``text``, with synonyms mapped to their concept."""
    out: list[str] = []
    for w in _WORD.findall(fold(text)):
        if w in STOP or len(w) < 2:
            continue
        s = stem(w)
        if synonyms:
            s = synonyms.get(w, synonyms.get(s, s))
        out.append(s)
    return out


def content_words(text: str) -> list[str]:
    """The folded words of ``text`` that :func:`words` keeps, as written (not stemmed)."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOP and len(w) >= 2]


class Specificity:
    """How topic-specific a word is, from its document frequency in a background corpus.

    ``specificity(word) = log((n + 1) / (df + 1)) / log(n + 1)`` where ``df`` is the number of
    background documents that use the word's stem: near 0 for words most texts use ("people",
    "know"), 1 for words the background never uses. Stems missing from ``df`` count as never used,
    so an empty table makes every word fully specific.

    Args:
        df: document frequency per stem (:func:`stem` of the folded word).
        n: the number of background documents.

    Example:
        >>> s = Specificity({"know": 1000, "coup": 5}, 16000)
        >>> round(s("knows"), 2), round(s("coup"), 2), s("maidan")
        (0.29, 0.81, 1.0)
    """

    def __init__(self, df: Mapping[str, int], n: int) -> None:
        self.df = dict(df)
        self.n = max(1, n)
        self._log_n = math.log(self.n + 1)

    def __call__(self, word: str) -> float:
        """Specificity in (0, 1] of ``word`` (folded, as :func:`fold` gives it)."""
        return math.log((self.n + 1) / (self.df.get(stem(word), 0) + 1)) / self._log_n


def features(text: str, synonyms: Mapping[str, str] | None = None, *, char: bool = True) -> Counter[str]:
    """Raw feature counts: ``w:`` unigrams, ``b:`` bigrams and (when ``char``) ``c:`` in-word 4-grams."""
    ws = words(text, synonyms)
    feats: Counter[str] = Counter("w:" + w for w in ws)
    feats.update("b:" + a + "_" + b for a, b in zip(ws, ws[1:], strict=False))
    if char:
        for w in _WORD.findall(fold(text)):
            if w in STOP:
                continue
            padded = f" {w} "
            feats.update("c:" + padded[i : i + 4] for i in range(max(1, len(padded) - 3)))
    return feats


class Idf:
    """Inverse document frequencies learnt from a collection; unseen features get the largest value."""

    def __init__(self, docs: Iterable[Counter[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for d in docs:
            n += 1
            df.update(d.keys())
        self.n = n
        self.idf = {f: math.log((1 + n) / (1 + c)) + 1.0 for f, c in df.items()}
        self.unseen = math.log(1 + n) + 1.0

    def vector(self, feats: Counter[str], *, prefix_weights: Mapping[str, float] | None = None) -> Vector:
        """The L2-normalised TF-IDF vector (sublinear tf) of ``feats``."""
        vec: Vector = {}
        for f, c in feats.items():
            w = (1.0 + math.log(c)) * self.idf.get(f, self.unseen)
            if prefix_weights:
                w *= prefix_weights.get(f[:2], 1.0)
            vec[f] = w
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {f: v / norm for f, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(f, 0.0) for f, v in a.items())


class InvertedIndex:
    """Cosine similarity of a query vector to every indexed vector, walking shared features only."""

    def __init__(self, vectors: Sequence[Vector]) -> None:
        self.size = len(vectors)
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, vec in enumerate(vectors):
            for f, v in vec.items():
                self.postings.setdefault(f, []).append((i, v))

    def scores(self, query: Vector) -> list[float]:
        out = [0.0] * self.size
        for f, q in query.items():
            for i, v in self.postings.get(f, ()):
                out[i] += q * v
        return out
