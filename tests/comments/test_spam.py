from __future__ import annotations

import sys
from pathlib import Path

import pytest

from belowtheline import Comment, Document
from belowtheline.comments.spam import spam_cues, spam_score
from belowtheline.registry import make_stage

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    [
        "I make $85 an hour working from home! Check www.easy-cash.example",
        "Buy viagra online, no prescription: www.pills.example",
        "Join our bitcoin trading bot now, 20% daily returns, DM me on telegram",
    ],
)
def test_spam_is_flagged(text: str) -> None:
    assert spam_score(text) >= 0.5
    assert spam_cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "You are an idiot and this article is garbage.",
        "I work from home two days a week and my commute is easier.",
        "The study is here: https://www.nature.example/articles/123",
        "",
    ],
)
def test_hostile_and_civil_are_not_spam(text: str) -> None:
    assert spam_score(text) < 0.5


def test_stage() -> None:
    doc = make_stage("spam.rules.v1")(Document(id="d", comments=[Comment("c", "Cheap replica watches, best prices www.w.example")]))
    assert doc.comments[0].spam is not None and doc.comments[0].spam >= 0.5


def test_labelled_set_precision_recall() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_spam
    finally:
        sys.path.pop(0)
    res = eval_spam.evaluate()
    assert res["precision"] >= 0.9
    assert res["recall"] >= 0.75
