"""Build the annotated segmentation captures in tests/fixtures/segmentation/{dev,heldout}/.

Each capture is a plain-text page as a reader would copy it — an article with
page furniture, then (often) a reader discussion — written next to a gold
annotation ``<name>.gold.json``::

    {"layout", "title", "credits", "captions", "paragraphs": [{"text", "kind"}],
     "boilerplate", "comments": [{"id", "author", "timestamp", "text", "reply_to"}]}

Gold conventions (what the evaluator in ``belowtheline.segment.evaluate`` reads):

* ``credits``: byline, date line and author bio lines, as they appear.
* ``captions``: each caption line once (a caption pasted twice is listed once);
  a description line followed by a credit line gives two entries.
* ``boilerplate``: every furniture line in reading order, including
  comment-section furniture ("87 comments", "Sort by Newest") and the action
  lines under comments ("Reply", "Like (14)").
* ``comments``: ids c1..cN in reading order; ``text`` without the header,
  timestamp, action or "→ Name" lines; ``reply_to`` only where the layout shows
  the reply (indentation, "→ Name", "@Name" at the start of the text).

Sources (licences allow committing small excerpts):

* article bodies: Scrapinghub article-extraction benchmark ``ground-truth.json``
  (MIT; titles from the page ``<title>``) and English news pages of the
  trafilatura evaluation set (Apache-2.0; text and title from trafilatura);
* comments: Civil Comments posts from ``toxic_spans/acl2022_raw`` (CC0), mostly
  posts no annotator marked toxic, some toxic ones.

The ``heldout`` split uses different source articles and comments (disjoint by
hash of their ids), different author-name pools, timestamp formats,
boilerplate phrasings, action lines and caption templates, so scores on it
behave like scores on unseen pages. Nothing from Dragnet (AGPL) or L3S
(research only) is used.

Run (deterministic; rewrites the dev/ and heldout/ folders only)::

    python training/build_segmentation_set.py [--data ../shared/data] [--out tests/fixtures/segmentation]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import html
import json
import re
import shutil
import sys
import tarfile
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "segmentation"
SEED = 20250312

#: Captures per layout in each split.
PLAN: dict[str, dict[str, int]] = {
    "dev": {"seed000": 6, "seed004": 5, "blocks": 7, "says": 6, "bullet": 6, "opinion_bare": 5,
            "plain_title": 7},
    "heldout": {"seed000": 4, "seed004": 4, "blocks": 5, "says": 5, "bullet": 5, "opinion_bare": 4,
                "plain_title": 5},
}

csv.field_size_limit(10_000_000)

# ---------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------


@dataclass
class SourceArticle:
    key: str
    origin: str
    title: str
    paragraphs: list[tuple[str, str]]  # (text, "body" | "subheading")


_STOP = {"the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as", "are", "be",
         "this", "by", "from", "have", "has", "at"}
_END_PUNCT = tuple(".!?:;\"'”’)…")


def _english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) > 60 and sum(w in _STOP for w in words) / len(words) > 0.16


def _h(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest(), 16)


def _clean_title(raw: str) -> str:
    raw = re.sub(r"\s+", " ", html.unescape(raw)).strip()
    parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+|\s+\|\s*", raw) if p.strip()]
    return max(parts, key=len) if parts else raw


#: Promotions the source extractors left in article bodies: never gold body text.
_PROMO = re.compile(
    r"newsletter|sign(ing)? up|subscri|click here|follow us|cookie|advertis|read more|e-?mail|get in touch|"
    r"download (the|our) app|share this|live blog|(photo|image|picture)s?:|\((photo|image|picture)|getty|"
    r"^(posted|published|updated|last updated)\b|reuters/|©|double-tap|tap to (play|skip)|play video|\(more\)$", re.I)


def _paragraph_kinds(lines: Sequence[str], exclude: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Keep prose and real subheadings; drop list debris, embeds, promotions and stray short lines."""
    out: list[tuple[str, str]] = []
    for i, raw in enumerate(lines):
        t = re.sub(r"\s+", " ", raw).strip()
        if not t or "http" in t or "@" in t or "pic.twitter" in t or t.startswith(("—", "-", "•", "[")):
            continue
        if _PROMO.search(t) or any(x and x in t for x in exclude):
            continue
        words = t.split()
        nxt = re.sub(r"\s+", " ", lines[i + 1]).strip() if i + 1 < len(lines) else ""
        if len(words) <= 14 and not t.endswith(_END_PUNCT):
            # A subheading heads a following prose paragraph; anything else short is debris.
            if (len(nxt.split()) >= 12 and t[0].isupper() and not t.isupper() and len(words) >= 2
                    and "%" not in t):
                out.append((t, "subheading"))
            continue
        if len(words) < 8:
            continue
        out.append((t, "body"))
    while out and out[-1][1] == "subheading":
        out.pop()
    while out and out[0][1] == "subheading":
        out.pop(0)
    # Two subheadings in a row means a list, not sections.
    return [p for k, p in enumerate(out) if not (p[1] == "subheading" and k + 1 < len(out)
                                                 and out[k + 1][1] == "subheading")]


def load_scrapinghub(data: Path) -> list[SourceArticle]:
    base = data / "scrapinghub_article_extraction_benchmark"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for key in sorted(truth):
        body = truth[key]["articleBody"]
        if not _english(body):
            continue
        paras = _paragraph_kinds(body.split("\n"))
        if sum(k == "body" for _, k in paras) < 4:
            continue
        with gzip.open(base / "html" / f"{key}.html.gz") as f:
            page = f.read().decode("utf-8", "replace")
        m = re.search(r"<title[^>]*>(.*?)</title>", page, re.S | re.I)
        title = _clean_title(m.group(1)) if m else ""
        if not (3 <= len(title.split()) <= 20) or sum(ord(ch) < 128 for ch in title) < 0.95 * len(title):
            continue
        out.append(SourceArticle(key[:12], "scrapinghub", title, paras))
    return out


def load_trafilatura(data: Path) -> list[SourceArticle]:
    import trafilatura  # a dependency of the package

    base = data / "trafilatura_eval"
    meta = json.loads((base / "evaldata.json").read_text(encoding="utf-8"))
    wanted: dict[str, str] = {}
    without: dict[str, list[str]] = {}
    for url, v in meta.items():
        if not _english(" ".join(v.get("with") or []) * 3):
            continue
        if not re.search(r"news|article|/20\d\d/|story|politics|ideas|opinion", url):
            continue
        if re.search(r"wikipedia|github|stackexchange|docker|blogspot|privacy|springer|recipe|chef|eat", url):
            continue
        wanted[v["file"]] = url
        without[v["file"]] = [x.strip() for x in v.get("without") or [] if len(x.strip()) > 8]
    pages: dict[str, str] = {}
    with tarfile.open(base / "trafilatura_eval_html.tar.gz") as tar:
        for member in tar.getmembers():
            name = member.name.rsplit("/", 1)[-1]
            if name in wanted and name not in pages:
                f = tar.extractfile(member)
                if f is not None:
                    pages[name] = f.read().decode("utf-8", "replace")
    out = []
    for name in sorted(pages):
        r = trafilatura.bare_extraction(pages[name], with_metadata=True, include_comments=False,
                                        include_tables=False, include_images=False)
        if r is None or not r.text or not r.title:
            continue
        title = _clean_title(r.title)
        lines = [ln for ln in r.text.split("\n")]
        # trafilatura sometimes repeats the headline as the first line of the text.
        lines = [ln for k, ln in enumerate(lines) if not (k < 2 and _similar(ln, title))]
        paras = _paragraph_kinds(lines, without[name])
        if sum(k == "body" for _, k in paras) < 4 or not (3 <= len(title.split()) <= 20):
            continue
        out.append(SourceArticle(hashlib.sha1(wanted[name].encode()).hexdigest()[:12], "trafilatura",
                                 title, paras))
    return out


def _similar(a: str, b: str) -> bool:
    ta, tb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(ta and tb) and len(ta & tb) / max(len(ta), len(tb)) > 0.6


_OBSCENE = re.compile(
    r"\b(fuck|shit|cunt|dick|cock|pussy|whore|slut|bitch|nigg|fag|retard|rape|kill|blowjob|porn|"
    r"sex|ass|asshole|bastard)", re.I)
_RUDE = re.compile(
    r"\b(idiot|stupid|moron|loser|clown|hell|pathetic|dumb|fool|liar|lying|ignorant|crap|hate|scum|trash|"
    r"garbage|racist|nazi|damn|sick|disgusting|shut up|traitor|coward|pig|troll|imbecile|incompetent|"
    r"lunatic|nuts|crazy|jerk|putz|morality|drugs)", re.I)


@dataclass
class CommentPool:
    """Comments of one split: ``civil`` (no annotator found anything toxic, no rude words),
    ``mild`` (civil by the annotators' majority but rude), ``toxic``, and ``formal`` (long
    impersonal posts written for this set, see :data:`FORMAL_DEV`)."""

    civil: list[str]
    mild: list[str]
    toxic: list[str]
    formal: list[str]


def load_comments(data: Path) -> dict[str, CommentPool]:
    """Civil Comments posts from toxic_spans, split dev/heldout by a hash of their id."""
    raw = data / "toxic_spans" / "acl2022_raw"
    with open(raw / "spans.csv", encoding="utf-8", newline="") as f:
        with_span = {r["annotation"] for r in csv.DictReader(f)}
    rated: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with open(raw / "annotations.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rated[r["comment_id"]][0] += 1
            rated[r["comment_id"]][1] += r["annotation"] in with_span
    pools = {s: CommentPool([], [], [], []) for s in ("dev", "heldout")}
    seen: set[str] = set()
    with open(raw / "comments.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            text = _clean_comment(r["comment_text"])
            if text is None or text.lower() in seen:
                continue
            seen.add(text.lower())
            n, spans = rated.get(r["comment_id"], (0, 0))
            if not n:
                continue
            pool = pools["dev" if _h("c" + r["comment_id"]) % 2 == 0 else "heldout"]
            if spans / n < 0.34 and not _OBSCENE.search(text):
                (pool.mild if _RUDE.search(text) else pool.civil).append(text)
            elif spans / n >= 0.6:
                pool.toxic.append(text)
    for split, pool in pools.items():
        pool.formal = list(FORMAL[split])
    return pools


def _clean_comment(text: str) -> str | None:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    paras = [re.sub(r"[ \u00a0]+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text)]
    paras = [p for p in paras if p]
    if not paras or len(" ".join(paras)) > 650 or len(" ".join(paras).split()) < 2:
        return None
    if len(paras) > 1 and any(len(p.split()) < 4 for p in paras):
        return None
    return "\n".join(paras)


# ---------------------------------------------------------------------------------------
# Split-specific style pools
# ---------------------------------------------------------------------------------------

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_MON = [m[:3] for m in _MONTHS]
_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _c12(t: datetime, upper: bool = False) -> str:
    ap = "am" if t.hour < 12 else "pm"
    return f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {ap.upper() if upper else ap}"


def _ago_words(units: dict[str, tuple[str, str]]) -> Callable[[datetime, datetime], str]:
    """Relative times; ``units`` maps "y", "mo", "w", "d", "h", "m" to (one, many) spellings."""

    def f(t: datetime, now: datetime) -> str:
        mins = max(1, int((now - t).total_seconds() // 60))
        for unit, size in (("y", 525600), ("mo", 43200), ("w", 10080), ("d", 1440), ("h", 60), ("m", 1)):
            if unit in units and mins >= size:
                n = mins // size
                one, many = units[unit]
                return one if n == 1 else many.format(n=n)
        return units["m"][0]

    return f


#: A timestamp format: (time of the post, time of the capture) -> the text a page shows.
TimeFmt = Callable[[datetime, datetime], str]


@dataclass(frozen=True)
class TimeFamily:
    """How one site shows comment times, and how old its comments are."""

    fmt: TimeFmt
    max_age_hours: float


def _dev_compact(t: datetime, now: datetime) -> str:
    age = now - t
    if age < timedelta(hours=1):
        return f"{max(1, age.seconds // 60)}m"
    if age < timedelta(hours=20):
        return f"{age.seconds // 3600}h"
    if age < timedelta(hours=44):
        return "Yesterday"
    return f"{age.days}d"


def _held_fb(t: datetime, now: datetime) -> str:
    age = now - t
    if age < timedelta(hours=1):
        return "just now" if age < timedelta(minutes=3) else f"{age.seconds // 60} mins ago"
    if age < timedelta(hours=20):
        h = age.seconds // 3600
        return "1 hr ago" if h == 1 else f"{h} hrs ago"
    if age < timedelta(hours=44):
        return f"Yesterday at {_c12(t, upper=True)}"
    if age < timedelta(days=7):
        return "a few days ago" if age.days < 4 else "a week ago"
    return f"{age.days // 7}w"


@dataclass
class Style:
    """Everything that differs between the dev and heldout splits."""

    first_names: list[str]
    surnames: list[str]
    handle_words: list[str]
    journalists: list[str]
    now: datetime  # when the pages were captured
    block_times: list[TimeFamily]  # one family per capture
    says_times: list[TimeFamily]
    bullet_times: list[TimeFamily]
    actions: list[list[str]]  # families of action-line sets; "{n}" gets a number
    section_open: list[list[str]]  # comment-section openers; "{n}" count, "{title}"
    section_close: list[str]
    ads: list[str]
    read_more: list[str]  # "{headline}"
    prompts: list[str]  # newsletter / share prompts
    cookies: list[str]
    related_headers: list[str]
    breadcrumbs: list[str]
    bylines: list[str]  # "{name}"
    datelines: list[Callable[[datetime], str]]
    bios: list[str]  # "{name}"
    republished: list[str]
    subheadings: list[str]
    caption_templates: list[str]  # "{p}", "{q}"
    caption_fallbacks: list[str]
    caption_credits: list[str]  # appended "(Image: Getty)" style
    credit_lines: list[str]  # own line after a description
    fields: list[str]
    places: list[str]
    deleted: list[tuple[str | None, str]]  # (author shown instead, text) of a removed comment
    quote_reactions: list[str]  # what a reader adds after quoting the article


DEV = Style(
    first_names=["Sarah", "John", "Margaret", "Dave", "Helen", "Tom", "Lucy", "Peter", "Anna", "Mike",
                 "Karen", "Steve", "Rachel", "Paul", "Emma", "Gary", "Linda", "Chris", "Fiona", "Ian"],
    surnames=["Price", "Ellis", "Bradley", "Martin", "Walsh", "Okafor", "Hughes", "Patel", "Reid",
              "Morgan", "Clarke", "Fleming", "Byrne", "Khan", "Doyle", "Harper", "Quinn", "Shaw"],
    handle_words=["citycyclist", "oldgardener", "truthseeker", "northerner", "rainyday", "bluefox",
                  "grumpydad", "seasider", "bookworm", "skeptic", "hillwalker", "taxpayer"],
    journalists=["Hannah Okafor", "Daniel Reyes", "Claire Whitfield", "Marcus Boyle", "Priya Sandhu",
                 "Oliver Grant", "Megan Lloyd", "Samuel Achebe"],
    now=datetime(2025, 3, 14, 18, 5),
    block_times=[
        TimeFamily(_ago_words({"d": ("1 day ago", "{n} days ago"), "h": ("1 hour ago", "{n} hours ago"),
                               "m": ("1 minute ago", "{n} minutes ago")}), 60),
        TimeFamily(lambda t, now: f"{t.day} {_MONTHS[t.month - 1]} {t.year} at {_c12(t)}", 24 * 9),
        TimeFamily(_dev_compact, 24 * 6),
        TimeFamily(lambda t, now: t.strftime("%Y-%m-%dT%H:%M:00Z"), 24 * 3),
    ],
    says_times=[TimeFamily(lambda t, now: f"{_MONTHS[t.month - 1]} {t.day}, {t.year} at {_c12(t)}", 24 * 5)],
    bullet_times=[
        TimeFamily(_ago_words({"mo": ("a month ago", "{n} months ago"), "d": ("a day ago", "{n} days ago"),
                               "h": ("an hour ago", "{n} hours ago"),
                               "m": ("a minute ago", "{n} minutes ago")}), 24 * 80),
    ],
    actions=[["Reply", "Like ({n})", "Share ›"], ["Reply", "Report"], ["{n} likes", "Reply"],
             ["Reply", "Like ({n})", "Report"]],
    section_open=[["{n} comments", "Sort by Newest"], ["Comments"], ["{n} comments"],
                  ["Comments", "Sort by Oldest"], ["{n} Responses"]],
    section_close=["Load more comments", "Leave a Reply", "Show more comments"],
    ads=["Advertisement", "ADVERTISEMENT", "Story continues below advertisement"],
    read_more=["Read more: {headline}", "Related: {headline}"],
    prompts=["Sign up for our free morning newsletter", "Share this article", "Share on Facebook",
             "Click here to subscribe"],
    cookies=["We use cookies to improve your experience on our site. By continuing you accept our cookie "
             "policy."],
    related_headers=["Related articles", "Most read"],
    breadcrumbs=["Home › World › Europe", "Home › News › Politics", "Home › Business › Economy",
                 "Home › Local › Transport"],
    bylines=["By {name}", "{name}, Political Correspondent", "By {name}, Senior Reporter", "By {name}"],
    datelines=[lambda t: f"Published {t.day} {_MONTHS[t.month - 1]} {t.year}",
               lambda t: f"Updated: {_c12(t)}, {t.day} {_MONTHS[t.month - 1]} {t.year}"],
    bios=["{name} is a professor of {field} at the University of {place}.",
          "{name} is a senior lecturer in {field} at {place} University.",
          "{name} is a member of the {place} Centre for {field} Research."],
    republished=["This article is republished from The Conversation under a Creative Commons license. "
                 "Read the original article."],
    subheadings=["What happens next", "A long road ahead", "The bigger picture", "Mixed reactions",
                 "Counting the cost", "Questions remain"],
    caption_templates=["{p} speaks to reporters on Tuesday", "{p} pictured earlier this year",
                       "{p}, left, and {q} during a press conference", "{p} arrives for a meeting"],
    caption_fallbacks=["Crowds gathered outside the building on Wednesday", "The scene on Monday morning",
                       "Officials at the site earlier this week"],
    caption_credits=["(Image: Getty)", "(Photo: Reuters)"],
    credit_lines=["Photo: Reuters", "Photograph: AP", "Credit: AFP via Getty Images"],
    fields=["international security", "political economy", "public health", "media studies",
            "European politics"],
    places=["Kent", "Leeds", "Bristol", "Glasgow", "Sussex", "Exeter"],
    deleted=[(None, "[This comment has been removed]"), (None, "[This comment has been removed by a moderator]")],
    quote_reactions=["Exactly this.", "Says it all really.", "And nobody will be held responsible.",
                     "I had to read that twice.", "Which is the whole problem in one sentence."],
)

HELDOUT = Style(
    first_names=["Brenda", "Yusuf", "Ingrid", "Tobias", "Marisol", "Declan", "Aiko", "Rowan", "Greta",
                 "Femi", "Nadia", "Callum", "Esther", "Ravi", "Sven", "Leona", "Mateo", "Hollis"],
    surnames=["Okonkwo", "Lindgren", "Castellano", "Abernathy", "Nakamura", "Ferreira", "Kowalczyk",
              "Delaney", "Osei", "Vasquez", "Holmberg", "McAllister", "Brennan", "Adeyemi"],
    handle_words=["prairiewind", "dockside", "quietriot", "ferrygirl", "moosejaw", "lakeviewer",
                  "oldtimer", "civicminded", "wavecrest", "pinecone", "redbarn", "westender"],
    journalists=["Ingrid Sorensen", "Kwame Mensah", "Lucia Ferraro", "Tadhg O'Connell", "Mei Lin Zhou",
                 "Rafael Duarte", "Harriet Vance"],
    now=datetime(2024, 11, 20, 9, 40),
    block_times=[
        TimeFamily(_ago_words({"d": ("1 day ago", "{n} days ago"), "h": ("1 hr ago", "{n} hrs ago"),
                               "m": ("1 min ago", "{n} mins ago")}),
                   30),
        TimeFamily(lambda t, now: f"{_MON[t.month - 1]} {t.day}, {t.year}, {_c12(t, upper=True)}", 24 * 12),
        TimeFamily(lambda t, now: t.strftime("%d/%m/%Y %H:%M"), 24 * 6),
        TimeFamily(_held_fb, 24 * 20),
        TimeFamily(lambda t, now: f"{_WEEKDAYS[t.weekday()]} {t.day} {_MON[t.month - 1]} {t.year} "
                                  f"{t.hour:02d}.{t.minute:02d} GMT", 24 * 4),
        TimeFamily(lambda t, now: t.strftime("%Y-%m-%d %H:%M"), 24 * 2),
    ],
    says_times=[
        TimeFamily(lambda t, now: f"{t.day} {_MONTHS[t.month - 1]} {t.year} at {t.hour:02d}:{t.minute:02d}",
                   24 * 4),
        TimeFamily(lambda t, now: f"{_MONTHS[t.month - 1]} {t.day}, {t.year} at {_c12(t, upper=True)}", 24 * 8),
        TimeFamily(lambda t, now: f"{t.day:02d}/{t.month:02d}/{t.year} at {_c12(t)}", 24 * 3),
    ],
    bullet_times=[
        TimeFamily(_ago_words({"y": ("a year ago", "{n} years ago"), "w": ("a week ago", "{n} weeks ago"),
                               "d": ("a day ago", "{n} days ago"), "h": ("1 hr ago", "{n} hrs ago"),
                               "m": ("1 min ago", "{n} mins ago")}),
                   24 * 500),
        TimeFamily(_ago_words({"w": ("1w", "{n}w"), "d": ("1d", "{n}d"), "h": ("1h", "{n}h"),
                               "m": ("1m", "{n}m")}), 24 * 30),
    ],
    actions=[["Reply · Report"], ["Recommend ({n})", "Respond"], ["▲ {n} ▼", "Reply"],
             ["Upvote {n}", "Reply", "Report abuse"], ["{n} replies"]],
    section_open=[["Comments ({n})"], ["{n} Comments", "Sorted by: Best"], ["Discussion"],
                  ["{n} thoughts on “{title}”"], ["Reader comments", "Newest | Oldest | Most liked"]],
    section_close=["View more comments", "Post a comment", "What do you think? Add your comment below."],
    ads=["Sponsored content", "- Advertisement -", "Article continues after this advertisement"],
    read_more=["READ MORE: {headline}", "See also: {headline}", "MORE: {headline}"],
    prompts=["Get the latest headlines straight to your inbox", "Follow us on Twitter and Facebook",
             "Share via Email", "Subscribe to our daily briefing"],
    cookies=["This site uses cookies to give you the best experience. Accept all cookies | Manage "
             "preferences",
             "We and our partners store and access information on your device to personalise content and "
             "ads. Accept and close"],
    related_headers=["You might also like", "Trending now"],
    breadcrumbs=["News / UK / Politics", "Home > Business > Markets", "News » World » Americas"],
    bylines=["Words by {name}", "{name} | Senior Reporter", "Story by {name}", "{name}, Staff Writer"],
    datelines=[lambda t: f"{_MON[t.month - 1]} {t.day}, {t.year} · {t.minute % 7 + 2} min read",
               lambda t: f"Posted on {t.day:02d}/{t.month:02d}/{t.year}",
               lambda t: f"Last updated {t.hour:02d}:{t.minute:02d} GMT, {_WEEKDAYS[t.weekday()]} {t.day} "
                         f"{_MONTHS[t.month - 1]} {t.year}"],
    bios=["{name} is an associate professor in {field} at {place} University.",
          "{name} is a research fellow at the {place} Institute and writes about {field}.",
          "{name} is a freelance journalist based in {place}."],
    republished=["This article was originally published on The Conversation. Read the original article.",
                 "This story is republished from The Conversation under a Creative Commons licence."],
    subheadings=["Why it matters", "The road to here", "Who pays", "Looking ahead",
                 "An uneasy compromise"],
    caption_templates=["{p} at an event last month", "File picture of {p}",
                       "{p} (centre) arrives for the hearing", "{p} and {q} shake hands"],
    caption_fallbacks=["A general view of the site", "Police at the scene on Friday evening",
                       "Residents look on as work begins"],
    caption_credits=["(Picture: PA)", "(Image: Shutterstock)"],
    credit_lines=["Credit: Shutterstock", "Image source: EPA", "Picture: Alamy"],
    fields=["urban planning", "climate policy", "labour history", "data journalism", "migration"],
    places=["Otago", "Melbourne", "Toronto", "Cape Town", "Dublin", "Aberdeen"],
    deleted=[("[deleted]", "[removed]"), ("Deleted user", "This comment was deleted."),
             (None, "This comment has been hidden by the moderators.")],
    quote_reactions=["Can't argue with that.", "Hmm, I'm not convinced.", "This is the key line.",
                     "Source?", "Funny how that gets buried at the bottom."],
)

#: Long, formal first comments for the opinion_bare layout (written for this set; they read like
#: article prose, which is what makes the article/comment boundary hard to see).
FORMAL_DEV = [
    "The argument presented here rests heavily on a handful of selected examples, which are precisely the "
    "cases most likely to support the conclusion. A more convincing analysis would compare them with a "
    "representative sample and set out what would count as evidence against the claim. Without that, the "
    "piece is an interesting hypothesis rather than a finding, and policy should not be built on it.",
    "It is worth recalling that the same debate took place a decade ago, when the earlier proposals were "
    "abandoned after the costs turned out to be roughly twice the original estimate. The institutions "
    "involved have changed very little since then. Unless the funding model and the oversight arrangements "
    "are addressed directly, there is little reason to expect a different outcome this time.",
    "Much of the disagreement described in the article stems from the absence of reliable data. Official "
    "figures are published late, revised frequently and rarely broken down by region. Any serious attempt to "
    "settle the question would begin by commissioning an independent review of the numbers, and by "
    "publishing the underlying methodology so that others can test the conclusions.",
    "The historical comparison drawn in the third paragraph deserves more scrutiny. The circumstances of the "
    "earlier period differed in at least three important respects: the legal framework, the size of the "
    "public budget and the degree of international cooperation. Each of these weakens the analogy, and "
    "together they suggest that the lessons of that period cannot simply be transferred to the present.",
    "There is a strong case for the measures discussed, but the article understates the distributional "
    "consequences. Households on lower incomes spend a larger share of their budget on the affected goods "
    "and services, so a uniform policy falls hardest on them. A modest compensation scheme, targeted through "
    "the existing benefits system, would address most of that concern at a limited cost.",
    "The central claim of the piece is plausible, yet the evidence offered for it is largely anecdotal. "
    "Several peer-reviewed studies have examined the same question over the past fifteen years and reached "
    "mixed conclusions, depending on the period and the countries included. A fair summary of that "
    "literature would acknowledge the uncertainty rather than present the matter as settled.",
]
FORMAL_HELDOUT = [
    "Two points in this analysis merit qualification. First, the comparison between regions ignores the "
    "considerable differences in population density and infrastructure. Second, the timeline proposed assumes "
    "that procurement will proceed without delay, an assumption that recent experience does not support. "
    "Taken together, these considerations suggest that the projected savings are optimistic.",
    "The proposal described above has considerable merit, although its implementation would require careful "
    "sequencing. Reforms of this kind have generally succeeded where the legal changes were introduced "
    "gradually and accompanied by adequate training for the staff responsible. Where they were imposed at "
    "once, the result was confusion, litigation and, eventually, a reversal of the policy itself.",
    "A broader perspective may be useful here. The trend discussed in the article is not confined to this "
    "country; similar developments have been recorded across most advanced economies since the early 2000s. "
    "That pattern points towards structural causes, such as demographic change and the shifting composition "
    "of employment, rather than towards the decisions of any single government.",
    "The author is right to emphasise accountability, yet the mechanisms proposed would be difficult to "
    "enforce. Oversight bodies already possess most of the powers described, and the problem has been their "
    "reluctance to use them. Strengthening their independence, and guaranteeing their funding for a fixed "
    "period, would do more than any new legislation to change the incentives at work.",
    "Readers may wish to consult the original report, which is considerably more cautious than the summary "
    "presented here. Its authors note that the sample was small, that participation was voluntary and that "
    "the follow-up period lasted only eighteen months. These limitations do not invalidate the findings, but "
    "they do counsel against drawing firm conclusions from them at this stage.",
]
FORMAL = {"dev": FORMAL_DEV, "heldout": FORMAL_HELDOUT}

STYLES = {"dev": DEV, "heldout": HELDOUT}

# ---------------------------------------------------------------------------------------
# Capture builder
# ---------------------------------------------------------------------------------------


@dataclass
class Capture:
    layout: str
    lines: list[str] = field(default_factory=list)
    title: str | None = None
    credits: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    paragraphs: list[dict[str, str]] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def boiler(self, text: str, indent: str = "") -> None:
        self.lines.append(indent + text)
        self.boilerplate.append(text)

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

    def gold(self) -> dict[str, Any]:
        return {
            "layout": self.layout, "title": self.title, "credits": self.credits,
            "captions": self.captions, "paragraphs": self.paragraphs, "boilerplate": self.boilerplate,
            "comments": self.comments,
        }


@dataclass
class Ctx:
    rng: Random
    style: Style
    article: SourceArticle
    headlines: list[str]  # titles of other articles of the split, for "Read more" lines
    comments: CommentPool


_NOT_NAME = set(_MONTHS) | {"The", "This", "That", "But", "And", "In", "On", "At", "It", "He", "She", "We",
                            "They", "A", "An", "As", "For", "If", "When", "After", "Monday", "Tuesday",
                            "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mr", "Mrs", "Ms"}


def _people(article: SourceArticle) -> list[str]:
    """People named in the article: "First Last" next to a speech verb or a title."""
    text = " ".join(t for t, _ in article.paragraphs)
    name = r"([A-Z][a-z]+ (?:[A-Z]\. )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    found: Counter[str] = Counter()
    for pat in (rf"{name},? (?:said|says|added|wrote)\b",
                rf"\b(?:President|Minister|Senator|Mayor|Chancellor|Governor|CEO|Dr\.?|coach) {name}"):
        for m in re.finditer(pat, text):
            if m.group(1).split()[0] not in _NOT_NAME:
                found[m.group(1)] += 1
    return [n for n, _ in found.most_common(6)]


def make_caption(ctx: Ctx) -> str:
    rng, st = ctx.rng, ctx.style
    people = _people(ctx.article)
    if people and rng.random() < 0.85:
        p = rng.choice(people)
        q = rng.choice([x for x in people if x != p] or [""])
        templates = [t for t in st.caption_templates if q or "{q}" not in t]
        return rng.choice(templates).format(p=p, q=q)
    return rng.choice(st.caption_fallbacks)


def person(ctx: Ctx, *, handles: bool = True) -> str:
    rng, st = ctx.rng, ctx.style
    r = rng.random()
    if handles and r < 0.35:
        w = rng.choice(st.handle_words)
        return rng.choice([w, f"{w}{rng.randint(2, 99)}", f"{w}_{rng.randint(1, 9)}"])
    first, last = rng.choice(st.first_names), rng.choice(st.surnames)
    return rng.choice([f"{first} {last}", f"{first} {last[0]}", f"{first}_{last[0]}", f"{first} {last}"])


def article_paragraphs(ctx: Ctx, lo: int = 4, hi: int = 20, *, subheadings: bool | None = None
                       ) -> list[tuple[str, str]]:
    rng = ctx.rng
    paras = ctx.article.paragraphs
    n = min(len(paras), rng.randint(lo, hi))
    chosen = list(paras[:n])
    while chosen and chosen[-1][1] == "subheading":
        chosen.pop()
    if subheadings and not any(k == "subheading" for _, k in chosen) and len(chosen) >= 7:
        heads = rng.sample(ctx.style.subheadings, 2)
        for pos, head in sorted(zip(rng.sample(range(3, len(chosen) - 1), 2), heads, strict=True), reverse=True):
            chosen.insert(pos, (head, "subheading"))
    if subheadings is False:
        chosen = [p for p in chosen if p[1] == "body"]
    return chosen


def furniture_line(ctx: Ctx, cap: Capture, sep_blank: bool) -> None:
    """One piece of in-article furniture: an ad, a "Read more", a prompt or a related list."""
    rng, st = ctx.rng, ctx.style
    r = rng.random()
    if sep_blank:
        cap.blank()
    if r < 0.35:
        cap.boiler(rng.choice(st.ads))
    elif r < 0.65:
        cap.boiler(rng.choice(st.read_more).format(headline=rng.choice(ctx.headlines)))
    elif r < 0.85:
        cap.boiler(rng.choice(st.prompts))
    else:
        cap.boiler(rng.choice(st.related_headers))
        for h in rng.sample(ctx.headlines, 3):
            cap.boiler(h)
    if sep_blank:
        cap.blank()


def emit_article(ctx: Ctx, cap: Capture, paras: list[tuple[str, str]], *, blank: bool,
                 furniture: float = 0.0, caption_at: int | None = None, caption_style: str = "line"
                 ) -> None:
    """Paragraphs with furniture lines between them; a caption before paragraph ``caption_at``."""
    rng = ctx.rng
    for i, (text, kind) in enumerate(paras):
        if i == caption_at:
            emit_caption(ctx, cap, caption_style, blank=blank)
        elif 0 < i < len(paras) - 1 and kind == "body" and rng.random() < furniture:
            furniture_line(ctx, cap, blank)
        if blank:
            cap.blank()
        cap.lines.append(text)
        cap.paragraphs.append({"text": text, "kind": kind})
    if blank:
        cap.blank()


def emit_caption(ctx: Ctx, cap: Capture, how: str, *, blank: bool) -> None:
    rng, st = ctx.rng, ctx.style
    desc = make_caption(ctx)
    if blank:
        cap.blank()
    if how == "double":
        line = desc + rng.choice(["", " " + rng.choice(st.caption_credits)])
        cap.lines.append(line + line)
        cap.captions.append(line)
    elif how == "photo":
        line = f"Photo: {desc}." if rng.random() < 0.5 else f"{desc}. {rng.choice(st.caption_credits)}"
        cap.lines.append(line)
        cap.captions.append(line)
    else:  # description line followed by a credit line
        credit = rng.choice(st.credit_lines)
        cap.lines += [desc, credit]
        cap.captions += [desc, credit]
    if blank:
        cap.blank()


# -- comments ---------------------------------------------------------------------------


@dataclass
class C:
    author: str | None
    time: str | None
    text: str
    parent: int | None = None  # index into the thread
    depth: int = 0


def pick_comments(ctx: Ctx, n: int, *, formal_first: bool = False, single_paragraph: bool = False
                  ) -> list[str]:
    rng, pool = ctx.rng, ctx.comments
    out: list[str] = []
    if formal_first and n:
        out.append(rng.choice(pool.formal))
    while len(out) < n:
        r = rng.random()
        src = pool.toxic if r < 0.12 else pool.mild if r < 0.35 else pool.civil
        t = rng.choice(src)
        if single_paragraph:
            t = t.replace("\n", " ")
        if rng.random() < 0.04 and out:  # copy-paste posting: the same text again
            t = rng.choice(out)
        elif rng.random() < 0.06:  # a reader quoting the article
            t = f"\u201c{article_sentence(ctx)}\u201d {rng.choice(ctx.style.quote_reactions)}"
        out.append(t)
    return out


def article_sentence(ctx: Ctx) -> str:
    sentences = [x for t, k in ctx.article.paragraphs if k == "body"
                 for x in re.split(r"(?<=[.!?])\s+(?=[A-Z])", t) if 6 <= len(x.split()) <= 30]
    return ctx.rng.choice(sentences or [ctx.article.paragraphs[0][0]])


def thread(ctx: Ctx, n: int, *, times: TimeFamily | None, replies: str, p_reply: float = 0.35,
           max_depth: int = 3) -> list[C]:
    """A discussion in reading order. ``replies``: "none", "nested" (children follow their
    parent's subtree, shown by indentation) or "flat" (chronological; parent is any earlier post)."""
    rng = ctx.rng
    authors = [person(ctx) for _ in range(max(3, n // 2 + 2))]
    texts = pick_comments(ctx, n)
    out: list[C] = []
    if replies == "nested":
        # Build a tree, then read it depth first.
        parents: list[int | None] = []
        depth: list[int] = []
        for i in range(n):
            if i and rng.random() < p_reply:
                cands = [j for j in range(i) if depth[j] < max_depth]
                # Replies go to recent posts most of the time.
                par = max(cands[-4:], key=lambda j: rng.random()) if cands else None
            else:
                par = None
            parents.append(par)
            depth.append(0 if par is None else depth[par] + 1)
        kids: dict[int | None, list[int]] = defaultdict(list)
        for i, p in enumerate(parents):
            kids[p].append(i)
        order: list[int] = []

        def walk(p: int | None) -> None:
            for k in kids[p]:
                order.append(k)
                walk(k)

        walk(None)
        pos = {old: new for new, old in enumerate(order)}
        for old in order:
            par = parents[old]
            out.append(C(None, None, texts[old], None if par is None else pos[par], depth[old]))
    else:
        for i in range(n):
            par = None
            if replies == "flat" and i and rng.random() < p_reply:
                par = rng.choice(range(max(0, i - 5), i))
            out.append(C(None, None, texts[i], par))
    has_replies = {c.parent for c in out}
    # Oldest first in reading order, so a reply is always younger than its parent.
    ages = sorted((rng.uniform(0.03, times.max_age_hours) for _ in out), reverse=True) if times else []
    for i, c in enumerate(out):
        c.author = rng.choice(authors)
        if c.parent is not None and out[c.parent].author == c.author:
            c.author = rng.choice([a for a in authors if a != c.author])
        if times:
            now = ctx.style.now
            c.time = times.fmt(now - timedelta(hours=ages[i]), now)
        if rng.random() < 0.04 and c.parent is None and i not in has_replies:
            shown, c.text = rng.choice(ctx.style.deleted)
            c.author = shown or c.author
    return out


def record(cap: Capture, cs: list[C], *, authors: bool = True, times: bool = True) -> None:
    for i, c in enumerate(cs):
        cap.comments.append({
            "id": f"c{i + 1}",
            "author": c.author if authors else None,
            "timestamp": c.time if times else None,
            "text": c.text,
            "reply_to": None if c.parent is None else f"c{c.parent + 1}",
        })


def section_open(ctx: Ctx, cap: Capture, n: int, *, optional: bool = False) -> None:
    rng = ctx.rng
    cap.blank()
    if optional and rng.random() < 0.2:  # headers alone show where the comments start
        return
    for line in rng.choice(ctx.style.section_open):
        cap.boiler(line.format(n=n + rng.randint(0, 60), title=cap.title or ctx.article.title))
    cap.blank()


def actions(ctx: Ctx, family: list[str]) -> list[str]:
    return [a.format(n=ctx.rng.randint(1, 40)) for a in family]


def render_bare_lines(ctx: Ctx, cap: Capture, n: int, *, blank_between: bool) -> None:
    texts = pick_comments(ctx, n, single_paragraph=True)
    for t in texts:
        if blank_between:
            cap.blank()
        cap.lines.append(t)
    record(cap, [C(None, None, t) for t in texts])


def render_blocks(ctx: Ctx, cap: Capture, n: int) -> None:
    rng = ctx.rng
    fam = rng.choice(ctx.style.block_times)
    cs = thread(ctx, n, times=fam, replies="none")
    acts = rng.choice(ctx.style.actions) if rng.random() < 0.85 else []
    para_blank = rng.random() < 0.4
    tight = bool(acts) and rng.random() < 0.3  # no blank line between blocks
    section_open(ctx, cap, n, optional=True)
    for c in cs:
        assert c.author is not None and c.time is not None
        cap.lines += [c.author, c.time]
        for k, p in enumerate(c.text.split("\n")):
            if k and para_blank:
                cap.lines.append("")
            cap.lines.append(p)
        for a in actions(ctx, acts):
            cap.boiler(a)
        if not tight:
            cap.blank()
    cap.blank()
    record(cap, cs)
    if rng.random() < 0.6:
        cap.boiler(rng.choice(ctx.style.section_close))


def render_says(ctx: Ctx, cap: Capture, n: int) -> None:
    rng = ctx.rng
    cs = thread(ctx, n, times=rng.choice(ctx.style.says_times), replies="nested")
    unit = rng.choice(["    ", "\t", "  ", "      "])
    reply_line = rng.random() < 0.5
    section_open(ctx, cap, n, optional=True)
    for c in cs:
        ind = unit * c.depth
        cap.lines += [f"{ind}{c.author} says:", f"{ind}{c.time}"]
        for p in c.text.split("\n"):
            cap.lines.append(ind + p)
        if reply_line:
            cap.boiler("Reply", ind)
        cap.blank()
    record(cap, cs)
    cap.boiler(rng.choice(ctx.style.section_close))


def render_bullet(ctx: Ctx, cap: Capture, n: int, *, split: str) -> None:
    rng = ctx.rng
    marker = rng.choice(["at", "arrow", "indent"] if split == "dev" else ["at", "arrow_after", "indent"])
    sep = " • " if split == "dev" or rng.random() < 0.5 else rng.choice([" · ", " | "])
    cs = thread(ctx, n, times=rng.choice(ctx.style.bullet_times), replies="nested" if marker == "indent" else "flat",
                max_depth=2)
    section_open(ctx, cap, n, optional=True)
    for c in cs:
        par = cs[c.parent] if c.parent is not None else None
        if marker == "at" and par is not None:
            # "@Name" names the parent: make it the latest earlier post by that author.
            c.text = f"@{par.author} {c.text}"
        ind = "  " * c.depth if marker == "indent" else ""
        if marker == "arrow" and par is not None:
            cap.lines.append(f"→ {par.author}")
        cap.lines.append(f"{ind}{c.author}{sep}{c.time}")
        if marker == "arrow_after" and par is not None:
            cap.lines.append(f"→ {par.author}")
        for p in c.text.split("\n"):
            cap.lines.append(ind + p)
        cap.blank()
    if marker == "at" or marker.startswith("arrow"):
        # A name refers to that author's latest post above the reply.
        for i, c in enumerate(cs):
            if c.parent is not None:
                name = cs[c.parent].author
                c.parent = max(j for j in range(i) if cs[j].author == name)
    record(cap, cs)


def render_comments(ctx: Ctx, cap: Capture, n: int, kind: str, split: str) -> None:
    if kind == "blocks":
        render_blocks(ctx, cap, n)
    elif kind == "says":
        render_says(ctx, cap, n)
    elif kind == "bullet":
        render_bullet(ctx, cap, n, split=split)
    else:
        section_open(ctx, cap, n)
        render_bare_lines(ctx, cap, n, blank_between=True)


# -- layouts ------------------------------------------------------------------------------


def bio(ctx: Ctx) -> str:
    rng, st = ctx.rng, ctx.style
    name = f"{rng.choice(st.first_names)} {rng.choice(st.surnames)}"
    if rng.random() < 0.3:
        name += f" and {rng.choice(st.first_names)} {rng.choice(st.surnames)}"
    line = rng.choice(st.bios).format(name=name, field=rng.choice(st.fields), place=rng.choice(st.places))
    if " and " in name:
        line = re.sub(r" is an? ", " are ", line, count=1)
        line = re.sub(r"\b(professor|lecturer|member|fellow|journalist)\b", r"\1s", line, count=1)
        line = line.replace(" and writes about", " and write about")
    return line


def layout_seed000(ctx: Ctx, cap: Capture, split: str) -> None:
    rng = ctx.rng
    paras = article_paragraphs(ctx, 8, 20, subheadings=rng.random() < 0.7)
    emit_article(ctx, cap, paras, blank=False)
    b = bio(ctx)
    cap.lines.append(b)
    cap.credits.append(b)
    cap.boiler(rng.choice(ctx.style.republished))
    cap.lines.append("")
    render_bare_lines(ctx, cap, rng.randint(8, 30), blank_between=False)


def layout_seed004(ctx: Ctx, cap: Capture, split: str) -> None:
    rng = ctx.rng
    if rng.random() < 0.2:  # a headline above the doubled caption
        cap.title = ctx.article.title
        cap.lines += [cap.title, ""]
    emit_caption(ctx, cap, "double", blank=False)
    paras = article_paragraphs(ctx, 5, 18, subheadings=False)
    second = rng.randint(2, len(paras) - 1) if rng.random() < 0.4 and len(paras) > 4 else None
    emit_article(ctx, cap, paras, blank=True, furniture=0.12 if rng.random() < 0.5 else 0.0,
                 caption_at=second, caption_style="double")
    if rng.random() < 0.4:
        cap.blank()
        cap.boiler(rng.choice(ctx.style.read_more).format(headline=rng.choice(ctx.headlines)))


def title_block(ctx: Ctx, cap: Capture, *, byline: bool, dateline: bool, crumbs: bool) -> None:
    rng, st = ctx.rng, ctx.style
    if crumbs:
        cap.boiler(rng.choice(st.breadcrumbs))
    cap.title = ctx.article.title
    cap.lines.append(cap.title)
    if byline:
        b = rng.choice(st.bylines).format(name=rng.choice(st.journalists))
        cap.lines.append(b)
        cap.credits.append(b)
    if dateline:
        d = rng.choice(st.datelines)(st.now - timedelta(hours=rng.uniform(2, 200)))
        cap.lines.append(d)
        cap.credits.append(d)


def layout_blocks(ctx: Ctx, cap: Capture, split: str) -> None:
    rng = ctx.rng
    title_block(ctx, cap, byline=rng.random() < 0.6, dateline=rng.random() < 0.5, crumbs=rng.random() < 0.3)
    paras = article_paragraphs(ctx, 4, 14)
    emit_article(ctx, cap, paras, blank=True, furniture=0.15,
                 caption_at=1 if rng.random() < 0.4 else None, caption_style=rng.choice(["photo", "credit"]))
    if rng.random() < 0.5:
        cap.boiler(rng.choice(ctx.style.prompts))
    render_blocks(ctx, cap, rng.randint(2, 16))


def layout_says(ctx: Ctx, cap: Capture, split: str) -> None:
    rng = ctx.rng
    title_block(ctx, cap, byline=rng.random() < 0.4, dateline=rng.random() < 0.4, crumbs=False)
    cap.blank()
    emit_article(ctx, cap, article_paragraphs(ctx, 4, 12), blank=True, furniture=0.1)
    render_says(ctx, cap, rng.randint(3, 14))


def layout_bullet(ctx: Ctx, cap: Capture, split: str) -> None:
    rng = ctx.rng
    title_block(ctx, cap, byline=rng.random() < 0.4, dateline=False, crumbs=False)
    cap.blank()
    emit_article(ctx, cap, article_paragraphs(ctx, 4, 12), blank=True, furniture=0.1,
                 caption_at=2 if rng.random() < 0.5 else None, caption_style="photo")
    render_bullet(ctx, cap, rng.randint(3, 16), split=split)


def layout_opinion_bare(ctx: Ctx, cap: Capture, split: str) -> None:
    rng = ctx.rng
    cap.title = ctx.article.title
    cap.lines += [cap.title, ""]
    emit_article(ctx, cap, article_paragraphs(ctx, 4, 12, subheadings=False), blank=True)
    b = bio(ctx)
    cap.lines.append(b)
    cap.credits.append(b)
    n = rng.randint(3, 12)
    texts = pick_comments(ctx, n, formal_first=True, single_paragraph=True)
    for t in texts:
        cap.blank()
        cap.lines.append(t)
    record(cap, [C(None, None, t) for t in texts])


def layout_plain_title(ctx: Ctx, cap: Capture, split: str) -> None:
    rng, st = ctx.rng, ctx.style
    if rng.random() < 0.4:
        cap.boiler(rng.choice(st.cookies))
    title_block(ctx, cap, byline=True, dateline=rng.random() < 0.8, crumbs=rng.random() < 0.7)
    if rng.random() < 0.3:
        cap.boiler(rng.choice(st.prompts))
    paras = article_paragraphs(ctx, 5, 16, subheadings=rng.random() < 0.5 or None)
    emit_article(ctx, cap, paras, blank=True, furniture=0.3,
                 caption_at=rng.choice([0, 1, 2]), caption_style=rng.choice(["photo", "credit"]))
    if rng.random() < 0.5:
        cap.boiler(rng.choice(st.related_headers))
        for h in rng.sample(ctx.headlines, 3):
            cap.boiler(h)
    kind = rng.choice(["blocks", "says", "bullet", "bare"])
    render_comments(ctx, cap, rng.randint(1, 20) if kind != "bare" else rng.randint(2, 10), kind, split)


LAYOUTS: dict[str, Callable[[Ctx, Capture, str], None]] = {
    "seed000": layout_seed000, "seed004": layout_seed004, "blocks": layout_blocks, "says": layout_says,
    "bullet": layout_bullet, "opinion_bare": layout_opinion_bare, "plain_title": layout_plain_title,
}


# ---------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------


def split_articles(data: Path) -> dict[str, list[SourceArticle]]:
    sh = load_scrapinghub(data)
    tf = load_trafilatura(data)
    sh.sort(key=lambda a: _h("a" + a.key))
    cut = int(len(sh) * 0.6)
    dev = sh[:cut]
    held = sh[cut:] + tf
    held.sort(key=lambda a: _h("b" + a.key))
    return {"dev": dev, "heldout": held}


def build(data: Path, out: Path) -> dict[str, Counter[str]]:
    articles = split_articles(data)
    comments = load_comments(data)
    counts: dict[str, Counter[str]] = {}
    for split, plan in PLAN.items():
        target = out / split
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        pool = articles[split]
        # Long articles for the layouts that need many lines; others take what is left.
        need = sum(plan.values())
        if len(pool) < need:
            raise SystemExit(f"{split}: {len(pool)} usable articles, {need} needed")
        jobs = [(layout, k) for layout, n in plan.items() for k in range(n)]
        long_first = sorted(pool, key=lambda a: -len(a.paragraphs))
        used: set[str] = set()
        counts[split] = Counter()
        for layout, k in jobs:
            rng = Random(f"{SEED}-{split}-{layout}-{k}")
            cands = long_first if layout in ("seed000", "plain_title") else pool
            art = next(a for a in cands if a.key not in used and
                       (layout not in ("seed000",) or len(a.paragraphs) >= 10))
            used.add(art.key)
            headlines = [a.title for a in pool if a.key != art.key]
            ctx = Ctx(rng, STYLES[split], art, headlines, comments[split])
            cap = Capture(layout)
            LAYOUTS[layout](ctx, cap, split)
            name = f"{layout}_{k:02d}_{art.origin[:2]}{art.key[:8]}"
            (target / f"{name}.txt").write_text(cap.text(), encoding="utf-8")
            (target / f"{name}.gold.json").write_text(
                json.dumps(cap.gold(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            counts[split][layout] += 1
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared datasets folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="fixtures folder (dev/ and heldout/ are rewritten)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"Error: no datasets at {args.data}; pass --data", file=sys.stderr)
        return 1
    counts = build(args.data, args.out)
    for split, c in counts.items():
        print(f"{split}: {sum(c.values())} captures  " + ", ".join(f"{k}={v}" for k, v in sorted(c.items())))
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"fixtures: {size / 1024:.0f} KiB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
