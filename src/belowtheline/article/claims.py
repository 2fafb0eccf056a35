"""Numeric claims: every figure tied to what it counts and who it concerns.

:func:`extract_claims` walks the parsed body token by token (the small model's
NER misses "1.5m troops" and "20 per cent", so it is used only to rule figures
out) and, for each figure:

* reads its value: "30,000" -> 30000, "€10 billion" -> 1e10 (``EUR``),
  "£8.7bn" -> 8.7e9 (``GBP``), "5%" / "5 per cent" -> 0.05 (``percent``),
  "two" -> 2, "1.5m" -> 1500000, "a 30-day ceasefire" -> 30 (``days``),
  "twice" -> 2 (``times``);
* finds what it counts: the noun the number modifies ("33 participants",
  "two nuclear powers"), the noun after "of" ("thousands of troops"), or, for a
  bare number in a list ("to 33 participants in April, and 39 in
  September"), the noun of the figure before it in the sentence;
* finds who it concerns (``actor``): the possessor ("NATO's 5% spending
  target"), the entity the counted noun belongs to ("the 57-member Ukraine
  Defense Contact Group"), or the entity that is the subject of the clause,
  climbing from an infinitive or a pronoun subject to the clause that names
  it ("Trump has said he intends to … push for a 30-day ceasefire");
* skips dates, years used as dates, times of day, ages ("45-year-old"),
  ordinal words and list numbers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import Claim, Entity
from .quotes import _dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_claims", "parse_value"]

#: Currency symbols and words -> ISO 4217 codes.
CURRENCIES: dict[str, str] = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "¥": "JPY", "yen": "JPY", "₽": "RUB", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "₴": "UAH", "hryvnia": "UAH", "hryvnias": "UAH", "hryvnas": "UAH", "uah": "UAH", "rub": "RUB",
}  # fmt: skip

#: Scale words and suffixes -> multipliers.
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip

#: Number words -> values.
UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip

#: Adverbs that are counts ("twice disrupted").
COUNT_ADVERBS: dict[str, int] = {"twice": 2, "thrice": 3}

#: Fractions read as shares ("a quarter of its population" -> 0.25 percent).
FRACTIONS: dict[str, float] = {
    "half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25, "fifth": 0.2, "fifths": 0.2,
    "tenth": 0.1, "tenths": 0.1,
}  # fmt: skip

#: "a year", "a decade": a duration of one unit, when a word before makes it a figure ("more than a decade").
_ONE_UNIT: dict[str, tuple[float, str]] = {
    "year": (1, "years"), "decade": (1, "decades"), "century": (1, "centuries"), "month": (1, "months"),
    "week": (1, "weeks"), "day": (1, "days"), "fortnight": (2, "weeks"),
}  # fmt: skip
_ONE_UNIT_CUES = frozenset(
    {
        "than",
        "perhaps",
        "about",
        "around",
        "nearly",
        "almost",
        "within",
        "over",
        "after",
        "least",
        "next",
        "last",
        "past",
    }
)

#: Lemmas of speech verbs: a figure in a reported clause may belong to the speaker.
_SPEECH = frozenset(
    {"say", "tell", "add", "estimate", "announce", "report", "forecast", "predict", "expect", "warn", "claim"}
)

#: Definite generic nouns that refer back to a named organisation or place ("the bloc").
_GENERIC: dict[str, tuple[str, ...]] = {
    "bloc": ("ORG", "LOC"), "alliance": ("ORG",), "club": ("ORG",), "organisation": ("ORG",),
    "organization": ("ORG",), "watchdog": ("ORG",), "company": ("ORG",), "firm": ("ORG",), "group": ("ORG",),
    "union": ("ORG",), "government": ("GPE", "ORG"), "city": ("GPE",), "country": ("GPE",), "team": ("ORG",),
    "party": ("ORG",), "council": ("ORG",), "bank": ("ORG",), "agency": ("ORG",), "ministry": ("ORG",),
}  # fmt: skip

_REFERENCE_WORDS = frozenset(
    {"page", "p", "pp", "article", "chapter", "section", "figure", "fig", "table", "clause", "paragraph", "item",
     "part", "resolution", "no", "number", "rule", "step", "episode", "season", "vol", "volume", "issue", "flight",
     "route", "line", "platform", "gate", "room", "level", "grade", "category", "tier", "phase", "stage", "act"}
)  # fmt: skip
_GENERIC_ANY = frozenset({"bloc", "government"})

#: Time units: a figure with one of these is a duration ("a 30-day ceasefire", "three years").
TIME_UNITS: dict[str, str] = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
    "month": "months", "year": "years", "decade": "decades", "century": "centuries",
}  # fmt: skip


_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)  # fmt: skip
_DATE_PREPS = frozenset(
    {"in", "since", "by", "until", "till", "to", "from", "of", "before", "after", "during", "through"}
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$", re.IGNORECASE)
_NUMERIC = re.compile(r"^[~≈]?([$€£¥₽₴]|us\$)?(\d+(?:[.,]\d+)*)(%|k|m|mn|bn|b|tn|trn)?$", re.IGNORECASE)
_TEMPERATURE = re.compile(r"^(\d+(?:\.\d+)?)°?([CF])\.?$")
_APPROX = frozenset(
    {"about", "around", "almost", "nearly", "over", "under", "some", "roughly", "approximately",
     "at", "least", "most", "more", "less", "fewer", "than", "as", "many", "much", "just", "only", "another",
     "estimated", "close", "upwards", "extra", "further", "additional", "below", "above", "no", "a", "an"}
)  # fmt: skip
_KEEP_LABELS = ("MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL", "DATE")


def parse_value(text: str) -> tuple[float | None, str | None]:
    """The number a figure stands for and its currency / ``"percent"``, if any.

    Example:
        >>> parse_value("€10 billion")
        (10000000000.0, 'EUR')
        >>> parse_value("5%")
        (0.05, 'percent')
        >>> parse_value("as many as 30,000")
        (30000.0, None)
        >>> parse_value("1.5m")
        (1500000.0, None)
    """
    t = text.casefold().replace("\u00a0", " ").replace("per cent", "percent")
    t = re.sub(r"(\d),(\d{3})", r"\1\2", t)
    t = re.sub(r"(\d),(\d{3})", r"\1\2", t)
    unit: str | None = None
    for sym in ("us$", "€", "£", "$", "¥", "₽", "₴"):
        if sym in t:
            unit = CURRENCIES[sym]
            t = t.replace(sym, " ")
            break
    words = re.findall(r"\d+(?:\.\d+)?|[a-z%]+", t.replace("-", " "))
    value: float | None = None
    current = 0.0
    seen_number = False
    for w in words:
        if w[0].isdigit():
            if seen_number and current:
                break  # a second number ("10 to 20"): keep the first
            current = float(w)
            seen_number = True
        elif w in UNITS_WORDS and (not seen_number or current < 100 and UNITS_WORDS[w] < 10 and current % 10 == 0):
            current = current + UNITS_WORDS[w] if seen_number else float(UNITS_WORDS[w])
            seen_number = True
        elif w in SCALES and (seen_number or w in ("hundred", "thousand", "million", "billion", "trillion")):
            if not seen_number:
                current = 1.0  # "a million"
                seen_number = True
            current *= SCALES[w]
        elif w in ("%", "percent", "percentage"):
            unit = "percent"
        elif w in ("point", "points") and unit == "percent":
            unit = "percentage points"
        elif w in CURRENCIES and unit is None:
            unit = CURRENCIES[w]
        elif w in COUNT_ADVERBS:
            current, seen_number = float(COUNT_ADVERBS[w]), True
    if seen_number:
        value = current / 100 if unit in ("percent", "percentage points") else current
    return value, unit


#: Words that may start a figure without a digit.
_WORDY = frozenset({*UNITS_WORDS, *COUNT_ADVERBS, *FRACTIONS, *_ONE_UNIT, *SCALES, *CURRENCIES})


def extract_claims(doc: Doc, entities: Sequence[Entity] = ()) -> list[Claim]:
    """Figures in ``doc`` tied to what they count and who they concern.

    Args:
        doc: the parsed article body.
        entities: the entities of :func:`~belowtheline.article.entities.extract_entities`
            (their offsets give the canonical name of an actor).

    Returns:
        One :class:`~belowtheline.document.Claim` per figure, in text order;
        ``text`` is the sentence that holds it.
    """
    people = _people(doc, entities)
    claims: list[Claim] = []
    used: set[int] = set()
    last_end = -1
    for sent in doc.sents:
        previous_unit: str | None = None
        for tok in sent:
            if tok.i in used or not _is_figure_start(tok):
                continue
            found = _figure(doc, tok)
            if found is None:
                continue
            start, end, kind = found
            used.update(range(start, end))
            claim = _claim(doc, sent, start, end, kind, people, previous_unit)
            if claim is None:
                continue
            if claim.unit not in (None, "percent") and kind in ("count", "range"):
                previous_unit = claim.unit
            if kind == "duration" and claims and _joins_duration(doc, claims[-1], claim, last_end, start):
                continue  # "two hours and 51 minutes": one figure
            claims.append(claim)
            last_end = end
    return claims


# -- finding figures ---------------------------------------------------------------------


def _is_figure_start(tok: Token) -> bool:
    text = tok.text
    if not (
        text[:1].isdigit() or tok.like_num or tok.is_currency or tok.lower_ in _WORDY or any(c.isdigit() for c in text)
    ):
        return False
    low = tok.lower_
    if low in COUNT_ADVERBS or low == "dozen":
        return True
    if low in _ONE_UNIT and tok.i > 1 and tok.doc[tok.i - 1].lower_ in ("a", "an"):
        return tok.doc[tok.i - 2].lower_ in _ONE_UNIT_CUES
    if low in _ONE_UNIT and tok.i > 1 and tok.doc[tok.i - 1].lower_ in ("next", "past", "last"):
        return tok.doc[tok.i - 2].lower_ == "the"  # "the next decade"
    if low in FRACTIONS and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in ("of", "the", "a", "an", "its"):
        return low == "half" or tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("a", "one", "two", "three", "half")
    if tok.like_num or _NUMERIC.match(tok.text) or _ORDINAL.match(tok.text) or _TEMPERATURE.match(tok.text):
        return True
    return low in CURRENCIES and tok.is_currency


def _figure(doc: Doc, tok: Token) -> tuple[int, int, str] | None:
    """The token range ``[start, end)`` of the figure at ``tok`` and its kind, or None to skip."""
    low = tok.lower_
    if low in COUNT_ADVERBS:
        return tok.i, tok.i + 1, "times"
    if low in _ONE_UNIT:
        start = tok.i - 1
        while start > 0 and doc[start - 1].lower_ in _APPROX | _ONE_UNIT_CUES:
            start -= 1
        return start, tok.i + 1, "one unit"
    if low in FRACTIONS:
        following = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        after_a = tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "one")
        alone = after_a and (
            following is None or following.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")
        )  # "fell by a fifth"
        if not alone and (
            following is None or not (following.lower_ == "of" or low == "half" and following.pos_ == "DET")
        ):
            return None  # "a third runway", "the fifth floor"
        if low == "half" and (tok.i == 0 or doc[tok.i - 1].lower_ not in ("a", "one", "two", "three")):
            return tok.i, tok.i + 1, "fraction"  # "half the opposition", "half of it"
        start = tok.i - 1
        while start > 0 and doc[start - 1].pos_ == "ADV" and doc[start - 1].lower_ in _APPROX:
            start -= 1
        return start, tok.i + 1, "fraction"
    if _TEMPERATURE.match(tok.text):
        end = tok.i + 1
        if end + 1 < len(doc) and doc[end].lower_ in ("and", "to", "-", "–") and _TEMPERATURE.match(doc[end + 1].text):
            first = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ == "between" else tok.i
            if doc[end].lower_ != "and" or first < tok.i:
                return first, end + 2, "temperature range"
        return tok.i, end, "temperature"
    ent = tok.ent_type_
    if ent and ent not in _KEEP_LABELS and ent != "TIME":
        return None
    if _ORDINAL.match(tok.text) or ent == "ORDINAL":
        return None  # "first", "30th": order, not a figure
    if low == "one" and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in SCALES):
        return None  # "one of the", "one resident", "on one side": rarely a figure
    if low in UNITS_WORDS and tok.i > 0 and doc[tok.i - 1].lower_ in ("both", "these", "those", "all"):
        return None  # "the two sides": a reference, not a figure
    if (
        tok.i + 3 < len(doc)
        and doc[tok.i + 1].lower_ == "out"
        and doc[tok.i + 2].lower_ == "of"
        and doc[tok.i + 3].like_num
    ):
        return tok.i, tok.i + 4, "ratio"  # "nine out of ten"
    # Digits glued to letters that are not a scale ("G7", "Covid-19").
    if any(ch.isalpha() for ch in tok.text) and tok.text.casefold() not in UNITS_WORDS and not _NUMERIC.match(tok.text):
        return None
    if tok.i > 1 and doc[tok.i - 1].text in ("-", "–") and doc[tok.i - 2].text[:1].isupper():
        return None  # "F-16", "Su-27"
    if _is_year(doc, tok) or _is_list_marker(doc, tok):
        return None
    if tok.i > 0 and doc[tok.i - 1].lower_.rstrip(".") in _REFERENCE_WORDS:
        return None  # "page 3", "Article 5", "Resolution 2231": a reference, not a figure
    if tok.i > 2 and doc[tok.i - 1].lower_ == "of" and doc[tok.i - 3].lower_.rstrip(".") in _REFERENCE_WORDS:
        return None  # "page 3 of 10"
    if (
        tok.i > 0
        and doc[tok.i - 1].pos_ == "PROPN"
        and doc[tok.i - 1].ent_type_ not in ("MONEY", "DATE")
        and tok.text.isdigit()
    ):
        return None  # "S&P 500", "Boeing 737": part of a name
    start, end = _extent(doc, tok.i)
    if _is_age(doc, start, end):
        return None
    if tok.text.isdigit() and end == tok.i + 1 and end < len(doc) and doc[end].lower_.rstrip(".") in _MONTHS:
        return None  # "24 September"
    if start > 0 and doc[start - 1].lower_.rstrip(".") in _MONTHS:
        return None  # "September 24"
    kind = "count"
    # A range: "between 80 and 95", "€250 billion to €300 billion", "12 to 18 months" (not "from 4% to 2%").
    if end + 1 < len(doc) and doc[end].lower_ in ("and", "to", "-", "–", "or"):
        nxt = end + 1
        if nxt < len(doc) and (doc[nxt].is_currency or doc[nxt].like_num or _NUMERIC.match(doc[nxt].text)):
            before = start - 1
            while before >= 0 and doc[before].lower_ in _APPROX:
                before -= 1
            opener = doc[before].lower_ if before >= 0 else ""
            if (doc[end].lower_ == "and" and opener == "between") or (
                doc[end].lower_ != "and"
                and opener not in ("from", "by")
                and doc[nxt - 2].lower_ not in ("points", "point")
            ):
                second_num = nxt + 1 if doc[nxt].is_currency and nxt + 1 < len(doc) else nxt
                _, end = _extent(doc, second_num)
                if opener == "between":
                    start = before
                kind = "range"
    # Keep the words in front of the figure ("as many as 30,000", "more than", "about", "up to").
    while start > 0:
        prev = doc[start - 1].lower_
        if prev == "to" and start > 1 and doc[start - 2].lower_ == "up":
            start -= 2
        elif prev in _APPROX and not (prev in ("a", "an") and not doc[start - 1].ent_type_):
            start -= 1
        else:
            break
    if _is_time_unit(doc, end):
        found = _duration(doc, tok, start, end)
        if found is None:
            return None
        return found[0], found[1], "range" if kind == "range" else "duration"
    if ent in ("DATE", "TIME") and kind != "range" and not (end < len(doc) and doc[end].tag_ == "NNS"):
        return None  # a date; "three seasons" (counted, plural) stays
    if kind == "range":
        return start, end, kind
    _, unit = parse_value(doc[start:end].text)
    if unit is not None:
        return start, end, "percent" if unit in ("percent", "percentage points") else "money"
    return start, end, "count"


def _extent(doc: Doc, i: int) -> tuple[int, int]:
    """The tokens of one number: currency symbol, digits or words, scale, "%" / "per cent"."""
    start, end = i, i + 1
    while start > 0 and (doc[start - 1].is_currency or doc[start - 1].lower_ in ("us$",)):
        start -= 1
    while end < len(doc):
        t = doc[end]
        if t.lower_ == "per":
            if not (end + 1 < len(doc) and doc[end + 1].lower_ == "cent"):
                break
        elif not (
            t.lower_ in SCALES
            or t.text == "%"
            or t.lower_ in ("percent", "cent", "percentage")
            or t.lower_ in ("points", "point")
            and doc[end - 1].lower_ == "percentage"
            or (t.lower_ in UNITS_WORDS and doc[end - 1].text in ("-", "–") and doc[end - 2].lower_ in UNITS_WORDS)
            or (
                t.text in ("-", "–")
                and end + 1 < len(doc)
                and doc[end + 1].lower_ in UNITS_WORDS
                and doc[end - 1].lower_ in UNITS_WORDS
            )
            or t.lower_ in CURRENCIES
            and t.pos_ == "NOUN"
        ):
            break
        end += 1
    return start, end


def _is_time_unit(doc: Doc, end: int) -> bool:
    j = end + 1 if end < len(doc) and doc[end].text in ("-", "–") else end
    return j < len(doc) and doc[j].lemma_.casefold() in TIME_UNITS


def _duration(doc: Doc, tok: Token, start: int, end: int) -> tuple[int, int, str] | None:
    """A DATE figure is kept only when it is a length of time ("30-day", "three years")."""
    j = end
    if j < len(doc) and doc[j].text == "-":
        j += 1
    if j >= len(doc) or doc[j].lemma_.casefold() not in TIME_UNITS:
        return None
    if j + 1 < len(doc) and doc[j + 1].lower_ in ("ago", "old"):
        return None
    if _is_year(doc, tok):
        return None
    return start, j + 1, "duration"


def _is_year(doc: Doc, tok: Token) -> bool:
    """A four-digit number that reads as a year ("in 2027", "Readiness 2030"), not a count."""
    if not tok.text.isdigit() or len(tok.text) != 4 or not 1800 <= int(tok.text) <= 2100:
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is None or nxt.tag_ != "NNS"


def _is_age(doc: Doc, start: int, end: int) -> bool:
    window = doc[end : end + 4].text.casefold()
    return window.startswith(("-year-old", "year-old", "-years-old", "years old", "year old")) or (
        start > 0 and doc[start - 1].lower_ in ("aged", "age")
    )


def _is_list_marker(doc: Doc, tok: Token) -> bool:
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    at_line_start = tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ or doc[tok.i - 1].is_space
    return at_line_start and nxt is not None and nxt.text in (".", ")", ":")


# -- what it counts and who it concerns ----------------------------------------------------


def _claim(
    doc: Doc, sent: Span, start: int, end: int, kind: str, people: _People, previous_unit: str | None
) -> Claim | None:
    figure = doc[start:end]
    value, unit = parse_value(figure.text)
    if kind == "times":
        value, unit = float(COUNT_ADVERBS[doc[start].lower_]), "times"
    elif kind == "ordinal":
        m = _ORDINAL.match(doc[start].text)
        value = float(m.group(1)) if m else None
    elif kind == "fraction":
        multiplier = parse_value(doc[start].text)[0] if start < end - 1 else None
        value, unit = FRACTIONS[doc[end - 1].lower_] * (multiplier or 1.0), "percent"
        of = _of_object(doc[end - 1])
        if of is not None and of.lower_ in ("point", "points"):
            value, unit = value / 100, "percentage points"  # "a quarter of a percentage point"
    elif kind == "one unit":
        value, unit = _ONE_UNIT[doc[end - 1].lower_]
    elif kind == "ratio":
        top, bottom = parse_value(doc[start].text)[0], parse_value(doc[end - 1].text)[0]
        value, unit = (top / bottom if top is not None and bottom else None), "percent"
    elif kind in ("temperature", "temperature range"):
        m = _TEMPERATURE.match(doc[end - 1].text)
        value = float(m.group(1)) if m and kind == "temperature" else None
        unit = "degrees Fahrenheit" if m and m.group(2) == "F" else "degrees Celsius"
    elif kind == "range":
        value = None
    if value is None and "range" not in kind:
        return None
    q_start, q_end = start, end
    noun: Token | None = None
    last = doc[end - 1]
    if kind == "duration" or kind == "range" and last.lemma_.casefold() in TIME_UNITS:
        unit = TIME_UNITS.get(last.lemma_.casefold(), last.text)
        head = last.head
        if kind == "duration" and head.i >= end and head.pos_ in ("NOUN", "PROPN") and head.i - end <= 3:
            q_end = head.i + 1  # "30-day ceasefire"
            noun = head
        if q_start > 0 and doc[q_start - 1].lower_ in ("a", "an") and doc[q_start].text[:1].isdigit():
            q_start -= 1
        noun = noun or last
    elif kind == "one unit":
        noun = last
    elif kind == "fraction":
        noun = _of_object(last)
        if noun is not None:
            q_end = noun.i + 1
    elif kind == "ratio":
        noun = None
    elif unit is None:
        noun = _counted_noun(doc, start, end)
        if noun is not None:
            unit = noun.text
            if noun.i >= end:
                q_end = noun.i + 1
            if noun.tag_ == "NN" and doc[noun.i - 1].text in ("-", "–") and value != 1:
                unit = _plural(noun.text)  # "57-member" counts members
        elif kind in ("count", "range"):
            unit = previous_unit
    elif unit in ("percent", "percentage points") or kind == "temperature":
        head = last.head
        if head.i >= end and head.pos_ == "NOUN" and head.i - end <= 3:
            q_end = head.i + 1  # "5% spending target", "the 1.5C goal"
            noun = head
            if kind == "temperature" and q_start > 0 and doc[q_start - 1].lower_ == "the":
                q_start -= 1
    actor = _actor(doc, start, q_end, noun, people)
    return Claim(text=sent.text.strip(), quantity=doc[q_start:q_end].text, value=value, unit=unit, actor=actor)


#: Smaller time units and how many of them make the larger one.
_SUBUNITS = {("hours", "minutes"): 60, ("minutes", "seconds"): 60, ("days", "hours"): 24, ("weeks", "days"): 7,
             ("years", "months"): 12}  # fmt: skip


def _joins_duration(doc: Doc, previous: Claim, claim: Claim, previous_end: int, start: int) -> bool:
    """Fold "<n> hours and <m> minutes" into ``previous`` (in the smaller unit); True when folded."""
    if previous_end < 0 or start - previous_end != 1 or doc[previous_end].lower_ != "and":
        return False
    factor = _SUBUNITS.get((previous.unit or "", claim.unit or ""))
    if factor is None or previous.value is None or claim.value is None or previous.text != claim.text:
        return False
    previous.value = previous.value * factor + claim.value
    previous.unit = claim.unit
    previous.quantity = f"{previous.quantity} and {claim.quantity}"
    return True


def _plural(noun: str) -> str:
    """ "member" -> "members", "country" -> "countries", "match" -> "matches"."""
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (pobj.pos_ in ("NOUN", "PROPN", "PRON") or pobj.is_alpha and pobj.is_lower):
                    return pobj
    return None


def _counted_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The noun a count counts: the head it modifies, the noun after "of", or the next noun."""
    last = doc[end - 1]
    if end < len(doc) and doc[end].lower_ == "times":
        return doc[end]
    # "57-member": the number hangs off the noun after the hyphen.
    if (
        end + 1 < len(doc)
        and doc[end].text in ("-", "–")
        and doc[end + 1].pos_ in ("NOUN", "PROPN")
        and doc[end + 1].text[:1].islower()
    ):
        return doc[end + 1]
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and last.head.i >= end:
        head = last.head
        if head.pos_ in ("VERB", "ADJ") and head.dep_ == "amod" and head.head.i > head.i:
            head = head.head  # "one million stabilised apartments"
        dated = head.ent_type_ in ("DATE", "TIME") and not (head.tag_ == "NNS" and head.lemma_ not in TIME_UNITS)
        # A numeral modifies a nominal even when the tagger calls it a verb ("19 tries").
        nominal = head.pos_ in ("NOUN", "PROPN") or last.dep_ == "nummod" and head.is_alpha and head.is_lower
        if nominal and head.lower_ not in SCALES and not dated:
            if head.pos_ == "PROPN" and head.ent_type_ not in ("", "NORP"):
                return None
            return head
        if head.pos_ in ("NOUN", "PROPN"):
            return None
    pobj = _of_object(last)
    if pobj is not None and pobj.pos_ != "PRON":
        return pobj
    # A misparse ("balance three only partially aligned priorities"): the next noun, across modifiers.
    for j in range(end, min(end + 5, len(doc))):
        t = doc[j]
        if t.pos_ == "NOUN" and t.dep_ != "compound" and t.ent_type_ not in ("DATE", "TIME"):
            return t
        if not (t.pos_ in ("ADV", "ADJ") or t.pos_ == "VERB" and t.dep_ == "amod" or t.dep_ == "compound"):
            break
    return None


# -- who it concerns ------------------------------------------------------------------------


@dataclass(slots=True)
class _People:
    """Entity mentions by token, and the mentions in text order for resolving pronouns."""

    by_token: dict[int, str]
    order: list[tuple[int, str, str]]  # (token index, label, canonical)

    def before(self, i: int, labels: tuple[str, ...], window: int = 60, containing: str = "") -> str | None:
        """The nearest entity of ``labels`` (whose name contains ``containing``) before token ``i``."""
        k = bisect.bisect_left(self.order, (i, "", ""))
        for j in range(k - 1, -1, -1):
            at, label, canonical = self.order[j]
            if i - at > window:
                break
            if label in labels and containing in canonical.casefold():
                return canonical
        return None


def _people(doc: Doc, entities: Sequence[Entity]) -> _People:
    """Token index -> canonical name (named mentions over role references; groups left out)."""
    by_token: dict[int, str] = {}
    order: list[tuple[int, str, str]] = []
    for e in sorted(entities, key=lambda e: (e.end or 0) - (e.start or 0)):
        if e.start is None or e.end is None:
            continue
        if e.label == "NORP" and not (e.text.endswith("s") and e.canonical[:1].isupper() and "an" not in e.text[-4:]):
            continue  # nationalities are not actors; parties ("the Conservatives", "the Greens") are
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or _dateline(span[0]):
            continue  # "TORONTO (Reuters) — ...": the place of the dateline is not what figures concern
        for t in span:
            by_token.setdefault(t.i, e.canonical)
        order.append((span.root.i, e.label, e.canonical))
    order.sort()
    return _People(by_token, order)


def _entity_of(tok: Token, people: _People) -> str | None:
    """The entity a noun phrase names: itself, or its possessor / compound / "of"/"in" object."""
    if tok.i in people.by_token:
        return people.by_token[tok.i]
    for child in tok.children:
        if child.dep_ in ("poss", "compound") and child.i in people.by_token:
            return people.by_token[child.i]
        if child.dep_ == "poss" and (found := _resolve_pronoun(child, people)):
            return found  # "the council's cabinet", "its voters"
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for pobj in child.children:
                if pobj.i in people.by_token:
                    return people.by_token[pobj.i]
    return None


def _resolve_pronoun(tok: Token, people: _People) -> str | None:
    low = tok.lower_
    if low in ("he", "she", "his", "her"):
        return people.before(tok.i, ("PERSON",))
    if low == "its":
        return people.before(tok.i, ("ORG", "GPE"), window=40)
    if low == "it" and tok.dep_ == "nsubj" and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.head.children):
        return people.before(tok.i, ("ORG",), window=40)  # not "it is believed that ..."
    if low in _GENERIC and tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children):
        # "the council" -> "Birmingham City Council"; "the bloc", "the city" -> the nearest one named before.
        named = people.before(tok.i, ("ORG", "GPE"), window=200, containing=low)
        return named or (people.before(tok.i, _GENERIC[low], window=80) if low in _GENERIC_ANY else None)
    if low in ("which", "who", "that") and tok.head.dep_ == "relcl":
        return _entity_of(tok.head.head, people)
    return None


def _actor(doc: Doc, start: int, end: int, noun: Token | None, people: _People) -> str | None:
    """The canonical entity the sentence ties the figure to, or None."""
    anchor = noun if noun is not None else doc[end - 1]
    # The counted thing belongs to an entity: "NATO's 5% spending target", "the 57-member Ukraine ... Group".
    node: Token | None = anchor
    for _ in range(3):
        if node is None:
            break
        if node.i in people.by_token and not start <= node.i < end:
            return people.by_token[node.i]
        for child in node.children:
            if child.dep_ == "poss":
                found = people.by_token.get(child.i) or _resolve_pronoun(child, people)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.i in people.by_token:
                        return people.by_token[pobj.i]
        if node.dep_ in ("compound", "amod", "nummod") and node.head.pos_ in ("NOUN", "PROPN"):
            node = node.head
        else:
            break
    # "the Conservatives on 17%", "showed the AfD on 26%": the entity right before "on".
    j = start - 1
    while j >= 0 and doc[j].lower_ in ("also", "now", "still", "just", "only", ","):
        j -= 1
    if j >= 1 and doc[j].lower_ in ("on", "at"):
        k = j - 1
        while k >= 0 and doc[k].lower_ in ("also", "now", "still", ","):
            k -= 1
        if k >= 0 and k in people.by_token:
            return people.by_token[k]
    if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" and anchor.head.head.i in people.by_token:
        return people.by_token[anchor.head.head.i]
    # The clause: its subject, else an entity object ("left the chancellor with £22 billion"),
    # climbing out of infinitives, relative clauses and pronoun subjects; a reported clause
    # with a subject that names no entity falls back to the speaker ("TfL said the charge would raise ...").
    verb = anchor
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT" or verb.head is verb:
            break
        verb = verb.head
    for _ in range(6):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            found = _entity_of(subject, people) or _resolve_pronoun(subject, people)
            if found:
                return found
        for child in verb.children:
            if child.dep_ == "agent":
                found = _entity_of(child, people)
                if found is None and child.dep_ == "agent":
                    found = next((people.by_token[g.i] for g in child.children if g.i in people.by_token), None)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "according":
                found = next((people.by_token[t.i] for t in child.subtree if t.i in people.by_token), None)
                if found:
                    return found
        if verb.dep_ == "ROOT" or verb.head is verb:
            break
        if subject is not None and subject.lower_ not in _PRONOUNS:
            if not (verb.dep_ == "ccomp" and verb.head.lemma_ in _SPEECH):
                return None
        elif verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl", "pcomp", "acl"):
            return None
        verb = verb.head
        while verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT" and verb.head is not verb:
            verb = verb.head
    return None
