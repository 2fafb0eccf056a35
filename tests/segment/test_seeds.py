"""The two real seed captures, segmented through ``belowtheline.analyze``: exact facts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from belowtheline import Document, analyze
from belowtheline.segment.evaluate import evaluate_document

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "segmentation" / "seeds"
SEED_000 = SEEDS / "000_0f8eaa86e6e37add.txt"
SEED_004 = SEEDS / "004_26225b9601bd87ed.txt"


@pytest.fixture(scope="module")
def doc_000() -> Document:
    return analyze(SEED_000, stages=("segment.text.v1",))  # links the layout shows, none inferred


@pytest.fixture(scope="module")
def doc_004() -> Document:
    return analyze(SEED_004, stages=("segment.text.v1",))


def _gold(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))


def test_000_article(doc_000: Document) -> None:
    a = doc_000.article
    assert len(a.paragraphs) == 23
    assert [p.text for p in a.paragraphs if p.kind == "subheading"] == [
        "Coalition confusion",
        "Europe needs to step up – fast",
    ]
    assert len(a.credits) == 1 and a.credits[0].startswith("Richard Whitman is a member")
    assert a.boilerplate == [
        "This article is republished from The Conversation under a Creative Commons license. Read the original article."
    ]
    assert a.title is None and a.captions == []


def test_000_comments(doc_000: Document) -> None:
    cs = doc_000.comments
    assert len(cs) == 28
    assert all(c.author is None and c.timestamp is None and c.reply_to is None for c in cs)
    assert cs[0].text.startswith("Trump has much more in common with Sarah Palin")
    assert cs[-1].text.startswith("Mr. Big Rooster, you excite us, boyz.")


def test_000_matches_gold_exactly(doc_000: Document) -> None:
    gold = _gold(SEED_000)
    assert [p.text for p in doc_000.article.paragraphs] == [p["text"] for p in gold["paragraphs"]]
    assert [c.text for c in doc_000.comments] == [c["text"] for c in gold["comments"]]
    s = evaluate_document(doc_000, gold)
    assert (s.body_f1, s.comment_f1, s.boilerplate_leaks) == (1.0, 1.0, 0)


def test_004_caption_once_no_title_no_comments(doc_004: Document) -> None:
    first = SEED_004.read_text(encoding="utf-8").split("\n", 1)[0]
    caption = first[: len(first) // 2]
    a = doc_004.article
    assert a.captions == [caption]
    assert a.title is None
    assert doc_004.comments == []
    assert not any(caption in p.text for p in a.paragraphs)


def test_004_paragraphs(doc_004: Document) -> None:
    gold = _gold(SEED_004)
    assert [p.text for p in doc_004.article.paragraphs] == [p["text"] for p in gold["paragraphs"]]
    assert len(doc_004.article.paragraphs) == 19
    assert doc_004.article.paragraphs[0].text.startswith("Keir Starmer’s “coalition of the willing”")
