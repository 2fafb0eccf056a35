# ruff: noqa: E501
"""Spam: commercial, link, "work from home", crypto and pharma spam in comments.

A rule model: weighted cues (money-making offers, contact/call-to-action
phrases, crypto and pharma vocabulary, links — shortened or many — phone
numbers and e-mail addresses, shouting, repeated exclamation marks) summed
and passed through a logistic curve, so 0.5 is "more likely spam than not".
Hostile or political comments without an offer or a link stay low: insults
are a toxicity matter, not spam. Weights were set on the dev half of
``tests/fixtures/spam/labelled.tsv`` (``benchmarks/eval_spam.py``).

Example:
    >>> spam_score("I make $85 an hour working from home! Check www.easy-cash.example") > 0.5
    True
    >>> spam_score("You are an idiot and your article is garbage.") < 0.5
    True
"""

from __future__ import annotations

import math
import re

from ..document import Document

__all__ = ["SpamScorer", "spam_score", "spam_cues"]

_RULES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (name, w, re.compile(p, re.IGNORECASE))
    for name, w, p in (
        ("money_offer", 2.5, r"\b(earn|make|making|made|get paid|paycheck|income)\b[^.!?\n]{0,40}"
         r"(\$|€|£|usd|dollars?|per (hour|week|month|day)|an hour|a week|a month|from home|online)"),
        ("work_from_home", 2.5, r"\b(work(ing)? from home|home.based (job|business)|part.time job|side hustle|"
         r"job opportunity|be your own boss|passive income|extra cash|financial freedom)\b"),
        ("amount", 0.8, r"[$€£]\s?\d[\d,.]*\s?(k|per|/|an hour|a week|a month)?|\b\d+\s?(usd|dollars|euros)\b"),
        ("call_to_action", 1.5, r"\b(click (here|the link|this link|below)|visit (my|our|this)|check (out )?(my|our|this) "
         r"(site|website|page|profile|link)|sign up (now|today|here)|join (now|today|us at)|order (now|today)|"
         r"buy (now|today)|dm me|whatsapp|telegram me|contact (me|us) (at|on|via)|limited offer|act now)\b"),
        ("crypto", 1.6, r"\b(bitcoin|btc|crypto|forex|binary options?|trading (bot|signals?|platform)|"
         r"investment (plan|platform)|nft|airdrop|usdt|returns? of \d+%|\d+% (profit|returns?|daily))\b"),
        ("pharma", 2.0, r"\b(viagra|cialis|levitra|tramadol|xanax|oxycodone|weight loss pills?|diet pills?|"
         r"keto pills?|pharmacy|no prescription|male enhancement|erectile)\b"),
        ("commercial", 1.2, r"\b(discount|promo code|coupon|free shipping|best prices?|cheap|sale|% off|"
         r"replica|wholesale|casino|betting|bonus|loans?|payday|giveaway|winner|won \$)\b"),
        ("url", 1.5, r"(https?://|www\.)\S+|\b[\w-]+\.(com|net|org|info|biz|xyz|club|shop|online|site|io|ru|co)"
         r"(/\S*)?\b"),
        ("short_url", 1.5, r"\b(bit\.ly|tinyurl\.com|t\.co|goo\.gl|is\.gd|cutt\.ly|rb\.gy|ow\.ly)/"),
        ("contact", 1.5, r"[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d\s().-]{8,}\d"),
        ("testimonial", 1.0, r"\b(my (friend|sister|aunt|neighbou?r|cousin)|i (just )?(got|received) my)\b[^.!?\n]{0,60}"
         r"\b(paid|earn|made|check|cheque|income|\$)"),
        ("guarantee", 1.0, r"\b(guaranteed|100% (free|legit|real)|risk.free|no experience (needed|required)|"
         r"easy money|quick money|life.changing)\b"),
    )
)
_BIAS = -3.0


def spam_cues(text: str) -> list[tuple[str, int, int]]:
    """The spam cues found in ``text`` as ``(name, start, end)``, at most one per cue."""
    out = []
    for name, _, pattern in _RULES:
        m = pattern.search(text)
        if m:
            out.append((name, m.start(), m.end()))
    return out


def spam_score(text: str) -> float:
    """The probability that ``text`` is spam (commercial, link, money-making, crypto, pharma).

    Args:
        text: a comment.

    Returns:
        A score in [0, 1]; 0.5 or more means more likely spam than not.
    """
    weights = {name: w for name, w, _ in _RULES}
    z = _BIAS + sum(weights[name] for name, _, _ in spam_cues(text))
    # Several distinct commercial words ("cheap", "best prices", "free shipping") add up.
    commercial = {m.group(0).lower() for m in _RULES[6][2].finditer(text)}
    z += 0.8 * min(2, max(0, len(commercial) - 1))
    urls = len(re.findall(r"https?://|www\.", text, re.IGNORECASE))
    z += 1.0 * max(0, urls - 1)
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) > 20 and sum(ch.isupper() for ch in letters) / len(letters) > 0.6:
        z += 0.5
    if "!!!" in text:
        z += 0.3
    return round(1.0 / (1.0 + math.exp(-z)), 4)


class SpamScorer:
    """Pipeline stage ``spam.rules.v1``: set ``comments[].spam`` in [0, 1]."""

    name = "spam.rules.v1"
    requires: tuple[str, ...] = ("comments",)
    assigns: tuple[str, ...] = ("comments.spam",)

    def __call__(self, doc: Document) -> Document:
        for c in doc.comments:
            c.spam = spam_score(c.text)
        return doc
