"""Normalisation and de-obfuscation of comment text, with an offset map back to the original.

The scorer never looks at the raw text: it looks at a lower-cased, de-obfuscated
form in which homoglyphs and accents are folded (``Рutin`` → ``putin``,
``fück`` → ``fuck``), leetspeak and symbols inside words are read as letters
(``id1ot`` → ``idiot``, ``b@stard`` → ``bastard``, ``f*ck`` → ``fuck``),
spaced or dotted letters are joined (``F.U.C.K.`` → ``fuck``,
``r e t a r d e d`` → ``retarded``), invisible characters are dropped and long
letter runs are shortened (``stuuuupid`` → ``stuupid``).

Every character of the normalised text remembers which character of the
original it came from, so evidence spans found in the normalised text are
reported as offsets into the text the user gave us.

Most comments need only the length-preserving steps (one ``str.translate`` and
``str.lower``); the length-changing steps run only when a cheap regex says the
comment contains something to fix, which keeps normalisation off the profile.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Normalized", "normalize", "normalize_all"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and, when its length differs from the original, the offset map.

    ``offsets[i]`` is the index in the original text of normalised character ``i``;
    ``offsets`` is ``None`` when normalisation preserved every position.
    """

    text: str
    offsets: tuple[int, ...] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to a span of the original text."""
        if self.offsets is None:
            return start, end
        if end <= start:
            o = self.offsets[min(start, len(self.offsets) - 1)] if self.offsets else 0
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


def _build_fold_table() -> dict[int, str]:
    """One character to one character: homoglyphs, accents, full-width forms, quotes."""
    table: dict[int, str] = {}
    # Latin letters with diacritics -> the base letter (é -> e, ł -> l, ø -> o).
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFKD", ch)[:1]
        if base.isascii() and base.isalpha():
            table[cp] = base.lower()
    extra = {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ħ": "h",
        "ı": "i",
        "ß": "s",
        "æ": "a",
        "œ": "o",
        "þ": "p",
    }
    # Cyrillic and Greek letters that look like Latin ones (а/a, о/o, р/p, с/c, ν/v, ...).
    homoglyphs = {
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ɡ": "g",
        "ո": "n",
        "ս": "u",
        "ь": "b",
        "г": "r",
        "п": "n",
        "и": "u",
        "д": "d",
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
        "γ": "y",
        "μ": "u",
        "ς": "s",
        "σ": "o",
        "ɑ": "a",
        "ɩ": "i",
        "ʏ": "y",
        "ᴀ": "a",
        "ʙ": "b",
        "ᴄ": "c",
        "ᴅ": "d",
        "ᴇ": "e",
        "ɢ": "g",
        "ʜ": "h",
        "ɪ": "i",
        "ᴊ": "j",
        "ᴋ": "k",
        "ʟ": "l",
        "ᴍ": "m",
        "ɴ": "n",
        "ᴏ": "o",
        "ᴘ": "p",
        "ʀ": "r",
        "ꜱ": "s",
        "ᴛ": "t",
        "ᴜ": "u",
        "ᴠ": "v",
        "ᴡ": "w",
        "ᴢ": "z",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
    }
    for src, dst in {**extra, **homoglyphs}.items():
        table[ord(src)] = dst
        up = src.upper()
        if len(up) == 1 and ord(up) not in table:
            table[ord(up)] = dst
    # Full-width ASCII (ｆｕｃｋ) -> ASCII.
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = chr(cp - 0xFEE0).lower()
    # Mathematical alphanumeric letters (𝐟𝐮𝐜𝐤, 𝒇𝒖𝒄𝒌 ...) -> ASCII.
    for cp in range(0x1D400, 0x1D6A4):
        name = unicodedata.name(chr(cp), "")
        if " LETTER " in name:
            letter = name.rsplit(" ", 1)[-1]
            if len(letter) == 1 and letter.isalpha():
                table[cp] = letter.lower()
    # Enclosed and circled letters (ⓕⓤⓒⓚ).
    for cp in range(0x24B6, 0x24EA):
        table[cp] = unicodedata.name(chr(cp)).rsplit(" ", 1)[-1].lower()
    return table


_FOLD = _build_fold_table()

#: Characters read as letters inside a word (``id1ot``, ``b@stard``, ``sh!t``, ``a$$``).
LEET: dict[str, str] = {
    "0": "o",
    "1": "i",
    "3": "e",
    "4": "a",
    "5": "s",
    "6": "g",
    "7": "t",
    "8": "b",
    "9": "g",
    "@": "a",
    "$": "s",
    "!": "i",
    "|": "l",
    "+": "t",
    "€": "e",
    "¡": "i",
}
#: Characters standing for an unknown letter (``f*ck``, ``c#nt``); resolved against a word list.
WILDCARDS = "*#%?_."
_LEET_CHARS = "".join(re.escape(c) for c in LEET) + re.escape(WILDCARDS.replace(".", ""))
# A run of letters and leet/wildcard characters that mixes both; the leet characters
# must sit between letters (so "10s", "2050", "ok!" and "$5" are left alone).
_MIXED = re.compile(rf"[a-z](?:[a-z{_LEET_CHARS}]*[{_LEET_CHARS}])+[a-z]+")
_HAS_LEET = re.compile(rf"[a-z][{_LEET_CHARS}]+[a-z]")

# Zero-width characters, soft hyphens, combining marks: dropped.
_INVISIBLE = re.compile("[\u200b-\u200f\u00ad\u2060\ufeff\u0300-\u036f]")
# Three or more single letters split by one space, dot, dash, underscore or star:
# "f u c k", "F.U.C.K.", "r-e-t-a-r-d".
_SPACED = re.compile(r"(?<![a-z0-9'])(?:[a-z][ .\-_*]){2,}[a-z](?![a-z0-9'])")
_RUN = re.compile(r"([a-z])\1{2,}")
_NEEDS_SLOW = re.compile(
    "[\u200b-\u200f\u00ad\u2060\ufeff\u0300-\u036f]|([a-z])\\1{2,}|"
    r"(?<![a-z0-9'])[a-z][ .\-_*][a-z][ .\-_*][a-z](?![a-z0-9'])"
)

_wildcard_words: dict[int, list[str]] = {}


def set_wildcard_words(words: Iterable[str]) -> None:
    """Words that a starred token may stand for (``f*ck``), grouped by length."""
    _wildcard_words.clear()
    for w in sorted(set(words)):
        _wildcard_words.setdefault(len(w), []).append(w)


def _is_listed(word: str) -> bool:
    """``word`` (or its singular) is one of the words set by :func:`set_wildcard_words`."""
    return any(w in _wildcard_words.get(len(w), ()) for w in (word, word[:-1] if word.endswith("s") else word))


def _resolve_wildcards(token: str) -> str:
    """``f*ck`` -> ``fuck`` if one listed word fits; stars left as they are otherwise."""
    candidates = _wildcard_words.get(len(token), ())
    for w in candidates:
        if all(t == c or t in WILDCARDS or LEET.get(t) == c for t, c in zip(token, w, strict=False)):
            return w
    return "".join(LEET.get(t, t) for t in token)


def _deleet(m: re.Match[str]) -> str:
    token = m.group(0)
    if any(c in WILDCARDS for c in token):
        return _resolve_wildcards(token)
    return "".join(LEET.get(c, c) for c in token)


def _lower_fold(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # "İ".lower() is two characters; keep one per position
        low = "".join(c.lower()[:1] or c for c in text)
    return low.translate(_FOLD)


def normalize(text: str) -> Normalized:
    """Lower-case, fold and de-obfuscate ``text``, keeping a map back to its offsets.

    Args:
        text: a comment as the user gave it.

    Returns:
        The normalised text; ``original_span`` maps its spans back.

    Example:
        >>> n = normalize("You F.U.C.K.I.N.G id1ot")
        >>> n.text
        'you fucking idiot'
        >>> n.original_span(4, 11)
        (4, 17)
    """
    folded = _lower_fold(text)
    if _HAS_LEET.search(folded):
        folded = _MIXED.sub(_deleet, folded)  # same length: one character for one
    if not _NEEDS_SLOW.search(folded):
        return Normalized(folded)
    chars = list(folded)
    keep = list(range(len(chars)))
    # Drop invisible characters.
    for m in _INVISIBLE.finditer(folded):
        keep[m.start()] = -1
    # Join spaced letters: drop the separators.
    for m in _SPACED.finditer(folded):
        start = m.start()
        # "a r e t a r d" is the article "a" then a spaced word: keep "a" apart, unless
        # the whole run spells a listed word ("i d i o t s").
        if folded[start] in "ai" and folded[start + 1] == " " and m.end() - start >= 9:
            joined = "".join(c for c in m.group() if c.isalpha())
            if not _is_listed(joined):
                start += 2
        for i in range(start, m.end()):
            if not folded[i].isalpha():
                keep[i] = -1
    # Shorten letter runs to two.
    for m in _RUN.finditer(folded):
        for i in range(m.start() + 2, m.end()):
            keep[i] = -1
    kept = [i for i in keep if i >= 0]
    new = "".join([chars[i] for i in kept])
    if _HAS_LEET.search(new):  # "f . u . c . k" etc. may expose new leet runs
        new = _MIXED.sub(_deleet, new)
    return Normalized(new, tuple(kept))


_WORD = re.compile(r"[a-z]+")


def respell(norm: Normalized, fixes: dict[str, str]) -> Normalized:
    """Replace whole words of a normalised text (``idoit`` -> ``idiot``), keeping the offset map.

    The characters of a replacement map to the characters of the word it replaces
    (its last character to the word's last character).
    """
    text = norm.text
    pieces: list[str] = []
    offsets: list[int] = []
    old = norm.offsets if norm.offsets is not None else range(len(text))
    last = 0
    for m in _WORD.finditer(text):
        new = fixes.get(m.group())
        if new is None:
            continue
        s, e = m.span()
        pieces.append(text[last:s])
        offsets.extend(old[last:s])
        pieces.append(new)
        # The last character maps to the word's last, so a span over the respelled
        # word covers the whole original word whatever the lengths.
        offsets.extend(old[e - 1 if k == len(new) - 1 else min(s + k, e - 1)] for k in range(len(new)))
        last = e
    if not pieces:
        return norm
    pieces.append(text[last:])
    offsets.extend(old[last:])
    return Normalized("".join(pieces), tuple(offsets))


_WORD_SPLIT = re.compile(r"([a-z]+)")


def blank_words(text: str, words: frozenset[str]) -> str:
    """Replace each listed whole word by spaces (same length, so offsets still hold)."""
    parts = _WORD_SPLIT.split(text)  # separators at even indices, words at odd ones
    found = parts[1::2]
    if words.isdisjoint(found):
        return text
    parts[1::2] = [" " * len(w) if w in words else w for w in found]
    return "".join(parts)


def normalize_all(texts: Sequence[str]) -> list[Normalized]:
    """:func:`normalize` for a batch: the same results, computed faster.

    A vectorised scan of the folded batch picks out the few comments with
    something to de-obfuscate (leetspeak, spaced letters, letter runs, invisible
    characters); only those go through :func:`normalize` one by one.
    """
    folded = [_lower_fold(t) for t in texts]
    if len(folded) < 2:
        return [normalize(t) for t in texts]
    out = [Normalized(t) for t in folded]
    for k in _flagged(folded):
        out[k] = normalize(texts[k])
    return out


def _flagged(folded: list[str]) -> list[int]:
    """Indices of the ``folded`` texts that :func:`normalize` may change beyond folding:
    a superset of those in which ``_HAS_LEET`` or ``_NEEDS_SLOW`` finds something."""
    import numpy as np

    big = "\x00".join(folded)  # a separator that none of the patterns can match across
    if big.count("\x00") != len(folded) - 1:  # a comment holds one: check them all
        return list(range(len(folded)))
    codes = np.frombuffer(big.encode("utf-32-le"), dtype=np.uint32)
    # One pad character before and six after, so shifted views need no bounds checks.
    c = np.zeros(len(codes) + 7, dtype=np.uint32)
    c[1:-6] = codes
    table = np.asarray(_KIND_LIST, dtype=np.uint8)
    kind = table[np.minimum(c, len(_KIND_LIST) - 1)]
    letter = (kind & _LETTER) > 0
    leet = ((kind & _LEETCH) > 0) | (c == ord("€"))
    hit = np.zeros(len(c), dtype=bool)
    # _HAS_LEET: a letter, a run of leet or wildcard characters, a letter.
    if leet.any():
        run_start = np.nonzero(leet[1:-1] & ~leet[:-2])[0] + 1
        run_end = np.nonzero(leet[1:-1] & ~leet[2:])[0] + 1
        ok = letter[run_start - 1] & letter[run_end + 1]
        hit[run_start[ok]] = True
    # _NEEDS_SLOW: invisible characters ...
    hit |= ((c >= 0x200B) & (c <= 0x200F)) | (c == 0xAD) | (c == 0x2060) | (c == 0xFEFF) | ((c >= 0x300) & (c <= 0x36F))
    # ... three identical letters in a row ...
    hit[:-2] |= letter[:-2] & (c[:-2] == c[1:-1]) & (c[1:-1] == c[2:])
    # ... and letter, separator, letter, separator, letter with no letter, digit or
    # apostrophe on either side.
    sep = (kind & _SPACEDSEP) > 0
    free = (kind & _WORDISH) == 0
    m = len(c)
    hit[1 : m - 5] |= (
        free[0 : m - 6]
        & letter[1 : m - 5]
        & sep[2 : m - 4]
        & letter[3 : m - 3]
        & sep[4 : m - 2]
        & letter[5 : m - 1]
        & free[6:m]
    )
    where = np.nonzero(hit[1:-6])[0]
    if not len(where):
        return []
    seps = np.nonzero(codes == 0)[0]  # where each comment but the first starts, minus one
    docs = np.searchsorted(seps, where, side="right")
    return [int(d) for d in np.unique(docs)]


# Character classes for _flagged, by code point (code points past the table are none of them).
_LETTER, _LEETCH, _SPACEDSEP, _WORDISH = 1, 2, 4, 8


def _kind_table() -> list[int]:
    table = [0] * 257
    for ch in "abcdefghijklmnopqrstuvwxyz":
        table[ord(ch)] |= _LETTER | _WORDISH
    for ch in "0123456789'":
        table[ord(ch)] |= _WORDISH
    for ch in set(LEET) | set(WILDCARDS.replace(".", "")):
        if ord(ch) < 256:
            table[ord(ch)] |= _LEETCH
    for ch in " .-_*":
        table[ord(ch)] |= _SPACEDSEP
    return table


_KIND_LIST = _kind_table()
