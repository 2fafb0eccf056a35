"""Segment a plain-text capture into article parts and reader comments.

The capture is read line by line. Each line is first classified on its own
(boilerplate, timestamp, action, comment header, byline, bio, caption, text);
then the start of the comment section is found — from comment headers when
the layout has them, else from end-of-article markers (an author bio, a
republication notice, "87 comments"), else from a change in layout or in
style between article prose and reader talk. The article part is split into
title, credits, captions, paragraphs and subheadings; the comment part into
comments with author, timestamp and reply links where the layout shows them.
Article lines the rules leave as text are then checked by a small learned
classifier (:mod:`belowtheline.segment.furniture`), which turns page furniture
in wordings the rules do not know into boilerplate.

Every line gets exactly one label, so the returned segments cover the text
exactly once.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from ..document import Article, Comment, Paragraph, Segment
from . import patterns as P
from .furniture import _stems, load_model
from .style import comment_likeness

__all__ = ["SegmentOptions", "SegmentResult", "segment_text"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentOptions:
    """Options of the text segmenter.

    Attributes:
        min_article_lines: body lines that must precede a comment section.
        style_margin: how much more comment-like (mean style score) the tail of
            a capture must be than its head before it is split there without
            any marker.
        max_title_words: a first line longer than this is never a title.
        furniture_model: let the learned furniture classifier
            (:mod:`belowtheline.segment.furniture`) turn article lines the rules
            left as text into boilerplate.
        furniture_model_path: a model file other than the shipped one.
        corrections_in_body: keep a correction or amendment note about the article ("Correction:
            an earlier version of this article said …", "This article was amended on …") as a body
            paragraph; when False it is boilerplate. Either way it still marks the end of the
            article when the comment section is looked for.
    """

    min_article_lines: int = 2
    style_margin: float = 1.2
    max_title_words: int = 25
    furniture_model: bool = True
    furniture_model_path: str | None = None
    corrections_in_body: bool = False


@dataclass(slots=True)
class SegmentResult:
    article: Article
    comments: list[Comment] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    #: How the comment section was found: "headers", "marker", "gap", "style" or "none".
    boundary: str = "none"


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    indent: int
    blank_before: int
    kind: str = "text"
    label: str = ""


# -- line reading ---------------------------------------------------------------------


def _read_lines(text: str) -> tuple[list[_Line], list[tuple[int, int]]]:
    """Content lines with offsets, and the (start, end) of every blank line."""
    lines: list[_Line] = []
    blanks: list[tuple[int, int]] = []
    pos = 0
    blank_run = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        if stripped:
            expanded = raw.replace("\t", "    ")
            indent = len(expanded) - len(expanded.lstrip())
            lead = len(raw) - len(raw.lstrip())
            lines.append(_Line(pos + lead, pos + lead + len(stripped), stripped, indent, blank_run))
            blank_run = 0
        else:
            blanks.append((pos, end))
            blank_run += 1
        pos = end + 1
    return lines, blanks


_DOUBLE_SEP = re.compile(r"^(.{12,}?)\s*\1$", re.DOTALL)


def _doubled(text: str) -> str | None:
    """The caption of a line pasted twice ("AB" where A == B), else None."""
    n = len(text)
    half = n // 2
    for cut in (half, half + 1, half - 1):
        a, b = text[:cut].strip(), text[cut:].strip()
        if len(a) >= 12 and a == b:
            return a
    m = _DOUBLE_SEP.match(text)
    return m.group(1).strip() if m else None


def _says_name(name: str) -> bool:
    """Names before "says:" may be loose ("a visitor from Leeds"): the cue is strong."""
    if P.is_name_like(name):
        return True
    words = name.split()
    if _SAYS_PROSE.search(name):
        return False  # "Here is what the council leader says:" introduces a quote
    return 1 <= len(words) <= 6 and len(name) <= 48 and not re.search(r"[.,;:!?\"“”]$", name)


_SAYS_PROSE = re.compile(
    r"^(?:here|this|that|what|which|it|he|she|they|there|and|but|so|as|or|everyone|nobody)\b"
    r"|\b(?:is|are|was|were|what|who|how|which|that|she|he|they|it|also|now|then|still)\b",
    re.IGNORECASE,
)


def _classify(line: _Line) -> str:
    t = line.text
    if len(t) > 1500:  # only prose is this long; keeps every pattern below linear
        return "text"
    if _doubled(t):
        return "caption_double"
    if P.TIMESTAMP.match(t):
        return "timestamp"
    if P.ACTION.match(t):
        return "action"
    if P.COMMENTS_MARKER.match(t):
        return "comments_marker"
    if P.END_OF_ARTICLE.match(t):
        return "end_marker"
    if P.BOILERPLATE.match(t):
        return "boilerplate"
    m = P.HEADER_INLINE.match(t)
    if m and (
        P.is_name_like(m.group("name").lstrip("@→↳> "))
        or ((t.rstrip().endswith(":") or m.group("time")) and _says_name(m.group("name").lstrip("@→↳> ")))
    ):
        return "header_says"
    if len(t) <= 160:
        m = P.POSTED_BY.match(t)
        if m and P.is_name_like(m.group("name")):
            return "posted_by"
        m = P.REPLIED_TO.match(t)
        if m and P.is_name_like(m.group("name").lstrip("@")) and P.is_name_like(m.group("parent")):
            return "replied_to"
    if P.BADGE.match(t):
        return "badge"
    if len(t) <= 120 and P.split_time_tail(t):
        return "header_tail"
    if len(t) <= 320 and len(re.findall(r"[.!?](?:\s|$)", t)) <= 2 and P.BIO.match(t):
        return "bio"
    if len(t) < 160 and (P.BYLINE.match(t) or P.is_credit_line(t)):
        return "byline"
    if len(t) < 400 and P.CAPTION.match(t):
        return "caption"
    if len(t) < 100 and P.BARE_CREDIT.match(t):
        return "caption"
    if P.is_name_like(t):
        return "name"
    return "text"


def _mark_link_lists(lines: list[_Line]) -> None:
    """Headlines listed under "Related articles" / "Most read" are boilerplate, up to a blank line.

    When blank lines part the label from its items, the items run on while they are bare
    headlines (no closing punctuation, not reader talk). A "Name • 5 days ago" line with prose
    under it is the first comment, not a headline.
    """
    i = 0
    while i < len(lines):
        if P.LIST_HEADER.match(lines[i].text):
            lines[i].kind = "boilerplate"
            j = i + 1
            spaced = j < len(lines) and lines[j].blank_before > 0
            while (
                j < len(lines)
                and (lines[j].blank_before == 0 or (spaced and j == i + 1))
                and lines[j].kind in ("text", "name", "boilerplate", "timestamp", "byline", "caption", "header_tail")
                and _headline_like(lines[j].text, tags=True)
                and not _comment_header_above_prose(lines, j)
            ):
                lines[j].kind = "boilerplate"
                j += 1
            while (
                spaced
                and j < len(lines)
                and j > i + 1
                and lines[j].blank_before > 0
                and lines[j].kind in ("text", "name")
                and _link_headline(lines[j].text)
                and len(lines[j].text.split()) >= 3
                and (comment_likeness(lines[j].text) <= 0.5 or _TOPIC_HEADLINE.match(lines[j].text))
                and not _heads_news_prose(lines, j)
            ):
                lines[j].kind = "boilerplate"
                j += 1
            i = j
        else:
            i += 1


def _heads_news_prose(lines: list[_Line], j: int) -> bool:
    """Whether the line under ``j`` is a long paragraph of news prose: the article goes on, so line
    ``j`` is its subheading, not one more related headline."""
    if j + 1 >= len(lines):
        return False
    below = lines[j + 1]
    return (
        below.kind == "text"
        and len(below.text.split()) >= 15
        and comment_likeness(below.text) <= 0
        and not re.search(r"\b(?:I|I['’]m|my|me|we|our|us)\b", _QUOTED.sub("", below.text))
    )


#: A "Topic: what we know so far" headline.
_TOPIC_HEADLINE = re.compile(r"^[A-Z][\w'’ -]{2,40}:\s+\S")


def _comment_header_above_prose(lines: list[_Line], j: int) -> bool:
    """A "Name • 5 days ago" line directly over a line of prose."""
    return (
        lines[j].kind == "header_tail"
        and j + 1 < len(lines)
        and lines[j + 1].blank_before == 0
        and not _headline_like(lines[j + 1].text, tags=True)
    )


def _mark_caption_descriptions(lines: list[_Line]) -> None:
    """A short description line directly above a picture credit is part of the caption.

    A blank line may part them when the description is one short sentence standing alone.
    """
    for i in range(2, len(lines)):
        line, prev = lines[i], lines[i - 1]
        if (
            line.kind == "caption"
            and prev.kind in ("text", "name")
            and len(prev.text.split()) <= 30
            and not prev.text.endswith(":")
            and P.CAPTION_CREDIT.match(line.text)
            and (
                line.blank_before == 0
                or (
                    line.blank_before == 1
                    and len(line.text.split()) <= 6  # a bare credit, not a captioned "Photo: …"
                    and prev.blank_before >= 1
                    and len(prev.text.split()) <= 25
                    and _sentences(prev.text) <= 1
                    and not re.search(r"[“”\"]", prev.text)
                )
            )
        ):
            prev.kind = "caption"


_JOB_TITLE = re.compile(
    r"^(?!(?:he|she|it|they|the|a|an|this|that|i|we|who|our|my|his|her)\s)(?:[A-Z][\w'’&-]*\s+)"
    r"(?:(?:and|&|[a-z][\w'’-]*)\s+){0,3}"
    r"(?:editor|reporter|writer|correspondent|columnist|critic|producer|contributor|"
    r"journalist|presenter|analyst|team|desk)(?:,\s*[A-Z][\w'’ -]{1,30})?$"
    r"|^(?:[A-Z][\w'’&-]*\s+){0,3}(?:editor|reporter|writer|correspondent|columnist|critic|producer|contributor|"
    r"journalist|presenter|analyst)(?:,\s*[A-Z][\w'’ -]{1,30})?$",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^\d{1,3}\s*(?:min|mins|minutes?)(?:\s*\d{1,2}\s*(?:s|secs?|seconds?))?$|^\d{1,2}:\d{2}$", re.I)


def _mark_head_lines(lines: list[_Line], opts: SegmentOptions) -> None:
    """Fix rule kinds that only position tells apart.

    Before the first paragraph, a "Money › Pensions" line is a breadcrumb (not "Ann › Bob", a
    reply header) and "Technology Editor" under the writer's name is a credit. Anywhere in the
    article, "4 min" right under an audio-player line ("Listen to this article") is furniture.
    """
    for line in lines[: _first_body(lines)]:
        m = P.REPLIED_TO.match(line.text) if line.kind == "replied_to" else None
        if m and m.group("time") is None and re.search(r"[›»>▸]", line.text):
            line.kind = "boilerplate"
    title_at = _title_index(lines, opts)
    first_body = _first_body(lines, after=title_at if title_at is not None else -1)
    for i, line in enumerate(lines[:first_body]):
        if (
            line.kind in ("name", "text")
            and i > 0
            and lines[i - 1].kind in ("name", "byline", "posted_by", "timestamp", "header_tail")
            and _JOB_TITLE.match(line.text)
        ):
            line.kind = "byline"
    for i in range(1, len(lines)):
        if (
            lines[i].kind in ("timestamp", "text")
            and lines[i - 1].kind == "boilerplate"
            and _DURATION.match(lines[i].text)
        ):
            lines[i].kind = "boilerplate"


#: Words a caption does without: auxiliaries, reporting verbs, first and second person.
_NOT_CAPTION_WORDS = re.compile(
    r"\b(?:will|would|has|have|had|was|were|is|are|been|said|says|could|should|can|may|might|must|did|does|do|"
    r"i|we|my|our|me|us|you|your|[a-z]+n['’]t)\b|['’](?:s|re|ve|ll|d)\s+(?:been|not|a|an|the)\b",
    re.IGNORECASE,
)
#: A finite verb in the past tense tells a news event ("The strike ended at midnight.", "Prices rose
#: again."); captions describe the picture in the present ("… loads wheat", "… charging at …").
#: A participle before "by" ("photographed by a camera trap") is still a caption.
_PAST_VERB = re.compile(
    r"(?<![-‐])\b(?-i:[a-z])[a-z]{2,}ed\b(?!\s+by\b)|\b(?:rose|fell|saw|won|lost|made|took|came|went|told|gave|met|began|ran|"
    r"grew|kept|paid|sold|spent|struck|broke|became|found|sent|brought|bought|fought|thought|stood|led|hit|"
    r"wrote|spoke|chose|drove|flew|knew|threw|wore|rang|sang|swam|fled|sought|caught|taught|felt|heard)\b",
    re.IGNORECASE,
)
_NOT_CAPTION_START = re.compile(
    r"^(?:there|it|this|that|these|those|but|and|so|yet|now|here|what|when|why|how|he|she|they|if|as|while|"
    r"after|before|since|for|in|on|at|by|with|read|share|sign|summary|nobody|no one|everyone|everybody|someone|"
    r"somebody|few|many|most|all|some|none|one|each|every|such|then|still|even|only|just|also)\b",
    re.IGNORECASE,
)


#: A relative clause closing a caption ("The Mumbles Arms, where the final round was held."): it
#: may tell the past, the noun phrase before it is what the picture shows.
_RELATIVE_TAIL = re.compile(
    r",\s+(?:where|which|when|(?:shortly |just |moments |hours |days )?(?:after|before)|as|while)\s[^,;:“”\"]{3,90}\.$"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words before an "-ed" word that make it an adjective ("outside terraced houses", "a flooded street").
_BEFORE_ADJECTIVE = _words(
    "a an the of in on at outside inside near with by from for and or two three four several many some "
    "his her their its our newly recently freshly half partly badly heavily be being"
)
_DETERMINERS = _words("a an the his her their its our this that these those")
#: "it's", "that's": a verb follows, not an adjective.
_PRONOUNS_S = _words("it that there what he she who where here how")
_CLAUSE_PREPS = _words("in by on at during after before for from with")
#: Participles that describe what a picture shows when a place follows them ("Sandbags stacked outside
#: a café", "Boats moored in the harbour"); as finite verbs they would need an object.
_CAPTION_PARTICIPLES = _words(
    "pictured photographed seen shown filmed captured stacked piled parked moored abandoned damaged "
    "destroyed flooded covered lined surrounded dressed wrapped displayed lit stranded submerged painted "
    "decorated framed laid placed hung strewn scattered installed planted loaded packed tied chained "
    "fenced boarded cordoned sealed gutted burned burnt charred reflected silhouetted perched huddled "
    "crammed queued lined-up"
)
_PLACE_WORDS = _words(
    "in on at outside inside near along beside behind under above below across against around by from "
    "during after before into onto over through off"
)
#: Abbreviations whose full stop ends no sentence.
_ABBREVIATION = re.compile(
    r"\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|st|dr|mr|mrs|ms|prof|gen|col|lt|sgt|rev|no|co|inc|ltd|"
    r"mt|ft|ave|rd|vs|etc|approx|[a-z])\.(?=\s)",
    re.IGNORECASE,
)


def _finite_past(t: str) -> bool:
    """A past-tense finite verb in ``t`` (:data:`_PAST_VERB`), not counting "-ed" adjectives after a
    determiner or preposition nor picture participles followed by a place word."""
    words = t.split()
    for m in _PAST_VERB.finditer(t):
        before = t[: m.start()].split()
        prev = before[-1].lower().strip(",") if before else ""
        if m.group(0).lower().endswith("ed") and prev in _BEFORE_ADJECTIVE:
            continue
        if prev in _DETERMINERS or (re.search(r"\w['’]s$", prev) and prev[:-2] not in _PRONOUNS_S):
            continue  # "A lost wellington boot", "before Tuesday’s scrubbed launch": an adjective
        k = len(before)
        nxt = words[k + 1].lower().strip(",.") if k + 1 < len(words) else ""
        if m.group(0).lower().endswith("ed") and before and before[-1].endswith(",") and nxt in _CLAUSE_PREPS:
            continue  # "The bank’s headquarters in Castleford, completed in 2019.": a participle clause
        if m.group(0).lower() in _CAPTION_PARTICIPLES and (nxt in _PLACE_WORDS or not nxt) and k >= 1:
            continue
        return True
    return False


def _sentences(t: str) -> int:
    """How many sentence ends ``t`` has (abbreviations such as "Sept." do not count)."""
    return len(re.findall(r"[.!?](?:\s|$)", _ABBREVIATION.sub("", t)))


def _caption_sentence(t: str, *, min_words: int = 4) -> bool:
    """A short descriptive sentence that reads like a photo caption ("A bulk carrier loads wheat at
    the port of Chornomorsk.", "Pupils at lunch in St Cuthbert's Primary School, Durham.").

    With ``min_words`` below 4 a closing relative clause (:data:`_RELATIVE_TAIL`) is set aside
    and the noun phrase before it is judged."""
    if min_words < 4:
        t = _RELATIVE_TAIL.sub(".", t)
    core = re.sub(r"\s*\([^()]{1,50}\)\s*$", "", t).strip()
    words = core.split()
    if not min_words <= len(words) <= 16 or not core[0].isupper() or not t.endswith((".", ")")):
        return False
    if core.endswith(("?", "!", ":", ";", ",")) or re.search(r"[\"“”:;—–]|\s-\s", core):
        return False
    if _sentences(core) > 1 or re.search(r"[£$€%]|\bper ?cent\b", core):
        return False  # two sentences, or figures: a lede, not a caption
    return not (_NOT_CAPTION_WORDS.search(core) or _NOT_CAPTION_START.match(core) or _finite_past(core))


def _mark_lead_caption(lines: list[_Line], opts: SegmentOptions) -> None:
    """An unlabelled photo caption between the headline block and the first paragraph.

    Pages put the lead picture under the title and byline; pasted as text, its caption is a
    short descriptive sentence (no auxiliary or reporting verb, no quote, no first person)
    directly followed by the much longer opening paragraph.
    """
    title_at = _title_index(lines, opts)
    if title_at is None:
        return
    i = title_at + 1
    while i < len(lines) and lines[i].kind in (
        "byline",
        "timestamp",
        "header_tail",
        "bio",
        "boilerplate",
        "name",
        "caption",
        "caption_double",
    ):
        i += 1
    if i + 1 >= len(lines) or lines[i].kind != "text" or not _caption_sentence(lines[i].text):
        return
    j = i + 1
    while j < len(lines) and lines[j].kind in ("boilerplate", "caption", "caption_double"):
        j += 1
    if j >= len(lines) or lines[j].kind != "text":
        return
    n_cap, n_next = len(lines[i].text.split()), len(lines[j].text.split())
    if n_next >= 15 and n_next >= 1.5 * n_cap:
        lines[i].kind = "caption"


#: Openings that tie a paragraph to the one before it ("He said …", "But …", "The move …"): a
#: paragraph that opens so continues the text above, so the line above it is not a caption.
_CONTINUES = re.compile(
    r"^(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|so|yet|also|however|instead|"
    r"still|then|there|here|such|both|neither|either|the (?:move|decision|plan|change|figures?|move|company|council|"
    r"group|report|scheme|rule|case|study|team|club|firm|agency|ministry|government|police))\b",
    re.IGNORECASE,
)


#: Words that point back to the text above ("The current plan offers none of them."): a caption
#: describes its picture and needs no antecedent.
_ANAPHORA = re.compile(
    r"\b(?:them|it|they|this|these|those|its|their|theirs|him|he|she|none|such|others?|same)\b", re.I
)
#: Advice opens with a bare verb ("Try setting a regular eating schedule."); a caption never does.
_IMPERATIVE = re.compile(
    r"^(?:try|make|keep|remember|consider|avoid|take|get|use|check|look|ask|find|let|give|stop|start|choose|follow|join|"
    r"think|add|put|go|buy|pick|set|watch|read|call|visit|book|plan|save|turn|leave|bring|see|note|expect)\b",
    re.IGNORECASE,
)


#: A closing line that looks ahead ("The season resumes next month.") ends the story; it is no caption.
_LOOKS_AHEAD = re.compile(
    r"\b(?:next|tomorrow|later|soon|until|resumes?|continues?|begins?|starts?|opens?|takes place|returns?|"
    r"expected|due|include|includes|leaves|remains?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
#: A named place ("in Tromsø", "outside Orchestra Hall"): what a closing caption shows.
_NAMED_PLACE = re.compile(r"\b(?:in|at|outside|inside|near|on|off|by|along|beside)\s+(?:the\s+)?(?-i:[A-Z])", re.I)


#: A description sentence followed by the photographer's bare name.
_NAME_CREDIT_TAIL = re.compile(r"^(.{10,200}[.!?])\s+((?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+){1,2})\s*$")


_PLACE_OR_TIME = re.compile(
    r"\b(?:at|on|in|near|outside|inside|over|by|along|beside|behind|during|after|before|under|across|from|with)\s",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(r"^(?:what|why|how|who|where|when|which|whose|is|are|can|should|will|do|does)\b", re.I)
_TIME_OF_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening|night|afternoon|yesterday|"
    r"weekend)\b",
    re.IGNORECASE,
)


_BY_SOMEONE = re.compile(r"\bby\s+(?-i:[A-Z])", re.IGNORECASE)


def _unpunctuated_caption(t: str) -> bool:
    """A caption pasted without its full stop ("Residents at a packed council meeting on Monday evening",
    "Derek Pountney at his loft"): a description (:func:`_caption_sentence`) with a place or time
    phrase, no question word, and long or specific enough not to be a subheading ("A fence in the
    forest"): seven words or more, a day or time of day, or a name inside it."""
    t = t.strip()
    words = t.split()
    if not t or t[-1] in ".!?:;,\"”’'…)" or not 4 <= len(words) <= 16:
        return False
    if _QUESTION_START.match(t) or not _PLACE_OR_TIME.search(t) or not _caption_sentence(t + "."):
        return False
    return len(words) >= 7 or bool(_TIME_OF_DAY.search(t)) or any(w[:1].isupper() for w in words[1:])


def _near_prose(lines: list[_Line], i: int, end: int) -> bool:
    """Whether a paragraph (eight words or more) is the nearest article line above or below line ``i``,
    past furniture and captions."""
    for step in (-1, 1):
        k = i + step
        while 0 <= k < end and lines[k].kind in ("boilerplate", "caption", "caption_double", "action"):
            k += step
        if 0 <= k < end and lines[k].kind == "text" and len(lines[k].text.split()) >= 8:
            return True
    return False


def _after_is_end(lines: list[_Line], i: int, end: int) -> bool:
    """Whether only furniture, bios and markers follow line ``i`` up to ``end`` (the article is over)."""
    return all(
        line.kind in ("bio", "end_marker", "comments_marker", "boilerplate", "action", "byline", "timestamp")
        for line in lines[i:end]
    )


def _mark_unpunctuated_captions(lines: list[_Line], end: int, opts: SegmentOptions) -> None:
    """Captions pasted without their full stop (:func:`_unpunctuated_caption`) next to a paragraph.

    Runs after the furniture model, so related headlines it took for furniture stay furniture. The
    credit block under the headline ("Anna Brunner in Bolzano") and a heading whose words the
    paragraph below takes up ("Cork County Council share update on services") are left alone.
    """
    title_at = _title_index(lines[:end], opts)
    first = _first_body(lines[:end], after=title_at if title_at is not None else -1)
    for i in range((title_at if title_at is not None else -1) + 1, min(end, len(lines))):
        line = lines[i]
        if i == (title_at if title_at is not None else -1) + 1 or (
            i < first and lines[i - 1].kind in ("byline", "timestamp", "header_tail", "name", "bio", "posted_by")
        ):
            continue  # the standfirst and credit block under the headline ("Anna Brunner in Bolzano")
        if (
            line.kind in ("text", "name")
            and _unpunctuated_caption(line.text)
            and not _BY_SOMEONE.search(line.text)
            and not re.search(r"[@()]", line.text)
            and not _IMPERATIVE.match(line.text)
            and _near_prose(lines, i, end)
            and not (lines[i - 1].kind == "boilerplate" and _link_headline(lines[i - 1].text))
        ):
            if i + 1 < end and _announces(line.text, lines[i + 1].text):
                continue
            line.kind = "caption"  # "Residents at a packed council meeting on Monday evening"


def _announces(heading: str, below: str) -> bool:
    """Whether most content words of a heading come back in the paragraph under it."""
    own = _stems(heading)
    return bool(own) and len(own & _stems(below)) >= 0.6 * len(own)


def _mark_mid_captions(lines: list[_Line], end: int, opts: SegmentOptions) -> None:
    """An unlabelled photo caption between two paragraphs of the article.

    Pasted pages keep the caption of a picture in the middle of the article as a line of its own:
    one short descriptive sentence (:func:`_caption_sentence`: no auxiliary, reporting or past-tense
    verb, no quote, no first person, no figures) between two much longer paragraphs, where the
    paragraph below does not continue from it with a pronoun or connective.
    """
    title_at = _title_index(lines, opts)
    first = _first_body(lines, after=title_at if title_at is not None else -1)
    for i in range(first + 1, min(end, len(lines))):
        line, prev = lines[i], lines[i - 1]
        if (
            line.kind == "text"
            and prev.kind in ("text", "caption")
            and line.text == prev.text
            and 3 <= len(line.text.split()) <= 40
            and line.blank_before == 0
        ):
            prev.kind = line.kind = "caption"  # a caption pasted twice, on two lines
            continue
        m = _NAME_CREDIT_TAIL.match(line.text) if line.kind == "text" else None
        if m and P.is_name_like(m.group(2)) and _caption_sentence(m.group(1), min_words=3):
            line.kind = "caption"  # "Test bricks at a workshop in Gwynedd. Carys Wynne": a credited caption
            continue
        if line.kind != "text" or prev.kind != "text":
            continue
        n, n_prev = len(line.text.split()), len(prev.text.split())
        if i + 1 < end and lines[i + 1].kind == "boilerplate" and not _after_is_end(lines, i + 1, end):
            # Furniture below ("Related stories:", "Sign up for alerts"): compare with the paragraph past it.
            k = i + 1
            while k < end and lines[k].kind in ("boilerplate", "caption", "caption_double", "action"):
                k += 1
            n_next = len(lines[k].text.split()) if k < end and lines[k].kind == "text" else 0
            if n > 16 or n_prev < 15 or n_prev < 1.5 * n or n_next < 15 or _CONTINUES.match(lines[k].text):
                continue
        elif i + 1 >= end or lines[i + 1].kind in ("bio", "end_marker", "comments_marker", "boilerplate"):
            # The last line of the article, under its last paragraph: nothing below to compare.
            if (
                n > 16
                or n_prev < 15
                or n_prev < 1.5 * n
                or (i + 1 < end and lines[i + 1].kind == "boilerplate" and not _after_is_end(lines, i + 1, end))
                or _LOOKS_AHEAD.search(line.text)
                or not _NAMED_PLACE.search(line.text)
            ):
                continue
        else:
            nxt = lines[i + 1]
            if (
                nxt.kind in ("text", "name")
                and len(nxt.text.split()) <= 10
                and _subheading_like(nxt.text)
                and i + 2 < end
                and lines[i + 2].kind == "text"
            ):
                nxt = lines[i + 2]  # a subheading below: compare with the paragraph under it
            n_next = len(nxt.text.split())
            longest = 22 if _RELATIVE_TAIL.search(line.text) else 16
            if nxt.kind != "text" or n > longest or n_prev < 10 or n_next < 15 or n_prev < n or n_next < 1.3 * n:
                continue
            if _CONTINUES.match(nxt.text):
                continue
        if _IMPERATIVE.match(line.text) or _ANAPHORA.search(line.text):
            continue
        if not _caption_sentence(line.text, min_words=2 if _RELATIVE_TAIL.search(line.text) else 4):
            continue
        line.kind = "caption"


_BY_NAME = re.compile(
    r"^\s*(?:by|written by|words by|words:)\s+((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)", re.IGNORECASE
)


def _mark_author_bios(lines: list[_Line], opts: SegmentOptions) -> None:
    """A short paragraph that starts with the byline's author's name is their bio
    ("By Aoife Brennan" … "Aoife Brennan farms 60 acres in Co Clare and writes about rural policy.")."""
    names = []
    last = 0
    title_at = _title_index(lines, opts)
    first_body = _first_body(lines, after=title_at if title_at is not None else 0)
    for i, line in enumerate(lines[:8]):
        m = _BY_NAME.match(line.text)
        split = P.split_time_tail(line.text) if line.kind == "header_tail" and i < first_body else None
        if m:
            names.append(m.group(1).strip())
        elif split is not None and len(split[0].split()) >= 2:
            names.append(split[0])  # "Ruth Callaghan | 3 days ago"
        elif title_at is not None and title_at < i < first_body and line.kind == "name" and len(line.text.split()) >= 2:
            names.append(line.text.strip())  # a bare author name under the title
        else:
            continue
        last = i
    if not names:
        return
    # "Ms. Alana Fitzgerald" signs the piece; her bio starts "Alana Fitzgerald teaches …".
    names = [_HONORIFIC.sub("", n) or n for n in names]
    for line in lines[last + 1 :]:
        if (
            line.kind == "text"
            and any(
                re.match(
                    rf"[\W_]{{0,3}}(?:(?:Dr|Prof|Professor|Sir|Dame|Lord|Lady)\.?\s+)?{re.escape(n)}(?:\s|['’]s\b)",
                    line.text,
                )
                for n in names
            )
            and len(line.text) <= 320
            and len(re.findall(r"[.!?](?:\s|$)", line.text)) <= 2
        ):
            line.kind = "bio"


_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Professor|Rev|Sir|Dame)\.?\s+(?=[A-Z])")

_ROW_SPLIT = re.compile(r"\s*[|·•∙]\s*|\s{2,}")


def _mark_furniture_rows(lines: list[_Line]) -> None:
    """Rows of short items separated by bars or dots are menus, share bars or language switches
    ("de | fr | it | en", "Facebook | X | WhatsApp | Email", "Subscribe | Sign in")."""
    for line in lines:
        if line.kind not in ("text", "name"):
            continue
        parts = [p for p in _ROW_SPLIT.split(line.text) if p]
        if len(parts) >= 2 and all(len(p.split()) <= 3 and not p.endswith((".", "?", "!")) for p in parts):
            if not re.search(r"[|·•∙]|\s{2,}", line.text) or P.split_time_tail(line.text, loose=True):
                continue  # "retired pilot • 1 hour ago" is a comment header, not a menu
            line.kind = "boilerplate"


#: Bullets in front of list items ("• Headline", "› Headline").
_BULLETS = "•·›»▸▪■◦*→–—- "


def _headline_like(t: str, *, tags: bool = False) -> bool:
    t = t.lstrip(_BULLETS) or t
    words = t.split()
    if not (1 if tags else 2) <= len(words) <= 22 or len(t) > 170 or t.endswith((",", ";", ".")):
        return False
    return t[0].isupper() or t[0] in "'\"‘“[(0123456789"


# -- comment headers ------------------------------------------------------------------


@dataclass(slots=True)
class _Header:
    author: str | None
    timestamp: str | None
    #: content-line indices the header occupies (author line, time line).
    span: tuple[int, ...]
    reply_name: str | None = None
    #: A "Posted by: Name | date" line *under* the comment it belongs to.
    footer: bool = False


_REPLY_PREFIX = re.compile(r"^\s*(?:→|↳|->|>>|re:|replying to|in reply to|@)\s*", re.IGNORECASE)


def _time_after(lines: list[_Line], j: int) -> tuple[str | None, tuple[int, ...], str | None]:
    """A timestamp below line ``j``, skipping badge and "Replying to X" lines.

    Returns the time, the indices of the lines used, and the name replied to.
    """
    k = j + 1
    used: list[int] = []
    reply: str | None = None
    while k < len(lines) and len(used) < 2 and lines[k].blank_before == 0:
        if lines[k].kind == "badge":
            used.append(k)
        elif _REPLY_ONLY.match(lines[k].text) and reply is None:
            reply = _reply_marker(lines[k].text)
            used.append(k)
        else:
            break
        k += 1
    if k < len(lines) and lines[k].kind == "timestamp":
        return lines[k].text, (*used, k), reply
    return None, (), None


def _header_at(lines: list[_Line], j: int) -> _Header | None:
    line = lines[j]
    t = line.text
    nxt = lines[j + 1] if j + 1 < len(lines) else None
    if line.kind == "posted_by":
        m = P.POSTED_BY.match(t)
        assert m is not None
        time = m.group("time")
        span: tuple[int, ...] = (j,)
        if time is None:
            time, extra, _ = _time_after(lines, j)
            span = (j, *extra)
        # Under its comment when text sits directly above and a gap (or the end) follows.
        footer = (
            j > 0
            and lines[j - 1].kind not in ("posted_by", "timestamp", "comments_marker", "boilerplate")
            and line.blank_before == 0
            and (nxt is None or nxt.blank_before > 0)
        )
        return _Header(m.group("name").strip(), time, span, footer=footer)
    if line.kind == "replied_to":
        m = P.REPLIED_TO.match(t)
        assert m is not None
        time = m.group("time")
        span = (j,)
        if time is None:
            time, extra, _ = _time_after(lines, j)
            span = (j, *extra)
        return _Header(m.group("name").strip().lstrip("@"), time, span, reply_name=m.group("parent").strip())
    if line.kind == "header_says":
        m = P.HEADER_INLINE.match(t)
        assert m is not None
        name = m.group("name").strip()
        reply = None
        if _REPLY_PREFIX.match(name):
            name = _REPLY_PREFIX.sub("", name).strip()
        time = m.group("time")
        span = (j,)
        if time is None:
            time, extra, reply = _time_after(lines, j)
            span = (j, *extra)
        return _Header(name, time, span, reply)
    if line.kind == "header_tail":
        split = P.split_time_tail(t)
        assert split is not None
        name, time = split
        reply = None
        if _REPLY_PREFIX.match(name):
            return None
        return _Header(name.lstrip("@"), time, (j,), reply)
    if line.kind in ("name", "byline"):
        time, extra, reply = _time_after(lines, j)
        if time is not None:
            return _Header(t.lstrip("@"), time, (j, *extra), reply_name=reply)
    return None


def _find_headers(lines: list[_Line]) -> dict[int, _Header]:
    headers: dict[int, _Header] = {}
    j = 0
    while j < len(lines):
        h = _header_at(lines, j)
        if h is not None:
            headers[j] = h
            j = h.span[-1] + 1
        else:
            j += 1
    if len(headers) >= 2:
        _add_loose_headers(lines, headers)
    return headers


def _add_loose_headers(lines: list[_Line], headers: dict[int, _Header]) -> None:
    """Among comments with headers, a header whose name is no capitalised name: "Seren Ddu fan
    club • 5 hours ago", or "retired engineer" over a time line, opening a new block."""
    used = {k for h in headers.values() for k in h.span}
    first = min(headers)
    for j in range(first + 1, len(lines) - 1):
        line = lines[j]
        if j in used or line.kind not in ("text", "name", "byline"):
            continue
        split = P.split_time_tail(line.text, loose=True) if len(line.text) <= 120 else None
        if split is not None and not _REPLY_PREFIX.match(split[0]):
            line.kind = "header_tail"
            headers[j] = _Header(split[0].lstrip("@"), split[1], (j,))
            used.add(j)
            continue
        nxt = lines[j + 1]
        if (
            P.is_loose_name(line.text)
            and nxt.kind == "timestamp"
            and nxt.blank_before == 0
            and j + 1 not in used
            and (line.blank_before > 0 or lines[j - 1].kind in ("action", "boilerplate"))
        ):
            line.kind = "name"
            headers[j] = _Header(line.text.lstrip("@"), nxt.text, (j, j + 1))
            used.update((j, j + 1))


# -- finding the comment section ------------------------------------------------------


def _is_body(line: _Line) -> bool:
    return line.kind == "text" and len(line.text.split()) >= 8


def _first_body(lines: list[_Line], *, after: int = -1) -> int:
    for i, line in enumerate(lines):
        if i > after and _is_body(line):
            return i
    return len(lines)


_FURNITURE = ("boilerplate", "caption", "caption_double", "action", "comments_marker", "end_marker")


def _title_index(lines: list[_Line], opts: SegmentOptions) -> int | None:
    """The first line that is not page furniture, when it reads like a headline.

    A short section label ("Opinion", "Space & Astronomy"), a breadcrumb ("World | Europe |
    Ukraine war") or a short all-capitals site label just above a longer headline is furniture.
    """
    for i, line in enumerate(lines):
        if line.kind in _FURNITURE:
            continue
        if (
            line.kind == "text"
            and i + 2 < len(lines)
            and len(line.text.split()) <= 25
            and not _title_like(line.text, opts)
            and lines[i + 1].kind in ("text", "name")
            and _title_like(lines[i + 1].text, opts)
            and lines[i + 2].kind in ("byline", "posted_by", "timestamp", "header_tail")
        ):
            # A banner sentence above the headline and its byline ("Welcome back. Registered
            # readers get three stories a week."): furniture in words the rules do not know.
            line.kind = "boilerplate"
            continue
        if line.kind not in ("text", "name") or i + 1 >= len(lines) or not _title_like(line.text, opts):
            return None
        nxt = lines[i + 1]
        caps_label = (  # "RAIL USERS' FORUM BLOG" above the headline and its byline
            len(line.text.split()) <= 5
            and not re.search(r"[a-z]", line.text)
            and i + 2 < len(lines)
            and lines[i + 2].kind in ("byline", "timestamp", "header_tail")
        )
        if (
            (_section_label(line.text) or caps_label)
            and nxt.kind in ("text", "name")
            and _title_like(nxt.text, opts)
            and len(nxt.text.split()) > len(line.text.split())
        ):
            line.kind = "boilerplate"
            continue
        return i
    return None


def _section_label(t: str) -> bool:
    parts = [p.strip() for p in re.split(r"\s*[|›»>/]\s*", t) if p.strip()]
    return all(len(p.split()) <= 3 for p in parts) and (len(parts) > 1 or len(t.split()) <= 3)


def _comment_start(lines: list[_Line], headers: dict[int, _Header], opts: SegmentOptions) -> tuple[int, str]:
    """Where the comments start (len(lines) when there are none) and how that was found.

    A split found without comment headers or a "Comments" line is dropped when what follows it
    is news prose and bare headlines (a related-links block at the end of an article with no
    comments), not reader talk.
    """
    start, how = _find_comment_start(lines, headers, opts)
    if how in ("headers", "none") or any(line.kind == "comments_marker" for line in lines[:start]):
        return start, how
    if _news_tail(lines, start):
        return len(lines), "none"
    return start, how


def _link_headline(t: str) -> bool:
    """A bare headline of a related article: 2–16 words, capitalised, no closing punctuation."""
    words = t.split()
    return (
        2 <= len(words) <= 16
        and len(t) <= 120
        and not t.endswith((".", ",", ";", ":", "!", "?", "…", "”", '"'))
        and (t[0].isupper() or t[0].isdigit() or t[0] in "‘“'\"")
        and not _REPORTED_SPEECH.search(t)
    )


_REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|added)\b")


def _news_tail(lines: list[_Line], start: int) -> bool:
    """At most five lines after ``start``: two or more bare headlines last, news prose before them."""
    tail = [i for i in range(start, len(lines)) if lines[i].kind not in _FURNITURE]
    if not tail or len(tail) > 5:
        return False
    k = len(tail)
    while k > 0 and _link_headline(lines[tail[k - 1]].text) and len(lines[tail[k - 1]].text.split()) >= 4:
        k -= 1
    if len(tail) - k < 2:
        return False
    return all(lines[i].kind == "text" and comment_likeness(lines[i].text) <= 0 for i in tail[:k])


def _mark_trailing_links(lines: list[_Line], start: int) -> None:
    """Bare related-article headlines at the end of an article ("Housing in the city" / "Rents
    rise fastest in a decade" / "Council buys 300 empty flats"), after its last paragraph and
    before only furniture, are boilerplate; so is a short label heading them."""
    k = start
    while k > 0 and lines[k - 1].kind in (*_FURNITURE, "bio", "byline", "timestamp", "header_tail", "posted_by"):
        if lines[k - 1].kind == "boilerplate" and _link_headline(lines[k - 1].text):
            break  # perhaps a headline of the block the furniture model already caught
        k -= 1
    j = k
    while (
        j > 0
        and k - j < 8
        and lines[j - 1].kind in ("text", "name", "boilerplate")
        and _link_headline(lines[j - 1].text)
    ):
        j -= 1
    run = lines[j:k]
    if j == 0 or not _is_body(lines[j - 1]) or not lines[j - 1].text.rstrip("”’\"' ").endswith((".", "!", "?")):
        return
    if sum(len(line.text.split()) >= 4 for line in run) < 2 or all(line.kind == "boilerplate" for line in run):
        return
    for line in run:
        line.kind = "boilerplate"


def _find_comment_start(lines: list[_Line], headers: dict[int, _Header], opts: SegmentOptions) -> tuple[int, str]:
    n = len(lines)
    body_seen = 0
    earliest = n
    title_at = _title_index(lines, opts)
    for i, line in enumerate(lines):
        if i != title_at and _is_body(line):
            body_seen += 1
            if body_seen >= opts.min_article_lines:
                earliest = i + 1
                break
    if earliest >= n:
        return n, "none"

    # 1. Comment headers (author + time) after the article has begun.
    first_header = next((j for j in sorted(headers) if j >= earliest and not _byline_header(lines, headers, j)), None)
    marker = next((i for i in range(earliest, n) if lines[i].kind == "comments_marker"), None)
    if first_header is not None:
        start = first_header
        if headers[first_header].footer:  # the first comment's text is above its footer
            while start > earliest and lines[start].blank_before == 0 and lines[start - 1].kind == "text":
                start -= 1
        # Page furniture just above the first comment belongs to the comment section.
        while start > earliest and lines[start - 1].kind in ("comments_marker", "boilerplate", "action"):
            start -= 1
        return start, "headers"

    # 2. An explicit "87 comments" / "Join the discussion" line.
    if marker is not None and marker + 1 < n:
        return marker + 1, "marker"

    # 3. The end of the article: a bio, a republication notice, a copyright line.
    last_end = None
    styles = [comment_likeness(line.text) for line in lines]
    for i in range(earliest - 1, n):
        if lines[i].kind == "end_marker" or (lines[i].kind == "bio" and _bio_ends_article(lines, styles, i)):
            last_end = i
    if last_end is not None:
        start = last_end + 1
        while start < n and lines[start].kind in ("end_marker", "bio", "boilerplate", "comments_marker", "action"):
            start += 1
        if start < n:
            return start, "marker"
        return n, "none"

    # 3b. A bio the patterns do not know, in a first-person piece ("Liam Doherty has refereed
    #     youth football for nine years."), when reader talk follows.
    loose = _loose_bio(lines, styles, earliest)
    if loose is not None:
        lines[loose].kind = "bio"
        start = loose + 1
        while start < n and lines[start].kind in ("end_marker", "bio", "boilerplate", "comments_marker", "action"):
            start += 1
        if start < n:
            return start, "marker"

    # 4. No marker: the first paragraph that talks about the piece or its writer ("The author's
    #    case…", "I read this column…"), when what follows reads more like reader talk.
    #    First-person opinion pieces read much like reader talk, so the tail need only be about
    #    as comment-like as the head.
    for i in range(max(earliest, 3), n - 1):
        if lines[i].kind == "text" and (
            _ABOUT_THE_PIECE.search(lines[i].text[:300]) or _ADDRESSES_WRITER.match(lines[i].text)
        ):
            head = [styles[k] for k in range(1, i) if lines[k].kind == "text"]
            tail = [styles[k] for k in range(i, n) if lines[k].kind not in _FURNITURE]
            if head and len(tail) >= 3 and sum(tail) / len(tail) >= sum(head) / len(head) - 0.25:
                return i, "style"
            break

    # 5. A layout change: a gap unlike any other, confirmed by style; or paragraphs that
    #    switch from no blank line between them to blank lines for good; else style alone.
    gap = _unique_gap(lines, earliest)
    if gap is not None and _style_split_ok(styles, gap, margin=0.4):
        return gap, "gap"
    switch = _spacing_switch(lines, earliest)
    if switch is not None:
        return switch, "gap"
    best = _style_change_point(styles, earliest, opts.style_margin)
    if best is not None:
        return best, "style"
    return n, "none"


def _long_prose(line: _Line) -> bool:
    return line.kind == "text" and len(line.text.split()) >= 20


def _byline_header(lines: list[_Line], headers: dict[int, _Header], j: int) -> bool:
    """A "header" that is the article's own byline ("Posted by the Riverside Desk" over a date):
    no long paragraph above it, and the article's paragraphs below it before the next header.

    It guards against losing the whole body when unknown furniture above the headline (a paywall
    counter in new words) passes for the first paragraphs of an article.
    """
    if any(_long_prose(line) for line in lines[:j]):
        return False
    nxt = next((k for k in sorted(headers) if k > j), len(lines))
    return sum(_long_prose(line) for line in lines[j:nxt]) >= 3


#: A reader's reference to the article or its writer.
_ABOUT_THE_PIECE = re.compile(
    r"\b(?:the|this) (?:author|writer|columnist|op-?ed|opinion piece|column|article)(?:['’]s)?\b(?! of\b)"
    r"|\b(?:this|the) piece\b(?! of\b)|\b(?:dear|with respect to) (?:editor|author|(?:mr|mrs|ms|dr) [A-Z])",
    re.IGNORECASE,
)


#: A reader naming the writer at the start of a comment: "Dr Marsh writes with evident
#: sincerity…", "Mrs Parry-Jones makes a moving case…", "Ms. Fitzgerald's experience is…".
_ADDRESSES_WRITER = re.compile(
    r"\s*(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.?\s+(?:[A-Z][\w'’-]+\s+)?[A-Z][\w'’-]+"
    r"(?:['’]s\s+(?:article|piece|column|essay|argument|case|experience|point|view|proposal|plan|idea)\b"
    r"|\s+(?:writes|argues|makes|is right|is wrong|has a point|misses|overlooks|ignores|forgets|fails|raises)\b)"
)


#: A full name (with an optional title) and a verb that opens a bio in any tense.
_LOOSE_BIO = re.compile(
    r"\s*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame)\.?\s+)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
    r"\s+(?:is|was|has|had|lives|lived|works|worked|farms|teaches|taught|runs|ran|writes|wrote|chairs|chaired|"
    r"leads|led|served|spent|founded|co-founded|directs|edits|edited|manages|studies|studied|trained|retired|"
    r"coaches|coached|volunteers|campaigns|covers|hosts|presents|represents|sits)\b"
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|my|me|myself)\b")


def _loose_bio(lines: list[_Line], styles: list[float], earliest: int) -> int | None:
    """A short third-person line naming someone the story never named, after first-person prose.

    Opinion writers speak as "I"; news copy seldom does, and there a newcomer mid-story is
    seldom a sign-off. Reader talk must follow: two lines at least, about as chatty as a
    first-person piece, or clearly chattier than a third-person one.
    """
    n = len(lines)
    for i in range(max(earliest, 3), n - 2):
        line = lines[i]
        if line.kind != "text" or len(line.text.split()) > 60 or len(re.findall(r"[.!?](?:\s|$)", line.text)) > 3:
            continue
        m = _LOOSE_BIO.match(line.text)
        if not m:
            continue
        surname = m.group("name").split()[-1]
        named = re.compile(rf"\b{re.escape(surname)}\b")
        body = [k for k in range(i) if _is_body(lines[k])]
        if len(body) < 3 or any(named.search(lines[k].text) for k in range(body[0], i)):
            return None
        rest = [k for k in range(i + 1, n) if lines[k].kind not in _FURNITURE]
        if len(rest) < 2:
            return None
        own = [_QUOTED.sub(" ", lines[k].text) for k in body]  # quoted speakers say "I" in news too
        first_person = sum(1 for t in own if _FIRST_PERSON.search(t)) >= 0.5 * len(body)
        head = [styles[k] for k in body]
        tail = [styles[k] for k in rest]
        # Readers who name the writer ("Mrs Quinlan makes a fair point") settle it.
        if first_person and (_ADDRESSES_WRITER.match(lines[rest[0]].text) or named.search(lines[rest[0]].text)):
            return i
        tail_mean = sum(tail) / len(tail)
        margin = -0.5 if first_person else 0.5
        if tail_mean < sum(head) / len(head) + margin or (not first_person and tail_mean < 0.3):
            return None
        return i
    return None


def _spacing_switch(lines: list[_Line], earliest: int) -> int | None:
    """Where paragraphs that had no blank line between them start to have one, for good.

    Article paragraphs pasted one per line, then comments pasted with blank lines between
    them (or the other way round) mark the border as well as any gap.
    """
    n = len(lines)
    for k in range(max(earliest, 3), n - 1):
        before = [line.blank_before > 0 for line in lines[1:k]]
        after = [line.blank_before > 0 for line in lines[k:]]
        if len(before) < 3 or len(after) < 2 or any(line.kind in _FURNITURE for line in lines[k:]):
            continue
        if (not any(before) and all(after)) or (all(before) and not any(after[1:]) and after[0]):
            return k
    return None


def _bio_ends_article(lines: list[_Line], styles: list[float], i: int) -> bool:
    """An author bio ends the article unless plain article prose carries on after it.

    "Vladimir Putin is a former KGB officer." reads like a bio but sits inside
    the story; what follows a real bio is furniture, a gap, or reader talk.
    """
    rest = [k for k in range(i + 1, len(lines)) if lines[k].kind not in _FURNITURE]
    if not rest:
        return True
    if any(lines[k].kind in ("end_marker", "comments_marker") for k in range(i + 1, rest[0] + 1)):
        return True
    gaps = [line.blank_before for line in lines[1 : i + 1]]
    if gaps and lines[rest[0]].blank_before > max(gaps):
        return True
    head = [styles[k] for k in range(1, i) if lines[k].kind == "text"]
    tail = [styles[k] for k in rest]
    head_mean = sum(head) / len(head) if head else 0.0
    tail_mean = sum(tail) / len(tail)
    # Plain reporting carries on after it: a newcomer to the story ("Tom Reilly is a teacher at
    # the school."), not a sign-off.
    if len(rest) >= 3 and tail_mean < min(0.0, head_mean + 0.5):
        return False
    # Writers are not named in their own story; experts introduced mid-story are quoted by name.
    m = re.match(r"[\W_]{0,3}((?:[A-Z][\w'’.-]+\s+)*[A-Z][\w'’-]+?)(?:['’]s)?\s+(?=[a-z])", lines[i].text)
    if m:
        surname = m.group(1).split()[-1]
        named = re.compile(rf"\b{re.escape(surname)}\b")
        # Named in the byline above the story, not in the story: the writer signing off.
        bylines = [k for k in range(min(i, 12)) if lines[k].kind in ("name", "byline") and named.search(lines[k].text)]
        if bylines and not any(named.search(lines[k].text) for k in range(bylines[0] + 1, i)):
            return True
        if not any(named.search(lines[k].text) for k in range(i)):
            return True
    return tail_mean >= head_mean + 0.25


def _unique_gap(lines: list[_Line], earliest: int) -> int | None:
    gaps = [line.blank_before for line in lines[1:]]
    if not gaps:
        return None
    top = max(gaps)
    if top == 0:
        return None
    where = [i + 1 for i, g in enumerate(gaps) if g == top]
    if len(where) != 1 or where[0] < max(earliest, 3):
        return None
    # The gap must stand out: other gaps are all smaller.
    return where[0]


def _style_split_ok(styles: list[float], k: int, *, margin: float) -> bool:
    head, tail = styles[:k], styles[k:]
    if not head or not tail:
        return False
    return sum(tail) / len(tail) - sum(head) / len(head) >= margin


def _style_change_point(styles: list[float], earliest: int, margin: float) -> int | None:
    n = len(styles)
    if n - earliest < 1:
        return None
    mean_all = sum(styles) / n
    best_k, best_gain = None, 0.0
    prefix = [0.0]
    for s in styles:
        prefix.append(prefix[-1] + s)
    for k in range(max(earliest, 3), n - 1):  # at least two comments: one line is too little evidence
        head = prefix[k] / k
        tail = (prefix[n] - prefix[k]) / (n - k)
        if tail - head < margin or tail <= 0.3:
            continue
        if sum(1 for s in styles[k:] if s > 0.5) < 0.6 * (n - k):
            continue
        # Reward splits that put comment-like lines after and article lines before.
        gain = (prefix[n] - prefix[k]) - (n - k) * mean_all
        if gain > best_gain:
            best_k, best_gain = k, gain
    return best_k


# -- the article ----------------------------------------------------------------------


def _build_article(lines: list[_Line], opts: SegmentOptions) -> Article:
    article = Article()
    seen_captions: set[str] = set()

    def add_caption(text: str) -> None:
        key = " ".join(text.split()).lower()
        if key not in seen_captions:
            seen_captions.add(key)
            article.captions.append(text)

    title_at = _title_index(lines, opts)
    first_body = _first_body(lines, after=title_at if title_at is not None else -1)
    last_body = max((i for i, line in enumerate(lines) if _is_body(line)), default=len(lines))
    for i, line in enumerate(lines):
        t, kind = line.text, line.kind
        if i == title_at:
            article.title = t
            line.label = "title"
            continue
        if kind == "caption_double":
            caption = _doubled(t)
            assert caption is not None
            add_caption(caption)
            line.label = "caption"
        elif kind == "caption" or (kind == "text" and " ".join(t.split()).lower() in seen_captions):
            add_caption(t)
            line.label = "caption"
        elif kind == "end_marker" and _ADDITIONAL_REPORTING.match(t):
            article.credits.append(t)  # names the people who wrote it: a credit, though it ends the article
            line.label = "credit"
        elif kind == "end_marker" and opts.corrections_in_body and P.CORRECTION_NOTE.match(t):
            article.paragraphs.append(Paragraph(t, "body"))
            line.label = "paragraph"
        elif kind in ("boilerplate", "comments_marker", "end_marker", "action"):
            article.boilerplate.append(t)
            line.label = "boilerplate"
        elif kind == "bio" or (
            kind in ("byline", "timestamp", "header_tail", "header_says", "posted_by")
            and (i <= first_body or i > last_body)
        ):
            article.credits.append(t)
            line.label = "credit"
        elif kind == "name" and i < first_body and article.title is not None and not article.credits:
            article.credits.append(t)  # a bare author name under the title
            line.label = "credit"
        else:
            is_sub = bool(article.paragraphs) and _subheading_like(t) and _next_is_body(lines, i)
            article.paragraphs.append(Paragraph(t, "subheading" if is_sub else "body"))
            line.label = "subheading" if is_sub else "paragraph"
    return article


_ADDITIONAL_REPORTING = re.compile(r"^\s*additional reporting (?:by|from)\s+\S", re.IGNORECASE)

_END_PUNCT = tuple(".,;:…\"”’'")


def _title_like(t: str, opts: SegmentOptions) -> bool:
    words = t.split()
    return 1 <= len(words) <= opts.max_title_words and len(t) <= 200 and not t.endswith((".", ",", ";", ":"))


_OPEN_QUOTES = "“\"‘'"


def _subheading_like(t: str) -> bool:
    """A short line without a closing full stop that starts with a capital or a digit; a heading
    that is a quotation ("“Loosened teeth, bite problems”", "‘Ropeless’ traps") counts too."""
    words = t.split()
    if not 1 <= len(words) <= 16 or len(t) > 110:
        return False
    inner = t
    if t[0] in _OPEN_QUOTES and t[-1] in "”\"’'" and len(t) > 2:
        inner = t[1:-1].strip()  # a quoted heading: judge what is inside the quotes
    if not inner or inner.endswith(_END_PUNCT) or (inner.endswith("!") and len(words) > 8):
        return False
    if len(words) > 12 and not _LONG_HEADING.match(inner):
        return False  # a long heading opens with "Why …" / "How …" or a "Label: …"
    head = t.lstrip(_OPEN_QUOTES)
    return head[:1].isupper() or head[:1].isdigit()


#: How a subheading of more than twelve words opens: "Why the rolling stock shortage could decide …",
#: "How a farmers’ savings society ended up …", "The numbers: how much water does …".
_LONG_HEADING = re.compile(
    r"^(?:(?i:why|how|what|where|when|who|which)\s(?![^?]*\b(?:you|your|I|we|our)\b)|[A-Z][\w'’ -]{2,30}:\s)"
)


def _next_is_body(lines: list[_Line], i: int) -> bool:
    for line in lines[i + 1 :]:
        if line.kind in ("boilerplate", "caption", "caption_double", "action"):
            continue
        return line.kind == "text" and len(line.text.split()) >= 8
    return False


# -- the comments ---------------------------------------------------------------------


def _build_comments(lines: list[_Line], headers: dict[int, _Header]) -> list[Comment]:
    if not lines:
        return []
    if headers:
        return _structured_comments(lines, headers)
    if any(line.kind == "action" for line in lines):
        return _action_block_comments(lines)
    return _bare_comments(lines)


def _new_comment(comments: list[Comment], line: _Line, author: str | None, time: str | None) -> Comment:
    c = Comment(id=f"c{len(comments) + 1}", text="", author=author, timestamp=time)
    c.start = line.start
    comments.append(c)
    return c


def _append_text(c: Comment, line: _Line) -> None:
    c.text = f"{c.text}\n{line.text}" if c.text else line.text
    if c.start is None:
        c.start = line.start
    c.end = line.end


def _structured_comments(lines: list[_Line], headers: dict[int, _Header]) -> list[Comment]:
    comments: list[Comment] = []
    indents: dict[str, int] = {}
    reply_names: dict[str, str] = {}
    current: Comment | None = None
    skip: set[int] = set()
    pending_reply: str | None = None
    for j, line in enumerate(lines):
        if j in skip:
            continue
        h = headers.get(j)
        if h is not None and h.footer and current is not None and current.text and current.author is None:
            current.author, current.timestamp = h.author, h.timestamp
            for k in h.span:
                lines[k].label = "comment_meta"
                skip.add(k)
            current = None
            continue
        if h is not None:
            current = _new_comment(comments, line, h.author, h.timestamp)
            indents[current.id] = line.indent
            if h.reply_name:
                reply_names[current.id] = h.reply_name
            if pending_reply:
                reply_names[current.id], pending_reply = pending_reply, None
            for k in h.span:
                lines[k].label = "comment_meta"
                skip.add(k)
            continue
        if _REPLY_ONLY.match(line.text) and (j + 1) in headers:
            pending_reply = _reply_marker(line.text)
            line.label = "comment_meta"
            continue
        if line.kind in ("boilerplate", "comments_marker", "end_marker") and (current is None or not current.text):
            line.label = "boilerplate"
            continue
        if line.kind in ("action", "badge") or (line.kind == "timestamp" and current is not None):
            line.label = "comment_meta"
            if line.kind == "timestamp" and current is not None and current.timestamp is None:
                current.timestamp = line.text
            continue
        if line.kind in ("boilerplate", "comments_marker") or _site_footer(line):
            line.label = "boilerplate"  # also a site footer under the last comment ("© 2026 …")
            continue
        if current is None:
            current = _new_comment(comments, line, None, None)
            indents[current.id] = line.indent
        reply = _reply_marker(line.text)
        if reply and not current.text:
            reply_names[current.id] = reply
            if _REPLY_ONLY.match(line.text):
                line.label = "comment_meta"
                continue
        _append_text(current, line)
        line.label = "comment"
    comments = [c for c in comments if c.text]
    _link_replies(comments, indents, reply_names)
    return comments


_REPLY_ONLY = re.compile(r"^\s*(?:→|↳|->|replying to|in reply to)\s*@?[\w .'’-]{1,40}:?\s*$", re.IGNORECASE)
_REPLY_NAME = re.compile(r"^\s*(?:→|↳|->|[Rr]eplying to|[Ii]n reply to|@)\s*@?(\S.{0,60})")


def _reply_marker(text: str) -> str | None:
    """The text after a reply marker ("@Name …", "→ Name"), to match against earlier authors."""
    m = _REPLY_NAME.match(text)
    return m.group(1).strip() if m else None


def _link_replies(comments: list[Comment], indents: dict[str, int], reply_names: dict[str, str]) -> None:
    by_id = {c.id: c for c in comments}
    for i, c in enumerate(comments):
        tail = reply_names.get(c.id)
        if tail:
            key = _name_key(tail)
            best: Comment | None = None
            for prev in reversed(comments[:i]):
                pk = _name_key(prev.author or "")
                if pk and key.startswith(pk) and (best is None or len(pk) > len(_name_key(best.author or ""))):
                    best = prev
            if best is not None:
                c.reply_to = best.id
        if c.reply_to is None and indents.get(c.id, 0) > 0:
            for prev in reversed(comments[:i]):
                if indents.get(prev.id, 0) < indents[c.id]:
                    c.reply_to = prev.id
                    break
    for c in comments:
        depth, parent, hops = 0, c.reply_to, 0
        while parent is not None and parent in by_id and hops < 50:
            depth, parent, hops = depth + 1, by_id[parent].reply_to, hops + 1
        c.depth = depth


def _name_key(name: str) -> str:
    return re.sub(r"[\s_.@-]+", "", name.lower())


_SHORT_TIME = re.compile(r"^\d{1,3}\s*(?:s|m|h|d|w|y|mo|mins?|hrs?|days?|weeks?)$", re.IGNORECASE)


def _action_time(text: str) -> str | None:
    """The timestamp inside an action bar ("Like · Reply · 42 · 3h" -> "3h"), if any."""
    for tok in reversed(re.split(r"\s*[|•·∙]\s*", text)):
        if _SHORT_TIME.match(tok.strip()) or P.TIMESTAMP.match(tok):
            return tok.strip()
    return None


def _action_block_comments(lines: list[_Line]) -> list[Comment]:
    """Comments separated by their action bars (author line, optional badge, text, "Like · Reply · 3h")."""
    blocks: list[list[_Line]] = [[]]
    bar_times: list[str | None] = []
    for line in lines:
        if line.kind == "action":
            line.label = "comment_meta"
            if blocks[-1]:
                bar_times.append(_action_time(line.text))
                blocks.append([])
        elif line.kind in ("boilerplate", "comments_marker") and not blocks[-1]:
            line.label = "boilerplate"
        else:
            blocks[-1].append(line)
    bar_times += [None] * (len(blocks) - len(bar_times))
    kept = [(b, t) for b, t in zip(blocks, bar_times, strict=True) if b]
    named = sum(1 for b, _ in kept if len(b) > 1 and b[0].kind in ("name", "byline"))
    use_names = bool(kept) and named >= max(1, len(kept) * 0.6)
    comments: list[Comment] = []
    indents: dict[str, int] = {}
    for b, bar_time in kept:
        author = None
        indent = b[0].indent
        if use_names and len(b) > 1 and b[0].kind in ("name", "byline"):
            author = b[0].text.lstrip("@")
            b[0].label = "comment_meta"
            b = b[1:]
            while len(b) > 1 and b[0].kind == "badge":
                b[0].label = "comment_meta"
                b = b[1:]
        c = _new_comment(comments, b[0], author, None)
        indents[c.id] = indent
        for line in b:
            if line.kind == "timestamp" and c.timestamp is None and not c.text:
                c.timestamp = line.text
                line.label = "comment_meta"
                continue
            _append_text(c, line)
            line.label = "comment"
        if c.timestamp is None:
            c.timestamp = bar_time
    comments = [c for c in comments if c.text]
    _link_replies(comments, indents, {})
    return comments


def _site_footer(line: _Line) -> bool:
    """A site footer among or under the comments ("© 2026 Harbour Times. All rights reserved.")."""
    return line.kind == "end_marker" and P.BOILERPLATE.match(line.text)


def _bare_comments(lines: list[_Line]) -> list[Comment]:
    timed = _timed_comments(lines)
    if timed is not None:
        return timed
    transitions = lines[1:]
    blank_sep = sum(1 for line in transitions if line.blank_before > 0)
    by_block = bool(transitions) and blank_sep >= 0.5 * len(transitions)
    comments: list[Comment] = []
    current: Comment | None = None
    for line in lines:
        if line.kind in ("boilerplate", "comments_marker", "action") or _site_footer(line):
            line.label = "boilerplate" if line.kind != "action" else "comment_meta"
            current = None
            continue
        if current is None or not by_block or line.blank_before > 0:
            current = _new_comment(comments, line, None, None)
        _append_text(current, line)
        line.label = "comment"
    return comments


def _timed_comments(lines: list[_Line]) -> list[Comment] | None:
    """Comments headed by a time line and no author ("5 hours ago", then the text).

    Used when the comment section opens with a time line and time lines recur; each time
    line starts a comment and the lines up to the next one are its text.
    """
    kept = [line for line in lines if line.kind not in ("boilerplate", "comments_marker", "action")]
    times = [line for line in kept if line.kind == "timestamp"]
    if not kept or kept[0].kind != "timestamp" or len(times) < 2 or len(kept) < 2 * len(times):
        return None
    if any(a.kind == "timestamp" and b.kind == "timestamp" for a, b in itertools.pairwise(kept)):
        return None
    comments: list[Comment] = []
    current: Comment | None = None
    for line in lines:
        if line.kind in ("boilerplate", "comments_marker", "action"):
            line.label = "boilerplate" if line.kind != "action" else "comment_meta"
            continue
        if line.kind == "timestamp":
            current = _new_comment(comments, line, None, line.text)
            line.label = "comment_meta"
            continue
        assert current is not None
        _append_text(current, line)
        line.label = "comment"
    return [c for c in comments if c.text]


# -- entry point ----------------------------------------------------------------------


def segment_text(text: str, *, options: SegmentOptions | None = None) -> SegmentResult:
    """Segment a plain-text capture.

    Args:
        text: the capture, newlines normalised to ``\\n``.
        options: tuning knobs; the defaults suit news captures.

    Returns:
        The article parts, the comments (ids ``c1``, ``c2``… in reading order)
        and one labelled segment per line, covering ``text`` exactly once.

    Example:
        >>> r = segment_text("Title\\n\\nBody text of the story goes on here at length.\\n\\nMore body text "
        ...                  "that is long enough to count.\\n\\n87 comments\\n\\nJo Bloggs\\n2 hours ago\\nNice.")
        >>> r.article.title, [c.author for c in r.comments]
        ('Title', ['Jo Bloggs'])
    """
    opts = options or SegmentOptions()
    lines, blanks, headers, start, how = _analyse(text, opts)
    if opts.furniture_model:
        model = load_model(opts.furniture_model_path)
        if model is not None:
            for i in model.mark(lines, start, skip=_kept_lines(lines[:start], opts)):
                lines[i].kind = "boilerplate"
    _mark_trailing_links(lines, start)
    _mark_unpunctuated_captions(lines, start, opts)
    article = _build_article(lines[:start], opts)
    comment_headers = {
        j - start: replace(h, span=tuple(k - start for k in h.span)) for j, h in headers.items() if j >= start
    }
    comments = _build_comments(lines[start:], comment_headers)
    if how == "headers" and not comments:
        # "Comment headers" that head no comment text: a sign-off line ("Health Editor Jo Bloggs,
        # 25 July 2025") above page furniture. The article runs to the end.
        for line in lines[start:]:
            line.label = ""
        start, how = len(lines), "none"
        article = _build_article(lines, opts)
    article.boilerplate.extend(line.text for line in lines[start:] if line.label == "boilerplate")
    segments = _segments(text, lines, blanks)
    return SegmentResult(article, comments, segments, how)


def _kept_lines(lines: list[_Line], opts: SegmentOptions) -> set[int]:
    """Article lines the furniture model may not turn into boilerplate: the title, and the bare
    author name under it that :func:`_build_article` takes for a credit."""
    title_at = _title_index(lines, opts)
    if title_at is None:
        return set()
    first_body = _first_body(lines, after=title_at)
    for i in range(title_at + 1, first_body):
        if lines[i].kind in ("bio", "byline", "timestamp", "header_tail", "header_says"):
            break
        if lines[i].kind == "name":
            return {title_at, i}
    return {title_at}


def _analyse(
    text: str, opts: SegmentOptions
) -> tuple[list[_Line], list[tuple[int, int]], dict[int, _Header], int, str]:
    """The rule pass: classified lines, blank lines, comment headers and where the comments start."""
    lines, blanks = _read_lines(text)
    for line in lines:
        line.kind = _classify(line)
    _mark_link_lists(lines)
    _mark_caption_descriptions(lines)
    _mark_author_bios(lines, opts)
    _mark_furniture_rows(lines)
    _mark_head_lines(lines, opts)
    _mark_lead_caption(lines, opts)
    headers = _find_headers(lines)
    start, how = _comment_start(lines, headers, opts)
    _mark_mid_captions(lines, start, opts)
    _mark_breadcrumbs(lines, start)
    return lines, blanks, headers, start, how


def _mark_breadcrumbs(lines: list[_Line], start: int) -> None:
    """Breadcrumbs anywhere in the article ("Science › Space"): short parts joined by › or ».

    Above the comments "Science › Space" is no "Name › Name" reply header.
    """
    for line in lines[:start]:
        if (
            line.kind in ("text", "name", "replied_to")
            and re.search(r"\s[›»]\s", line.text)
            and _section_label(line.text)
            and not line.text.rstrip().endswith((".", "?", "!"))
        ):
            line.kind = "boilerplate"


def _segments(text: str, lines: list[_Line], blanks: list[tuple[int, int]]) -> list[Segment]:
    """One segment per line (label of the line), covering text[0:len(text)] exactly once."""
    marks = [(line.start, line.label or "paragraph") for line in lines]
    marks += [(s, "blank") for s, _ in blanks]
    marks.sort()
    out: list[Segment] = []
    cursor = 0
    for k, (pos, label) in enumerate(marks):
        nxt = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        begin = cursor if k == 0 else pos
        if nxt <= begin:
            continue
        if label == "blank" and out and out[-1].label == "blank":
            out[-1].end = nxt
        else:
            out.append(Segment(begin, nxt, label))
        cursor = nxt
    return out
