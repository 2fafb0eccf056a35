"""Quality gate for copy-paste groups: constructed near-duplicates in real comment sections.

Floors live in benchmarks/duplicates_baseline.json, written by
``python benchmarks/eval_duplicates.py --write-baseline`` (the explicit step
that changes them). The evaluation data is rebuilt from ../shared/data with a
fixed seed and checked against the recorded hash.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "benchmarks" / "duplicates_baseline.json"

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def measured() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_duplicates
    finally:
        sys.path.pop(0)
    if not eval_duplicates.available():
        pytest.skip("the toxic_spans data is not in ../shared/data")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    return eval_duplicates.evaluate(baseline["split"], n_sections=baseline["sections"])


def test_evaluation_data_is_the_one_the_floors_were_set_on(measured: dict[str, Any]) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert measured["data_hash"] == baseline["data_hash"], (
        "The constructed evaluation data changed (new data in ../shared/data or a new construction); "
        "re-run `python benchmarks/eval_duplicates.py --write-baseline` and review the new floors."
    )


@pytest.mark.parametrize("setting", ["within_thread", "across_corpus"])
def test_pairwise_scores_stay_above_the_floors(measured: dict[str, Any], setting: str) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    result = measured[setting]
    below = [
        f"{kind} {metric}: {result['by_kind'][kind][metric]:.3f} < floor {floor:.3f}"
        for kind, floors in baseline["floors"][setting].items()
        for metric, floor in floors.items()
        if result["by_kind"][kind][metric] < floor
    ]
    assert not below, "; ".join(below)
    assert result["short_copy_pairs_grouped"] <= baseline["max_short_copy_pairs_grouped"]
