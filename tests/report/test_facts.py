"""The rows behind the article sections: entities grouped by canonical name, quotes, claims."""

from __future__ import annotations

import doctest
import math

import pytest

from belowtheline.document import Article, Claim, Entity, Quote
from belowtheline.report import facts
from belowtheline.report.facts import claim_rows, entity_rows, format_value, quote_rows, quoted_people

MENTIONS = [
    Entity("NATO", "ORG", "NATO"),
    Entity("Trump", "PERSON", "Donald Trump"),
    Entity("Kyiv", "GPE", "Kyiv"),
    Entity("Donald Trump", "PERSON", "Donald Trump"),
    Entity("Zelensky", "PERSON", "Volodymyr Zelensky"),
    Entity("the Kremlin", "ORG", "Kremlin"),
    Entity("Kremlin", "ORG", "Kremlin"),
    Entity("Kremlin", "ORG", "Kremlin"),
    Entity("Ukrainians", "NORP", "Ukrainians"),
    Entity("Mr Trump", "PERSON", "Donald Trump"),
]


def test_entities_grouped_people_first_with_counts_and_aliases() -> None:
    rows = entity_rows(MENTIONS)
    assert [(r.name, r.kind, r.mentions) for r in rows] == [
        ("Donald Trump", "person", 3),
        ("Volodymyr Zelensky", "person", 1),
        ("Kremlin", "organisation", 3),
        ("NATO", "organisation", 1),
        ("Ukrainians", "group", 1),
        ("Kyiv", "place", 1),
    ]
    assert rows[0].aliases == ("Trump", "Mr Trump") and rows[0].label == "PERSON"
    assert rows[2].aliases == ("the Kremlin",)


def test_entities_from_stored_json_and_malformed_items() -> None:
    stored = [
        {"text": "Kaja  Kallas", "label": "person", "canonical": None},
        "junk",
        None,
        {"label": "ORG"},
        {"text": "Kallas", "label": "GPE", "canonical": "Kaja Kallas"},
        {"text": "Kallas", "label": "PERSON", "canonical": "Kaja Kallas"},
        {"text": "X", "label": "WORK_OF_ART"},
    ]
    rows = entity_rows(stored)
    # Whitespace is collapsed; the majority label wins (a tie goes to the person).
    assert [(r.name, r.label, r.kind, r.mentions) for r in rows] == [
        ("Kaja Kallas", "PERSON", "person", 3),
        ("X", "WORK_OF_ART", "other", 1),
    ]
    assert entity_rows(None) == [] and entity_rows([]) == []


def test_quotes_keep_order_and_mark_unattributed() -> None:
    rows = quote_rows(
        [
            Quote("We will win.", "Volodymyr Zelensky", "direct", cue="said"),
            {"text": "  Talks were possible. ", "speaker": None, "kind": "indirect"},
            {"text": "", "speaker": "Nobody"},
            {"speaker": "No text"},
            42,
        ]
    )
    assert [(q.speaker, q.text, q.kind, q.cue) for q in rows] == [
        ("Volodymyr Zelensky", "We will win.", "direct", "said"),
        (None, "Talks were possible.", "indirect", None),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (10e9, "10 billion"),
        (1.25e9, "1.25 billion"),
        (3.5e6, "3.5 million"),
        (2e12, "2 trillion"),
        (30000.0, "30,000"),
        (30000, "30,000"),
        (2.5, "2.5"),
        (0.035, "0.035"),
        (-1500.0, "-1,500"),
        (None, ""),
        (math.nan, ""),
        (math.inf, ""),
        (True, ""),
        ("12", ""),
    ],
)
def test_format_value(value: object, text: str) -> None:
    assert format_value(value) == text


def test_claims_normalised_and_robust() -> None:
    rows = claim_rows(
        [
            Claim("Russia has massed 30,000 troops.", "30,000", 30000.0, "troops", "Russia"),
            {
                "text": "The EU budget is €10 billion.",
                "quantity": "€10 billion",
                "value": 1e10,
                "unit": "EUR",
                "actor": None,
            },
            {"text": "Odd.", "quantity": "many", "value": "lots"},
            {"value": 3},
            "junk",
        ]
    )
    assert [(c.quantity, c.value, c.value_text, c.unit, c.actor) for c in rows] == [
        ("30,000", 30000.0, "30,000", "troops", "Russia"),
        ("€10 billion", 1e10, "10 billion", "EUR", None),
        ("many", None, "", None, None),
    ]
    assert rows[0].text == "Russia has massed 30,000 troops."


def test_quoted_people_skips_unattributed_and_organisations() -> None:
    a1 = Article(
        entities=MENTIONS,
        quotes=[
            Quote("a", "Donald Trump"),
            Quote("b", "Donald Trump"),
            Quote("c", "Kremlin"),
            Quote("d", None),
            Quote("e", "A spokesman"),
        ],
    )
    a2 = {"entities": [], "quotes": [{"text": "f", "speaker": "Donald Trump"}, {"text": "g", "speaker": "Kremlin"}]}
    quotes, docs = quoted_people([a1, a2, None, {}])
    # "Kremlin" is an organisation in a1, unknown in a2 (counted there).
    assert quotes == {"Donald Trump": 3, "Kremlin": 1, "A spokesman": 1}
    assert docs == {"Donald Trump": 2, "Kremlin": 1, "A spokesman": 1}


def test_doctests() -> None:
    result = doctest.testmod(facts)
    assert result.failed == 0 and result.attempted > 0


def test_split_named_and_kind_summary() -> None:
    named, others = facts.split_named(entity_rows(MENTIONS))
    assert {r.kind for r in named} == {"person", "organisation"} and len(named) == 4
    assert facts.kind_summary(others) == "1 group and 1 place"
    assert facts.kind_summary(entity_rows(MENTIONS)) == "2 people, 2 organisations, 1 group and 1 place"
    assert facts.kind_summary([]) == ""
