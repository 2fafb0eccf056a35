"""Run every benchmark (bench_*.py, then eval_*.py) and print their tables.

Each script runs in its own process so one failure does not hide the others;
results land in benchmarks/results/*.json. Run: make bench
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py")) + sorted(HERE.glob("eval_*.py"))
    failed = []
    for script in scripts:
        print(f"\n=== {script.name} " + "=" * max(0, 60 - len(script.name)), flush=True)
        start = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)])
        print(f"({script.name}: exit {rc}, {time.perf_counter() - start:.1f}s)", flush=True)
        if rc != 0:
            failed.append(script.name)
    print(f"\nResults in {HERE / 'results'}/")
    if failed:
        print(f"Failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
