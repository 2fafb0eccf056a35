import json

from belowtheline.document import Comment, Decision, Document, Evidence, Paragraph

DESIGN_COMMENT_KEYS = {"id", "author", "timestamp", "text", "reply_to", "scores", "evidence",
                       "narratives", "duplicate_group", "relevance", "spam", "decision"}
DESIGN_ARTICLE_KEYS = {"title", "credits", "captions", "paragraphs", "boilerplate", "entities",
                       "quotes", "claims"}


def _doc() -> Document:
    doc = Document(id="d1", text="x")
    doc.article.title = "T"
    doc.article.paragraphs = [Paragraph("Body."), Paragraph("Sub", "subheading")]
    doc.comments = [
        Comment("c1", "Hello", author="A"),
        Comment("c2", "Hi", reply_to="c1", scores={"toxicity": 0.1},
                evidence=[Evidence("insult", 0, 2, "Hi")], decision=Decision("review", ["r"])),
    ]
    return doc


def test_json_has_the_design_keys() -> None:
    d = _doc().to_dict()
    assert {"id", "source", "article", "comments"} <= set(d)
    assert set(d["source"]) == {"path", "url", "format"}
    assert set(d["article"]) >= DESIGN_ARTICLE_KEYS
    for c in d["comments"]:
        assert set(c) >= DESIGN_COMMENT_KEYS
    assert d["article"]["paragraphs"][1] == {"text": "Sub", "kind": "subheading"}


def test_round_trip() -> None:
    doc = _doc()
    again = Document.from_dict(json.loads(doc.to_json()))
    assert again.to_dict()["article"] == doc.to_dict()["article"]
    assert again.to_dict()["comments"] == doc.to_dict()["comments"]


def test_make_id_uses_file_stem() -> None:
    assert Document.make_id("t", "/a/b/000_x.txt") == "000_x"
    assert len(Document.make_id("t")) == 16
