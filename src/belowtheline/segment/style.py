"""How much a paragraph reads like reader talk rather than news prose.

Reader comments address people ("you", "I", "we"), ask and exclaim, use
contractions and informal words, and rarely attribute statements; news
paragraphs attribute ("said", "according to"), quote, and carry figures and
names. :func:`comment_likeness` turns these cues into a score (positive:
comment-like) used where a capture shows no marker between article and comments.
"""

from __future__ import annotations

import re

__all__ = ["comment_likeness"]

_WORD = re.compile(r"[A-Za-z’']+")
_FIRST_SECOND = {
    "i",
    "i'm",
    "i’m",
    "i've",
    "i’ve",
    "i'd",
    "i’d",
    "i'll",
    "i’ll",
    "me",
    "my",
    "mine",
    "myself",
    "you",
    "your",
    "yours",
    "you're",
    "you’re",
    "you've",
    "you’ve",
    "you'd",
    "you’d",
    "u",
    "ur",
    "ya",
    "we",
    "us",
    "our",
    "ours",
    "we're",
    "we’re",
    "let's",
    "let’s",
    "yourself",
    "yourselves",
}
_INFORMAL = {
    "lol",
    "lmao",
    "rofl",
    "haha",
    "hahaha",
    "yeah",
    "yep",
    "nope",
    "nah",
    "ok",
    "okay",
    "imo",
    "imho",
    "btw",
    "omg",
    "wtf",
    "smh",
    "tbh",
    "pls",
    "plz",
    "dude",
    "guys",
    "folks",
    "gonna",
    "wanna",
    "gotta",
    "kinda",
    "sorta",
    "stupid",
    "idiot",
    "idiots",
    "pathetic",
    "moron",
    "morons",
    "joke",
    "ridiculous",
    "nonsense",
    "rubbish",
    "garbage",
    "crap",
    "damn",
    "hell",
    "agree",
    "agreed",
    "disagree",
    "exactly",
    "thanks",
    "thank",
    "sir",
    "mate",
    "bs",
    "clown",
    "clowns",
    "shill",
    "troll",
    "trolls",
    "propaganda",
    "propagandists",
    "author",
    "article",
    "comments",
    "comment",
    "lefties",
    "libtards",
    "sheeple",
    "woke",
    "maga",
    "snowflake",
    "great",
    "bet",
    "hope",
    "hopefully",
    "sadly",
    "obviously",
    "seriously",
    "honestly",
    "frankly",
    "really",
    "must",
    "should",
}
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|added|stated|according to|announced|reported|confirmed|claimed|"
    r"explained|noted|warned|insisted|spokes(?:man|woman|person)|officials?|minister|"
    r"president|percent|per cent|million|billion|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)


def comment_likeness(text: str) -> float:
    """Score a paragraph: above 0 reads like a reader comment, below 0 like news prose.

    Example:
        >>> comment_likeness("You clearly didn't read the article, mate!") > 0
        True
        >>> comment_likeness("The minister said on Tuesday that 30,000 troops would be sent.") < 0
        True
    """
    words = [w.lower() for w in _WORD.findall(text)]
    n = len(words)
    if n == 0:
        return 0.0
    score = 0.0
    fs = sum(1 for w in words if w in _FIRST_SECOND)
    score += min(3.0, 12.0 * fs / n)
    score += min(1.5, 6.0 * sum(1 for w in words if w in _INFORMAL) / n)
    score += 0.8 * min(2, text.count("?")) + 0.6 * min(2, text.count("!"))
    if text[:1].islower():
        score += 0.8
    if re.search(r"\b\w+n[’']t\b", text):
        score += 0.4
    if re.search(r"\b[A-Z]{4,}\b", text) and not re.search(r"\b(?:NATO|NASA|UNESCO|OPEC|FIFA)\b", text):
        score += 0.3
    if "..." in text or "…" in text:
        score += 0.3
    att = len(_ATTRIBUTION.findall(text))
    score -= min(2.5, 1.0 * att)
    if re.search(r"[“\"].{10,}[”\"]", text) and att:
        score -= 0.8
    digits = len(re.findall(r"\d", text))
    score -= min(1.0, 0.1 * digits)
    if n < 6:
        score += 0.3
    elif 25 <= n <= 90 and fs == 0:
        score -= 0.8
    return score
