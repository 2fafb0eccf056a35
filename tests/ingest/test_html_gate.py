"""Quality gate for the HTML reader on a fixed subset of ../shared/data.

The pages (40 Dragnet test pages with comments, 40 scrapinghub pages) and
the floors are in ``benchmarks/html_baseline.json``; the ids are pinned by
their sha256. To move a floor after a deliberate change, rerun
``python benchmarks/bench_html.py --write-baseline`` (``--allow-lower`` to
lower one) and commit the file.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "benchmarks" / "html_baseline.json"

pytestmark = pytest.mark.shared_data


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_html", ROOT / "benchmarks" / "bench_html.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    module = _bench()
    missing = module.data_available()
    if missing:
        pytest.skip(f"shared data not found: {', '.join(missing)}")
    return module


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASELINE.read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def measured(bench: ModuleType, baseline: dict[str, Any]) -> dict[str, dict[str, Any]]:
    ids = {name: baseline[name]["ids"] for name in ("dragnet_test_with_comments", "scrapinghub")}
    for name, chosen in ids.items():
        assert bench.ids_sha256(chosen) == baseline[name]["ids_sha256"], (
            f"the {name} ids in {BASELINE.name} do not match their sha256; "
            "regenerate the file with benchmarks/bench_html.py --write-baseline"
        )
    result: dict[str, dict[str, Any]] = bench.gate_measure(ids)
    for name, chosen in ids.items():
        assert result[name]["pages"] == len(chosen), f"some {name} pages are missing from the data"
    return result


def test_dragnet_body_f1(measured: dict[str, Any], baseline: dict[str, Any]) -> None:
    got = measured["dragnet_test_with_comments"]["body_f1"]
    floor = baseline["dragnet_test_with_comments"]["floors"]["body_f1_min"]
    assert got >= floor, f"Dragnet body F1 {got} fell below the floor {floor}"


def test_dragnet_comment_leakage(measured: dict[str, Any], baseline: dict[str, Any]) -> None:
    got = measured["dragnet_test_with_comments"]["comment_leakage"]
    ceiling = baseline["dragnet_test_with_comments"]["floors"]["comment_leakage_max"]
    assert got <= ceiling, f"comment leakage into the body {got} rose above {ceiling}"


def test_dragnet_comment_recall(measured: dict[str, Any], baseline: dict[str, Any]) -> None:
    got = measured["dragnet_test_with_comments"]["comment_recall"]
    floor = baseline["dragnet_test_with_comments"]["floors"]["comment_recall_min"]
    assert got >= floor, f"comment recall {got} fell below the floor {floor}"


def test_scrapinghub_body_f1(measured: dict[str, Any], baseline: dict[str, Any]) -> None:
    got = measured["scrapinghub"]["body_f1"]
    floor = baseline["scrapinghub"]["floors"]["body_f1_min"]
    assert got >= floor, f"scrapinghub body F1 {got} fell below the floor {floor}"
