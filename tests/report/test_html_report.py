from pathlib import Path

from belowtheline.document import Comment, Document
from belowtheline.report import write_report
from belowtheline.report.html import ReportEntry

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "</div><style>body{display:none}</style>",
    "\u202eevil bidi override",
]


def test_hostile_comments_are_escaped(tmp_path: Path) -> None:
    doc = Document(id="d", text="")
    doc.article.title = "<b>title</b>"
    doc.comments = [Comment(f"c{i}", p, author=p, reply_to="c0" if i else None) for i, p in enumerate(PAYLOADS)]
    write_report([ReportEntry(doc, "d")], tmp_path)
    html = (tmp_path / "d.html").read_text()
    for p in PAYLOADS[:5]:
        assert p not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_evidence_is_highlighted_and_still_escaped(tmp_path: Path) -> None:
    from belowtheline.document import Evidence

    text = "you <b>idiot</b> & co"
    doc = Document(id="d", text="")
    doc.comments = [
        Comment(
            "c1",
            text,
            evidence=[Evidence("insult", 4, 16, text[4:16]), Evidence("toxicity", 7, 12, "idiot")],
            narratives=[{"id": "west_decline", "score": 0.8, "evidence": "<i>decadent</i>"}],
        )
    ]
    write_report([ReportEntry(doc, "d")], tmp_path)
    html = (tmp_path / "d.html").read_text()
    assert '<mark title="insult, toxicity">&lt;b&gt;idiot&lt;/b&gt;</mark> &amp; co' in html
    assert "west_decline" in html and "&lt;i&gt;decadent&lt;/i&gt;" in html


def _understood_doc() -> Document:
    from belowtheline.document import Claim, Entity, Paragraph, Quote

    doc = Document(id="d", text="")
    doc.article.title = "Talks"
    doc.article.paragraphs = [Paragraph("Donald Trump said talks were possible, NATO said 30,000 troops were ready.")]
    doc.article.entities = [
        Entity("NATO", "ORG", "NATO"),
        Entity("Trump", "PERSON", "Donald Trump"),
        Entity("Donald Trump", "PERSON", "Donald Trump"),
        Entity("Kyiv", "GPE", "Kyiv"),
    ]
    doc.article.quotes = [
        Quote("talks were possible", "Donald Trump", "indirect", cue="said"),
        Quote("We are ready.", None, "direct"),
    ]
    doc.article.claims = [
        Claim("NATO said 30,000 troops were ready.", "30,000", 30000.0, "troops", "NATO"),
        Claim("The plan costs €10 billion.", "€10 billion", 1e10, "EUR", None),
    ]
    return doc


def _section(html: str, name: str) -> str:
    start = html.index(f'<section id="article-{name}">')
    return html[start : html.index("</section>", start)]


def test_document_page_lists_people_quotes_and_claims(tmp_path: Path) -> None:
    write_report([ReportEntry(_understood_doc(), "d")], tmp_path)
    html = (tmp_path / "d.html").read_text()
    people = _section(html, "entities")
    assert "People and organisations" in people
    # Grouped by canonical name, people first, with label and mention count.
    assert people.index("Donald Trump") < people.index("NATO") < people.index("Kyiv")
    assert (
        '<td>Donald Trump <span class="muted">(also Trump)</span></td><td class="short">person <span class="muted">PERSON'
        "</span></td><td>2</td>" in people
    )
    quotes = _section(html, "quotes")
    assert "Who said what" in quotes
    assert (
        '<td>Donald Trump</td><td>talks were possible</td><td class="short">indirect</td><td class="short">said</td>'
        in quotes
    )
    assert "unattributed" in quotes and "We are ready." in quotes
    claims = _section(html, "claims")
    assert '<td>30,000</td><td class="num">30,000</td><td class="short">troops</td><td>NATO</td>' in claims
    assert '<td>€10 billion</td><td class="num">10 billion</td><td class="short">EUR</td><td></td>' in claims
    assert "NATO said 30,000 troops were ready." in claims
    assert (
        html.index("article-entities")
        < html.index("article-quotes")
        < html.index("article-claims")
        < html.index("Discussion")
    )


def test_empty_sections_say_none_found_and_bare_documents_omit_them(tmp_path: Path) -> None:
    from belowtheline.document import Paragraph

    doc = Document(id="a", text="")
    doc.article.paragraphs = [Paragraph("Nothing to see.")]
    bare = Document(id="b", text="", comments=[Comment("c1", "just a comment")])
    write_report([ReportEntry(doc, "a"), ReportEntry(bare, "b")], tmp_path)
    html = (tmp_path / "a.html").read_text()
    for name in ("entities", "quotes", "claims"):
        assert "None found." in _section(html, name)
    assert "article-quotes" not in (tmp_path / "b.html").read_text()


def test_hostile_article_facts_are_escaped(tmp_path: Path) -> None:
    from belowtheline.document import Claim, Entity, Quote

    doc = Document(id="d", text="")
    doc.article.entities = [Entity(PAYLOADS[0], "PERSON", PAYLOADS[1]), Entity(PAYLOADS[3], PAYLOADS[4], PAYLOADS[3])]
    doc.article.quotes = [Quote(PAYLOADS[2], PAYLOADS[0], "direct", cue=PAYLOADS[4]), Quote(PAYLOADS[4], None)]
    doc.article.claims = [Claim(PAYLOADS[1], PAYLOADS[2], None, PAYLOADS[3], PAYLOADS[4])]
    write_report([ReportEntry(doc, "d")], tmp_path)
    html = (tmp_path / "d.html").read_text()
    for p in PAYLOADS[:5]:
        assert p not in html
    assert "<script" not in html.lower() and "<svg" not in html.lower() and "<img" not in html.lower()
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in _section(html, "entities")
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;x&lt;/a&gt;" in _section(html, "quotes")
    assert "&lt;/div&gt;&lt;style&gt;body{display:none}&lt;/style&gt;" in _section(html, "claims")


def test_index_lists_who_is_named_across_documents_escaped(tmp_path: Path) -> None:
    from belowtheline.document import Entity, Quote

    a, b, c = (Document(id=i, text="") for i in "abc")
    a.article.entities = [Entity("AP", "ORG", "Associated Press"), Entity("Kyiv", "GPE", "Kyiv")]
    b.article.entities = [
        Entity("Associated Press", "ORG", "Associated Press"),
        Entity(PAYLOADS[0], "PERSON", PAYLOADS[0]),
    ]
    b.article.quotes = [Quote("turnout was high", "Associated Press", "indirect"), Quote(PAYLOADS[1], PAYLOADS[0])]
    write_report([ReportEntry(a, "a"), ReportEntry(b, "b"), ReportEntry(c, "c")], tmp_path)
    html = (tmp_path / "report.html").read_text()
    section = html[html.index('<section id="corpus-entities">') :]
    assert '<tr><td>Associated Press</td><td class="short">organisation</td><td>2</td><td>1</td></tr>' in section
    assert "Kyiv" not in section  # places are not listed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section and "<script" not in html.lower()
    # One document: no corpus table.
    write_report([ReportEntry(b, "b")], tmp_path / "one")
    assert "corpus-entities" not in (tmp_path / "one" / "report.html").read_text()
