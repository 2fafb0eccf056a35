from __future__ import annotations

import sys
from pathlib import Path

from belowtheline import Comment, Document
from belowtheline.comments.relevance import relevance_scores
from belowtheline.document import Article, Paragraph
from belowtheline.registry import make_stage

ROOT = Path(__file__).resolve().parents[2]


def test_on_topic_above_off_topic_and_in_range() -> None:
    art = "Heat pump grants\nThe government doubles grants for heat pumps in older homes."
    s = relevance_scores(art, ["Heat pumps in old homes need insulation first.", "Buy cheap sunglasses here!"])
    assert all(0.0 <= x <= 1.0 for x in s)
    assert s[0] > 0.5 > s[1]


def test_reply_borrows_relevance_from_parent() -> None:
    art = "The council approved a new bus lane on the high street."
    comments = ["Cyclists will hate sharing that bus lane.", "Cyclists always complain about everything."]
    alone = relevance_scores(art, comments)
    threaded = relevance_scores(art, comments, [None, 0])
    assert threaded[1] > alone[1]


def test_stage() -> None:
    doc = Document(id="d", article=Article(paragraphs=[Paragraph("Grain corridor exports rose in May.")]),
                   comments=[Comment("c1", "Grain exports rising is good news."), Comment("c2", "x", reply_to="c1")])
    doc = make_stage("relevance.lexical.v1")(doc)
    assert all(c.relevance is not None for c in doc.comments)


def test_ranking_auc_on_unseen_threads() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_relevance
    finally:
        sys.path.pop(0)
    assert eval_relevance.evaluate()["auc"] >= 0.83
