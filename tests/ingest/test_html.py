"""The HTML reader: article through trafilatura, the comment section apart.

Each ``tests/fixtures/html/<name>.html`` is a small hand-written page with a
``<name>.expected.json`` next to it giving what must be read from it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from belowtheline.document import Document, Source
from belowtheline.errors import FormatError
from belowtheline.ingest import load_bytes
from belowtheline.ingest.html import HtmlOptions, read_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
CASES = sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))


def _read(name: str) -> Document:
    path = FIXTURES / f"{name}.html"
    return read_html(path.read_text(encoding="utf-8"), source=Source(path=str(path), format="html"))


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    return data


def test_every_fixture_has_expectations() -> None:
    pages = sorted(p.stem for p in FIXTURES.glob("*.html"))
    assert pages == CASES


@pytest.mark.parametrize("name", CASES)
def test_article(name: str) -> None:
    doc, exp = _read(name), _expected(name)
    body = doc.article.body
    assert doc.article.title == exp["title"]
    if "credits" in exp:
        assert doc.article.credits == exp["credits"]
    if "url" in exp:
        assert doc.source.url == exp["url"]
    if "captions" in exp:
        assert doc.article.captions == exp["captions"]
    for phrase in exp.get("body_contains", []):
        assert phrase in body
    for phrase in exp.get("body_excludes", []):
        assert phrase not in body, f"{phrase!r} leaked into the article body"
    subheadings = [p.text for p in doc.article.paragraphs if p.kind == "subheading"]
    assert subheadings == exp.get("subheadings", [])
    assert doc.article.title not in [p.text for p in doc.article.paragraphs]
    assert doc.warnings == []


@pytest.mark.parametrize("name", CASES)
def test_comments(name: str) -> None:
    doc, exp = _read(name), _expected(name)
    got = [
        {"id": c.id, "author": c.author, "timestamp": c.timestamp, "reply_to": c.reply_to,
         "depth": c.depth, "text": c.text}
        for c in doc.comments
    ]
    assert got == exp["comments"]


@pytest.mark.parametrize("name", CASES)
def test_no_comment_text_in_body(name: str) -> None:
    doc = _read(name)
    for c in doc.comments:
        assert c.text not in doc.article.body


@pytest.mark.parametrize("name", CASES)
def test_document_invariants(name: str) -> None:
    doc = _read(name)
    assert {"article", "comments"} <= doc.provided
    assert doc.source.format == "html"
    ids = [c.id for c in doc.comments]
    assert len(ids) == len(set(ids))
    seen: set[str] = set()
    for c in doc.comments:
        # A reply points back at an earlier comment, one level up.
        if c.reply_to is not None:
            assert c.reply_to in seen
            assert c.depth == doc.comment(c.reply_to).depth + 1
        else:
            assert c.depth == 0
        seen.add(c.id)
        assert c.start is not None and c.end is not None
        assert doc.text[c.start : c.end] == c.text
    assert doc.text.startswith(doc.article.paragraphs[0].text)
    json.loads(doc.to_json())


def test_captions_are_deduplicated_and_kept_out_of_the_body() -> None:
    doc = _read("figcaption_byline")
    assert len(doc.article.captions) == 1
    assert all("Juan Ruiz" not in p.text for p in doc.article.paragraphs)


def test_comments_can_be_turned_off() -> None:
    path = FIXTURES / "wordpress.html"
    doc = read_html(path.read_text("utf-8"), source=Source(format="html"),
                    options=HtmlOptions(comments=False))
    assert doc.comments == []
    assert "Tolls would have paid" not in doc.article.body


def test_url_given_by_the_caller_wins() -> None:
    html = (FIXTURES / "wordpress.html").read_text("utf-8")
    doc = read_html(html, source=Source(url="https://mirror.example/a", format="html"))
    assert doc.source.url == "https://mirror.example/a"


@pytest.mark.parametrize("html", ["", "   \n\t  "])
def test_nothing_to_parse_is_a_format_error(html: str) -> None:
    with pytest.raises(FormatError, match="empty"):
        read_html(html, source=Source(path="page.html", format="html"))


@pytest.mark.parametrize(
    "html",
    [
        "<p>Hello</p>",
        "just some words, no markup at all",
        "<<<>>>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>',
        "<html><body><p>Text<div><span>unclosed<table><tr><td>cell</p></body>",
    ],
)
def test_odd_pages_do_not_raise(html: str) -> None:
    doc = read_html(html, source=Source(format="html"))
    assert {"article", "comments"} <= doc.provided


@pytest.mark.parametrize(
    "html",
    [
        "<html><body></body></html>",
        "<html><head><title>A title</title></head><body><script>var x = 1;</script></body></html>",
        "<div>" * 3000 + "deep" + "</div>" * 3000,
        "<html><body><div id='comments'><li class='comment' id='comment-1'></li></div></body>",
    ],
)
def test_empty_extraction_is_a_warning(html: str) -> None:
    doc = read_html(html, source=Source(format="html"))
    assert doc.article.paragraphs == []
    assert "no article text was found in the page" in doc.warnings


def test_load_bytes_routes_html_here() -> None:
    data = (FIXTURES / "disqus.html").read_bytes()
    (doc,) = load_bytes(data, name="page.html")
    assert doc.source.format == "html"
    assert doc.id == "page"
    assert [c.author for c in doc.comments] == ["readerone", "night_owl", "Pat G."]


def test_page_declaring_its_encoding_in_a_string() -> None:
    html = ('<?xml version="1.0" encoding="iso-8859-1"?>\n'
            + (FIXTURES / "wordpress.html").read_text("utf-8"))
    doc = read_html(html, source=Source(format="html"))
    assert len(doc.comments) == 4


def test_importing_the_reader_does_not_import_trafilatura() -> None:
    code = ("import sys, belowtheline, belowtheline.ingest.html; "
            "print('trafilatura' in sys.modules, 'lxml.html' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
