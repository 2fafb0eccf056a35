"""Hostile text in a real browser: stored as comments, author names and article text, it must
show literally and never run. Each page is opened in headless Chromium with a trap: any script
from the payloads would set ``window.__pwned`` or open a dialog, and any markup that got through
escaping would at least trip the Content-Security-Policy (reported on the console)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import Dash, browser_login, shot

pytestmark = pytest.mark.browser

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"

PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<a href=\"javascript:window.__pwned='link'\">click me</a>",
    "javascript:window.__pwned='bare'",
    "<svg onload=\"window.__pwned='svg'\"><circle r=5 /></svg>",
    "<svg><script>window.__pwned='svgscript'</script></svg>",
    "\"><script>alert('attr')</script>",
    "' onmouseover='window.__pwned=1' x='",
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
    "<style>body { display: none !important }</style>",
    '<div style="background:url(javascript:alert(1));position:fixed;inset:0">css</div>',
    "</textarea></title></style><script>alert('break')</script>",
    "{{ 7*7 }} {% raw %} ${7*7} #{7*7}",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')>",
    "<details open ontoggle=\"window.__pwned='details'\">",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    f"invoice{RLO}fdp.exe",
    f"admin{LRI}{RLO}txet{PDI} said hi",
]
AUTHOR_PAYLOADS = [
    "<img src=x onerror=\"window.__pwned='author'\">",
    f"moderator{RLO}nimda",
    "<b onclick=alert(1)>bold</b>",
]
TITLE = "<script>window.__pwned='title'</script> Budget <img src=x onerror=alert(1)>"
BIDI = str.maketrans({c: f"[U+{ord(c):04X}]" for c in (RLO, LRI, PDI)})


ENTITIES = [
    (PAYLOADS[2], "PERSON", PAYLOADS[2]),
    (PAYLOADS[0], "PERSON", PAYLOADS[2]),
    (PAYLOADS[4], "ORG", PAYLOADS[4]),
    (PAYLOADS[16], "PERSON", PAYLOADS[16]),
    (PAYLOADS[7], PAYLOADS[8], PAYLOADS[7]),
]
#: (text, speaker, kind, cue)
QUOTES = [
    (PAYLOADS[0], PAYLOADS[1], "direct", PAYLOADS[14]),
    (PAYLOADS[9], PAYLOADS[12], "mixed", None),
    (PAYLOADS[13], None, "indirect", PAYLOADS[6]),
    (PAYLOADS[6], PAYLOADS[1], PAYLOADS[15], None),
    (PAYLOADS[17], PAYLOADS[16], "direct", None),
]
#: (text, quantity, value, unit, actor)
CLAIMS = [
    (PAYLOADS[3], PAYLOADS[5], None, PAYLOADS[1], PAYLOADS[2]),
    (PAYLOADS[11], PAYLOADS[7], 1e9, PAYLOADS[15], PAYLOADS[10]),
]


def hostile_document() -> Any:
    """The corpus as one document: comments, author names, article text, entities, quotes and claims."""
    from belowtheline.document import Article, Claim, Comment, Document, Entity, Evidence, Paragraph, Quote, Source

    comments = []
    for i, text in enumerate(PAYLOADS):
        author = AUTHOR_PAYLOADS[i % len(AUTHOR_PAYLOADS)]
        comments.append(
            Comment(
                id=f"x{i}",
                text=text,
                author=author,
                timestamp="2025-03-14T08:00:00Z",
                reply_to="x0" if i and i % 4 == 0 else None,
                depth=1 if i and i % 4 == 0 else 0,
                scores={"toxicity": 0.9, "insult": 0.6},
                evidence=[Evidence("insult", 0, min(8, len(text)), text[:8])],
                narratives=[{"id": "<b>nato_provocation</b>", "score": 0.9, "sentence": text}],
                duplicate_group="<i>g</i>" if i % 3 == 0 else None,
            )
        )
    return Document(
        id="hostile",
        text="\n".join(PAYLOADS),
        source=Source(url="javascript:window.__pwned='url'"),
        article=Article(
            title=TITLE,
            credits=[PAYLOADS[1]],
            captions=[PAYLOADS[4]],
            paragraphs=[Paragraph(p) for p in PAYLOADS[:6]] + [Paragraph(PAYLOADS[6], "subheading")],
            entities=[Entity(*e) for e in ENTITIES],
            quotes=[Quote(t, sp, kind, cue=cue) for t, sp, kind, cue in QUOTES],  # type: ignore[arg-type]
            claims=[Claim(*c) for c in CLAIMS],
        ),
        comments=comments,
    )


def _setup(store: Any) -> None:
    from belowtheline.moderation.queue import enqueue
    from belowtheline.store.repository import ingest_document

    with store.session() as s:
        _row, new, _ = ingest_document(s, hostile_document(), site="<script>site</script>", model_name="hostile@1")
        for cr in new:
            enqueue(s, cr, reasons=[f"review: {cr.text[:40]}"], scores={"toxicity": 0.9})
        assert len(new) == len(PAYLOADS)


def _assert_facts_literal(page: Any, *, bidi: dict[int, str] = BIDI) -> None:
    """Entity names, quotes, speakers, cues and claims show as the very text that was stored
    (the dashboard spells direction controls out: ``bidi``; the report keeps them, isolated)."""
    prefix = "#article-"
    page.click(f"{prefix}entities details summary")  # the groups, places and others are folded away
    entities = page.inner_text(f"{prefix}entities")
    for _text, _label, canonical in ENTITIES:
        assert canonical.translate(bidi) in entities, f"entity not shown literally: {canonical!r}"
    assert PAYLOADS[0] in entities, "another spelling of a name is listed with it"
    quotes = page.inner_text(f"{prefix}quotes")
    for text, speaker, kind, cue in QUOTES:
        for value in (text, speaker, kind, cue):
            if value:
                assert value.translate(bidi) in quotes, f"quote field not shown literally: {value!r}"
    assert "unattributed" in quotes
    claims = page.inner_text(f"{prefix}claims")
    for row in CLAIMS:
        for value in row:
            if isinstance(value, str):
                assert value.translate(bidi) in claims, f"claim field not shown literally: {value!r}"
    assert "1 billion" in claims


def _assert_clean(page: Any) -> None:
    assert page.evaluate("window.__pwned") is None, "a payload ran"
    assert page.evaluate("document.body.offsetHeight") > 100, "CSS injection hid the page"
    assert not page.query_selector("a[href^='javascript:' i]"), "a javascript: link was rendered"
    styled = page.evaluate(
        "[...document.querySelectorAll('[style]')].filter(e => e.getAttribute('style'))"
        ".map(e => e.outerHTML.slice(0, 200))"
    )
    assert not styled, styled
    for tag in (
        "iframe",
        "object",
        "img[src=x]",
        "details[ontoggle]",
        "[onerror]",
        "[onload]",
        "[onclick]",
        "[onmouseover]",
        "main style",
        "main script",
    ):
        assert page.query_selector(tag) is None, f"hostile markup became an element: {tag}"
    assert not page.problems, page.problems


@pytest.fixture
def hostile(dash_factory: Any) -> Dash:
    return dash_factory(seed=False, setup=_setup)


def test_payloads_shown_literally_and_never_run(hostile: Dash, page: Any) -> None:
    browser_login(page, hostile.url)
    page.wait_for_selector(".item.current")
    _assert_clean(page)
    texts = [el.inner_text() for el in page.query_selector_all(".item .detail > .text")]
    for payload in PAYLOADS:
        assert payload.translate(BIDI) in texts, f"not shown literally: {payload!r}"
    heads = " ".join(el.inner_text() for el in page.query_selector_all(".item-head .author"))
    for author in AUTHOR_PAYLOADS:
        assert author.translate(BIDI) in heads
    # Bidi overrides are made visible instead of silently reordering the text.
    assert page.query_selector(".ctl") is not None
    shot(page, "xss-queue")

    # Hover and click over every comment: no handler from a payload may fire.
    for _ in range(6):
        page.hover(".item.current .detail > .text")
        page.click(".item.current .detail > .text")
        page.keyboard.press("j")
    _assert_clean(page)

    from sqlalchemy import select

    from belowtheline.store.models import DocumentRow

    with hostile.store().session() as s:
        doc_id = s.scalar(select(DocumentRow.id))
    page.goto(f"{hostile.url}/dashboard/articles/{doc_id}")
    _assert_clean(page)
    assert page.inner_text("#article-title") == TITLE
    assert page.evaluate("document.title").startswith(TITLE)
    body = page.inner_text("main")
    for payload in PAYLOADS[:6]:
        assert payload in body
    assert "javascript:window.__pwned='url'" in body  # shown as text, not as a link
    thread = [el.inner_text() for el in page.query_selector_all("li.comment .text")]
    for payload in PAYLOADS:
        assert payload.translate(BIDI) in thread
    _assert_facts_literal(page)
    for cell in page.query_selector_all("#article-quotes td, #article-claims td, #article-entities td"):
        cell.hover()
        cell.click()
    _assert_clean(page)
    shot(page, "xss-article", full_page=True)

    page.select_option("#thread-filters select[name=narrative]", "<b>nato_provocation</b>")
    page.wait_for_url("**narrative=**")
    assert len(page.query_selector_all("li.comment")) == len(PAYLOADS)
    _assert_clean(page)

    for path in ("/dashboard/articles", "/dashboard/overview", "/dashboard/policy", "/dashboard/queue?page=1"):
        page.goto(hostile.url + path)
        _assert_clean(page)

    # Speakers in the most-quoted chart: SVG text and tooltips, still text.
    page.goto(hostile.url + "/dashboard/overview")
    assert len(page.query_selector_all("#chart-quoted svg rect")) == 3, "each speaker is a bar, in the chart"
    chart = page.text_content("#chart-quoted svg")
    assert PAYLOADS[12] in chart and PAYLOADS[1] in chart and PAYLOADS[16].translate(BIDI) in chart
    assert "\u202e" not in chart, "direction controls are spelled out, in labels and tooltips alike"
    assert (
        page.query_selector("#chart-quoted svg image, #chart-quoted svg script, #chart-quoted svg foreignObject")
        is None
    )
    _assert_clean(page)

    page.goto(hostile.url + "/dashboard/policy")
    page.fill("#dry-run textarea", "version: \"<script>alert(1)</script>\"\nbanned_words: ['script*']\n")
    page.click("#dry-run button")
    page.wait_for_selector("#dry-run-result")
    _assert_clean(page)
    assert "<script>alert(1)</script>" in page.inner_text("#dry-run-result h3")


def test_csp_blocks_injected_script(hostile: Dash, page: Any) -> None:
    """Belt and braces: even markup injected into the DOM by hand cannot run script under the CSP."""
    browser_login(page, hostile.url)
    # Trusted Types: no string may become script.
    err = page.evaluate("""() => { try { const s = document.createElement('script');
                             s.textContent = "window.__pwned = 'inline'"; document.body.appendChild(s); return null; }
                           catch (e) { return String(e); } }""")
    assert err and "TrustedScript" in err
    err = page.evaluate("""() => { try { document.body.setAttribute('onclick', "window.__pwned = 1"); return null; }
                           catch (e) { return String(e); } }""")
    assert err and "TrustedScript" in err
    # Nothing loads from elsewhere: a foreign stylesheet is refused by the CSP.
    page.evaluate("""() => { const l = document.createElement('link'); l.rel = 'stylesheet';
                    l.href = 'https://evil.invalid/x.css'; document.head.appendChild(l); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert any("Content Security Policy" in p for p in page.problems), page.problems


def test_report_pages_show_payloads_literally(tmp_path: Path, page: Any) -> None:
    """The static HTML report (``btl analyze --out``) in the same browser: text stays text, and the
    strict CSP (the stylesheet allowed by its hash, no script at all) still lets the page be styled."""
    from belowtheline.report import write_report
    from belowtheline.report.html import ReportEntry

    doc = hostile_document()
    write_report([ReportEntry(doc, "hostile")], tmp_path)
    page.goto((tmp_path / "hostile.html").as_uri())
    _assert_clean(page)
    assert page.inner_text("h1") == TITLE
    text = page.inner_text("body")
    for payload in PAYLOADS:
        assert payload in text, f"not shown literally: {payload!r}"
    _assert_facts_literal(page, bidi={})
    assert page.eval_on_selector("body", "el => getComputedStyle(el).maxWidth") == "832px", "the stylesheet applies"
    assert page.eval_on_selector(".comment.depth-1", "el => getComputedStyle(el).marginLeft") == "24px"
    for cell in page.query_selector_all("td"):
        cell.hover()
    _assert_clean(page)
    shot(page, "xss-report", full_page=True)
    page.goto((tmp_path / "report.html").as_uri())
    _assert_clean(page)
