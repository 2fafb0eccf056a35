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
    doc.comments = [Comment("c1", text, evidence=[Evidence("insult", 4, 16, text[4:16]), Evidence("toxicity", 7, 12, "idiot")],
                            narratives=[{"id": "west_decline", "score": 0.8, "evidence": "<i>decadent</i>"}])]
    write_report([ReportEntry(doc, "d")], tmp_path)
    html = (tmp_path / "d.html").read_text()
    assert '<mark title="insult, toxicity">&lt;b&gt;idiot&lt;/b&gt;</mark> &amp; co' in html
    assert "west_decline" in html and "&lt;i&gt;decadent&lt;/i&gt;" in html
