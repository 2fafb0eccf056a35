"""Captions, subheadings and promo lines of new wordings (issue 2, before the unseen9 measurement)."""

import pytest

from belowtheline.segment import patterns as P
from belowtheline.segment import segment_text
from belowtheline.segment.core import SegmentOptions, _caption_sentence, _sentences, _subheading_like

from .test_captions import LONG_A, LONG_B, LONG_C


def _article(*middle: str, tail: tuple[str, ...] = (LONG_B, LONG_C)) -> str:
    return "\n\n".join(["Flood wall plan approved", "By Jo Bloggs", LONG_A, *middle, *tail]) + "\n"


@pytest.mark.parametrize(
    "caption",
    [
        "Sandbags stacked outside a café on the quay on Monday morning.",  # participle + place
        "Boats moored in the harbour at Kilkeel.",
        "Musicians rally outside the town hall on Sept. 30.",  # "Sept." ends no sentence
    ],
)
def test_participle_and_abbreviation_captions(caption: str) -> None:
    a = segment_text(_article(caption)).article
    assert a.captions == [caption]


def test_adjective_ed_is_not_a_past_verb() -> None:
    assert _caption_sentence("Sandbags outside terraced houses in the lower town.")
    assert not _caption_sentence("The council approved the plan on Tuesday.")
    assert _sentences("Crowds in Main St. on Sept. 30.") == 1


def test_caption_with_bare_photographer_name() -> None:
    line = "Test bricks of biomass fuel at a railway workshop in Gwynedd. Carys Wynne"
    a = segment_text(_article(line)).article
    assert a.captions == [line]


def test_closing_caption_under_last_paragraph() -> None:
    cap = "Audiences at a cinema in Tromsø watch a live relay of the opera."
    a = segment_text(_article(tail=(LONG_B, LONG_C, cap))).article
    assert a.captions == [cap]


@pytest.mark.parametrize(
    "line",
    [
        "The season continues in Cardiff in two weeks.",
        "The draw for the next round takes place on Monday evening.",
        "Investors include a Dutch pension fund.",
    ],
)
def test_closing_sentence_stays_body(line: str) -> None:
    a = segment_text(_article(tail=(LONG_B, LONG_C, line))).article
    assert a.captions == []
    assert line in [p.text for p in a.paragraphs]


@pytest.mark.parametrize("heading", ["“Loosened teeth, bite problems”", "‘Ropeless’ traps", "Who pays"])
def test_quoted_headings_are_subheadings(heading: str) -> None:
    assert _subheading_like(heading)
    text = "\n".join(["Flood wall plan approved", LONG_A, LONG_B, heading, LONG_C, LONG_A]) + "\n"
    paras = segment_text(text, options=SegmentOptions()).article.paragraphs
    assert [p.kind for p in paras if p.text == heading] == ["subheading"]


@pytest.mark.parametrize(
    "line",
    [
        "Don't miss a story: sign up for our free morning briefing",
        "Don’t miss out: the week's best reads, every Saturday",
        "Never miss an update – get the headlines delivered to your phone",
        "Get the Ledger's best stories delivered straight to your inbox",
        "Want more stories like this? Subscribe to the weekly digest",
        "The Morning Brief — sign up free",
        "Download the Harbour Times app",
        "Available on the App Store and Google Play",
        "Turn on breaking-news alerts",
        "Join 40,000 readers who start their day with us",
        "Daily briefing: the five stories you need today",
    ],
)
def test_promo_family_is_boilerplate(line: str) -> None:
    assert P.BOILERPLATE.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "Don't miss the chance to see the comet tonight, astronomers say.",
        "Residents can download the council's app to report potholes.",
        "The advice is simple: register your hives now.",
        "Beekeepers who join the scheme get free training.",
        "Organisers urged residents not to miss the deadline.",
    ],
)
def test_promo_words_in_prose_are_not_boilerplate(line: str) -> None:
    assert not P.BOILERPLATE.match(line)
