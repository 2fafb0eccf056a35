"""Regression floors on the blind sets (tests/fixtures/blind/).

The sets were written by someone who had not seen the models; their first
measurement is recorded in benchmarks/blind_baseline.json. Do not tune on
them: read failures elsewhere, or they stop being blind.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
BASELINE = json.loads((ROOT / "benchmarks" / "blind_baseline.json").read_text())


def _hash() -> str:
    h = hashlib.sha256()
    for f in sorted((ROOT / "tests" / "fixtures" / "blind").glob("*.jsonl")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def test_blind_data_is_the_measured_data() -> None:
    assert BASELINE["data_sha256"] == _hash(), "the blind sets changed; re-measure and rewrite blind_baseline.json"


from eval_blind import toxicity_sets  # noqa: E402

SETS = toxicity_sets()


def _floors(name: str) -> dict[str, float]:
    return BASELINE["auc_floors"] if name == "toxicity" else BASELINE[name]["auc_floors"]


def test_every_blind_set_has_floors() -> None:
    assert all(_floors(name) for name in SETS)


@pytest.fixture(scope="module")
def results() -> dict:
    from eval_blind import evaluate_narratives, evaluate_toxicity, narrative_sets

    out = {name: evaluate_toxicity(name) for name in SETS}
    out.update({name: evaluate_narratives(name) for name in narrative_sets()})
    return out


@pytest.mark.parametrize("name", SETS)
def test_label_auc_floors(results: dict, name: str) -> None:
    floors = _floors(name)
    low = {label: round(v["auc"], 3) for label, v in results[name]["belowtheline"].items() if v["auc"] < floors[label]}
    assert not low, f"{name}.jsonl: blind AUC below floor: {low} (floors {floors})"


def test_narrative_floors(results: dict) -> None:
    nar = results["narratives"]
    assert nar["micro"]["f1"] >= BASELINE["narrative_micro_f1_floor"]
    assert nar["negatives_matched"] <= BASELINE["narrative_negatives_matched_ceiling"]


def test_second_narrative_set_floors(results: dict) -> None:
    floors = BASELINE["narratives2"]
    nar = results["narratives2"]
    assert nar["micro"]["f1"] >= floors["micro_f1_floor"], nar["micro"]
    assert nar["negatives_matched"] <= floors["negatives_matched_ceiling"], nar["negatives_matched"]


def _accurate_floors(name: str) -> dict[str, float] | None:
    entry = BASELINE if name == "toxicity" else BASELINE.get(name, {})
    return entry.get("accurate_auc_floors")


@pytest.mark.parametrize("name", SETS)
def test_accurate_mode_auc_floors(results: dict, name: str) -> None:
    """The accurate mode (belowtheline[accurate]) keeps its own floors on every set."""
    if results[name]["accurate"] is None:
        pytest.skip("the accurate extra is not installed: pip install 'belowtheline[accurate]'")
    floors = _accurate_floors(name)
    assert floors, f"{name}.jsonl has no accurate_auc_floors in blind_baseline.json"
    low = {label: round(v["auc"], 3) for label, v in results[name]["accurate"].items() if v["auc"] < floors[label]}
    assert not low, f"{name}.jsonl: accurate-mode blind AUC below floor: {low} (floors {floors})"


def test_sets_after_the_retired_ones_are_unseen_by_the_encoder_head() -> None:
    """Head 1.3.0 trains on the nineteen oldest sets; every newer set must stay out of its training data."""
    head = json.loads((ROOT / "src" / "belowtheline" / "models" / "toxicity" / "encoder_head.json").read_text())
    seen = set(head.get("blind_sets_seen", ()))
    assert seen == set(BASELINE["encoder_head_1_3_0"]["seen_sets"])
    unseen = [name for name in SETS if name not in seen]
    assert len(unseen) >= 2, unseen
    assert all(BASELINE[name].get("first_measurement_1_3_4") for name in unseen)
    retired = {
        " ".join(json.loads(line)["text"].lower().split())
        for name in seen
        for line in (ROOT / "tests" / "fixtures" / "blind" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    for name in unseen:
        rows = (ROOT / "tests" / "fixtures" / "blind" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        texts = {" ".join(json.loads(line)["text"].lower().split()) for line in rows if line.strip()}
        assert not {t for t in texts & retired if len(t.split()) >= 4}, name
