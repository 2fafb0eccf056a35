"""The article-understanding stage: registration, contracts, offsets."""

from __future__ import annotations

from belowtheline import analyze
from belowtheline.article.stage import ArticleAnalyzer
from belowtheline.document import Article, Document, Paragraph
from belowtheline.pipeline import DEFAULT_STAGES
from belowtheline.registry import make_stage

BODY = [
    "Prime Minister Keir Starmer said on Monday that Britain would send 500 engineers to Kyiv.",
    "“We will not stand by,” Starmer told reporters in London. “Ukraine’s security is our security.”",
    "The European Union (EU) has pledged €10 billion to 2027, according to Ursula von der Leyen.",
]


def _doc(paragraphs: list[str]) -> Document:
    return Document(
        id="t", text="\n\n".join(paragraphs), article=Article(paragraphs=[Paragraph(p) for p in paragraphs])
    )


def test_registered_and_default() -> None:
    assert "article.spacy.v1" in DEFAULT_STAGES
    assert DEFAULT_STAGES.index("article.spacy.v1") > DEFAULT_STAGES.index("segment.text.v1")
    assert isinstance(make_stage("article.spacy.v1"), ArticleAnalyzer)


def test_empty_body_is_a_no_op() -> None:
    doc = ArticleAnalyzer()(_doc([]))
    assert doc.article.entities == doc.article.quotes == doc.article.claims == []


def test_offsets_refer_to_the_body() -> None:
    doc = ArticleAnalyzer()(_doc(BODY))
    body = doc.article.body
    for item in [*doc.article.entities, *doc.article.quotes]:
        if item.start is not None and item.end is not None:
            assert body[item.start : item.end].strip()
    for ent in doc.article.entities:
        assert ent.start is not None and ent.end is not None
        assert body[ent.start : ent.end] == ent.text


def test_json_keys_follow_the_contract() -> None:
    article = ArticleAnalyzer()(_doc(BODY)).to_dict()["article"]
    for ent in article["entities"]:
        assert {"text", "label", "canonical"} <= set(ent)
    for quote in article["quotes"]:
        assert {"text", "speaker", "kind"} <= set(quote)
        assert quote["kind"] in {"direct", "indirect", "mixed"}
    for claim in article["claims"]:
        assert {"text", "quantity", "value", "unit", "actor"} <= set(claim)


def test_comment_only_documents_are_left_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "thread.jsonl"
    path.write_text('{"article_id": "a", "comment_id": "1", "text": "Nonsense, said Bob."}\n', encoding="utf-8")
    doc = analyze(path)
    assert doc.article.quotes == []
