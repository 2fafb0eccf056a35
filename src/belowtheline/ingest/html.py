"""Read an HTML page: the article through trafilatura, the comment section apart.

trafilatura finds article bodies well but lets reader comments leak into them
on many layouts (its issue #850: comment nodes are only pruned in precision
mode, and only ``div``/``section``/``list`` containers with a few names are
recognised). So the page is parsed once with lxml, the comment section is
found and read by :mod:`belowtheline.ingest.html_comments`, removed from the
tree, and only then is the tree handed to trafilatura for the article.

Example:
    >>> from belowtheline.document import Source
    >>> page = ("<html><body><article><h1>Hi</h1><p>" + "Body text. " * 30 +
    ...         "</p></article><ol class='commentlist'><li id='comment-1' class='comment'>"
    ...         "<cite class='fn'>Ann</cite><p>First!</p></li></ol></body></html>")
    >>> doc = read_html(page, source=Source(format="html"))
    >>> [(c.id, c.author, c.text) for c in doc.comments]
    [('comment-1', 'Ann', 'First!')]
    >>> "First!" in doc.article.body
    False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from ..document import Article, Comment, Document, Paragraph, Source
from ..errors import FormatError

__all__ = ["HtmlOptions", "read_html"]

_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlOptions:
    """Choices for :func:`read_html`.

    Attributes:
        comments: read the comment section (when False it is still removed
            from the article, but not returned).
        favor_precision: ask trafilatura for less but cleaner article text.
        include_tables: keep tables of the article as paragraphs.
    """

    comments: bool = True
    favor_precision: bool = False
    include_tables: bool = True


def read_html(html: str, *, source: Source, options: HtmlOptions | None = None) -> Document:
    """Extract the article and the reader comments of an HTML page.

    Args:
        html: the page, already decoded to text.
        source: where it came from; ``url`` is filled from the page's
            canonical link or ``og:url`` when it is not set.
        options: see :class:`HtmlOptions`.

    Returns:
        A document whose ``article`` (title, credits, captions, paragraphs
        with ``"subheading"`` kinds) and ``comments`` (id, author, timestamp,
        text, ``reply_to``, ``depth``) are filled, and whose ``text`` is the
        article paragraphs followed by the comment texts. ``provided`` holds
        ``"article"`` and ``"comments"``. Problems that did not stop the
        reading (nothing extracted, odd markup) are in ``warnings``.

    Raises:
        FormatError: nothing in the input can be parsed as HTML.

    Example:
        >>> read_html("<html><body></body></html>", source=Source(format="html")).warnings
        ['no article text was found in the page']
    """
    opts = options or HtmlOptions()
    root = _parse(html, source)
    warnings: list[str] = []

    from .html_comments import CommentSection, find_comments, remove_sections

    url = source.url or _page_url(root)
    try:
        section = find_comments(root)
    except RecursionError:  # pathological nesting; keep the article at least
        section = CommentSection(notes=["the comment section is nested too deeply to read"])
    warnings.extend(section.notes)
    remove_sections(section)
    captions = _captions(root)
    article = _article(root, url, opts, warnings)
    article.captions = captions
    if article.title:
        # trafilatura often keeps the headline as the first heading of the body.
        title_key = _key(article.title)
        while article.paragraphs and _key(article.paragraphs[0].text) == title_key:
            article.paragraphs.pop(0)
    caption_keys = {_key(c) for c in captions}
    if caption_keys:
        kept = [p for p in article.paragraphs if _key(p.text) not in caption_keys]
        article.boilerplate.extend(p.text for p in article.paragraphs if p not in kept)
        article.paragraphs = kept

    comments = [
        Comment(id=r.id, text=r.text, author=r.author, timestamp=r.timestamp,
                reply_to=r.parent, depth=r.depth)
        for r in section.comments
    ] if opts.comments else []

    text_parts: list[str] = []
    offset = 0
    for p in article.paragraphs:
        text_parts.append(p.text)
        offset += len(p.text) + 2
    for c in comments:
        c.start = offset
        c.end = offset + len(c.text)
        text_parts.append(c.text)
        offset = c.end + 2
    doc = Document(
        id=Document.make_id(html, source.path),
        text="\n\n".join(text_parts),
        source=Source(path=source.path, url=url, format=source.format or "html"),
        article=article,
        comments=comments,
        warnings=warnings,
    )
    if not article.paragraphs:
        doc.warnings.insert(0, "no article text was found in the page")
    doc.provided |= {"article", "comments"}
    return doc


def _parse(html: str, source: Source) -> Any:
    from lxml import etree
    from lxml import html as lxml_html

    name = source.path or source.url
    if not html or not html.strip():
        raise FormatError("the page is empty; give an HTML document", source=name)
    parser = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True,
                                  remove_pis=True, encoding=None)
    try:
        try:
            root = lxml_html.document_fromstring(html, parser=parser)
        except ValueError:  # a string that declares its own encoding
            data = html.encode("utf-8", "surrogatepass")
            parser = lxml_html.HTMLParser(collect_ids=False, default_doctype=False,
                                          remove_comments=True, remove_pis=True, encoding="utf-8")
            root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise FormatError(
            f"no HTML could be parsed from it ({exc}); check that it is an HTML page "
            "or read it as text with format='text'",
            source=name,
        ) from exc
    if root is None or (len(root) == 0 and not (root.text or "").strip()):
        raise FormatError("no HTML elements could be parsed from it; read it as text instead",
                          source=name)
    return root


def _page_url(root: Any) -> str | None:
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content",
                  "//meta[@name='og:url']/@content", "//meta[@name='twitter:url']/@content"):
        for value in root.xpath(xpath):
            value = str(value).strip()
            if value.startswith(("http://", "https://")):
                return value
    return None


def _key(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def _captions(root: Any) -> list[str]:
    """Figure captions outside navigation, deduplicated in order."""
    out: list[str] = []
    seen: set[str] = set()
    nodes = root.xpath(
        "//body//figcaption | //body//*[@itemprop='caption'] | "
        "//body//*[contains(concat(' ', normalize-space(@class), ' '), ' wp-caption-text ')]"
    )
    for node in nodes:
        if any(isinstance(a.tag, str) and a.tag.lower() in ("nav", "footer", "aside", "header")
               for a in node.iterancestors()):
            continue
        if any(d is not node and d in nodes for d in node.iterancestors()):
            continue
        text = _WS.sub(" ", " ".join(node.itertext())).strip()
        if not 3 <= len(text) <= 600:
            continue
        key = _key(text)
        if key in seen:
            continue
        seen.add(key)
        out.append(text)
    return out


def _article(root: Any, url: str | None, opts: HtmlOptions, warnings: list[str]) -> Article:
    import trafilatura
    from lxml import etree

    # trafilatura is handed markup, not our tree: its own parse (encoding repair,
    # parser flags) is what its heuristics are tuned on, and on some pages a
    # foreign tree makes it find nothing.
    markup = etree.tostring(root, encoding="unicode", method="html")
    try:
        result = trafilatura.bare_extraction(
            markup,
            url=url,
            include_comments=False,
            include_tables=opts.include_tables,
            favor_precision=opts.favor_precision,
            with_metadata=True,
            # The date is not used; the extensive search runs dateparser (slow on big pages).
            date_extraction_params={"extensive_search": False},
        )
    except RecursionError:
        warnings.append("the page is nested too deeply for article extraction")
        return Article()
    if result is None:
        return Article()
    title = getattr(result, "title", None) or None
    author = getattr(result, "author", None) or ""
    credits = [a.strip() for a in author.split(";") if a.strip()]
    body = getattr(result, "body", None)
    paragraphs = _paragraphs(body) if body is not None else []
    if not paragraphs:
        text = getattr(result, "text", None) or ""
        paragraphs = [Paragraph(line.strip()) for line in text.split("\n") if line.strip()]
    return Article(title=title, credits=credits, paragraphs=paragraphs)


def _paragraphs(body: Any) -> list[Paragraph]:
    """Paragraphs from trafilatura's XML body.

    ``head`` becomes a subheading, each list ``item`` and table ``row`` a
    paragraph; text left loose in ``<body>`` or in a tail is kept too.
    """
    out: list[Paragraph] = []

    def add(text: str | None, kind: Literal["body", "subheading"] = "body") -> None:
        # Line breaks (<lb/>) stay as newlines inside the paragraph.
        lines = (_WS.sub(" ", line).strip() for line in (text or "").split("\n"))
        text = "\n".join(line for line in lines if line)
        if text:
            out.append(Paragraph(text, kind))

    add(body.text)
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "head":
            add(_text(el), "subheading")
        elif tag == "list":
            for item in el.iter("item"):
                add("".join(_own_text(item)))
        elif tag == "table":
            for row in el.iter("row"):
                cells = [_WS.sub(" ", _text(c)).strip() for c in row]
                add(" | ".join(c for c in cells if c))
        elif tag:
            add(_text(el))
        add(el.tail)
    return out


def _text(el: Any) -> str:
    """Text of a trafilatura XML element with ``<lb/>`` as a newline."""
    return "".join(_own_text(el, keep_lists=True))


def _own_text(el: Any, *, keep_lists: bool = False) -> list[str]:
    """Text of an element (without nested lists unless ``keep_lists``), ``<lb/>`` as newline."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif keep_lists or child.tag != "list":
            parts.extend(_own_text(child, keep_lists=keep_lists))
        parts.append(child.tail or "")
    return parts
