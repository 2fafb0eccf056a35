"""Reply structure of flat threads, inferred from the text of the comments.

Many captures lose the nesting of a discussion: every comment is a line, and
"Aggressive? Like the re-liberation of Hungary…" sits four comments below the
"…pursuing an aggressive expansion…" it answers. Readers still see the
structure, from cues in the text; this module scores the same cues:

* **addressing** an earlier commenter: "@Name", "Name, …", "…, Name." — when
  the thread has authors, the link goes to that author's comment that the
  words match best (the latest on a tie); a vocative to a name that is no
  known author only says *that* the comment is a reply (seed 000 has no
  authors: "Mr. Big Rooster, you excite me" is left unlinked);
* **echoing** an earlier comment: a shared run of words ("have been fighting",
  "Africa's population set to double"), distinctive words in common
  (weighted by how rare they are in the thread and discounted when the article
  uses them, since everyone repeats the article's words), and the typical
  opening of a rebuttal, a short fragment thrown back as a question
  ("Aggressive?", "Mild?", "Worked fine?");
* **answering the comment just above**: a comment that opens with a reply
  marker ("And", "Well,", "Same here", "Exactly"), a pronoun with no
  antecedent of its own ("That's a myth", "Please don't tell him"), a remark
  on the previous post ("your post", "the spelling") or second person,
  right after its target, or right after a question;
* the **conversation** so far: when A answered B, B's next comment usually
  answers A.

Each candidate parent gets a logistic score from these features (weights fitted
on the ``dev`` threads of ``tests/fixtures/threads`` by
``benchmarks/eval_replies.py --fit``); the best one becomes a :class:`Link`
when its confidence reaches ``threshold``, otherwise the comment is left
unlinked rather than guessed. Comments that already have ``reply_to`` are
never changed, and near-duplicates of a candidate (a re-post) are never linked
to it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..document import Comment, Document
from ..errors import ConfigError
from ._shingles import normalise, shingle_hashes, tokens

__all__ = ["FEATURES", "Link", "ReplyInferrer", "ReplyOptions", "candidate_features", "infer_replies", "set_depths"]


@dataclass(frozen=True, slots=True)
class Link:
    """An inferred reply: ``child`` answers ``parent`` with ``confidence`` in [0, 1], because of ``reason``."""

    child: str
    parent: str
    confidence: float
    reason: str


#: Feature names, in the order of :attr:`ReplyOptions.weights`.
FEATURES: tuple[str, ...] = (
    "bias",
    "adjacent",  # the candidate is the comment just above
    "near",  # two or three comments above
    "log_distance",
    "echo",  # weighted distinctive words in common (0-1)
    "phrase",  # longest shared run of words with a content word (0-1, 5+ words = 1)
    "first_echo",  # distinctive words of the child's first sentence found in the candidate (0-1)
    "opening_echo",  # the child opens with a short fragment taken from the candidate (1 as a question)
    "short_adjacent",  # a short comment (12 words or fewer) right after
    "reply_opening_adjacent",  # reply marker / anaphoric pronoun / remark on the post, right after
    "second_person_adjacent",  # "you"/"your" in the first sentence, right after
    "question_adjacent",  # the candidate just above ends with a question
    "addressed",  # the child names the candidate's author (vocative or @)
    "at_mention",  # ... with an "@": markup left in the text
    "mentioned",  # the child mentions the candidate's author's name
    "answer_to_reply",  # the candidate answered the child's author
    "same_author",
    "article_opening",  # the child opens by talking about the article / its author
    "vocative_unknown",  # the child addresses someone who is not a known author
)

# Fitted on the dev threads (benchmarks/eval_replies.py --fit), rounded.
_WEIGHTS: tuple[float, ...] = (
    -3.7, 0.9, 0.7, -1.4, 2.4, 2.2, 1.8, 2.5, 0.5, 2.3, 0.7, 1.2, 3.7, 2.0, 1.5, 2.9, -3.0, -2.0, 0.5,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyOptions:
    """How reply links are inferred.

    Attributes:
        threshold: smallest confidence for a link to be kept; 0.7 is the lowest
            threshold at which the dev threads reached precision 0.98 (precision
            matters more than recall: a wrong link misleads a moderator).
        window: how many earlier comments a text cue may reach back over
            (addressing an author by name reaches back over the whole thread).
        max_duplicate_jaccard: a candidate whose character-shingle Jaccard
            similarity with the child is at or above this is a re-post, not a parent.
        weights: one weight per name in :data:`FEATURES`.

    Raises:
        ConfigError: an option is out of range.
    """

    threshold: float = 0.7
    window: int = 10
    max_duplicate_jaccard: float = 0.5
    weights: tuple[float, ...] = field(default=_WEIGHTS)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"threshold={self.threshold} is out of range; use a value in (0, 1) (default 0.7).")
        if self.window < 1:
            raise ConfigError(f"window={self.window} must be at least 1 comment.")
        if len(self.weights) != len(FEATURES):
            raise ConfigError(f"weights has {len(self.weights)} values; give one per feature: {', '.join(FEATURES)}.")


# --------------------------------------------------------------------------- text cues

def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOP = _wordset(
    """a about above after again against all also am an and any are aren arent as at be because been before
    being below between both but by can cant could couldnt did didnt do does doesnt doing dont down during each
    even ever every few for from further get gets got had hadnt has hasnt have havent having he hed hes her here
    heres hers herself him himself his how hows i id ill im ive if in into is isnt it its itself just lets like
    me more most much must my myself no nor not now of off on once only or other ought our ours ourselves out
    over own really same say said says shant she shed shell shes should shouldnt so some such than that thats the
    their theirs them themselves then there theres these they theyd theyll theyre theyve this those though
    through to too under until up upon us very was wasnt we wed well were weve werent what whats when whens
    where wheres which while who whos whom why whys will with wont would wouldnt yes yet you youd youll youre
    youve your yours yourself yourselves one two also still way thing things lot lots make makes made know
    think people going go goes went see saw want wants time times good bad new old many back yeah ok okay
    anyone someone everyone nobody anything something nothing everything actually sure right"""
)
_REPLY_MARKERS = re.compile(
    r"^(?:and|but|so|well|no|nope|yes|yeah|yep|exactly|agreed|agree|indeed|true|this\b(?=[.!])|same|or|"
    r"funny|fair|nonsense|rubbish|wrong|really|lovely|right|then|thanks?|thank you|good question|"
    r"try telling|keep telling|not\b|actually|sorry|oh|ha|lol|because|correct|spot on|quite|absolutely|"
    r"says who|source|citation|which one|how did|did you|have you|are you|do you|were you|you)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"^(?:that|this|it|he|she|they|him|her|them|those|these|such|some|both|neither|either)\b(?!\s+(?:article|"
    r"piece|report|story|journalist|author|writer|headline|is why))",
    re.IGNORECASE,
)
# A third-person pronoun early in the comment with no name before it refers to something said above.
_PRONOUN_EARLY = re.compile(
    r"^\W*(?i:please|just|don'?t|do|tell|ask|give|let|leave|send|ignore|bless|poor|maybe|perhaps|if|when|what|why|"
    r"how|where|did|does|is|was|has|had|can|could|would|should|will|not|only|all)\b[^A-Z.?!]{0,40}?"
    r"\b(?:him|her|he|she|them|they|it)\b(?![\w'’])"
)
_ECHO_AGREE = re.compile(r"^\w+\s+(?:indeed|too|then|exactly)\b", re.IGNORECASE)
_META = re.compile(
    r"\b(?:your (?:post|comment|point|reply|logic|argument|spelling|english)|the spelling|typos?|you (?:said|say|"
    r"claim|wrote|missed)|you'?re (?:wrong|right|talking)|you are (?:wrong|right|talking))\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(
    r"^(?:\S+\s+){0,3}?(?:(?:the|this|great|good|excellent|interesting|terrible|another|what a|fine|"
    r"clear|nice|brilliant|thanks for the|thank you for the|hats off to the)\s+)+(?:article|piece|report|"
    r"reporting|journalism|journalist|author|writer|headline|story|analysis|explainer|critic|review)\b",
    re.IGNORECASE,
)
_SECOND = re.compile(r"\b(?:you|your|youre|yours|yourself|u|ya)\b")
_VOCATIVE_START = re.compile(
    r"^@?((?:(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s*,\s*(\S+)"
)
_NOT_NAMES = _wordset(
    """well yes no so oh sorry honestly actually also meanwhile then however again exactly agreed indeed sadly
    interesting look listen ok okay right true funny fine sure seriously and but or lol wow hey hi hello dear
    please thanks thank first second finally still plus now today yesterday here there this that"""
)
_SENT_END = re.compile(r"(?<=[.!?])\s+")


def _stem(word: str) -> str:
    for suf in ("ations", "ation", "ingly", "ings", "ing", "ions", "ion", "ies", "ied", "ive", "ed", "es", "ly", "s"):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            word = word[: -len(suf)]
            break
    return word[:7]


def _content(words: Sequence[str], caps: frozenset[str] = frozenset()) -> list[str]:
    return [w for w in words if (len(w) >= 3 or w.isdigit() or w in caps) and w not in _STOP]


def _short_names(text: str) -> frozenset[str]:
    """Two-letter words written with a capital ("Xi", "EU"): names, not function words."""
    return frozenset(m.group().casefold() for m in re.finditer(r"\b[A-Z][A-Za-z]\b", text))


@dataclass(slots=True)
class _Parsed:
    words: list[str]  # normalised words
    stems: set[str]  # stems of content words (and of joined word pairs: "lady boys" ~ "ladyboy")
    first_stems: set[str]  # stems of the first sentence's content words
    first_words: list[str]
    opening: list[str]  # content stems of a short opening fragment ("Aggressive?"), else empty
    opening_question: bool
    ends_with_question: bool
    n_words: int
    shingles: np.ndarray


def _words(text: str) -> list[str]:
    """Normalised words, possessives dropped ("Xi's" -> "xi", as in "Xi")."""
    out = []
    for t in tokens(text):
        w = t.norm
        if len(w) > 2 and w.endswith("s") and text[t.end - 2 : t.end - 1] in "'’":
            w = w[:-1]
        out.append(w)
    return out


def _parse(text: str) -> _Parsed:
    caps = _short_names(text)
    words = _words(text)
    joined = [a + b for a, b in zip(words, words[1:], strict=False)]
    stems = {_stem(w) for w in _content(words, caps)} | {_stem(w) for w in joined if len(w) >= 7}
    stripped = text.strip()
    sents = _SENT_END.split(stripped)
    first_words = _words(sents[0]) if sents else []
    opening: list[str] = []
    question = False
    m = re.match(r"^\s*([^.?!]{1,60}?)([?!.]|$)", stripped)
    if m and len(m.group(1).split()) <= 4 and (m.group(2) == "?" or len(sents) > 1):
        opening = [_stem(w) for w in _content(_words(m.group(1)), caps)]
        question = m.group(2) == "?"
    last = sents[-1] if sents else ""
    return _Parsed(
        words=words,
        stems=stems,
        first_stems={_stem(w) for w in _content(first_words, caps)},
        first_words=first_words,
        opening=opening,
        opening_question=question,
        ends_with_question=last.rstrip().endswith("?") or "?" in last[-3:],
        n_words=len(words),
        shingles=shingle_hashes(normalise(text), 5),
    )


def _longest_shared_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest run of words shared by ``a`` and ``b`` that holds a content word."""
    if not a or not b:
        return 0
    where: dict[str, list[int]] = {}
    for j, w in enumerate(b):
        where.setdefault(w, []).append(j)
    best = 0
    for i, w in enumerate(a):
        for j in where.get(w, ()):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            if k > best and (k >= 3 or _content(a[i : i + k])):
                best = k
    return best


def _name_forms(author: str) -> set[str]:
    """Ways a commenter may be addressed: full name, handle, first name ("Margaret Lyle" -> "margaret")."""
    a = author.strip().lstrip("@")
    forms = {a.casefold()}
    parts = re.split(r"[\s_.]+", a)
    if len(parts) > 1 and len(parts[0]) >= 2:
        forms.add(parts[0].casefold())
    return {f for f in forms if len(f) >= 2}


def _addresses(text: str, forms: set[str]) -> tuple[bool, bool, bool]:
    """Whether ``text`` addresses (vocative or @), @-mentions, or merely mentions a person known by ``forms``."""
    low = text.casefold()
    addressed = mentioned = at = False
    for f in sorted(forms, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w@])(@?){re.escape(f)}(?![\w])", low):
            at = at or bool(m.group(1))
            before = low[: m.start()].rstrip()
            after = low[m.end() :].lstrip()
            if (
                m.group(1)
                or not before
                or before.endswith((",", "thanks", "thank you", "hi", "dear", "exactly", "sorry", "@"))
                or (after.startswith(",") and (not before or before.endswith((".", "!", "?"))))
                or (before.endswith(",") and (not after or after[0] in ".!?"))
            ):
                addressed = True
            else:
                mentioned = True
    return addressed, at, mentioned


# --------------------------------------------------------------------------- scoring


def candidate_features(
    comments: Sequence[Comment],
    *,
    options: ReplyOptions | None = None,
    article: str = "",
    parents: dict[int, int] | None = None,
) -> list[list[tuple[int, list[float]]]]:
    """The feature vector of every (child, candidate parent) pair, for inspection and fitting.

    Args:
        comments: the thread, in order.
        options: inference options (``window``, ``max_duplicate_jaccard``).
        article: the article text (words it uses are weak evidence of a reply).
        parents: known links as ``{child index: parent index}`` (used by
            ``answer_to_reply``); default: the explicit ``reply_to`` links.

    Returns:
        For each comment, a list of ``(candidate index, features)`` in
        :data:`FEATURES` order, nearest candidate first.
    """
    o = options or ReplyOptions()
    parsed = [_parse(c.text) for c in comments]
    known = _explicit_parents(comments) if parents is None else parents
    cache: dict[int, object] = {}
    return [_candidates(i, comments, parsed, o, article, known, cache) for i in range(len(comments))]


def _explicit_parents(comments: Sequence[Comment]) -> dict[int, int]:
    pos = {c.id: i for i, c in enumerate(comments)}
    return {i: pos[c.reply_to] for i, c in enumerate(comments) if c.reply_to in pos}


def _weights_for(parsed: Sequence[_Parsed], article: str) -> dict[str, float]:
    """Weight of each stem: rare in the thread and absent from the article = distinctive."""
    df: Counter[str] = Counter()
    for p in parsed:
        df.update(p.stems)
    art = {_stem(w) for w in _content([t.norm for t in tokens(article)], _short_names(article))} if article else set()
    n = len(parsed)
    return {s: math.log((n + 1) / (k + 0.5)) / math.log(n + 2) * (0.4 if s in art else 1.0) for s, k in df.items()}


def _candidates(
    i: int,
    comments: Sequence[Comment],
    parsed: Sequence[_Parsed],
    o: ReplyOptions,
    article: str,
    parents: dict[int, int],
    _cache: dict[int, object] | None = None,
) -> list[tuple[int, list[float]]]:
    if i == 0:
        return []
    cache = _cache if _cache is not None else {}
    weights = cache.get(0)
    if weights is None:
        weights = _weights_for(parsed, article)
        cache[0] = weights
    assert isinstance(weights, dict)
    child, p = comments[i], parsed[i]
    authors = [c.author for c in comments]
    known = {a for a in authors[:i] if a}
    text = child.text.strip()
    first = " ".join(p.first_words)
    opening_reply = bool(
        _REPLY_MARKERS.match(text)
        or _ANAPHORA.match(text)
        or _PRONOUN_EARLY.match(text)
        or _ECHO_AGREE.match(text)
        or _META.search(first)
    )
    second = bool(_SECOND.search(first))
    article_open = bool(_ARTICLE.match(text))
    voc = _VOCATIVE_START.match(text)
    vocative_unknown = False
    if voc and voc.group(1).split()[0].casefold().rstrip(".") not in _NOT_NAMES:
        name = voc.group(1).casefold()
        is_author = any(name in _name_forms(a) for a in known)
        vocative_unknown = not is_author and (
            len(voc.group(1).split()) > 1 or voc.group(2).casefold() in {"you", "your", "youre", "you're", "you’re"}
        )
    addressed_authors: dict[str, tuple[bool, bool, bool]] = {}
    for a in known:
        if a != child.author:
            addressed_authors[a] = _addresses(text, _name_forms(a))
    out = []
    for j in range(i - 1, -1, -1):
        d = i - j
        q = parsed[j]
        author_j = authors[j]
        addr, at, ment = addressed_authors.get(author_j or "", (False,) * 3) if author_j else (False,) * 3
        # Addressing reaches the author's comments anywhere (the words decide which one, the
        # nearest on a tie); other cues stay in the window.
        named = author_j is not None and (addr or ment)
        if d > o.window and not named:
            continue
        inter = len(np.intersect1d(p.shingles, q.shingles, assume_unique=True))
        union = len(p.shingles) + len(q.shingles) - inter
        if union and inter / union >= o.max_duplicate_jaccard:
            continue  # a re-post of the candidate, not an answer to it
        echo = 1.0 - math.exp(-sum(weights.get(s, 0.0) for s in p.stems & q.stems))
        first_echo = 1.0 - math.exp(-sum(weights.get(s, 0.0) for s in p.first_stems & q.stems))
        run = _longest_shared_run(p.words, q.words)
        phrase = min(1.0, max(0, run - 1) / 4)
        opening_echo = (1.0 if p.opening_question else 0.6) if any(s in q.stems for s in p.opening) else 0.0
        pj = parents.get(j)
        answer_to_reply = float(
            pj is not None and authors[pj] is not None and authors[pj] == child.author and author_j != child.author
        )
        feats = [
            1.0,
            float(d == 1),
            float(d in (2, 3)),
            0.0 if named and addr else math.log(d),  # a name, not the distance, picks the parent
            echo,
            phrase,
            first_echo,
            opening_echo,
            float(d == 1 and p.n_words <= 12),
            float(d == 1 and opening_reply),
            float(d == 1 and second),
            float(d == 1 and q.ends_with_question),
            float(named and addr),
            float(named and at),
            float(named and ment and not addr),
            answer_to_reply,
            float(author_j is not None and author_j == child.author),
            float(article_open),
            float(vocative_unknown),
        ]
        out.append((j, feats))
    return out


def _reason(feats: Sequence[float], weights: Sequence[float]) -> str:
    names = {
        "adjacent": "right after it",
        "echo": "shares its distinctive words",
        "phrase": "repeats its words",
        "first_echo": "opens on its distinctive words",
        "opening_echo": "opens by throwing its words back",
        "short_adjacent": "a short remark right after it",
        "reply_opening_adjacent": "opens like an answer, right after it",
        "second_person_adjacent": "speaks to its author, right after it",
        "question_adjacent": "follows its question",
        "addressed": "addresses its author by name",
        "at_mention": "@-mentions its author",
        "mentioned": "names its author",
        "answer_to_reply": "answers a reply to its own author",
        "vocative_unknown": "addresses someone",
    }
    contrib = sorted(
        ((w * f, FEATURES[k]) for k, (f, w) in enumerate(zip(feats, weights, strict=True)) if FEATURES[k] in names),
        reverse=True,
    )
    parts = [names[n] for c, n in contrib if c > 0.25][:3]
    return "; ".join(parts) or "weak cues"


def infer_replies(
    comments: Sequence[Comment],
    *,
    options: ReplyOptions | None = None,
    article: str = "",
    keep_below_threshold: bool = False,
) -> list[Link]:
    """Infer who answers whom in a thread from the text of the comments.

    Comments that already have ``reply_to`` keep it (and are not returned).
    For the others, the best-scoring earlier comment is returned as a
    :class:`Link` when its confidence reaches ``options.threshold``.

    Args:
        comments: the thread, in order.
        options: inference options.
        article: the article text, if known.
        keep_below_threshold: also return the best candidate of comments whose
            confidence is under the threshold (for evaluation and tuning).

    Returns:
        Links in thread order.

    Example:
        >>> from belowtheline import Comment
        >>> thread = [Comment("c1", "NATO is pursuing an aggressive expansion to the east."),
        ...           Comment("c2", "Aggressive? Countries begged to join to protect themselves.")]
        >>> [(l.child, l.parent) for l in infer_replies(thread)]
        [('c2', 'c1')]
    """
    o = options or ReplyOptions()
    parsed = [_parse(c.text) for c in comments]
    parents = _explicit_parents(comments)
    w = np.asarray(o.weights)
    cache: dict[int, object] = {}
    links = []
    for i, c in enumerate(comments):
        if c.reply_to is not None:
            continue
        best: tuple[float, int, list[float]] | None = None
        for j, feats in _candidates(i, comments, parsed, o, article, parents, cache):
            z = float(np.dot(w, feats))
            if best is None or z > best[0]:
                best = (z, j, feats)
        if best is None:
            continue
        conf = 1.0 / (1.0 + math.exp(-best[0]))
        if conf >= o.threshold or keep_below_threshold:
            links.append(Link(c.id, comments[best[1]].id, round(conf, 4), _reason(best[2], o.weights)))
            if conf >= o.threshold:
                parents[i] = best[1]
    return links


def set_depths(comments: Sequence[Comment]) -> None:
    """Set ``depth`` from ``reply_to`` (0 for top level; a parent that is missing or later counts as none)."""
    pos = {c.id: i for i, c in enumerate(comments)}
    depth: dict[int, int] = {}
    for i, c in enumerate(comments):
        j = pos.get(c.reply_to) if c.reply_to is not None else None
        depth[i] = depth[j] + 1 if j is not None and j < i else 0
        c.depth = depth[i]


class ReplyInferrer:
    """Pipeline stage ``replies.text.v1``: fill ``reply_to`` of flat threads from the text.

    Explicit links are kept; the others are inferred with :func:`infer_replies`
    and only kept at or above the confidence threshold. ``depth`` is
    recomputed. The links and their confidences are available from
    :func:`infer_replies` (the document JSON keeps only ``reply_to``).

    Example:
        >>> from belowtheline import Document, Comment
        >>> doc = Document(id="d", comments=[Comment("c1", "Is the lane gritted in winter?"),
        ...                                  Comment("c2", "Yes, it's on the gritting route now.")])
        >>> [c.reply_to for c in ReplyInferrer()(doc).comments]
        [None, 'c1']
    """

    name = "replies.text.v1"
    requires: tuple[str, ...] = ("comments",)
    assigns: tuple[str, ...] = ("comments.reply_to",)

    def __init__(self, *, options: ReplyOptions | None = None) -> None:
        self.options = options or ReplyOptions()

    def __call__(self, doc: Document) -> Document:
        links = infer_replies(doc.comments, options=self.options, article=doc.article.body)
        by_id = {c.id: c for c in doc.comments}
        for link in links:
            by_id[link.child].reply_to = link.parent
        set_depths(doc.comments)
        return doc
