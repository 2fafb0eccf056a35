"""Generic comments must not match a narrative because they share a claim's generic words.

The default catalogue has the claim "Ukraine is losing the war and everyone knows it."; its
tail alone, or any comment ending with it, is no narrative. Every sentence below was invented
for this file (none comes from the labelled, blind or probe sets).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from belowtheline.comments import _lexical as lx
from belowtheline.comments import narratives as nm
from belowtheline.comments.narratives import NarrativeMatcher, NarrativeOptions


@pytest.fixture(scope="module")
def matcher() -> NarrativeMatcher:
    return NarrativeMatcher()


GENERIC = [
    "Everyone knows it.",
    "everyone knows it",
    "My cat ignores me when I call her and everyone knows it.",
    pytest.param(
        "It is only a matter of time before the printer breaks again.",
        marks=pytest.mark.xfail(
            strict=True,
            reason="known weakness: the catalogue's synonyms map 'breaks' to the concept 'collapse', specific "
            "enough to pass the gate, and the sentence copies the claim 'It is only a matter of time before "
            "Ukraine collapses.' word for word otherwise",
        ),
    ),
    "Just a matter of time until the bakery runs out of bread.",
    "They lost the cup final and everyone knows they deserved to.",
    "The council has lost the plot on bin collections, everyone knows it.",
    "Our neighbourhood has been forgotten by everyone.",
    "The truth always comes out in the end.",
    "Who even reads these comments anymore?",
    "Wake up and smell the coffee, people.",
    "The weather forecast is always wrong on weekends.",
    "The kids spent all the pocket money on sweets again.",
    "He will fight to the last penny over that parking fine.",
    "The old pier is falling apart and nobody fixes it.",
    "They will never admit they were wrong, never.",
    "The landlord pushed us right up to the limit with the rent.",
    "Nobody cares what the referee thinks.",
]


@pytest.mark.parametrize("text", GENERIC)
def test_generic_comments_match_no_narrative(matcher: NarrativeMatcher, text: str) -> None:
    assert matcher.match(text) == [], matcher.match(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukraine is losing the war and everyone knows it.", "russia_unbeatable"),
        ("Ukraine is losing and everyone knows it", "russia_unbeatable"),
        ("Russia cannot be beaten", "russia_unbeatable"),
        ("It is only a matter of time before Ukraine collapses.", "russia_unbeatable"),
        ("NATO expansion provoked this war.", "nato_provocation"),
    ],
)
def test_the_narrative_with_a_generic_tail_still_matches(matcher: NarrativeMatcher, text: str, expected: str) -> None:
    assert expected in {m["id"] for m in matcher.match(text)}


def test_a_generic_tail_scores_low_not_saturated(matcher: NarrativeMatcher) -> None:
    # Before the specificity gate this scored 1.0 for russia_unbeatable.
    assert matcher.scores("Everyone knows it.")[0]["score"] < 0.1


def test_specificity_from_background_frequencies() -> None:
    spec = lx.Specificity({"know": 1000, "everyon": 300, "nato": 9}, 16000)
    assert spec("knows") < spec("everyone") < spec("NATO".lower()) < spec("maidan") == 1.0
    assert lx.Specificity({}, 0)("anything") == 1.0
    shipped = nm._specificity()
    assert shipped("people") < 0.35 < 0.7 < shipped("nato")


def test_gate_only_scales_weak_overlap_down() -> None:
    assert nm._gate(nm.MIN_SHARED) == 1.0
    assert nm._gate(5.0) == 1.0
    assert nm._gate(0.0) == 0.0
    assert 0.0 < nm._gate(nm.MIN_SHARED / 2) < 0.5


def test_custom_catalogue_generic_tail_does_not_match(tmp_path: Path) -> None:
    p = tmp_path / "cat.yaml"
    p.write_text(
        "narratives:\n  - id: var_conspiracy\n    description: VAR is rigged for the big clubs\n"
        "    claims:\n      - VAR is rigged and everyone knows it\n      - The referees rig every VAR decision\n",
        encoding="utf-8",
    )
    m = NarrativeMatcher(options=NarrativeOptions(catalogue=p))
    assert m.match("Everyone knows it, mate.") == []
    assert [x["id"] for x in m.match("VAR is rigged again, everyone knows it")] == ["var_conspiracy"]
