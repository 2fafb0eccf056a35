"""A learned caption-vs-paragraph decision for short article lines the rules leave as text.

Pasted pages keep the caption of a picture in the middle of the article as a line of its own,
often without a photographer credit ("Protesters gather outside the town hall on Monday.",
"Sandbags stacked outside a café after the floods."). The rules of :mod:`.core` catch captions
with a credit and some bare ones; :class:`CaptionModel` scores the other short lines with a
logistic regression over sparse features of the line (its words, first words, length, sentence
count, ending, verbs and pronouns, picture words such as "pictured", "seen", "file photo",
present-participle and present-tense openings, a place or day at the end) and of its context
(the length of the paragraphs around it, blank lines, whether the paragraph below continues
from it, shared words with its neighbours, repetition).

The weights ship as JSON in ``belowtheline/models/segment/captions.json`` (see its
``MODEL_CARD.md``) and are rebuilt by ``training/segment_train_captions.py``. Scoring is a
pure-Python sum of weights (the same :class:`~.furniture.FurnitureModel` scorer).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path

from .furniture import FurnitureModel, LineView, _bucket, _stems

__all__ = ["DEFAULT_CAPTION_MODEL", "caption_candidates", "caption_features", "load_caption_model", "mark_captions"]

#: The shipped model.
DEFAULT_CAPTION_MODEL = Path(__file__).resolve().parents[1] / "models" / "segment" / "captions.json"

#: Lines longer than this (in words) are never captions for the model.
MAX_CAPTION_WORDS = 40

_TOKEN = re.compile(r"[a-z]+|\d+|[^\w\s]")
_NW_EDGES = (2, 4, 6, 8, 10, 13, 16, 20, 25, 32)
_AUX = re.compile(
    r"\b(?:will|would|has|have|had|was|were|is|are|been|could|should|can|may|might|must|did|does|do|"
    r"[a-z]+n['’]t)\b",
    re.I,
)
_REPORT = re.compile(r"\b(?:said|says|say|told|tells|added|according|explained|argued|insisted|warned)\b", re.I)
_PERSON = re.compile(r"\b(?:i|we|my|our|me|us|you|your|i'm|we're|i've|we've)\b", re.I)
_PAST = re.compile(r"(?<![-‐])\b(?-i:[a-z])[a-z]{2,}ed\b", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|it|they|them|this|these|those|its|their|him|her|none|such|same)\b", re.I)
_CONTINUES = re.compile(
    r"^(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|so|yet|also|however|instead|"
    r"still|then|there|here|such|both|neither|either|the (?:move|decision|plan|change|figures?|company|council|"
    r"group|report|scheme|rule|case|study|team|club|firm|agency|ministry|government|police))\b",
    re.I,
)
_PICTURE = re.compile(
    r"\b(?:pictured|picture|photo(?:graph)?(?:ed)?|image|seen|shown|file|above|below|left|right|centre|center|"
    r"foreground|background|inset|main|top|bottom|during|view|aerial)\b",
    re.I,
)
_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last (?:week|month|year)|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?",
    re.I,
)
#: "…, Co Clare.", "… in Tromsø on Tuesday.": a place or day closing the line.
_PLACE_TAIL = re.compile(r"(?:,\s+(?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+){0,2}|\b(?:in|at|on|near)\s+\S+)\.?$")
_QUOTE = re.compile(r"[\"“”]|(?:^|\s)['‘][A-Za-z]|[A-Za-z][’'](?:\s|[.,!?]|$)")
_FUTURE = re.compile(r"\b(?:next|tomorrow|later this|begins|starts|opens|takes place|continues|expected|due)\b", re.I)
_FIGURE = re.compile(r"[£$€%]|\bper ?cent\b|\b\d[\d,.]*\s*(?:million|billion|bn|m|k)\b", re.I)


def _role(line: LineView | None) -> str:
    if line is None:
        return "none"
    if line.kind != "text":
        return "k_" + line.kind
    n = len(line.text.split())
    if n >= 30:
        return "long"
    if n >= 15:
        return "prose"
    if n >= 8:
        return "medium"
    return "short"


def caption_features(lines: Sequence[LineView], i: int, first: int, end: int, counts: dict[str, int]) -> list[str]:
    """The sparse features of line ``i`` (between the article's first paragraph ``first`` and ``end``)."""
    line = lines[i]
    t = line.text.strip()
    low = t.lower()
    words = t.split()
    n = len(words)
    nw = _bucket(n, _NW_EDGES)
    toks = [("0" if tok[0].isdigit() else tok) for tok in _TOKEN.findall(low[:300])]
    feats = [f"nw:{nw}"]
    seen: set[str] = set()
    for tok in toks:
        if tok not in seen:
            seen.add(tok)
            feats.append("w:" + tok)
    if toks:
        feats.append("f:" + toks[0])
        feats.append("l:" + toks[-1])
        if len(toks) > 1:
            feats.append("f2:" + toks[0] + " " + toks[1])
            feats.append("s2:" + ("ing" if toks[1].endswith("ing") else "s" if toks[1].endswith("s") else "o"))
        feats.append("s1:" + ("ing" if toks[0].endswith("ing") else "ed" if toks[0].endswith("ed") else "o"))
    # Second and third word endings: "Protesters gather", "Firefighters battling", "Sandbags stacked".
    for k in (1, 2, 3):
        if k < len(words):
            w = words[k].lower().strip(",.")
            tail = "ing" if w.endswith("ing") else "ed" if w.endswith("ed") else "s" if w.endswith("s") else "o"
            feats.append(f"we{k}:{tail}")
    last = t[-1]
    end_c = (
        "."
        if last == "."
        else "?"
        if last == "?"
        else "!"
        if last == "!"
        else "q"
        if last in "\"”’'"
        else (")" if last == ")" else ":" if last == ":" else "a")
    )
    feats.append("end:" + end_c)
    feats.append(f"end_nw:{end_c}{nw}")
    sentences = len(re.findall(r"[.!?](?:\s|$)", t))
    feats.append(f"sent:{min(sentences, 3)}")
    flags = {
        "aux": bool(_AUX.search(t)),
        "report": bool(_REPORT.search(t)),
        "person": bool(_PERSON.search(t)),
        "past": bool(_PAST.search(t)),
        "pron": bool(_PRONOUN.search(t)),
        "quote": bool(_QUOTE.search(t)),
        "figure": bool(_FIGURE.search(t)),
        "picture": bool(_PICTURE.search(t)),
        "day": bool(_DAY.search(t)),
        "place": bool(_PLACE_TAIL.search(t)),
        "paren": "(" in t,
        "digit": any(c.isdigit() for c in t),
        "comma": "," in t,
        "dash": bool(re.search(r"\s[-–—]\s", t)),
        "colon": ":" in t,
        "cont_self": bool(_CONTINUES.match(t)),
    }
    from . import core  # the rule helpers (imported here: core imports this module)

    flags["pastv"] = bool(core._PAST_VERB.search(t))
    flags["capsent"] = core._caption_sentence(t, min_words=2 if core._RELATIVE_TAIL.search(t) else 4)
    flags["imper"] = bool(core._IMPERATIVE.match(t))
    flags["anaph"] = bool(core._ANAPHORA.search(t))
    flags["notstart"] = bool(core._NOT_CAPTION_START.match(t))
    flags["future"] = bool(_FUTURE.search(t))
    feats.extend("x:" + k for k, v in flags.items() if v)
    feats.append(f"cs_pn:{int(flags['capsent'])}:{int(flags['pastv'])}:{nw}")
    plain = not (flags["aux"] or flags["report"] or flags["person"] or flags["quote"] or flags["figure"])
    feats.append(f"plain:{int(plain)}{min(sentences, 2)}{nw}")
    alpha = [w for w in words if w[:1].isalpha()]
    if alpha:
        feats.append(f"tc:{int(sum(1 for w in alpha if w[0].isupper()) / len(alpha) * 4)}")
    # -- context
    prev = lines[i - 1] if i > 0 else None
    nxt = lines[i + 1] if i + 1 < len(lines) and i + 1 < end else None
    pr, nr = _role(prev), _role(nxt)
    feats += ["p:" + pr, "n:" + nr, f"pn:{pr}:{nr}", f"pn_nw:{pr}:{nr}:{nw}"]
    if i == first:
        feats.append("first_para")
    elif i < first:
        feats.append("before_first")
    bb = min(line.blank_before, 2)
    nbb = min(nxt.blank_before, 2) if nxt is not None else 3
    feats.append(f"bb:{bb}{nbb}")
    np_ = len(prev.text.split()) if prev is not None else 0
    nn = len(nxt.text.split()) if nxt is not None else 0
    feats.append(f"shorter:{int(n * 1.5 <= np_)}{int(n * 1.5 <= nn)}")
    if nxt is not None:
        if _CONTINUES.match(nxt.text.strip()):
            feats.append("next_continues")
        if nxt.text[:1].islower():
            feats.append("next_lower")
    if prev is not None and prev.text.rstrip().endswith(":"):
        feats.append("prev_colon")
    own = _stems(t)
    if own:
        for name, other in (("ovp", prev), ("ovn", nxt)):
            if other is not None:
                shared = len(own & _stems(other.text))
                feats.append(f"{name}:{0 if not shared else 1 if 2 * shared < len(own) else 2}")
    if counts.get(low, 0) > 1:
        feats.append("repeated")
    return feats


def caption_candidates(lines: Sequence[LineView], start: int, end: int, skip: Collection[int] = ()) -> list[int]:
    """Indices of the lines in ``start..end`` the model looks at: text lines of at most
    :data:`MAX_CAPTION_WORDS` words that start with a capital, a digit or a quote."""
    return [
        i
        for i in range(max(start, 0), end)
        if lines[i].kind == "text"
        and i not in skip
        and 2 <= len(lines[i].text.split()) <= MAX_CAPTION_WORDS
        and (lines[i].text.lstrip("\"“‘'(")[:1].isupper() or lines[i].text.lstrip("\"“‘'(")[:1].isdigit())
    ]


def line_counts(lines: Sequence[LineView]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in lines:
        key = line.text.strip().lower()
        counts[key] = counts.get(key, 0) + 1
    return counts


def mark_captions(
    model: FurnitureModel, lines: Sequence[LineView], first: int, end: int, skip: Collection[int] = ()
) -> list[int]:
    """Indices of candidate lines (:func:`caption_candidates`) that the model reads as captions.

    ``first`` is the article's first paragraph: lines before it are left to the rules (the lead
    caption rule), so only lines from ``first`` on are looked at.
    """
    counts = line_counts(lines)
    return [
        i
        for i in caption_candidates(lines, first, end, skip)
        if model.probability(caption_features(lines, i, first, end, counts)) >= model.threshold
    ]


@cache
def load_caption_model(path: str | None = None) -> FurnitureModel | None:
    """The caption model at ``path`` (default: the shipped one), or None when there is none."""
    p = Path(path) if path else DEFAULT_CAPTION_MODEL
    if not p.is_file():
        return None
    return FurnitureModel.from_file(p)
