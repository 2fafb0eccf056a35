"""The article scorer on hand-built predictions (no spaCy): strict and linked entity and speaker matching."""

from __future__ import annotations

from typing import Any

from belowtheline.article.evaluate import CorpusScores, _name_bearing, score_document
from belowtheline.document import Article, Document, Entity, Paragraph, Quote

BODY = (
    "Japan's government said on Monday that rates would rise. "
    "The government added that wages were \u201cmoving in the right direction\u201d.\n\n"
    "Kenji Sato, the finance minister, said the plan was sound."
)


def _gold(**extra: Any) -> dict[str, Any]:
    gold: dict[str, Any] = {
        "entities": [
            {"canonical": "Japanese Government", "label": "ORG", "mentions": ["Japan's government", "The government"]},
            {"canonical": "Kenji Sato", "label": "PERSON", "mentions": ["Kenji Sato", "the finance minister"]},
            {"canonical": "Japan", "label": "GPE", "mentions": ["Japan"]},
        ],
        "quotes": [
            {"text": "rates would rise", "speaker": "Japanese Government", "kind": "indirect", "cue": "said"},
            {"text": "the plan was sound", "speaker": "Kenji Sato", "kind": "indirect", "cue": "said"},
        ],
        "not_quotes": [],
        "claims": [],
    }
    gold.update(extra)
    return gold


def _doc(entities: list[Entity], quotes: list[Quote]) -> Document:
    paragraphs = [Paragraph(p) for p in BODY.split("\n\n")]
    return Document(id="t", text=BODY, article=Article(paragraphs=paragraphs, entities=entities, quotes=quotes))


def _quote(text: str, speaker: str | None) -> Quote:
    start = BODY.index(text)
    return Quote(text=text, speaker=speaker, kind="indirect", cue="said", start=start, end=start + len(text))


def _score(entities: list[Entity], quotes: list[Quote]) -> CorpusScores:
    s = score_document("t", BODY, _gold(), _doc(entities, quotes))
    return CorpusScores(s, [s])


def test_name_bearing_mentions() -> None:
    assert _name_bearing("Japan's government")
    assert _name_bearing("The German foreign ministry")
    assert _name_bearing("Police")
    assert _name_bearing("BOJ")
    assert not _name_bearing("the government")
    assert not _name_bearing("The minister")
    assert not _name_bearing("he")
    assert not _name_bearing("")


#: The government found at "Japan's government" under our conventional name, and the minister.
OUR_NAMES = (Entity("Japan's government", "ORG", "Government of Japan"), Entity("Kenji Sato", "PERSON", "Kenji Sato"))


def test_our_own_name_counts_only_for_the_linked_recall() -> None:
    scores = _score(list(OUR_NAMES), [])
    assert scores.entity_recall == 0.5  # strict: "Government of Japan" is not a gold name
    assert scores.entity_recall_linked == 1.0  # found at the name-bearing mention "Japan's government"
    assert any("found as ['government of japan']" in e for e in scores.totals.errors)


def test_a_description_alone_does_not_link() -> None:
    # "The government" carries no name: an entity found only there is not credited.
    ents = [Entity("The government", "ORG", "Government of Japan"), Entity("Kenji Sato", "PERSON", "Kenji Sato")]
    scores = _score(ents, [])
    assert scores.entity_recall == 0.5
    assert scores.entity_recall_linked == 0.5


def test_another_gold_entity_is_not_a_link() -> None:
    # Our entity at "Japan's government" is named as the person: a wrong resolution, not another name.
    ents = [Entity("Japan's government", "ORG", "Kenji Sato"), Entity("Kenji Sato", "PERSON", "Kenji Sato")]
    scores = _score(ents, [])
    assert scores.entity_recall_linked == 0.5


def test_speaker_under_our_own_name_is_the_right_entity_not_the_right_name() -> None:
    quotes = [_quote("rates would rise", "Government of Japan"), _quote("the plan was sound", "Kenji Sato")]
    scores = _score(list(OUR_NAMES), quotes)
    assert scores.quote_recall == 1.0
    assert scores.speaker_accuracy == 0.5
    assert scores.speaker_entity_accuracy == 1.0


def test_wrong_speaker_stays_wrong() -> None:
    quotes = [_quote("rates would rise", "Kenji Sato"), _quote("the plan was sound", "Government of Japan")]
    scores = _score(list(OUR_NAMES), quotes)
    assert scores.speaker_accuracy == 0.0
    assert scores.speaker_entity_accuracy == 0.0


def test_name_consistency_across_documents() -> None:
    from belowtheline.article.evaluate import name_consistency

    gold = {"entities": [{"canonical": "Associated Press", "label": "ORG", "mentions": ["AP", "Associated Press"]}]}
    full = [Entity("Associated Press", "ORG", "Associated Press")]
    short = [Entity("AP", "ORG", "AP")]
    assert name_consistency([(gold, full), (gold, full)]) == (1, 1)
    assert name_consistency([(gold, full), (gold, short)]) == (1, 0)
    assert name_consistency([(gold, full), (gold, [])]) == (0, 0)  # found in one document only
