"""Quality gate of the segmenter: the annotated captures must score at least their floors.

The floors and a hash of the fixtures live in ``benchmarks/baseline.json``
(key ``"segmentation"``). After changing the fixtures or improving the
segmenter, refresh them with ``python benchmarks/update_baseline.py
segmentation`` (``--allow-lower`` to accept a drop).
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from belowtheline.segment.evaluate import (
    FLOOR_METRICS,
    CorpusScores,
    data_sha256,
    discover_splits,
    evaluate_dir,
    load_gold_dir,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "segmentation"
BASELINE = ROOT / "benchmarks" / "baseline.json"
SPLITS = discover_splits(FIXTURES)
MIN_CAPTURES = {"dev": 40, "heldout": 30, "seeds": 2, "handwritten": 6, "unseen": 36, "unseen2": 36, "unseen5": 35}
LAYOUTS = {"seed000", "seed004", "blocks", "says", "bullet", "opinion_bare", "plain_title"}
UPDATE = "python benchmarks/update_baseline.py segmentation"

CAPTURES = [(split, path, gold) for split in SPLITS for path, gold in load_gold_dir(FIXTURES / split)]


def _baseline() -> dict[str, Any]:
    if not BASELINE.is_file():
        pytest.fail(f"{BASELINE.relative_to(ROOT)} is missing; create it with `{UPDATE}`")
    entry = json.loads(BASELINE.read_text(encoding="utf-8")).get("segmentation")
    if not entry:
        pytest.fail(f"{BASELINE.relative_to(ROOT)} has no 'segmentation' entry; add it with `{UPDATE}`")
    return dict(entry)


@cache
def _scores(split: str) -> CorpusScores:
    return evaluate_dir(FIXTURES / split)


# -- the data ------------------------------------------------------------------------


@pytest.mark.parametrize("split", SPLITS)
def test_enough_captures(split: str) -> None:
    n = sum(s == split for s, _, _ in CAPTURES)
    assert n >= MIN_CAPTURES.get(split, 1), f"{split}: {n} captures, want at least {MIN_CAPTURES.get(split, 1)}"


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_every_layout_in_both_splits(split: str) -> None:
    layouts = {g["layout"] for s, _, g in CAPTURES if s == split}
    assert layouts >= LAYOUTS, f"{split} lacks layouts {sorted(LAYOUTS - layouts)}"


def test_fixtures_stay_small() -> None:
    size = sum(p.stat().st_size for p in FIXTURES.rglob("*") if p.is_file())
    # Each blind folder adds ~0.15 MB; a budget, not a hard limit: raise it knowingly.
    assert size < 4_000_000, f"segmentation fixtures are {size:,} bytes; keep them under ~4 MB"


@pytest.mark.parametrize(("split", "path", "gold"), CAPTURES, ids=[f"{s}/{p.stem}" for s, p, _ in CAPTURES])
def test_gold_is_consistent(split: str, path: Path, gold: dict[str, Any]) -> None:
    """Gold keys and ids are well formed and every gold string is taken from the capture."""
    text = path.read_text(encoding="utf-8")
    assert set(gold) == {"layout", "title", "credits", "captions", "paragraphs", "boilerplate", "comments"}
    assert gold["layout"] in LAYOUTS
    flat = re.sub(r"\s+", " ", text)
    for key in ("credits", "captions", "boilerplate"):
        for s in gold[key]:
            assert s.strip() and s in text, f"{key} {s!r} is not in the capture"
    if gold["title"] is not None:
        assert gold["title"] in text
    for p in gold["paragraphs"]:
        assert p["kind"] in ("body", "subheading") and p["text"] in text, p["text"][:60]
    paragraph_lines = {p["text"] for p in gold["paragraphs"]}
    assert not paragraph_lines & set(gold["boilerplate"]), "a line is both a paragraph and boilerplate"
    ids = [c["id"] for c in gold["comments"]]
    assert ids == [f"c{i}" for i in range(1, len(ids) + 1)]
    for k, c in enumerate(gold["comments"]):
        assert c["text"].strip()
        for line in c["text"].split("\n"):
            assert re.sub(r"\s+", " ", line).strip() in flat, f"{c['id']} line {line[:50]!r} not in capture"
        if c["reply_to"] is not None:
            assert c["reply_to"] in ids[:k], f"{c['id']} replies to {c['reply_to']}, which is not above it"
        for key in ("author", "timestamp"):
            assert c[key] is None or c[key] in text


def test_baseline_matches_the_fixtures() -> None:
    entry = _baseline()
    current = data_sha256(FIXTURES)
    assert entry.get("data_sha256") == current, (
        f"the segmentation fixtures changed (sha256 {current[:12]}…, baseline has "
        f"{str(entry.get('data_sha256'))[:12]}…) but benchmarks/baseline.json was not updated. "
        f"Check the new scores with `python benchmarks/eval_segmentation.py`, then run `{UPDATE}`."
    )


# -- the gate ------------------------------------------------------------------------


@pytest.mark.parametrize("split", SPLITS)
def test_scores_at_least_the_floors(split: str) -> None:
    entry = _baseline()
    if entry.get("data_sha256") != data_sha256(FIXTURES):
        pytest.fail(f"floors are for other fixtures: the segmentation data changed; run `{UPDATE}`")
    floors = entry["floors"].get(split)
    assert floors, f"no floors for split {split!r} in benchmarks/baseline.json; run `{UPDATE}`"
    summary = _scores(split).overall
    below = []
    for metric, floor in sorted(floors.items()):
        assert metric in FLOOR_METRICS, f"unknown metric {metric!r} in the {split} floors"
        value = getattr(summary, metric)
        if value is None or value < floor:
            below.append(f"{metric} = {value if value is None else round(value, 4)} < floor {floor}")
    assert not below, (
        f"segmentation quality on {split} dropped below its floors: "
        + "; ".join(below)
        + ". See `python benchmarks/eval_segmentation.py --split "
        + split
        + " --docs`; if the drop is "
        f"intended, run `{UPDATE} --allow-lower`."
    )


# -- the floor updater -----------------------------------------------------------------


def _updater() -> Any:
    spec = importlib.util.spec_from_file_location("update_baseline", ROOT / "benchmarks" / "update_baseline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_updater_rounds_down_raises_and_refuses_to_lower() -> None:
    ub = _updater()
    assert ub.floor_of(0.9) == 0.895 and ub.floor_of(1.0) == 0.995 and ub.floor_of(0.001) == 0.0
    old = {"segmentation": {"data_sha256": "x", "floors": {"dev": {"body_f1": 0.9, "comment_f1": 0.8}}}}
    current = {
        "data_sha256": "y",
        "figures": {"dev": {"body_f1": 0.95, "comment_f1": 0.7}, "heldout": {"body_f1": 0.5}},
    }
    entry, lowered, _ = ub.update("segmentation", current, old, allow_lower=False)
    assert lowered == ["dev.comment_f1: 0.800 -> 0.695 (now 0.7000)"]
    assert entry["floors"]["dev"] == {"body_f1": 0.945, "comment_f1": 0.8}  # raised; kept
    assert entry["floors"]["heldout"] == {"body_f1": 0.495} and entry["data_sha256"] == "y"
    entry, lowered, _ = ub.update("segmentation", current, old, allow_lower=True)
    assert entry["floors"]["dev"]["comment_f1"] == 0.695 and lowered
