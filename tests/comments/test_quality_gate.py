"""Quality gate for toxicity.linear.v1: floors in benchmarks/toxicity_baseline.json.

The evaluation is benchmarks/eval_toxicity.py (the same code that prints the
report). Lowering a floor is an explicit edit of the baseline file, reviewed
like code; a changed evaluation set (different sha256) fails the gate until the
baseline is regenerated on purpose.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((ROOT / "benchmarks" / "toxicity_baseline.json").read_text(encoding="utf-8"))


def _eval_module() -> ModuleType:
    for p in (ROOT / "benchmarks", ROOT):
        if str(p) not in sys.path:
            sys.path.insert(0, str(p))
    spec = importlib.util.spec_from_file_location("eval_toxicity", ROOT / "benchmarks" / "eval_toxicity.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def _results() -> dict[str, Any]:
    return dict(_eval_module().evaluate(baseline=False)["metrics"]["belowtheline"])


def test_heldout_news_comments_per_label_auc() -> None:
    """The hand-written held-out comments (no shared data needed): toxicity >= 0.95, others >= 0.90."""
    ev = _eval_module()
    from belowtheline.comments import load_scorer

    sc = load_scorer()
    rows = ev.heldout()
    probs = sc.probabilities([r["text"] for r in rows])
    for j, label in enumerate(sc.labels):
        y = [bool(r["labels"]) if label == "toxicity" else label in r["labels"] for r in rows]
        floor = 0.95 if label == "toxicity" else 0.90
        assert ev.auc(y, probs[:, j]) >= floor, label


@pytest.mark.parametrize("name", ["dev_unseen", "dev_check"])
def test_unseen_news_comments_per_label_auc(name: str) -> None:
    """The hand-written unseen-comment sets (tests/fixtures/toxicity): floors in the baseline file."""
    ev = _eval_module()
    from belowtheline.comments import load_scorer

    sc = load_scorer()
    rows = ev.dev_set(name)
    probs = sc.probabilities([r["text"] for r in rows])
    for j, label in enumerate(sc.labels):
        y = [label in r["labels"] for r in rows]
        floor = BASELINE["floors"][f"{name}_{label}_auc"]
        value = ev.auc(y, probs[:, j])
        assert value >= floor, f"{name} {label}: {value:.4f} < {floor}"


@pytest.mark.shared_data
def test_evaluation_data_is_the_baselined_data() -> None:
    ev = _eval_module()
    assert ev.data_sha256() == BASELINE["data_sha256"], (
        "The toxicity evaluation data changed. Re-run python benchmarks/eval_toxicity.py, check the "
        "numbers and update benchmarks/toxicity_baseline.json (data_sha256 and floors) on purpose."
    )


@pytest.mark.shared_data
@pytest.mark.parametrize("metric", sorted(BASELINE["floors"]))
def test_floor(metric: str) -> None:
    value = _results()[metric]
    assert not math.isnan(value), metric
    assert value >= BASELINE["floors"][metric], f"{metric} = {value:.4f} < floor {BASELINE['floors'][metric]}"


@pytest.mark.shared_data
@pytest.mark.parametrize("metric", sorted(BASELINE["ceilings"]))
def test_ceiling(metric: str) -> None:
    value = _results()[metric]
    assert value <= BASELINE["ceilings"][metric], f"{metric} = {value:.4f} > ceiling {BASELINE['ceilings'][metric]}"
