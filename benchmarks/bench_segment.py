"""Segmentation speed: captures/s and MB/s of `segment_text` on the bundled captures.

Run: python benchmarks/bench_segment.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, table, write_result  # noqa: E402


def main() -> int:
    from belowtheline.segment import segment_text

    files = sorted((ROOT / "examples").glob("*.txt"))
    files += sorted((ROOT / "tests" / "fixtures" / "segmentation").rglob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    size = sum(len(t.encode("utf-8")) for t in texts)
    for t in texts:  # warm up (regex compilation)
        segment_text(t)
    rounds = max(1, int(2_000_000 / max(size, 1)))
    start = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            segment_text(t)
    elapsed = time.perf_counter() - start
    n = rounds * len(texts)
    row = {
        "captures": len(texts),
        "rounds": rounds,
        "captures_per_s": n / elapsed,
        "mb_per_s": rounds * size / elapsed / 1e6,
        "ms_per_capture": 1000 * elapsed / n,
    }
    print("Segmentation speed (segment_text, one core)")
    print(
        table(
            ["captures", "rounds", "captures/s", "MB/s", "ms/capture"],
            [[row["captures"], row["rounds"], row["captures_per_s"], row["mb_per_s"], row["ms_per_capture"]]],
        )
    )
    write_result("segment_speed", row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
