"""The segmentation metrics on tiny hand-made cases."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from belowtheline.document import Article, Comment, Document, Paragraph, Source
from belowtheline.segment.evaluate import (
    data_sha256,
    evaluate_corpus,
    evaluate_document,
    load_gold_dir,
    match_comments,
    token_f1,
    tokens,
)


def gold(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "layout": "t",
        "title": None,
        "credits": [],
        "captions": [],
        "paragraphs": [],
        "boilerplate": [],
        "comments": [],
    }
    return base | kw


def gc(
    i: int, text: str, author: str | None = None, timestamp: str | None = None, reply_to: str | None = None
) -> dict[str, Any]:
    return {"id": f"c{i}", "author": author, "timestamp": timestamp, "text": text, "reply_to": reply_to}


def body(*texts: str) -> list[dict[str, str]]:
    return [{"text": t, "kind": "body"} for t in texts]


def doc(paras: Sequence[str] = (), comments: Sequence[Comment] = (), **art: Any) -> Document:
    return Document(id="d", article=Article(paragraphs=[Paragraph(p) for p in paras], **art), comments=list(comments))


A = "The council voted to close the library on Tuesday evening"
B = "Residents said they would appeal against the decision next month"
C = "Nobody asked the people who actually use the building every day"


# -- tokens ---------------------------------------------------------------------------


def test_tokens_lowercase_words_only() -> None:
    assert tokens("Hello, World! It's 2025 — café") == ["hello", "world", "it", "s", "2025", "café"]


def test_token_f1() -> None:
    assert token_f1("a b c d", "a b c d") == 1.0
    assert token_f1("", "") == 1.0
    assert token_f1("a b", "") == 0.0
    assert token_f1("a b c d", "a b") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert token_f1("a a b", "a b b") == pytest.approx(2 / 3)  # bags, not sets


# -- body -----------------------------------------------------------------------------


def test_body_f1_perfect_and_partial() -> None:
    g = gold(paragraphs=body(A, B))
    assert evaluate_document(doc([A, B]), g).body_f1 == 1.0
    # Paragraph boundaries do not matter, only the bag of tokens.
    assert evaluate_document(doc([A + " " + B]), g).body_f1 == 1.0
    s = evaluate_document(doc([A]), g)
    assert s.body_precision == 1.0 and s.body_recall == pytest.approx(10 / 20)
    s = evaluate_document(doc([A, B, C]), g)
    assert s.body_recall == 1.0 and s.body_precision == pytest.approx(20 / 31)


def test_empty_body_against_empty_gold_is_perfect() -> None:
    assert evaluate_document(doc([]), gold()).body_f1 == 1.0
    assert evaluate_document(doc([]), gold(paragraphs=body(A))).body_f1 == 0.0


def test_subheading_f1() -> None:
    g = gold(paragraphs=[{"text": "What next", "kind": "subheading"}, *body(A)])
    d = Document(id="d", article=Article(paragraphs=[Paragraph("What next", "subheading"), Paragraph(A)]))
    assert evaluate_document(d, g).subheading_f1 == 1.0
    assert evaluate_document(doc(["What next", A]), g).subheading_f1 == 0.0


# -- comment matching -------------------------------------------------------------------


def test_match_threshold() -> None:
    ten = "one two three four five six seven eight nine ten"
    assert match_comments([ten], [ten]) == {0: 0}
    # 8 of 10 tokens shared and 2 extra: F1 = 0.8 -> a match; 7 of 10 -> none.
    assert match_comments(["one two three four five six seven eight x y"], [ten]) == {0: 0}
    assert match_comments(["one two three four five six seven x y z"], [ten]) == {}


def test_match_is_one_to_one_and_takes_the_best() -> None:
    # Two identical gold comments, one prediction: only one can match.
    assert match_comments([A], [A, A]) == {0: 0}
    # The gold comment takes the closest prediction, not the first one above the threshold.
    near = A + " really"
    assert match_comments([near, A], [A]) == {0: 1}
    assert match_comments([B, A], [A, B]) == {0: 1, 1: 0}


def test_comment_precision_recall() -> None:
    g = gold(comments=[gc(1, A), gc(2, B)])
    s = evaluate_document(doc(comments=[Comment("x1", A), Comment("x2", C)]), g)
    assert (s.gold_comments, s.pred_comments, s.matched_comments) == (2, 2, 1)
    assert s.comment_precision == 0.5 and s.comment_recall == 0.5 and s.comment_f1 == 0.5
    s = evaluate_document(doc(comments=[]), gold())
    assert s.comment_f1 == 1.0  # no comments, none predicted
    s = evaluate_document(doc(comments=[Comment("x1", A)]), gold())
    assert s.comment_precision == 0.0 and s.comment_f1 == 0.0


def test_author_and_timestamp_accuracy() -> None:
    g = gold(comments=[gc(1, A, "Sarah K", "2 hours ago"), gc(2, B, "john", "Yesterday"), gc(3, C)])
    pred = [
        Comment("x1", A, author="sarah  k", timestamp="2 hours ago"),
        Comment("x2", B, author="Jon", timestamp=None),
        Comment("x3", C, author="Someone", timestamp="now"),
    ]
    s = evaluate_document(doc(comments=pred), g)
    # Only gold comments with an author / a timestamp count; case and spacing are ignored.
    assert (s.author_correct, s.author_total) == (1, 2)
    assert (s.timestamp_correct, s.timestamp_total) == (1, 2)
    assert s.author_accuracy == 0.5


def test_author_accuracy_is_none_without_gold_authors() -> None:
    s = evaluate_document(doc(comments=[Comment("x1", A, author="X")]), gold(comments=[gc(1, A)]))
    assert s.author_accuracy is None and s.timestamp_accuracy is None and s.reply_accuracy is None


def test_reply_links() -> None:
    g = gold(comments=[gc(1, A), gc(2, B, reply_to="c1"), gc(3, C, reply_to="c2")])
    # Predicted ids differ from gold ids; links are judged through the matching.
    pred = [Comment("p1", A), Comment("p2", B, reply_to="p1"), Comment("p3", C, reply_to="p1")]
    s = evaluate_document(doc(comments=pred), g)
    assert (s.reply_correct, s.reply_total) == (1, 2)
    assert (s.pred_links_correct, s.pred_links) == (1, 2)
    # A link where the gold has none is a wrong link.
    pred = [Comment("p1", A, reply_to=None), Comment("p2", B, reply_to="p1"), Comment("p3", C, reply_to="p2")]
    s = evaluate_document(doc(comments=pred), gold(comments=[gc(1, A), gc(2, B, reply_to="c1"), gc(3, C)]))
    assert s.reply_accuracy == 1.0 and s.reply_precision == 0.5


def test_reply_to_unmatched_parent_is_wrong() -> None:
    g = gold(comments=[gc(1, A), gc(2, B, reply_to="c1")])
    pred = [Comment("p1", "something else entirely here"), Comment("p2", B, reply_to="p1")]
    s = evaluate_document(doc(comments=pred), g)
    assert s.reply_accuracy == 0.0 and s.reply_precision == 0.0


# -- furniture ----------------------------------------------------------------------------


def test_boilerplate_leaks() -> None:
    long_line = "Sign up for our free morning newsletter today"
    g = gold(paragraphs=body(A, B), boilerplate=["Advertisement", "Reply", long_line, "Share"])
    pred = doc([A, "Advertisement", B + "\nReply", "Please " + long_line.lower() + " now", "Share this"])
    s = evaluate_document(pred, g)
    # Whole paragraph, whole line, and a long line inside a paragraph leak; "Share" inside
    # "Share this" is only a substring of a short line, so it does not count.
    assert sorted(s.leaked) == sorted(["advertisement", "reply", long_line.lower()])
    assert s.boilerplate_leaks == 3 and s.boilerplate_total == 4


def test_boilerplate_that_is_also_content_is_not_a_leak() -> None:
    g = gold(paragraphs=body("Comments", A), boilerplate=["Comments"])
    assert evaluate_document(doc(["Comments", A]), g).boilerplate_leaks == 0


def test_boilerplate_leaks_into_comments() -> None:
    g = gold(boilerplate=["Reply", "Like (14)"], comments=[gc(1, A)])
    s = evaluate_document(doc(comments=[Comment("x", A + "\nReply\nLike (14)")]), g)
    assert s.boilerplate_leaks == 0 and s.boilerplate_leaks_comments == 2


def test_captions_title_credits() -> None:
    g = gold(
        title="Council closes library",
        captions=["Photo: the library (Image: Getty)"],
        credits=["By Jane Doe", "Published 3 May 2025"],
    )
    d = doc(
        title="Council closes  library",
        captions=["Photo: the library (Image: Getty)"],
        credits=["By Jane Doe, Political Correspondent"],
    )
    s = evaluate_document(d, g)
    assert s.title_exact and s.caption_exact
    assert s.credits_recall == 0.5  # "By Jane Doe" is contained in the predicted byline
    d = doc(captions=["Photo: the library (Image: Getty)"] * 2)
    s = evaluate_document(d, g)
    assert not s.caption_exact and not s.title_exact and s.credits_recall == 0.0
    assert evaluate_document(doc(), gold()).title_exact  # no title, none predicted
    assert evaluate_document(doc(), gold()).credits_recall is None


# -- corpus -------------------------------------------------------------------------------


def test_corpus_pools_and_groups_by_layout() -> None:
    pairs = [
        (
            doc([A], comments=[Comment("x", B, author="Ann")]),
            gold(layout="blocks", paragraphs=body(A), comments=[gc(1, B, "Ann")]),
        ),
        (doc([A]), gold(layout="blocks", paragraphs=body(A), comments=[gc(1, B, "Bo"), gc(2, C, "Cy")])),
        (doc([]), gold(layout="seed004", paragraphs=body(C))),
    ]
    cs = evaluate_corpus(pairs)
    assert cs.overall.docs == 3
    assert cs.overall.body_f1 == pytest.approx(2 / 3)
    # Comment scores are micro averages over the 3 gold comments.
    assert cs.overall.comment_recall == pytest.approx(1 / 3) and cs.overall.comment_precision == 1.0
    assert cs.overall.author_accuracy == 1.0
    assert list(cs.by_layout) == ["blocks", "seed004"]
    assert cs.by_layout["seed004"].author_accuracy is None
    assert cs.by_layout["blocks"].comment_count_exact == 0.5
    json.dumps(cs.to_dict())  # JSON-ready


def test_corpus_names_documents_by_path() -> None:
    d = doc([A])
    d.source = Source(path="/x/y/blocks_01.txt")
    assert evaluate_corpus([(d, gold(paragraphs=body(A)))]).documents[0].name == "blocks_01"


def test_load_gold_dir(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "b.gold.json").write_text(json.dumps(gold(layout="x")), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "sub" / "a.gold.json").write_text(json.dumps(gold(layout="y")), encoding="utf-8")
    got = [(p.name, g["layout"]) for p, g in load_gold_dir(tmp_path)]
    assert got == [("b.txt", "x"), ("a.txt", "y")]
    (tmp_path / "c.txt").write_text("C", encoding="utf-8")
    with pytest.raises(ValueError, match="c.gold.json"):
        list(load_gold_dir(tmp_path))
    with pytest.raises(FileNotFoundError):
        list(load_gold_dir(tmp_path / "missing"))


def test_data_sha256_sees_every_change(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    h1 = data_sha256(tmp_path)
    (tmp_path / "a.gold.json").write_text("{ }", encoding="utf-8")
    h2 = data_sha256(tmp_path)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    h3 = data_sha256(tmp_path)
    assert len({h1, h2, h3}) == 3
