"""Narrative matching: catalogue validation, stance handling, seed 000 and the quality gate."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from belowtheline import Comment, Document
from belowtheline.comments.narratives import NarrativeMatcher, NarrativeOptions, load_catalogue
from belowtheline.errors import ConfigError
from belowtheline.registry import make_stage

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "benchmarks" / "narratives_baseline.json"
IDS = [
    "nato_provocation",
    "maidan_coup",
    "west_decline",
    "nazi_ukraine",
    "ukraine_not_a_nation",
    "russia_unbeatable",
    "proxy_war",
    "aid_corruption",
]


@pytest.fixture(scope="module")
def matcher() -> NarrativeMatcher:
    return NarrativeMatcher()


def test_default_catalogue_has_the_design_ids_and_sources() -> None:
    cat = load_catalogue()
    assert cat.ids == IDS
    for n in cat.narratives:
        assert n.description and n.counter_examples
        assert any(c.kind == "case" and c.source and "euvsdisinfo.eu" in c.source for c in n.claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO expansion was stopped in Ukraine. This was the source of the problem.", "nato_provocation"),
        ("Something about CIA backed Maidan overthrow in 2014 completely went past these people.", "maidan_coup"),
        ("It is the degenerate elites that are running the West.", "west_decline"),
        ("Kyiv is ruled by fascists and neo-Nazi battalions.", "nazi_ukraine"),
    ],
)
def test_recited_narratives_match_with_evidence(matcher: NarrativeMatcher, text: str, expected: str) -> None:
    found = {m["id"]: m for m in matcher.match(text)}
    assert expected in found
    m = found[expected]
    assert 0.5 <= m["score"] <= 1.0
    assert text[m["start"] : m["end"]] == m["evidence"]


@pytest.mark.parametrize(
    "text",
    [
        "The claim that NATO provoked the war is Kremlin propaganda.",
        "The proxy war that the Kremlin forced on Ukraine has now entered its fourth year.",
        "NATO's defence spending target of 2 percent is too high for my country's budget.",
        "The European Commission wastes too much money on bureaucracy.",
        "War?",
    ],
)
def test_counter_arguments_mentions_and_civil_criticism_do_not_match(matcher: NarrativeMatcher, text: str) -> None:
    assert matcher.match(text) == []


def test_stage_fills_comments_and_is_registered() -> None:
    stage = make_stage("narratives.catalogue.v1")
    doc = Document(
        id="d", comments=[Comment("c1", "Maidan was a coup paid for by Washington."), Comment("c2", "Nice.")]
    )
    doc = stage(doc)
    assert [m["id"] for m in doc.comments[0].narratives] == ["maidan_coup"]
    assert doc.comments[1].narratives == []


def test_custom_catalogue_yaml(tmp_path: Path) -> None:
    p = tmp_path / "cat.yaml"
    p.write_text(
        "name: football\nnarratives:\n  - id: var_conspiracy\n    description: VAR is rigged\n"
        "    claims: [VAR is rigged for the big clubs, The referees are paid by the league]\n",
        encoding="utf-8",
    )
    m = NarrativeMatcher(options=NarrativeOptions(catalogue=p))
    assert m.catalogue.ids == ["var_conspiracy"]
    assert [x["id"] for x in m.scores("VAR is rigged for the big clubs again")] == ["var_conspiracy"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"narratives": []}', "narratives"),
        ('{"narratives": [{"id": "Bad Id", "description": "x y z", "claims": ["abc"]}]}', "lower_snake_case"),
        ('{"narratives": [{"id": "a", "description": "x y z", "claims": ["abc"], "extra": 1}]}', "extra"),
        ("not json", "could not be"),
    ],
)
def test_invalid_catalogues_give_clear_errors(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "cat.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_catalogue(p)


def test_missing_catalogue() -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_catalogue("/nonexistent/cat.json")


def test_options_are_checked() -> None:
    with pytest.raises(ConfigError):
        NarrativeOptions(threshold=2.0)


def test_quality_gate_on_the_held_out_split() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_narratives
    finally:
        sys.path.pop(0)
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    res = eval_narratives.evaluate(base["split"])
    assert res["data_hash"] == base["data_hash"], "labelled set changed: re-run eval_narratives.py --write-baseline"
    below = [
        f"{i} {k}: {res['per_narrative'][i][k]:.3f} < {v:.3f}"
        for i, floors in base["floors"].items()
        for k, v in floors.items()
        if res["per_narrative"][i][k] < v
    ]
    assert not below, "; ".join(below)
    assert res["micro"]["f1"] >= base["micro_f1"]
