"""Find the reader-comment section of an HTML page and read its comments.

Comment markup is not standardised, but it is conventional: WordPress, Disqus,
Blogger, Typepad, Drupal, Livefyre, Slashdot-style and in-house systems all
name their containers and items with a small vocabulary (``comments``,
``commentlist``, ``comment-123``, ``dsq-comment``, ``cmt``, ``replies`` ...)
or mark them up with schema.org ``Comment`` microdata. This module reads that
vocabulary from ``id`` and ``class`` attributes, split into word parts
(``commentBody`` and ``comment_body`` both give ``comment`` + ``body``):

1. *Items* — one element per comment: an id such as ``comment-348``,
   ``li-comment-36440``, ``dsq-comment-31355`` or ``Blog1_cmt-42``, a class
   such as ``comment`` or ``comment-item``, or ``itemtype=.../Comment``.
   Items nested in one another are either parts of the same comment (same
   number in their ids, or nothing list-like between them) or a reply.
2. *Sections* — what is removed before the article is extracted: the
   smallest element holding all the items, widened to the named comment
   container around it (``#comments``, ``#disqus_thread``, ``.comments-area``
   ...), plus named containers without items (a reply form, an empty
   thread) and "12 Comments" / "Leave a Reply" headings. A candidate that
   seems to hold the article itself is refused.
3. *Fields* — author (``[itemprop=author]``, ``.fn``, ``cite``,
   ``.comment-author``, ``.username`` ...), time (``time[datetime]``,
   ``.comment-date``, date text in ``.comment-meta`` ...), text (the body
   part, minus author, meta, vote and reply controls) and the reply parent
   from DOM nesting, from a reply list that follows its parent
   (``ul.children`` after ``li.comment`` in Disqus, ``div.indented`` in
   Drupal) or from ``depth-N`` classes.

Everything here works on an :mod:`lxml.html` tree and never raises on odd
markup. The tree is only read, with two exceptions: comments delimited by
bare anchors (old Typepad) are wrapped in ``div.btl-comment`` elements so
they can be handled like the rest, and :func:`remove_sections` cuts the
sections out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = ["CommentSection", "RawComment", "clean_author", "find_comments", "remove_sections",
           "text_of"]

Element = Any  # lxml.html.HtmlElement; lxml ships no type stubs

# --- vocabulary ---------------------------------------------------------------

#: Word parts that make a name about comments at all.
_COMMENT_WORDS = frozenset({"comment", "comments", "cmt", "cmts", "dsq", "disqus", "livefyre",
                            "discussion", "discussions", "coral", "talk", "respond", "replies",
                            "responses", "citem", "commentary"})
#: Plural / platform words naming a whole section.
_SECTION_WORDS = frozenset({"comments", "cmts", "disqus", "livefyre", "discussion", "discussions",
                            "coral", "respond", "responses", "commentary"})
#: ``comment`` + one of these names a section (``comment-list``, ``commentwrap``).
_SECTION_SUFFIXES = frozenset({"list", "listing", "lists", "section", "area", "threads", "holder",
                               "stream", "wrap", "wrapper", "form", "respond", "tpl", "master",
                               "zone", "module", "panel", "region", "tree", "app", "root",
                               "frame", "embed", "system", "board", "block", "thread", "feed",
                               "container", "widget"})
#: Parts that make a name a link, a counter or a widget rather than a section.
_NOT_SECTION = frozenset({"count", "counter", "counts", "link", "links", "number", "num", "icon",
                          "button", "btn", "toggle", "rss", "feed", "closed", "open", "nav",
                          "tab", "tabs", "popup", "bubble", "total", "recent", "latest",
                          "popular", "most", "trigger", "cta", "teaser", "promo", "anchor",
                          "jump", "badge", "policy", "rules", "guidelines", "meta", "status",
                          "enabled", "disabled", "allowed", "off", "on", "logo", "bar",
                          "sidebar", "tooltip", "notice", "notification", "bio"})
#: Names of containers whose comment-like items are not this page's thread.
_FOREIGN = frozenset({"recent", "recentcomments", "latest", "popular", "most", "ticker",
                      "related"})
#: Class names (as part tuples) of one comment.
_ITEM_CLASSES = frozenset({("comment",), ("comment", "item"), ("comments", "item"),
                           ("comment", "single"), ("dsq", "comment"), ("citem",),
                           ("lf", "comment", "container"), ("comment", "entry"),
                           ("comment", "wrapper"), ("comment", "box"), ("comment", "post"),
                           ("post", "comment"), ("comment", "row"), ("comment", "card"),
                           ("user", "comment"), ("comment", "node"), ("reader", "comment"),
                           ("comment", "thread", "item"), ("comment", "even"),
                           ("comment", "odd"), ("comment", "alt"), ("js", "comment")})
#: Part tuples that name a comment item by id, before the number: comment-12, dsq-comment-12.
_ITEM_ID_STEMS = frozenset({("comment",), ("li", "comment"), ("div", "comment"), ("dsq", "comment"),
                            ("cmt",), ("blog", "cmt"), ("c",), ("com",), ("comment", "item"),
                            ("comment", "inner"), ("lf", "comment"), ("pc",), ("tree",),
                            ("comments",), ("comment", "id"), ("reply",), ("post", "comment"),
                            ("comment", "entry"), ("comment", "container"), ("commentid",),
                            ("cid",), ("disqus", "comment"), ("comment", "wrap")})
#: Parts of a comment-item name that make it a part of an item, not an item.
_PART_WORDS = frozenset({"body", "text", "content", "message", "msg", "meta", "metadata", "author",
                         "date", "time", "header", "footer", "avatar", "actions", "link",
                         "links", "form", "count", "vote", "votes", "reply", "title", "info",
                         "tools", "head", "foot", "txt", "user", "name", "anchor"})
_BODY_WORDS = frozenset({"body", "text", "content", "message", "msg", "entry", "txt", "comtext",
                         "commentext", "cbody", "copy", "description"})
_AUTHOR_WORDS = frozenset({"author", "username", "commenter", "poster", "nick", "nickname",
                           "fn", "byline", "screenname", "handle", "authorname", "displayname",
                           "user", "name", "commentauthor"})
_AUTHOR_NOT = frozenset({"avatar", "img", "image", "pic", "photo", "picture", "url", "date",
                         "time", "bio", "says", "link", "icon", "badge", "role", "rank",
                         "karma", "level", "posts", "count", "meta", "gravatar"})
_DATE_WORDS = frozenset({"date", "time", "timestamp", "datetime", "posted", "published",
                         "ago", "when", "dateline", "timeago", "pubdate", "created"})
_NOISE_WORDS = frozenset({"by", "postfoot", "postmeta", "postinfo", "posted", "meta", "metadata",
                          "header", "footer", "actions", "action", "tools",
                          "toolbar", "reply", "edit", "avatar", "vote", "votes", "voting",
                          "rating", "rate", "like", "likes", "report", "flag", "share",
                          "sharing", "permalink", "gravatar", "photo", "pic", "button", "btn",
                          "karma", "score", "byline", "buttons", "controls", "options",
                          "moderation", "mod", "social", "userpic", "thumbnail",
                          "replylink", "commentmetadata", "useravatar", "rank", "badge"})
#: Names of the list that holds replies, placed inside or right after the parent.
_REPLY_LIST_WORDS = frozenset({"children", "replies", "reply", "indented", "child", "sub",
                               "subcomments", "responses", "answers", "nested", "thread",
                               "commtree", "level", "depth"})

_ITEM_TAGS = frozenset({"li", "div", "article", "section", "dd", "tr", "td", "blockquote",
                        "details", "aside", "table", "dl", "ul", "ol", "span", "p"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "dl", "dd", "dt", "blockquote",
                         "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "h5",
                         "h6", "pre", "table", "tr", "td", "th", "aside", "figure", "figcaption",
                         "details", "summary", "hr", "main", "nav", "address", "form"})
_NEVER_TEXT = frozenset({"script", "style", "noscript", "form", "button", "textarea", "select",
                         "input", "svg", "iframe", "object", "embed", "template", "label",
                         "option", "canvas", "video", "audio", "head", "title", "meta", "link"})

#: Most text an unnamed container may hold besides its comments (headings, a form).
_MAX_LOOSE_TEXT = 1000

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-zA-Z]+")
_COMPOUND = re.compile(r"^(comments|comment|cmt)(list|listing|lists|wrap|wrapper|block|body|text|"
                       r"content|area|section|form|meta|metadata|author|date|tree|thread|entry|"
                       r"holder|container|item|inner|id|post|by|s)$")
_NUMBER = re.compile(r"(\d{2,}|[0-9a-f]{12,})$", re.I)
_DIGITS = re.compile(r"\d{3,}")
_DEPTH = re.compile(r"(?:^|[-_])(?:depth|level|lvl|indent|lf_level)[-_]?(\d{1,2})$", re.I)
_SAYS = re.compile(r"\s*\b(says|said|wrote|writes|commented|replied|responded)\s*[:,.]*\s*$",
                   re.I)
_BY = re.compile(r"^\s*(by|posted by|from|—|–|-)\s+", re.I)
_ACTION_LINE = re.compile(
    r"^(reply|report( abuse| comment)?|edit|delete|like|unlike|share|flag|permalink|quote|"
    r"link|recommend|respond|collapse|expand|hide|show|↑|↓|▲|▼|\+|-|\d+\s*(likes?|points?|"
    r"votes?|replies|recommendations?)|(reply|report)\s*[|·•]\s*.*|log in to reply|"
    r"reply to this( comment)?|click to reply|in reply to .{0,60})$",
    re.I,
)
_HEADING = re.compile(
    r"^\s*(\(?\d+\)?|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(comments?|responses?|replies|reactions?|thoughts?|opinions?|kommentare?|commentaires?)"
    r"(\s+(to|on|so far|for)\b.*)?\s*:?\s*$"
    r"|^\s*(comments?|reader comments|readers'? comments|user comments|discussion|"
    r"leave a (reply|comment|response)|post a comment|add (a|your) comment|write a comment|"
    r"join the (discussion|conversation)|what do you think\??|have your say|"
    r"your comments?|reactions?|responses?|trackbacks?|pingbacks?|"
    r"comments are closed\.?|comments? \(\d+\)|\d+ comments? so far)\s*[:.!]?\s*$",
    re.I,
)
_MONTH = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_DATE_TEXT = re.compile(
    rf"({_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"((\s*(at|@|,|-|\|)?\s*)\d{1,2}[:.]\d{2}(:\d{2})?(\s*[ap]\.?m\b\.?)?(?-i:\s+[A-Z]{2,4}\b)?)?"
    r"|\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
    r"|\b(yesterday|today)\b(\s+(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?)?",
    re.I,
)
_BY_LINE = re.compile(
    r"(?:^|\b)(?:by|posted by|written by|from):?\s+(.{1,50}?)"
    r"(?:\s+(?:on|at|said|says|wrote|[|·•—–-])\s|\s*[|·•]|\s*$)",
    re.I,
)
_SAYS_LINE = re.compile(r"^(.{1,60}?)\s+(says|said|wrote|writes)\s*[:,.]*$", re.I)
_PROFILE = re.compile(r"/(users?|profiles?|members?|people|author|u|commenters?)/[^/?#]+", re.I)
_SCHEMA_COMMENT = re.compile(r"schema\.org/(Comment|UserComments|Answer)\b", re.I)


# --- results ------------------------------------------------------------------


@dataclass(slots=True)
class RawComment:
    """One comment as read from the page, before it becomes a Document comment."""

    id: str
    text: str
    author: str | None = None
    timestamp: str | None = None
    parent: str | None = None
    depth: int = 0


@dataclass(slots=True)
class CommentSection:
    """What :func:`find_comments` found: the comments and the elements to remove."""

    comments: list[RawComment] = field(default_factory=list)
    #: Outermost elements of the comment section(s), in document order.
    sections: list[Element] = field(default_factory=list)
    #: Comment headings ("12 Comments", "Leave a Reply") outside the sections.
    headings: list[Element] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- names --------------------------------------------------------------------


def _split(name: str) -> tuple[str, ...]:
    parts: list[str] = []
    for raw in _SPLIT.split(_CAMEL.sub(" ", name)):
        p = raw.lower()
        if not p:
            continue
        m = _COMPOUND.match(p)
        if m and m.group(2) != "s":
            parts.extend((m.group(1), m.group(2)))
        else:
            parts.append(p)
    return tuple(parts)


class _Names:
    """Cached word parts of each element's id and class tokens."""

    def __init__(self) -> None:
        self._cache: dict[Element, tuple[tuple[str, ...], list[tuple[str, ...]], str]] = {}

    def get(self, el: Element) -> tuple[tuple[str, ...], list[tuple[str, ...]], str]:
        hit = self._cache.get(el)
        if hit is None:
            ident = (el.get("id") or "").strip()
            classes = (el.get("class") or "").split()
            hit = (_split(ident), [_split(c) for c in classes], ident)
            self._cache[el] = hit
        return hit

    def all_parts(self, el: Element) -> Iterator[tuple[str, ...]]:
        ident, classes, _ = self.get(el)
        if ident:
            yield ident
        yield from classes

    def words(self, el: Element) -> set[str]:
        out: set[str] = set()
        for parts in self.all_parts(el):
            out.update(parts)
        return out


def _is_section_name(parts: tuple[str, ...]) -> bool:
    if not parts or _NOT_SECTION.intersection(parts):
        return False
    if _SECTION_WORDS.intersection(parts):
        return not _PART_WORDS.intersection(parts) or "comments" in parts and not (
            {"count", "link", "title", "meta", "header"} & set(parts)
        )
    if "comment" in parts or "cmt" in parts:
        rest = set(parts) - {"comment", "cmt"}
        return bool(rest & _SECTION_SUFFIXES) and not rest & (_PART_WORDS | {"item", "entry"})
    return parts in {("reply", "title"), ("commentform",), ("dsq", "content"),
                     ("lf", "comments"), ("talk", "stream"), ("replies",)}


def _item_number(parts: tuple[str, ...], ident: str) -> str | None:
    """The comment number of an item id such as ``li-comment-36440``, else None."""
    m = _NUMBER.search(ident)
    if not m:
        return None
    stem = _split(ident[: m.start()])
    if stem and stem[0] == "blog":
        stem = ("blog",) + stem[1:]
    if stem in _ITEM_ID_STEMS:
        return m.group(1).lower()
    # Blogger "Blog1_cmt-", Typepad "comment-6a00d8..." and similar.
    if stem[-1:] in (("cmt",), ("comment",)) and not _PART_WORDS.intersection(stem):
        return m.group(1).lower()
    return None


# --- text ---------------------------------------------------------------------


def _clean_lines(chunks: Iterable[str]) -> str:
    lines = []
    for line in "".join(chunks).split("\n"):
        line = " ".join(line.split())
        if line:
            lines.append(line)
    return "\n".join(lines)


def text_of(el: Element, skip: set[Element] | frozenset[Element] = frozenset()) -> str:
    """Visible text of ``el``: one line per block, skipping ``skip`` subtrees and scripts."""
    from lxml import etree

    chunks: list[str] = []
    skipped: set[Element] = set()
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        if event == "start":
            if tag is None or node in skip or tag in _NEVER_TEXT or _hidden(node):
                walker.skip_subtree()
                skipped.add(node)
                continue
            if tag in _BLOCK_TAGS:
                chunks.append("\n")
            if node.text:
                chunks.append(node.text)
        else:
            if tag is not None and node not in skipped and tag in _BLOCK_TAGS:
                chunks.append("\n")
            if node is not el and node.tail:
                chunks.append(node.tail)
    return _clean_lines(chunks)


def _hidden(node: Element) -> bool:
    style = node.get("style")
    if style and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I):
        return True
    return node.get("hidden") is not None or node.get("aria-hidden") == "true" and not len(node)


def _short_text(el: Element) -> str:
    return " ".join(" ".join(el.itertext()).split())


# --- detection ----------------------------------------------------------------


def _tag(el: Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


class _Finder:
    def __init__(self, root: Element) -> None:
        self.root = root
        self.names = _Names()
        self.body = root.find(".//body") if _tag(root) != "body" else root
        if self.body is None:
            self.body = root

    # items

    def item_kind(self, el: Element) -> tuple[bool, str | None]:
        """Whether ``el`` marks one comment, and its comment number if its id has one."""
        tag = _tag(el)
        if tag not in _ITEM_TAGS:
            return False, None
        ident_parts, class_parts, ident = self.names.get(el)
        number = _item_number(ident_parts, ident) if ident else None
        if number is not None:
            return True, number
        itemtype = el.get("itemtype") or ""
        if _SCHEMA_COMMENT.search(itemtype):
            return True, None
        if el.get("itemprop") in ("comment", "comments") and itemtype:
            return True, None
        if el.get("data-comment-id") or el.get("data-commentid"):
            return True, None
        if tag in ("ul", "ol", "dl", "span", "p", "table"):
            return False, None
        if any(parts in _ITEM_CLASSES for parts in class_parts):
            return True, None
        if tag in ("li", "div") and any({"pingback", "trackback"} & set(p) for p in class_parts):
            return True, None
        return False, None

    def foreign(self, el: Element) -> bool:
        """Whether ``el`` sits in navigation or a sidebar list of other pages' comments."""
        for anc in el.iterancestors():
            if anc is self.body:
                return False
            if _tag(anc) in ("nav", "head"):
                return True
            for parts in self.names.all_parts(anc):
                if _FOREIGN.intersection(parts):
                    return True
                # "sidebar", "sidebar-right", but not the layout's "content-sidebar-wrap".
                if parts[:1] == ("sidebar",) and not {"content", "wrap", "main"} & set(parts):
                    return True
            if self.is_section(anc):
                return False
        return False

    def is_section(self, el: Element) -> bool:
        if _tag(el) in ("html", "body", "head", "a", "span", "script", "style", "link", "meta",
                        "img", "button", "input", "label", "i", "b", "em", "strong", "li"):
            return False
        return any(_is_section_name(p) for p in self.names.all_parts(el))

    def reply_list(self, el: Element) -> bool:
        words = self.names.words(el)
        return bool(words & _REPLY_LIST_WORDS) and not words & {"link", "button", "btn", "form",
                                                                "count"}

    # the article guard

    def holds_article(self, el: Element, item_set: set[Element]) -> bool:
        """Whether ``el`` looks like it wraps the article, not just the discussion."""
        if _tag(el) in ("html", "body", "head", "main"):
            return True
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue
            if node.get("itemprop") in ("articleBody", "articlebody"):
                return True
            if _tag(node) == "h1" and not any(a in item_set for a in node.iterancestors()):
                return True
            words = self.names.words(node)
            if words & {"hentry", "articlebody", "storybody"}:
                return True
            if (({"entry", "content"} <= words or {"post", "body"} <= words)
                    and node not in item_set
                    and not any(a in item_set for a in node.iterancestors())):
                return True
        return False


def _lca(elements: list[Element]) -> Element | None:
    if not elements:
        return None
    path = [elements[0], *elements[0].iterancestors()]
    common = set(path)
    for el in elements[1:]:
        chain = {el, *el.iterancestors()}
        common &= chain
    for node in path:
        if node in common:
            return node
    return None


def find_comments(root: Element) -> CommentSection:
    """Find the comment section of a parsed page and read its comments.

    Args:
        root: the ``<html>`` element of an :mod:`lxml.html` tree.

    Returns:
        The comments in document order and the section elements to remove
        from the tree before the article is extracted.
    """
    f = _Finder(root)
    result = CommentSection()

    # 1. candidate items, merged into comments (parts of one comment share a number or
    #    sit in one another with nothing list-like between them).
    rep: dict[Element, Element] = {}
    number: dict[Element, str | None] = {}
    parent_of: dict[Element, Element | None] = {}
    items: list[Element] = []
    for el in f.body.iter():
        if not isinstance(el.tag, str):
            continue
        ok, num = f.item_kind(el)
        if not ok or f.foreign(el):
            continue
        number[el] = num
        anc = next((a for a in el.iterancestors() if a in number), None)
        if anc is None:
            rep[el] = el
            parent_of[el] = None
            items.append(el)
            continue
        outer = rep[anc]
        if _same_comment(f, el, anc, num, number[anc], outer):
            rep[el] = outer
        else:
            rep[el] = el
            parent_of[el] = outer
            items.append(el)
    items = [it for it in items if _has_content(it)]
    if not items:
        items = _fallback_items(f)
        parent_of = {it: None for it in items}
    item_set = set(items)
    for it in items:
        p = parent_of.get(it)
        while p is not None and p not in item_set:
            p = parent_of.get(p)
        parent_of[it] = p

    # 2. replies laid out as a list after the parent (Disqus, Drupal) and depth classes.
    for it in items:
        if parent_of[it] is None:
            parent_of[it] = _parent_from_layout(f, it, item_set)
    _parents_from_depth(f, items, parent_of)

    # 3. sections.
    sections = _sections(f, items, item_set, result)

    # 4. fields.
    ids: dict[Element, str] = {}
    used: set[str] = set()
    raws: list[RawComment] = []
    for n, it in enumerate(items, 1):
        raw = _read_item(f, it, item_set)
        if raw is None:
            continue
        cid = _own_id(f, it)
        if not cid or cid in used:
            cid = f"c{n}"
        while cid in used:
            cid += "_"
        used.add(cid)
        ids[it] = cid
        raw.id = cid
        parent = parent_of.get(it)
        while parent is not None and parent not in ids:
            parent = parent_of.get(parent)
        if parent is not None:
            raw.parent = ids[parent]
            raw.depth = next(r.depth for r in raws if r.id == raw.parent) + 1
        raws.append(raw)
    result.comments = raws
    result.sections = sections
    return result


def _fallback_items(f: _Finder) -> list[Element]:
    """Comments on pages that mark no element as one comment.

    Three older layouts, tried in turn: sibling containers that repeat a
    section-like name (``div.COMMENTS`` once per comment); empty anchors
    (``<a id="c64429694">``, ``<a name="comment184302">``) that open each
    comment; and the repeated children of a named comment section
    (``div#comments > dl > dt + dd``).
    """
    # Repeated "section" siblings are items.
    for el in f.body.iter():
        if not isinstance(el.tag, str) or not f.is_section(el) or f.foreign(el):
            continue
        parent = el.getparent()
        if parent is None:
            continue
        sig = (_tag(el), el.get("class"))
        same = [c for c in parent if isinstance(c.tag, str) and (_tag(c), c.get("class")) == sig]
        if len(same) >= 2 and sig[1] and all(
                _has_content(c) and f.is_section(c) and not f.holds_article(c, set())
                for c in same):
            return same
    items = _anchor_items(f)
    if items:
        return items
    for el in f.body.iter():
        if isinstance(el.tag, str) and f.is_section(el) and not f.foreign(el):
            items = _repeated_children(el)
            if items:
                return items
    return []


_ANCHOR_ID = re.compile(r"^(c|comment|comments|cmt|comment[-_]?id|reply)[-_]?(\d{3,}|[0-9a-f]{12,})$",
                        re.I)


def _anchor_items(f: _Finder) -> list[Element]:
    """Wrap comments that start at an empty anchor into ``div.btl-comment`` elements."""
    from lxml import html as lxml_html

    anchors = [a for a in f.body.iter("a")
               if _ANCHOR_ID.match(a.get("id") or a.get("name") or "")
               and not "".join(a.itertext()).strip() and not a.get("href")]
    if len(anchors) < 2:
        return []
    by_parent: dict[Element, list[Element]] = {}
    for a in anchors:
        parent = a.getparent()
        if parent is not None:
            by_parent.setdefault(parent, []).append(a)
    items: list[Element] = []
    for parent, group in by_parent.items():
        if len(group) == 1:
            # One anchor per container: the container is the comment (DNN blogs).
            if _tag(parent) in ("div", "li", "td", "article", "section", "dd") and \
                    not f.holds_article(parent, set()) and len(anchors) >= 2:
                items.append(parent)
            continue
        children = list(parent)
        starts = [children.index(a) for a in group]
        spans = [e - b for b, e in zip(starts, starts[1:], strict=False)]
        longest = max(spans) if spans else 8
        bounds = list(zip(starts, [*starts[1:], None], strict=True))
        for b, e in bounds:
            stop = e if e is not None else len(children)
            seg: list[Element] = []
            for child in children[b:stop]:
                if e is None and seg and (_tag(child) in ("h1", "h2", "h3", "h4", "form", "script")
                                          or len(seg) > 2 * longest):
                    break
                seg.append(child)
            wrapper = lxml_html.Element("div", {"class": "btl-comment"})
            parent.insert(parent.index(seg[0]), wrapper)
            tail = seg[-1].tail
            for child in seg:
                wrapper.append(child)
            seg[-1].tail = None
            wrapper.tail = tail
            if _has_content(wrapper):
                items.append(wrapper)
    items.sort(key=lambda el: _doc_pos(f, el))
    return items


def _doc_pos(f: _Finder, el: Element) -> int:
    if not hasattr(f, "_order"):
        f._order = {e: n for n, e in enumerate(f.body.iter())}  # type: ignore[attr-defined]
    return int(f._order.get(el, 0))  # type: ignore[attr-defined]


_MEMBER_TAGS = frozenset({"li", "div", "dd", "article", "section", "blockquote", "table", "tr"})


def _repeated_children(section: Element) -> list[Element]:
    """The largest group of same-shaped children (2+) inside a comment section."""
    best: list[Element] = []
    best_len = 0
    for container in section.iter():
        if not isinstance(container.tag, str):
            continue
        groups: dict[tuple[str, str | None], list[Element]] = {}
        for child in container:
            if isinstance(child.tag, str) and _tag(child) in _MEMBER_TAGS:
                groups.setdefault((_tag(child), child.get("class")), []).append(child)
        for members in groups.values():
            if len(members) < 2:
                continue
            sizes = [len(_short_text(m)) for m in members]
            if min(sizes) < 2 or sum(sizes) < 40:
                continue
            if sum(sizes) > best_len:
                best, best_len = members, sum(sizes)
    return best


def _same_comment(f: _Finder, inner: Element, outer_cand: Element, num: str | None,
                  outer_num: str | None, outer_rep: Element) -> bool:
    if num and outer_num:
        return num == outer_num
    # Other digits in the ids: li#tree_40751875 > div#comment_40751875.
    di = set(_DIGITS.findall(inner.get("id") or ""))
    do = set(_DIGITS.findall(outer_cand.get("id") or "")) | set(
        _DIGITS.findall(outer_rep.get("id") or ""))
    if di and do:
        return bool(di & do)
    for node in inner.iterancestors():
        if node is outer_cand:
            break
        if _tag(node) in ("ul", "ol", "dl") or f.reply_list(node):
            return False
    # A direct nest with its own text beside the inner item is a parent and its reply.
    return True


def _has_content(el: Element) -> bool:
    return any(t.strip() for t in el.itertext())


def _parent_from_layout(f: _Finder, it: Element, item_set: set[Element]) -> Element | None:
    """Parent of an item inside a reply list placed right after the parent item.

    Disqus puts ``ul.children`` after its parent ``li``; Drupal puts
    ``div.indented`` after the parent ``div.comment``.
    """
    for anc in it.iterancestors():
        if anc in item_set or anc is f.body:
            return None
        named = f.reply_list(anc)
        if named or _tag(anc) in ("ul", "ol", "dl"):
            prev = anc.getprevious()
            if not named:
                # A bare list counts only when it directly follows an item.
                return prev if prev is not None and prev in item_set else None
            hops = 0
            while prev is not None and hops < 3:
                if prev in item_set:
                    return prev
                tops = [d for d in prev.iter() if d in item_set and _top_level(d, prev, item_set)]
                if tops:
                    return tops[-1]
                if _has_content(prev):
                    break
                prev = prev.getprevious()
                hops += 1
    return None


def _top_level(el: Element, within: Element, item_set: set[Element]) -> bool:
    for anc in el.iterancestors():
        if anc is within:
            return True
        if anc in item_set:
            return False
    return True


def _depth_class(el: Element) -> int | None:
    for token in (el.get("class") or "").split():
        m = _DEPTH.search(token)
        if m:
            return int(m.group(1))
    return None


def _parents_from_depth(f: _Finder, items: list[Element], parent_of: dict[Element, Any]) -> None:
    depths = [_depth_class(it) for it in items]
    if sum(d is not None and d > 1 for d in depths) == 0:
        return
    stack: dict[int, Element] = {}
    for it, d in zip(items, depths, strict=True):
        if d is None:
            continue
        if parent_of[it] is None and d > 1 and (d - 1) in stack:
            parent_of[it] = stack[d - 1]
        stack[d] = it
        for k in [k for k in stack if k > d]:
            del stack[k]


def _sections(f: _Finder, items: list[Element], item_set: set[Element],
              result: CommentSection) -> list[Element]:
    cands: list[Element] = []
    tops = [it for it in items if not any(a in item_set for a in it.iterancestors())]
    if tops:
        lca = _lca(tops)
        if lca is not None and lca in item_set and len(tops) > 1:
            lca = lca.getparent()
        if lca is not None and len(tops) == 1:
            lca = tops[0]
        # Widen to the named comment container around the thread.
        node = lca
        best = lca
        for _ in range(6):
            if node is None or node is f.body:
                break
            parent = node.getparent()
            if parent is None or _tag(parent) in ("body", "html"):
                break
            if f.is_section(parent):
                best = parent
            node = parent
        if best is not None and (best is not lca or f.is_section(best)) and (
                not f.holds_article(best, item_set)):
            cands.append(best)
        elif best is not None and not f.holds_article(best, item_set) and (
                len(text_of(best, set(tops))) <= _MAX_LOOSE_TEXT):
            # An unnamed container: only when little but the thread is in it.
            cands.append(best)
        else:
            result.notes.append("comment items found outside a separable section")
            cands.extend(tops)
    for el in f.body.iter():
        if isinstance(el.tag, str) and f.is_section(el) and not f.foreign(el):
            if any(a in item_set for a in el.iterancestors()):
                continue
            if not f.holds_article(el, item_set):
                cands.append(el)
    for el in f.body.iter("form"):
        if el.find(".//textarea") is not None and not f.holds_article(el, item_set):
            cands.append(el)
    outer = _outermost(cands)
    outer_set = set(outer)
    for el in f.body.iter("h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "span", "strong",
                          "legend", "header", "b", "a"):
        if any(a in outer_set for a in el.iterancestors()) or el in outer_set:
            continue
        if _tag(el) in ("div", "p", "span", "strong", "b", "a", "header") and len(el) > 2:
            continue
        txt = _short_text(el)
        if txt and len(txt) < 120 and _HEADING.match(txt):
            result.headings.append(el)
    return outer


def _outermost(elements: list[Element]) -> list[Element]:
    chosen = set(elements)
    out = []
    seen: set[Element] = set()
    for el in elements:
        if el in seen:
            continue
        seen.add(el)
        if any(a in chosen for a in el.iterancestors()):
            continue
        out.append(el)
    return out


def remove_sections(section: CommentSection) -> None:
    """Remove the comment sections and headings from their tree (keeping tails)."""
    for el in [*section.sections, *section.headings]:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail and el.tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


# --- fields -------------------------------------------------------------------


def _own_id(f: _Finder, it: Element) -> str | None:
    ident = (it.get("id") or "").strip()
    if ident:
        return ident
    for node in it.iter():
        nid = node.get("id") if isinstance(node.tag, str) else None
        if nid and _NUMBER.search(nid):
            return str(nid).strip()
        if node is not it and f.item_kind(node)[0]:
            break
    for attr in ("data-comment-id", "data-commentid", "data-id"):
        if it.get(attr):
            return f"comment-{it.get(attr)}"
    # Drupal and Typepad put an empty <a id="comment-301"> just before the comment.
    prev = it.getprevious()
    if prev is not None and _tag(prev) == "a" and not _has_content(prev):
        anchor = (prev.get("id") or prev.get("name") or "").strip()
        if _ANCHOR_ID.match(anchor):
            return anchor
    return None


def _inside(el: Element, item: Element, item_set: set[Element]) -> bool:
    """Whether ``el`` belongs to ``item`` itself, not to a reply nested in it."""
    for anc in el.iterancestors():
        if anc is item:
            return True
        if anc in item_set:
            return False
    return False


def _own_nodes(item: Element, item_set: set[Element], f: _Finder) -> Iterator[Element]:
    from lxml import etree

    walker = etree.iterwalk(item, events=("start",))
    for _, node in walker:
        if node is item:
            continue
        if not isinstance(node.tag, str):
            continue
        if node in item_set or (f.reply_list(node) and _has_item(node, item_set)):
            walker.skip_subtree()
            continue
        yield node


def _has_item(el: Element, item_set: set[Element]) -> bool:
    return any(d in item_set for d in el.iter())


def _read_item(f: _Finder, it: Element, item_set: set[Element]) -> RawComment | None:
    own = list(_own_nodes(it, item_set, f))
    nested = [n for n in it.iter() if n is not it and n in item_set]
    nested_lists = [n for n in own if f.reply_list(n) and _has_item(n, item_set)]
    skip: set[Element] = set(nested) | set(nested_lists)

    author_el, author = _find_author(f, it, own)
    date_els, timestamp = _find_date(f, own + _dd_context(it, item_set))

    body = _find_body(f, own, author_el)
    noise = [n for n in own if _is_noise(f, n) and (body is None or not _contains(n, body))
             and not (body is not None and _contains(body, n) and n is body)]
    base = body if body is not None else it
    extra = {e for e in ([author_el] if author_el is not None else []) + date_els
             if body is None or not _contains(e, body)}
    text = text_of(base, skip | set(noise) | extra)
    if not text and body is not None:
        text = text_of(it, skip | set(noise) | extra)
    if not text:
        text = text_of(base, skip)
    title = _find_title(f, own, body)
    if title and title not in text:
        text = f"{title}\n{text}" if text else title
    text = _strip_actions(text, author)
    if timestamp is None and body is None:
        text, timestamp = _date_line(text)
    if not text:
        return None
    return RawComment(id="", text=text, author=author, timestamp=timestamp)


def _find_title(f: _Finder, own: list[Element], body: Element | None) -> str | None:
    """A comment's own subject line (``h5.comment_title``), kept as its first line."""
    for node in own:
        if body is not None and _contains(body, node):
            continue
        words = f.names.words(node)
        if words & {"title", "subject", "headline"} and not words & {"section", "comments"}:
            txt = _short_text(node)
            if 0 < len(txt) <= 200 and not _HEADING.match(txt):
                return txt
    return None


def _contains(outer: Element, inner: Element) -> bool:
    if outer is inner:
        return True
    return any(a is outer for a in inner.iterancestors())


def _is_noise(f: _Finder, node: Element) -> bool:
    tag = _tag(node)
    if tag in ("img", "picture", "button", "nav", "menu"):
        return True
    words = f.names.words(node)
    if not words:
        return False
    if words & _BODY_WORDS and not words & {"meta", "metadata", "header", "footer", "reply"}:
        return False
    return bool(words & _NOISE_WORDS)


def _find_body(f: _Finder, own: list[Element], author_el: Element | None) -> Element | None:
    cands = []
    for node in own:
        if _tag(node) in ("a", "img", "span", "cite", "time", "abbr", "h1", "h2", "h3",
                          "h4", "h5", "h6", "strong", "b", "em", "i"):
            continue
        prop = node.get("itemprop")
        if prop in ("text", "commentText", "articleBody", "description", "reviewBody"):
            cands.append(node)
            continue
        words = f.names.words(node)
        if not words & _BODY_WORDS:
            continue
        if words & {"meta", "metadata", "header", "footer", "author", "date", "time", "title",
                    "avatar", "actions", "form", "count", "reply"}:
            continue
        cands.append(node)
    outer = [c for c in cands if not any(_contains(o, c) for o in cands if o is not c)]
    outer = [c for c in outer if _has_content(c)]
    if len(outer) == 1:
        return outer[0]
    if outer:
        # Several text parts (a title and a body): keep the one with most text.
        return max(outer, key=lambda e: len(_short_text(e)))
    return None


def _find_author(f: _Finder, it: Element, own: list[Element]) -> tuple[Element | None, str | None]:
    ranked: list[tuple[int, int, Element]] = []
    for pos, node in enumerate(own):
        tag = _tag(node)
        prop = node.get("itemprop") or ""
        words = f.names.words(node)
        if prop in ("author", "creator"):
            ranked.append((0, pos, node))
        elif "fn" in words or tag == "cite" and pos < len(own) // 2 + 3:
            ranked.append((1, pos, node))
        elif tag == "a" and "url" in words and "external" in (node.get("rel") or ""):
            # WordPress's comment_author_link(): the name linked to the writer's site.
            ranked.append((2, pos, node))
        elif words & _AUTHOR_WORDS and not words & _AUTHOR_NOT and tag not in ("img",):
            if words & {"name", "user"} and not words & {"author", "commenter", "username",
                                                          "poster", "comment", "fn", "nick",
                                                          "nickname", "screenname",
                                                          "authorname", "displayname"}:
                ranked.append((3, pos, node))
            else:
                ranked.append((2, pos, node))
    if _tag(it) == "dd":
        prev = it.getprevious()
        if prev is not None and _tag(prev) == "dt":
            name = _header_author(text_of(prev))
            if name:
                return prev, name
    ranked.sort(key=lambda r: (r[0], r[1]))
    for _, _, node in ranked:
        name = _author_text(node)
        if name:
            return node, name
    # "by Jane on May 3, 2012" in a meta line, or a link to the writer's profile.
    for node in own:
        if f.names.words(node) & (_NOISE_WORDS | _DATE_WORDS | {"info", "details", "label"}):
            line = _short_text(node)
            m = _BY_LINE.search(line) if len(line) <= 200 else None
            if m and clean_author(m.group(1)):
                return None, clean_author(m.group(1))
    for node in own[:12]:
        if _tag(node) in ("p", "h3", "h4", "h5", "h6", "div", "span", "strong", "b", "dt"):
            line = _short_text(node)
            m = _SAYS_LINE.match(line) if len(line) <= 80 else None
            if m and clean_author(m.group(1)):
                return None, clean_author(m.group(1))
    for node in own:
        if _tag(node) == "a" and _PROFILE.search(node.get("href") or ""):
            name = clean_author(" ".join(node.itertext()))
            if name and not re.search(r"profile|view|more", name, re.I):
                return node, name
    return None, None


def _header_author(line: str) -> str | None:
    """The writer in a header line such as ``1. Jane Doe - October 26, 2012`` or ``Ann said...``."""
    line = " ".join(line.split())
    line = _DATE_TEXT.sub(" ", line)
    line = re.sub(r"^\(?\d+[.)]?\s+", "", line)
    line = _SAYS.sub("", line)
    line = re.sub(r"\s+(said|says|wrote)\.*\s*$", "", line, flags=re.I)
    line = _BY.sub("", line).strip(" :|-–—·•,.")
    return clean_author(line)


def _author_text(node: Element) -> str | None:
    if _tag(node) == "meta":
        raw = node.get("content") or ""
    else:
        named = node.find(".//*[@itemprop='name']")
        if named is not None:
            node = named
        raw = named.get("content") if named is not None and _tag(named) == "meta" else None
        raw = raw or text_of(node).split("\n")[0]
    name = clean_author(raw)
    if name is None and _tag(node) not in ("a", "strong", "b"):
        for sub in node.iter("a", "strong", "b"):
            name = clean_author(" ".join(sub.itertext()))
            if name:
                return name
    return name


_UI_WORDS = re.compile(r"^(homepage|home page|journal|website|web site|profile|reply|permalink|"
                       r"link|edit|delete|report|share|like|flag|quote|url|email|avatar|"
                       r"view profile|more|comment|comments|contact|\d+)$", re.I)


def clean_author(raw: str | None) -> str | None:
    """A commenter's name from the text around it, or None when it does not look like one.

    Drops "says:"/"wrote", "by", a leading website address, a user number in
    brackets, and refuses interface words ("Reply", "Homepage") and dates.

    Example:
        >>> clean_author("http://example.org Ann Lee says:")
        'Ann Lee'
        >>> clean_author("Reply") is None
        True
    """
    name = " ".join((raw or "").split())
    name = _SAYS.sub("", name)
    name = _BY.sub("", name).strip(" :|-–—·•,")
    name = re.sub(r"^(https?://|www\.)\S+\s+(?=\S)", "", name)
    name = re.sub(r"\s*\(\d+\)$", "", name)
    name = re.sub(r"\s+(on|at)$", "", name, flags=re.I).strip(" :|-–—·•,")
    if not name or len(name) > 60 or len(name.split()) > 7:
        return None
    if _UI_WORDS.match(name) or _DATE_TEXT.fullmatch(name) or re.fullmatch(r"[\d:.\s/-]+", name):
        return None
    return name


def _dd_context(it: Element, item_set: set[Element]) -> list[Element]:
    """For a ``dd`` comment, the ``dt`` header before it and a footer ``dd`` after it."""
    if _tag(it) != "dd":
        return []
    out: list[Element] = []
    prev, nxt = it.getprevious(), it.getnext()
    if prev is not None and _tag(prev) == "dt":
        out.extend(prev.iter())
    if nxt is not None and _tag(nxt) == "dd" and nxt not in item_set:
        out.extend(nxt.iter())
    return [n for n in out if isinstance(n.tag, str)]


def _find_date(f: _Finder, own: list[Element]) -> tuple[list[Element], str | None]:
    for node in own:
        if _tag(node) == "time" and node.get("datetime"):
            return [node], node.get("datetime", "").strip()
    for node in own:
        prop = node.get("itemprop") or ""
        if prop in ("dateCreated", "datePublished", "commentTime", "dateModified", "uploadDate"):
            value = node.get("content") or node.get("datetime") or _short_text(node)
            if value:
                return [node], value.strip()
    for node in own:
        for attr in ("data-timestamp", "data-time", "data-utime", "data-created", "data-date"):
            value = node.get(attr)
            if value and value.strip().isdigit() and 9 <= len(value.strip()) <= 13:
                secs = int(value.strip()) / (1000 if len(value.strip()) > 10 else 1)
                stamp = datetime.fromtimestamp(secs, tz=UTC).isoformat().replace("+00:00", "Z")
                return [node], stamp
    for node in own:
        if _tag(node) == "abbr" and node.get("title") and _DATE_TEXT.search(node.get("title")):
            return [node], node.get("title", "").strip()
    metas: list[Element] = []
    for node in own:
        words = f.names.words(node)
        if words & _DATE_WORDS and not words & {"author", "name", "body", "text"}:
            txt = _short_text(node)
            if txt and len(txt) <= 80 and (any(c.isdigit() for c in txt) or
                                           re.search(r"ago|yesterday|today", txt, re.I)):
                m = _DATE_TEXT.search(txt)
                return [node], (m.group(0) if m else txt).strip()
        elif words & {"meta", "metadata", "commentmetadata", "header", "footer", "info",
                      "byline", "details"}:
            metas.append(node)
    for node in own:
        if _tag(node) == "dt":
            m = _DATE_TEXT.search(_short_text(node))
            if m:
                return [], m.group(0).strip()
    for node in metas:
        txt = _short_text(node)
        if len(txt) <= 200:
            m = _DATE_TEXT.search(txt)
            if m:
                return [], m.group(0).strip()
    return [], None


def _strip_actions(text: str, author: str | None) -> str:
    lines = text.split("\n")
    while lines and (_ACTION_LINE.match(lines[-1]) or not lines[-1].strip(" |·•")):
        lines.pop()
    while lines and (_ACTION_LINE.match(lines[0]) or (author and lines[0].strip() == author)
                     or _SAYS.fullmatch(lines[0])
                     or (author and _SAYS_LINE.match(lines[0]) and author in lines[0])):
        lines.pop(0)
    return "\n".join(lines)


def _date_line(text: str) -> tuple[str, str | None]:
    """Take a leading or trailing short line holding a date out of the text."""
    lines = text.split("\n")
    for idx in (0, -1) if len(lines) > 1 else ():
        line = lines[idx]
        m = _DATE_TEXT.search(line)
        if m and len(line) <= 80:
            del lines[idx]
            return "\n".join(lines), m.group(0).strip()
    return text, None
