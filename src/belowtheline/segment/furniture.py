"""A learned furniture-vs-prose decision for article lines the rules leave as text.

The line patterns of :mod:`belowtheline.segment.patterns` catch page furniture
whose wording they know ("Advertisement", "Read more: …"). New wordings of share
bars, newsletter and donation appeals, related-headline lists or tag rows look
like short article lines to them. :class:`FurnitureModel` scores such a line with
a logistic regression over sparse features: the line's words and word pairs,
its shape (length, ending, capitalisation, digits, separators, list numbering)
and its context (the rule kinds of its neighbours, blank lines around it, where
it sits relative to the article's prose, furniture just above it, repetition).

The weights ship as JSON in ``belowtheline/models/segment/`` (see its
``MODEL_CARD.md``) and are rebuilt by ``training/segment_train_furniture.py``.
Scoring is a pure-Python sum of weights: no numpy, no sklearn at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

__all__ = [
    "DEFAULT_MODEL",
    "MAX_WORDS",
    "FurnitureModel",
    "LineView",
    "context_of",
    "line_features",
    "load_model",
    "scored",
]

#: The shipped model.
DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "models" / "segment" / "furniture.json"

_TOKEN = re.compile(r"[a-z]+|\d+|[^\w\s]")
_PROSE_END = tuple('.!?"”’…)')
_SEP = re.compile(r"[|•·∙›»/>]")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–—*•▸►→])\s+")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b", re.IGNORECASE)
_MONEY = re.compile(r"[£$€¥]\s?\d")
_SYMBOL = re.compile(r"[^\w\s.,;:!?'\"“”‘’()\-–—&%/]")


class LineView(Protocol):
    """What the features read of a content line (``core._Line`` has these)."""

    text: str
    kind: str
    blank_before: int


def _bucket(n: int, edges: Sequence[int]) -> int:
    for k, edge in enumerate(edges):
        if n <= edge:
            return k
    return len(edges)


_NW_EDGES = (1, 2, 3, 5, 8, 12, 20, 35)


def _role(line: LineView) -> str:
    """A coarse role of a neighbouring line: prose, short text, or its rule kind."""
    if line.kind == "text":
        words = len(line.text.split())
        if words >= 8:
            return "prose" if line.text.endswith(_PROSE_END) else "longtext"
        return "short"
    return line.kind


@dataclass(frozen=True, slots=True)
class _Context:
    first_prose: int
    last_prose: int
    counts: dict[str, int]
    #: How many prose lines of the article use each content-word stem.
    stems: dict[str, int]


def _context(lines: Sequence[LineView], end: int) -> _Context:
    prose = [i for i in range(end) if lines[i].kind == "text" and len(lines[i].text.split()) >= 8]
    counts: dict[str, int] = {}
    for line in lines:
        key = line.text.lower()
        counts[key] = counts.get(key, 0) + 1
    stems: dict[str, int] = {}
    for i in prose:
        for stem in _stems(lines[i].text):
            stems[stem] = stems.get(stem, 0) + 1
    return _Context(prose[0] if prose else end, prose[-1] if prose else -1, counts, stems)


_CONTENT = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset(
    (
        "that",
        "this",
        "with",
        "from",
        "have",
        "were",
        "been",
        "they",
        "their",
        "there",
        "what",
        "when",
        "which",
        "would",
        "could",
        "should",
        "about",
        "after",
        "before",
        "into",
        "more",
        "most",
        "other",
        "over",
        "some",
        "than",
        "them",
        "then",
        "these",
        "those",
        "very",
        "will",
        "your",
        "just",
        "also",
        "said",
        "says",
        "like",
        "only",
        "such",
        "here",
        "where",
        "while",
        "being",
        "does",
        "each",
        "many",
        "much",
    )
)


def _stems(text: str) -> set[str]:
    """Crude stems (first five letters) of the content words of a line."""
    return {w[:5] for w in _CONTENT.findall(text.lower()) if w not in _STOP}


def _overlap(stems: set[str], other: set[str]) -> int:
    """0: no shared stems, 1: some, 2: at least half."""
    if not stems:
        return 0
    shared = len(stems & other)
    return 0 if shared == 0 else 2 if 2 * shared >= len(stems) else 1


def line_features(lines: Sequence[LineView], i: int, ctx: _Context) -> list[str]:
    """The sparse features of line ``i`` (names of the features that are on)."""
    line = lines[i]
    t = line.text
    low = t.lower()
    toks = [("0" if tok[0].isdigit() else tok) for tok in _TOKEN.findall(low[:300])]
    words = t.split()
    nw = _bucket(len(words), _NW_EDGES)
    feats: list[str] = ["bias_kind:" + line.kind, f"nw:{nw}"]
    seen: set[str] = set()
    for k, tok in enumerate(toks):
        if tok not in seen:
            seen.add(tok)
            feats.append("w:" + tok)
        if k:
            feats.append("b:" + toks[k - 1] + " " + tok)
    if len(low) <= 100:
        padded = " " + " ".join(w for w in toks if w.isalpha()) + " "
        feats.extend({"c:" + padded[k : k + 4] for k in range(len(padded) - 3)})
    if toks:
        feats.append("f:" + toks[0])
        feats.append("l:" + toks[-1])
        if len(toks) > 1:
            feats.append("f2:" + toks[0] + " " + toks[1])
    last = t[-1]
    end = "." if last in ".!?…" else ":" if last == ":" else "q" if last in "\"”’')" else "a"
    if last == "?":
        end = "?"
    feats.append("end:" + end)
    feats.append(f"end_nw:{end}{nw}")
    alpha = [w for w in words if w[:1].isalpha()]
    if alpha:
        caps = sum(1 for w in alpha if w[0].isupper()) / len(alpha)
        feats.append(f"tc:{int(caps * 4)}")
        if len(alpha) >= 2 and all(w.isupper() for w in alpha):
            feats.append("allcaps")
    if any(c.isdigit() for c in t):
        feats.append("digit")
    if _SEP.search(t):
        feats.append("sep")
    if _NUMBERED.match(t):
        feats.append("numbered")
    if _URL.search(t):
        feats.append("url")
    if _MONEY.search(t):
        feats.append("money")
    if _SYMBOL.search(t):
        feats.append("symbol")
    sentences = len(re.findall(r"[.!?](?:\s|$)", t))
    feats.append(f"sent:{min(sentences, 3)}")

    # -- context
    prev = lines[i - 1] if i > 0 else None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    p_role = _role(prev) if prev is not None else "start"
    n_role = _role(nxt) if nxt is not None else "end"
    feats.append("pk:" + p_role)
    feats.append("nk:" + n_role)
    feats.append("pk2:" + (_role(lines[i - 2]) if i > 1 else "start"))
    feats.append(f"pn:{p_role}:{n_role}")
    feats.append(f"pn_nw:{p_role}:{n_role}:{nw}")
    bb = min(line.blank_before, 2)
    nbb = min(nxt.blank_before, 2) if nxt is not None else 3
    feats.append(f"bb:{bb}{nbb}")
    if i < ctx.first_prose:
        pos = "before"
    elif i > ctx.last_prose:
        pos = "after"
    else:
        pos = "inside"
    feats.append("pos:" + pos)
    feats.append(f"pos_nw:{pos}{nw}")
    feats.append(f"pos_end:{pos}{end}")
    feats.append(f"pos_pk:{pos}:{p_role}")
    feats.append(f"nk_nw:{n_role}:{nw}")
    # Furniture above with only short non-prose lines in between (a list under its header).
    k = i - 1
    while k >= 0 and k >= i - 8 and lines[k].kind in ("text", "name") and len(lines[k].text.split()) < 16:
        k -= 1
    if k >= 0 and k < i - 1 and lines[k].kind in ("boilerplate", "comments_marker"):
        feats.append(f"under_furniture:{min(i - k, 4)}")
    elif k == i - 1 and k >= 0 and lines[k].kind in ("boilerplate", "comments_marker"):
        feats.append("after_furniture")
    # A run of short non-prose lines (a list, a tag row, a share bar), not a lone subheading.
    run = 1
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(lines) and abs(k - i) <= 6 and not _is_prose(lines[k]):
            run += 1
            k += step
    feats.append(f"run:{min(run, 4)}")
    feats.append(f"run_pos:{pos}{min(run, 4)}")
    if ctx.counts.get(low, 0) > 1:
        feats.append("repeated")
    # Subheadings announce the paragraph below them; related headlines are about other stories.
    own = _stems(t)
    if own and len(words) < 20:
        below = _stems(nxt.text) if nxt is not None else set()
        if nxt is not None and i + 2 < len(lines):
            below |= _stems(lines[i + 2].text)
        counted = line.kind == "text" and len(words) >= 8
        elsewhere = {st for st in own if ctx.stems.get(st, 0) > int(counted)}
        feats.append(f"ov_next:{_overlap(own, below)}")
        feats.append(f"ov_doc:{_overlap(own, elsewhere)}")
        feats.append(f"ov:{pos}{_overlap(own, below)}{_overlap(own, elsewhere)}")
    return feats


def _tight_heading(lines: Sequence[LineView], i: int) -> bool:
    """A short line between two prose paragraphs with no blank line around it (one paragraph per
    line, as in news-site copies) is a subheading: pasted furniture comes with its own gaps."""
    if i == 0 or i + 1 >= len(lines) or lines[i].blank_before or lines[i + 1].blank_before:
        return False
    return len(lines[i].text.split()) <= 12 and _is_prose(lines[i - 1]) and _is_prose(lines[i + 1])


#: The probability a short heading between two prose paragraphs needs before it is taken for
#: furniture (:func:`_heading_between_prose`): subheadings sit there, and unknown furniture
#: wordings there are rarer than subheadings.
HEADING_THRESHOLD = 0.85


def _heading_between_prose(lines: Sequence[LineView], i: int) -> bool:
    """A short heading-shaped line (no closing full stop or colon, capital first) right between
    two prose paragraphs, or under a caption or furniture line that follows a paragraph: most
    often a subheading."""
    if i == 0 or i + 1 >= len(lines):
        return False
    t = lines[i].text.strip()
    words = t.split()
    if not 1 <= len(words) <= 10 or t.endswith((".", ":", ";", ",", "…")):
        return False
    head = t.lstrip("“\"‘'")
    if not (head[:1].isupper() or head[:1].isdigit()):
        return False
    k = i - 1
    while k > 0 and lines[k].kind in ("boilerplate", "caption", "caption_double", "action"):
        k -= 1  # a picture or a promo between the paragraph and its subheading
    prev, nxt = lines[k], lines[i + 1]
    return (
        prev.kind == "text"
        and len(prev.text.split()) >= 12
        and prev.text.rstrip().endswith(_PROSE_END)
        and nxt.kind == "text"
        and len(nxt.text.split()) >= 12
    )


def _is_prose(line: LineView) -> bool:
    return line.kind == "text" and len(line.text.split()) >= 12


@dataclass(slots=True)
class FurnitureModel:
    """Weights of the furniture classifier: P(furniture) = sigmoid(bias + sum of weights)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    @classmethod
    def from_file(cls, path: str | Path) -> FurnitureModel:
        """Read a model written by ``training/segment_train_furniture.py``."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["bias"]),
            float(data.get("threshold", 0.5)),
        )

    def to_dict(self) -> dict[str, object]:
        return {"bias": self.bias, "threshold": self.threshold, "weights": self.weights}

    def probability(self, feats: Sequence[str]) -> float:
        """P(furniture) of a line given its features."""
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def mark(self, lines: Sequence[LineView], end: int, *, skip: Collection[int] = (), passes: int = 3) -> list[int]:
        """Indices of the lines before ``end`` that the rules left as text and that read as furniture.

        Lines in ``skip`` (the title, a bare author name under it) are never marked. After the
        first pass, the lines near a newly marked one are scored again with that line seen as
        furniture (so the items of a list follow its header), up to ``passes`` passes. A short
        heading between two prose paragraphs needs :data:`HEADING_THRESHOLD`; a one-word one
        ("Energy", "Cost", "Visitors") is left to the rules: in the annotated folders it is a
        subheading every time (mid-article one-word furniture such as "Advertisement" is in the
        rules), and the model scored such lines as furniture with high confidence.
        """
        view = [_View(line.text, line.kind, line.blank_before) for line in lines]
        ctx = _context(view, end)
        todo = [
            i
            for i in range(end)
            if view[i].kind in ("text", "name")
            and i not in skip
            and scored(view[i].text)
            and not _tight_heading(view, i)
            and not (len(view[i].text.split()) == 1 and _heading_between_prose(view, i))
        ]
        out: list[int] = []
        for _ in range(passes):
            marked = [
                i
                for i in todo
                if self.probability(line_features(view, i, ctx))
                >= (max(self.threshold, HEADING_THRESHOLD) if _heading_between_prose(view, i) else self.threshold)
            ]
            if not marked:
                break
            out.extend(marked)
            for i in marked:
                view[i].kind = "boilerplate"
            near = {k for i in marked for k in range(i - 2, i + 4)}
            todo = [i for i in todo if i in near and view[i].kind != "boilerplate"]
        return sorted(out)


@dataclass(slots=True)
class _View:
    text: str
    kind: str
    blank_before: int


#: Lines longer than this (in words) are always prose: furniture is short.
MAX_WORDS = 40


def scored(text: str) -> bool:
    """Whether the classifier looks at a line at all (long lines are prose)."""
    return text.count(" ") < MAX_WORDS


@cache
def load_model(path: str | None = None) -> FurnitureModel | None:
    """The model at ``path`` (default: the shipped one), or None when there is none."""
    p = Path(path) if path else DEFAULT_MODEL
    if not p.is_file():
        return None
    return FurnitureModel.from_file(p)


def context_of(lines: Sequence[LineView], end: int) -> _Context:
    """The per-capture context the features need (for training scripts)."""
    return _context(lines, end)
