"""General causes found on unseen10 / unseen11, tested on captures written for these tests.

Whole-body loss behind a byline that passes for a comment header, a reader's "Correction: …"
taken for the end of the article, related headlines read as comments, paywall counters and
donation asks, lower-case commenter names, weekday timestamps, captions pasted twice, long
subheadings.
"""

from __future__ import annotations

import pytest

from belowtheline.segment import patterns as P
from belowtheline.segment import segment_text
from belowtheline.segment.core import SegmentOptions, _subheading_like

P1 = (
    "The harbour authority will close the north pier to all vehicles from next month after divers found "
    "that two of its timber piles had rotted through, the port's chief engineer said on Monday."
)
P2 = (
    "Fishing boats will move to the south quay for the duration of the repairs, which are expected to "
    "take at least a year and to cost about four million pounds, according to the authority."
)
P3 = (
    "An inspection in 2020 had recommended replacing the piles within three years, but the work was "
    "delayed twice because the authority could not agree a budget with the county council."
)
P4 = (
    "Skippers said the move would add an hour to every landing because the south quay has only one "
    "working crane, and the fish market has asked for a temporary second one to be hired."
)


def _blocks_comments() -> str:
    return (
        "Rosa Quint\n4 Mar 2026 at 08:10\nTwo delays and now a year of chaos. Typical.\nReply\n\n"
        "Dan Albury\n4 Mar 2026 at 08:45\nThe crane point is the real story here, not the pier.\nReply\n"
    )


def test_unknown_furniture_above_headline_does_not_swallow_the_body() -> None:
    # An unknown first line (not a known paywall wording) and a desk byline over a date look like
    # the first paragraphs and a comment header; the article must keep its body.
    text = (
        "Welcome back. Registered readers get three stories a week at no cost.\n\n"
        "North pier to close for a year as rotten piles are found\n"
        "Posted by the Harbour Desk\nWednesday 4 March 2026\n\n"
        f"{P1}\n\n{P2}\n\n{P3}\n\n{P4}\n" + _blocks_comments()
    )
    r = segment_text(text)
    body = " ".join(p.text for p in r.article.paragraphs)
    assert P1 in body and P4 in body
    assert r.article.title == "North pier to close for a year as rotten piles are found"
    assert r.article.credits == ["Posted by the Harbour Desk", "Wednesday 4 March 2026"]
    assert [c.author for c in r.comments] == ["Rosa Quint", "Dan Albury"]


@pytest.mark.parametrize(
    "line",
    [
        "You have 3 free articles left this month. Subscribe from £1 a week.",
        "You've read 4 of 5 free stories this month. Register to keep reading.",
        "Only 2 free articles remaining.",
        "If you value our reporting, please consider making a contribution. Every gift helps.",
        "🎧 Listen: Tide Tables, our weekly podcast about the coast. New episodes every Monday.",
        "› Lost at sea: the families still waiting for answers",
        "Follow us on Mastodon and Bluesky for more local news.",
    ],
)
def test_new_furniture_wordings(line: str) -> None:
    assert P.BOILERPLATE.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "You have two options, the harbour master told the skippers.",
        "Two articles in the local paper said the opposite.",
        "Listen: the pier has been falling apart for a decade.",
    ],
)
def test_prose_that_looks_like_the_new_furniture(line: str) -> None:
    assert not P.BOILERPLATE.match(line)


def test_correction_notes_and_reader_corrections() -> None:
    assert P.CORRECTION_NOTE.match("Correction: an earlier version of this article gave the wrong date.")
    assert P.CORRECTION_NOTE.match("This article was amended on 4 March 2026 to correct a name.")
    assert not P.END_OF_ARTICLE.match("Correction: it's not a saving if the repairs cost double.")


def test_reader_correction_does_not_end_the_article() -> None:
    comments = [
        "Two delays and now this. Typical of the authority.",
        "I fish out of the south quay and there is no room.",
        "Correction: it's not a saving if the repairs cost double.",
        "Good.",
    ]
    text = "\n".join(
        [
            P1,
            P2,
            P3,
            "Correction: an earlier version of this article said the pier would close next week.",
            "Jo Marsh is a maritime correspondent.",
            *comments,
        ]
    )
    r = segment_text(text)
    assert [c.text for c in r.comments] == comments


def test_correction_note_convention_is_an_option() -> None:
    note = "Correction: an earlier version of this article said the pier would close next week."
    text = f"North pier to close\n\n{P1}\n\n{P2}\n\n{note}\n"
    assert note in segment_text(text).article.boilerplate
    kept = segment_text(text, options=SegmentOptions(corrections_in_body=True)).article
    assert note in [p.text for p in kept.paragraphs]


def test_related_headlines_after_a_tag_row_are_no_comments() -> None:
    text = "\n\n".join(
        [
            P1,
            P2,
            P3,
            "Topics: Ports, Fishing, Transport",
            P4,
            "How the fish market plans to cope with one crane",
            "Skippers count the cost of a stormy winter",
        ]
    )
    r = segment_text(text + "\n")
    assert r.comments == []
    assert "Skippers count the cost of a stormy winter" in r.article.boilerplate
    assert P4 in [p.text for p in r.article.paragraphs]


def test_label_over_related_headlines_is_boilerplate() -> None:
    text = (
        f"North pier to close\n{P1}\n{P2}\nPorts on the coast\nFerry fares to rise in April\n"
        "New crane for the south quay approved\nTags: ports, fishing\n3 Responses\n"
        "Rosa Quint says:\n4 March 2026 at 08:10\nTypical.\nReply\n"
        "Dan Albury says:\n4 March 2026 at 08:45\nAbout time they fixed it.\nReply\n"
    )
    a = segment_text(text).article
    assert "Ports on the coast" in a.boilerplate
    assert all(p.text != "Ports on the coast" for p in a.paragraphs)


def test_weekday_clock_is_a_timestamp() -> None:
    assert P.TIMESTAMP.match("Monday 11:42")
    assert P.TIMESTAMP.match("Tue at 9.05pm")
    assert not P.TIMESTAMP.match("Monday")


def test_lower_case_names_among_comment_headers() -> None:
    text = (
        f"North pier to close\n\n{P1}\n\n{P2}\n\n"
        "Rosa Quint • 2 hours ago\nTypical of the authority.\n♥ 3\n\n"
        "retired harbour pilot • 1 hour ago\nThe piles were bad in 2015 already.\n♥ 9\n\n"
        "Dan Albury • 40 mins ago\n@retired harbour pilot thanks, good to know.\n♥ 1\n"
    )
    r = segment_text(text)
    assert [c.author for c in r.comments] == ["Rosa Quint", "retired harbour pilot", "Dan Albury"]


def test_spaced_related_list_stops_at_comments() -> None:
    text = (
        f"North pier to close\n\n{P1}\n\n{P2}\n\nMost viewed\n\nThe village that banned jet skis\n\n"
        "Coast road closure: what we know so far\n\n"
        "I have fished from this pier for thirty years and I have never seen it in such a state.\n\n"
        "Shame on the authority.\n"
    )
    r = segment_text(text)
    assert "The village that banned jet skis" in r.article.boilerplate
    assert "Coast road closure: what we know so far" in r.article.boilerplate


def test_caption_pasted_twice_on_two_lines() -> None:
    cap = "Skipper Ann Hollis on the north pier."
    text = f"North pier to close\n\nBy Jo Marsh\n\n{P1}\n\n{P2}\n\n{cap}\n{cap}\n\n{P3}\n\n{P4}\n"
    assert segment_text(text).article.captions == [cap]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Why the crane shortage could decide which boats keep landing here next year", True),
        ("The numbers: how much does a new pier really cost, and who pays?", True),
        ("You’ll be able to ignore most of the advice you’re reading about boats right now", False),
        ("Case can be charged either wirelessly using a charging mat or using the cable supplied", False),
    ],
)
def test_long_subheadings(line: str, expected: bool) -> None:
    assert _subheading_like(line) is expected


@pytest.mark.parametrize("blocks", [False, True])
def test_site_footer_under_the_comments_is_boilerplate(blocks: bool) -> None:
    footer = "© 2026 Harbour Times. All rights reserved."
    comments = _blocks_comments() if blocks else "Typical of the authority.\n\nI fish from that pier.\n"
    text = f"North pier to close\n\n{P1}\n\n{P2}\n\n12 comments\n\n{comments}{footer}\n"
    r = segment_text(text)
    assert len(r.comments) == 2
    assert all(footer not in c.text for c in r.comments)
    assert footer in r.article.boilerplate
