"""Mid-article photo captions, bare picture credits and helpline notices (fixed after unseen8)."""

import pytest

from belowtheline.segment import patterns as P
from belowtheline.segment import segment_text

LONG_A = (
    "The council approved the new flood scheme on Tuesday after a two-hour debate in which several "
    "members raised concerns about the cost of the barriers."
)
LONG_B = (
    "Residents of the lower town have waited nine years for permanent defences, and insurers say "
    "premiums will stay high until the work is finished and signed off."
)
LONG_C = (
    "Engineers expect the first section of wall to be finished by next winter, with the rest of the "
    "scheme following over the two years after that if funding holds."
)


def _article(*middle: str) -> str:
    return "\n\n".join(["Flood wall plan approved", "By Jo Bloggs", LONG_A, *middle, LONG_B, LONG_C]) + "\n"


@pytest.mark.parametrize(
    "credit",
    ["Stock image", "(Foto: Jens Albers)", "Photo © Owen Gethin", "Handout", "Image courtesy of a reader."],
)
def test_bare_credit_lines_are_captions(credit: str) -> None:
    assert P.BARE_CREDIT.match(credit)
    a = segment_text(_article("Sandbags outside terraced houses on the quay.\n" + credit)).article
    assert credit in a.captions
    assert "Sandbags outside terraced houses on the quay." in a.captions
    assert not any(credit in p.text for p in a.paragraphs)


@pytest.mark.parametrize(
    "caption",
    [
        "A pilot climbs a rope ladder onto a container ship off Cuxhaven.",
        "Volunteers in red aprons work at long tables in the festival square.",
        "The Mumbles Arms, where the final round was held.",
        "Fireman shovelling coal on the footplate of a tank engine.",
    ],
)
def test_unlabelled_caption_between_paragraphs(caption: str) -> None:
    a = segment_text(_article(caption)).article
    assert a.captions == [caption]
    assert [p.text for p in a.paragraphs] == [LONG_A, LONG_B, LONG_C]


@pytest.mark.parametrize(
    "para",
    [
        "The current plan offers none of them.",
        "Try setting a regular eating schedule and sticking to it.",
        "The result leaves Labour with a majority of five on the council.",  # next paragraph continues it
    ],
)
def test_one_line_body_paragraph_stays_body(para: str) -> None:
    text = (
        _article(para).replace(LONG_B, "It means " + LONG_B[0].lower() + LONG_B[1:])
        if "Labour" in para
        else _article(para)
    )
    a = segment_text(text).article
    assert a.captions == []
    assert para in [p.text for p in a.paragraphs]


@pytest.mark.parametrize(
    "line",
    [
        "If you have been affected by any of the issues raised in this article, contact our consumer team at the address below.",
        "Samaritans can be contacted on 116 123.",
        "Help is available from Mind on 0300 123 3393.",
        "If you need support, call the helpline on 0800 123 456.",
    ],
)
def test_helpline_notice_is_furniture(line: str) -> None:
    assert P.BOILERPLATE.match(line)
    a = segment_text(_article() + "\n" + line + "\n").article
    assert not any(line in p.text for p in a.paragraphs)


@pytest.mark.parametrize(
    "line",
    [
        "If you have been affected by the closures, the council says, you can claim a refund.",
        "Help arrived within an hour.",
    ],
)
def test_prose_about_help_is_not_a_helpline_notice(line: str) -> None:
    assert not P.BOILERPLATE.match(line)
