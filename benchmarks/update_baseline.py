"""Write the quality-gate floors of a task into benchmarks/baseline.json.

The floors are the current figures rounded down a little (by ``MARGIN``, then
to three decimals), together with a hash of the evaluation data. An existing
floor is raised when the task got better; it is never lowered unless
``--allow-lower`` is given, so a drop in quality is always a deliberate,
reviewed change of this file.

Run: python benchmarks/update_baseline.py segmentation [--allow-lower]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "benchmarks" / "baseline.json"

#: How far below the current figure a floor is set, so run-to-run noise does not trip the gate.
MARGIN = 0.005


def floor_of(value: float) -> float:
    """The floor for a current figure: ``value - MARGIN`` rounded down to 3 decimals, at least 0."""
    return max(0.0, math.floor((value - MARGIN) * 1000) / 1000)


def segmentation_figures() -> dict[str, Any]:
    """Current segmentation figures per split and the hash of the fixtures."""
    from belowtheline.segment.evaluate import FLOOR_METRICS, data_sha256, discover_splits, evaluate_dir

    fixtures = ROOT / "tests" / "fixtures" / "segmentation"
    splits: dict[str, dict[str, float]] = {}
    for split in discover_splits(fixtures):
        summary = evaluate_dir(fixtures / split).overall
        splits[split] = {m: v for m in FLOOR_METRICS if (v := getattr(summary, m)) is not None}
    return {"data_sha256": data_sha256(fixtures), "figures": splits}


#: Tasks this script knows: name -> function returning {"data_sha256", "figures": {split: {metric: value}}}.
TASKS: dict[str, Callable[[], dict[str, Any]]] = {"segmentation": segmentation_figures}


def update(task: str, current: dict[str, Any], baseline: dict[str, Any], *, allow_lower: bool
           ) -> tuple[dict[str, Any], list[str], list[str]]:
    """Merge current figures into ``baseline[task]``.

    Returns:
        The new task entry, the floors that would be lowered (refused unless
        ``allow_lower``), and a log of the changes.
    """
    old_floors: dict[str, dict[str, float]] = (baseline.get(task) or {}).get("floors") or {}
    new_floors: dict[str, dict[str, float]] = {}
    lowered: list[str] = []
    log: list[str] = []
    for split, figures in current["figures"].items():
        old = old_floors.get(split, {})
        new_floors[split] = {}
        for metric, value in figures.items():
            proposed = floor_of(value)
            before = old.get(metric)
            if before is not None and proposed < before:
                lowered.append(f"{split}.{metric}: {before:.3f} -> {proposed:.3f} (now {value:.4f})")
                if not allow_lower:
                    proposed = before
            if before is None or proposed != before:
                was = "new" if before is None else f"{before:.3f}"
                log.append(f"{split}.{metric}: {was} -> {proposed:.3f}")
            new_floors[split][metric] = proposed
    entry = {"data_sha256": current["data_sha256"], "floors": new_floors}
    return entry, lowered, log


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write quality-gate floors into benchmarks/baseline.json.")
    ap.add_argument("task", choices=sorted(TASKS))
    ap.add_argument("--allow-lower", action="store_true", help="allow floors to go down (a reviewed regression)")
    args = ap.parse_args(argv)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {}
    current = TASKS[args.task]()
    entry, lowered, log = update(args.task, current, baseline, allow_lower=args.allow_lower)
    if lowered and not args.allow_lower:
        print("Error: these floors would go down; fix the regression, or rerun with --allow-lower "
              "if it is intended:", file=sys.stderr)
        for line in lowered:
            print(f"  {line}", file=sys.stderr)
        return 1
    old_hash = (baseline.get(args.task) or {}).get("data_sha256")
    baseline[args.task] = entry
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if old_hash and old_hash != entry["data_sha256"]:
        print(f"{args.task}: evaluation data changed ({old_hash[:12]} -> {entry['data_sha256'][:12]})")
    for line in log or ["no floor changed"]:
        print(f"{args.task}: {line}")
    print(f"wrote {BASELINE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
