"""Curated word lists and phrase patterns, matched on normalised text.

The lexicon (``models/toxicity/lexicon.json``) has three parts:

* ``words``: categories of single words (``slur``, ``profanity_strong``,
  ``insult``, ``sexual``, ...). A token matches a word after de-doubling
  letters (``stuupid`` ~ ``stupid``), a plural ``s``, or one deleted, inserted,
  swapped or changed letter when the token is five letters or more and is not a
  common word of the training data (``idoit``, ``fukcing``, ``nigers``).
* ``patterns``: regular expressions for what single words miss — dehumanising
  generalisations (``Europeans are neanderthals``), death wishes (``they deserve
  to die``), threats (``I know where you live``) and sexual harassment without
  explicit words (``on your knees``). ``{GROUP}``, ``{DEHUMAN}``, ``{INSULT}``
  and ``{SLUR}`` expand to the word lists; ``{DEHUMAN_STRONG}`` to the
  dehumanising words that make a generalisation severe (``vermin``, not
  ``idiots``) and ``{PEOPLE}`` to groups that are not identities
  (``protesters``, ``politicians``).
* ``floors``: the minimum probability a hit sets for a label.

Hits feed the linear model as features and, through the floors, set lower
bounds on the calibrated scores; their spans become evidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from .normalize import blank_words as _blank

__all__ = ["Hit", "Lexicon", "dedouble", "reported_spans"]

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
_TOKEN_SPLIT = re.compile(r"([a-z]+(?:'[a-z]+)?)")
_DOUBLE = re.compile(r"([a-z])\1+")

#: A quotation in normalised text (curly quotes are straight by then): double quotes, or
#: single quotes that open before a letter and close after a word (so the apostrophes of
#: "i'll" and "don't" neither open nor close one).
_QUOTED = re.compile(r'"[^"\n]{2,400}?"|(?<![a-z0-9])\'(?=[a-z0-9])[^\n]{1,400}?(?<=[a-z0-9.!?,])\'(?![a-z0-9])')
#: Words outside a quotation that show the comment reports or condemns what it quotes:
#: reporting verbs and nouns of court, police and protest reports, and words of censure.
_REPORT_FRAME = re.compile(
    r"\b(?:said|says|saying|told|tells|wrote|writes|posted|tweeted|texted|messaged|emailed|shouted|"
    r"chanted|chanting|yelled|screamed|threatened|threatening|threats?|called|calling|calls|branded|"
    r"labelled|labeled|dubbed|reading|read|reads|allegedly|alleged|accused|charged|convicted|"
    r"court|jury|judge|heard|trial|police|officers|arrested|jailed|sentenced|prosecuted|texts|"
    r"messages|comments|comment|posts|sign|signs|placard|placards|banner|banners|graffiti|slogan|"
    r"slogans|quoted?|quoting|words|language|rhetoric|condemn\w*|disgust\w*|disgrace\w*|"
    r"appall\w*|horrif\w*|shameful|shame|unacceptable|sickening|vile|despicable|abhorrent|"
    r"dangerous|terrifying|incitement|hate speech|racist|racism|homophobic|misogyn\w*|abuse|abusive|"
    r"ashamed|slurs?|insults?|hateful|bigot\w*|trolls?|replies)\b"
)
#: Words that endorse the quotation instead ("he said 'hang them all' and he's right").
_ENDORSE = re.compile(
    r"\b(?:i agree|agree with|(?:he|she|they)(?:'s| is| are| was| were) right|spot on|well said|"
    r"hear hear|so true|couldn't agree|could not agree|exactly right|about time|too right|damn right|"
    r"bang on|based)\b"
)


def reported_spans(text: str) -> list[tuple[int, int]]:
    """Quotations that the rest of a normalised comment reports or condemns.

    ``the court heard he texted 'i'll burn your house down'`` and ``calling refugees
    'vermin' is disgraceful`` quote abuse without committing it: lexicon hits inside
    such a quotation are evidence of what was said, not of the commenter's own
    abuse, so they set no floors (the learned model still scores the whole text).
    A quotation counts when the text outside all quotations has a reporting verb,
    a court, police or protest word, or a word of censure, and does not endorse it
    ("and he's right").
    """
    if "'" not in text and '"' not in text:
        return []
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    if not spans:
        return []
    outside, last = [], 0
    for a, b in spans:
        outside.append(text[last:a])
        last = b
    outside.append(text[last:])
    rest = " ".join(outside)
    return spans if _REPORT_FRAME.search(rest) and not _ENDORSE.search(rest) else []


#: A copula or "not" negating what follows: "are not", "isn't", "they're not", "never".
_NEGATION = re.compile(
    r"\b(?:(?:are|is|am|was|were|be|being|r|'re|'s|'m)\s+(?:not|never|no)|"
    r"(?:aren't|isn't|wasn't|weren't|ain't|arent|isnt|wasnt|werent|aint)|"
    r"not (?:all|every|every single|each)\s+(?:[a-z'-]+\s+){1,4}?(?:are|is|r|were|was))\s+"
    r"((?:(?:all|just|simply|necessarily|really|even|a|an|the|some|kind|sort|of|bunch|lot|load)\s+)*"
    r"[a-z'-]+(?:,?\s+(?:or|and|nor)\s+(?:a\s+|an\s+)?[a-z'-]+)?)"
)
#: Tokens that make a negation worth looking for.
_NEGATION_TOKENS = frozenset(
    {"not", "never", "no", "aren't", "isn't", "wasn't", "weren't", "ain't", "arent", "isnt", "wasnt", "werent", "aint"}
)
#: Word categories a negation takes back ("Muslims are not terrorists", "you're not an idiot").
NEGATABLE = frozenset({"insult", "dehumanising", "slur", "slur_ambiguous"})

#: Word categories whose tokens may be matched with one edit (misspelled slurs, "fukcing").
FUZZY_CATEGORIES = ("slur", "profanity_strong", "insult", "sexual")


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon match: ``kind`` is a word category or a pattern id; offsets are normalised."""

    kind: str
    start: int
    end: int


def dedouble(word: str) -> str:
    """Collapse repeated letters: ``asshole`` -> ``ashole``, ``stuuupid`` -> ``stupid``."""
    return _DOUBLE.sub(r"\1", word)


def _trie_regex(words: Iterable[str]) -> str:
    """A prefix-factored alternation; Python's ``re`` does not factor alternations itself."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in sorted(set(words)):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return "(?:" + build(trie) + ")"


class Lexicon:
    """Word categories, patterns and floors loaded from a lexicon JSON file.

    Args:
        path: the lexicon file.
        common_words: frequent words of ordinary text, never fuzzy-matched
            (so ``shot`` is not read as ``shit``).
    """

    def __init__(self, path: Path, common_words: Iterable[str] = ()) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.categories: tuple[str, ...] = tuple(sorted(data["words"])) + ("slur_ambiguous",)
        ambiguous = set(data.get("ambiguous_slurs", ()))
        self.words: dict[str, tuple[str, ...]] = {}
        by_word: dict[str, set[str]] = {}
        for cat, words in data["words"].items():
            for w in words:
                c = "slur_ambiguous" if cat == "slur" and w in ambiguous else cat
                by_word.setdefault(w, set()).add(c)
        for w, cats in by_word.items():
            self.words[w] = tuple(sorted(cats))
        # De-doubled forms, consulted only for tokens with a doubled letter ("stuupid").
        self._dd: dict[str, tuple[str, ...]] = {}
        for w in by_word:
            self._dd.setdefault(dedouble(w), self.words[w])
        self.common = frozenset(common_words)
        # Edit-distance-1 neighbours of the longer words (first letter kept): a deleted
        # letter, an inserted one, two swapped neighbours. A *changed* letter is left
        # out: it turns too many real words into slurs ("moskau" ~ "moskal").
        self._fuzzy: dict[str, tuple[str, ...]] = {}
        self._fuzzy_word: dict[str, str] = {}  # neighbour -> the listed word
        for w, cats in by_word.items():
            fuzzy_cats = tuple(sorted(c for c in cats if c in FUZZY_CATEGORIES))
            if len(w) < 5 or not fuzzy_cats:
                continue
            for i in range(1, len(w)):
                self._fuzzy.setdefault(w[:i] + w[i + 1 :], fuzzy_cats)
                self._fuzzy_word.setdefault(w[:i] + w[i + 1 :], w)  # token misses a letter
                self._fuzzy.setdefault(w[:i] + "?" + w[i:], fuzzy_cats)
                self._fuzzy_word.setdefault(w[:i] + "?" + w[i:], w)  # an extra letter
                if i < len(w) - 1:
                    self._fuzzy.setdefault(w[:i] + w[i + 1] + w[i] + w[i + 2 :], fuzzy_cats)
                    self._fuzzy_word.setdefault(w[:i] + w[i + 1] + w[i] + w[i + 2 :], w)
        subs = {
            "GROUP": _trie_regex(data["groups"]),
            "DEHUMAN": _trie_regex(data["words"]["dehumanising"]),
            "DEHUMAN_STRONG": _trie_regex(data.get("dehumanising_strong", ("\x00",))),
            # Listed groups of people, and plural agent nouns (strikers, lobbyists, politicians).
            "PEOPLE": _trie_regex(data.get("people_nouns", ("\x00",))) + "|[a-z]{3,}(?:ers|ors|ists|ians)",
            "INSULT": _trie_regex(data["words"]["insult"]),
            "SLUR": _trie_regex(w for w in data["words"]["slur"] if w not in ambiguous),
        }
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        self._substring_triggers: list[tuple[str, int]] = []
        self._unless: list[re.Pattern[str] | None] = []
        # Per pattern: words and word categories one of which must be present first.
        self._triggers: list[tuple[frozenset[str], frozenset[str]]] = []
        self._check: list[frozenset[str]] = []
        self.floors: dict[str, dict[str, float]] = {k: dict(v) for k, v in data["floors"].items()}
        for p in data["patterns"]:
            rx = p["regex"]
            for k, v in subs.items():
                rx = rx.replace("{" + k + "}", v)
            self.patterns.append((p["id"], re.compile(rx)))
            trig = p.get("triggers") or {}
            self._triggers.append((frozenset(trig.get("words", ())), frozenset(trig.get("categories", ()))))
            # Symbols that are no words ("(((", "13/50") trigger a pattern by substring.
            for sub in trig.get("substrings", ()):
                self._substring_triggers.append((sub, len(self.patterns) - 1))
            self._check.append(frozenset(p.get("check_word", ())))
            # A pattern with "unless" finds nothing in a text that matches it (a slogan
            # named in order to reject it: "the 'great replacement' is a racist myth").
            self._unless.append(re.compile(p["unless"]) if p.get("unless") else None)
            self.floors[p["id"]] = dict(p["labels"])
        self.pattern_ids: tuple[str, ...] = tuple(p["id"] for p in data["patterns"])
        # Inverted trigger index: word (or category) -> the patterns it lets run, so a comment
        # costs one set intersection instead of one test per pattern.
        by_trigger: dict[str, list[int]] = {}
        for index, (words, categories) in enumerate(self._triggers):
            for t in words | {"\x00" + c for c in categories}:
                by_trigger.setdefault(t, []).append(index)
        self._by_trigger: dict[str, tuple[int, ...]] = {t: tuple(ks) for t, ks in by_trigger.items()}
        self._trigger_words = frozenset(t for t in self._by_trigger if not t.startswith("\x00"))
        #: Every word an obfuscated token (``f*ck``) may stand for.
        self.wildcard_targets: tuple[str, ...] = tuple(
            sorted(
                w
                for w, c in by_word.items()
                if set(c) & {"slur", "profanity_strong", "insult", "sexual", "profanity_mild"}
            )
        )
        self._cache: dict[str, tuple[str, ...]] = {}
        self._groups = frozenset(data["groups"])
        #: Words the learned features never see (see normalize.blank_words).
        self.identity_terms = frozenset(data.get("identity_terms", ()))
        self._negative: set[str] = set()

    def lookup(self, token: str) -> tuple[str, ...]:
        """The word categories of one normalised token (empty when none)."""
        cats = self._cache.get(token)
        if cats is None:
            cats = self._lookup(token)
            if not cats and "'" in token:
                cats = self._lookup(token.split("'", 1)[0])
            if len(self._cache) < 500_000:  # comment vocabularies are Zipfian: a cache pays
                self._cache[token] = cats
        return cats

    def _lookup(self, token: str) -> tuple[str, ...]:
        words = self.words
        cats = words.get(token)
        if cats is not None:
            return cats
        if token.endswith("s") and len(token) > 3:
            cats = words.get(token[:-1])
            if cats is not None:
                return cats
        dd = dedouble(token)
        if dd != token:
            cats = self._dd.get(dd) or (self._dd.get(dd[:-1]) if dd.endswith("s") else None)
            if cats is not None:
                return cats
        if len(token) >= 5 and token not in self.common:
            return self._fuzzy_lookup(dd if dd in self.common else token)
        return ()

    def _fuzzy_lookup(self, token: str) -> tuple[str, ...]:
        word = self.correction(token)
        return self._fuzzy[word[1]] if word else ()

    def correction(self, token: str) -> tuple[str, str] | None:
        """``(listed word, neighbour key)`` when ``token`` is one edit from a listed word."""
        fz = self._fuzzy_word
        w = fz.get(token)
        if w is not None:
            return w, token
        for i in range(1, len(token)):
            key = token[:i] + "?" + token[i + 1 :]
            w = fz.get(key)
            if w is not None:
                return w, key
        return None

    def corrections(self, tokens: set[str]) -> dict[str, str]:
        """Misspelled listed words among ``tokens`` and their spelling (``idoit`` -> ``idiot``)."""
        out: dict[str, str] = {}
        todo = tokens - self._negative
        if not todo:
            return out
        for tok in todo:
            if len(tok) >= 5 and tok not in self.words and tok not in self.common:
                c = self.correction(tok)
                if c is not None and c[0] != tok:
                    out[tok] = c[0]
        return out

    def negated(self, text: str, unique: set[str]) -> list[tuple[int, int]]:
        """Spans of listed insults, dehumanising words and slurs that a negation takes back.

        ``muslims are not terrorists``, ``you're not an idiot``, ``they aren't
        vermin or criminals``: the words after the negation are not the commenter's
        claim, so they neither count as lexicon hits nor reach the learned features
        (:meth:`mask`). ``not human`` and ``not people`` are left alone (they are the
        dehumanising claim itself).
        """
        if _NEGATION_TOKENS.isdisjoint(unique):
            return []
        out = []
        for m in _NEGATION.finditer(text):
            start = m.start(1)
            for w in _TOKEN.finditer(m.group(1)):
                if not NEGATABLE.isdisjoint(self.lookup(w.group())):
                    out.append((start + w.start(), start + w.end()))
        return out

    def mask(self, text: str, unique: set[str]) -> str:
        """``text`` as the learned features see it: identity terms and negated abuse blanked.

        Blanked words become spaces of the same length, so offsets still hold.
        """
        if not self.identity_terms.isdisjoint(unique):
            text = _blank(text, self.identity_terms)
        for a, b in self.negated(text, unique):
            text = text[:a] + " " * (b - a) + text[b:]
        return text

    def match(
        self,
        text: str,
        toks: list[str] | None = None,
        unique: set[str] | None = None,
        parts: list[str] | None = None,
    ) -> list[Hit]:
        """Word and pattern hits in a normalised text.

        Args:
            text: normalised text.
            toks: its tokens (``[a-z]+('[a-z]+)?``) when the caller has them already.
            unique: ``set(toks)``, likewise.
            parts: ``text`` split around its tokens (``re.split`` with the token pattern
                in a group: separators at even indices, ``toks`` at odd ones), likewise.
        """
        if unique is None:
            unique = set(_TOKEN.findall(text) if toks is None else toks)
        cats_of: dict[str, tuple[str, ...]] = {}
        # Set algebra in C first: most tokens are known to match nothing.
        todo = unique - self._negative
        lookup = self.lookup
        if todo:
            for tok in todo:
                cats = lookup(tok)
                if cats:
                    cats_of[tok] = cats
                elif len(self._negative) < 500_000:
                    self._negative.add(tok)
        hits = []
        found: set[str] = set()
        if cats_of:
            if parts is None:
                parts = _TOKEN_SPLIT.split(text)
            # Where each part ends: token i spans [ends[2i], ends[2i + 1]).
            ends = list(accumulate(map(len, parts)))
            for i, tok in enumerate(parts[1::2]):
                tok_cats = cats_of.get(tok)
                if tok_cats:
                    start, end = ends[2 * i], ends[2 * i + 1]
                    for c in tok_cats:
                        hits.append(Hit(c, start, end))
                    found.update(tok_cats)
        negated: list[tuple[int, int]] = []
        if hits and not _NEGATION_TOKENS.isdisjoint(unique):
            negated = self.negated(text, unique)
            if negated:
                hits = [h for h in hits if not any(a < h.end and h.start < b for a, b in negated)]
                found = {h.kind for h in hits}
        if not self._groups.isdisjoint(unique):
            found.add("group")
        by_trigger = self._by_trigger
        todo_patterns: set[int] = set()
        for t in unique & self._trigger_words:
            todo_patterns.update(by_trigger[t])
        for c in found:
            todo_patterns.update(by_trigger.get("\x00" + c, ()))
        for sub, k in self._substring_triggers:
            if sub in text:
                todo_patterns.add(k)
        for k in sorted(todo_patterns):  # in file order, as the hits always were
            pid, rx = self.patterns[k]
            check = self._check[k]
            unless = self._unless[k]
            if unless is not None and unless.search(text):
                continue
            for m in rx.finditer(text):
                if m.end() > m.start() and (not check or not check.isdisjoint(lookup(m.group("w")))):
                    hits.append(Hit(pid, m.start(), m.end()))
        if negated:
            # A word a negation takes back, and a pattern built on it ("travellers are
            # criminals" in "not all travellers are criminals"), are no hits.
            hits = [h for h in hits if not any(a < h.end and h.start < b for a, b in negated)]
        return hits
