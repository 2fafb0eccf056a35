"""Perspective-compatible endpoint speed on loopback: requests/s and latency vs Perspective's 1 QPS quota.

Run: python benchmarks/bench_service.py [--requests N] [--seconds S]

Starts the service (uvicorn, one worker, the shipped scorer, a temporary SQLite
database) in a child process on 127.0.0.1, then sends POST
/v1alpha1/comments:analyze requests from 1, 8 and 32 client threads (keep-alive
connections), each level bounded by a request count and a time limit, with
``doNotStore`` true and false; and POST /v1/score batches of 100 comments.
Only loopback traffic; the loops stop by themselves.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import free_port, scoring_db, seed_comments, table, wait_healthy, write_result  # noqa: E402

SERVER = """
import sys, uvicorn
from belowtheline.service.app import create_app
from belowtheline.service.settings import Settings
app = create_app(Settings(database_url=sys.argv[1]))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""
PERSPECTIVE_QPS = 1.0


def _load(url: str, key: str, *, threads: int, total: int, seconds: float, store: bool) -> dict[str, Any]:
    import httpx

    texts = seed_comments()
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=url, params={"key": key}, timeout=30) as client:
            for i in counter:
                if time.perf_counter() > deadline:
                    return
                body = {"comment": {"text": texts[i % len(texts)]}, "doNotStore": not store,
                        "requestedAttributes": {"TOXICITY": {}, "INSULT": {}, "THREAT": {}}}
                t0 = time.perf_counter()
                r = client.post("/v1alpha1/comments:analyze", json=body)
                dt = time.perf_counter() - t0
                with lock:
                    lat.append(dt)
                    errors += r.status_code != 200

    start = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - start
    lat.sort()
    return {"threads": threads, "store": store, "requests": len(lat), "errors": errors,
            "rps": len(lat) / wall, "p50_ms": 1000 * statistics.median(lat),
            "p99_ms": 1000 * lat[min(len(lat) - 1, int(0.99 * len(lat)))]}


def _batch(url: str, key: str, *, rounds: int) -> dict[str, Any]:
    import httpx

    texts = seed_comments()
    batch = [{"text": texts[i % len(texts)]} for i in range(100)]
    with httpx.Client(base_url=url, headers={"X-Api-Key": key}, timeout=60) as client:
        t0 = time.perf_counter()
        for _ in range(rounds):
            r = client.post("/v1/score", json={"comments": batch})
            r.raise_for_status()
        wall = time.perf_counter() - t0
    return {"batch": 100, "requests": rounds, "comments_per_s": 100 * rounds / wall}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=600, help="requests per level (default 600)")
    ap.add_argument("--seconds", type=float, default=20.0, help="time limit per level (default 20)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db, key = scoring_db(Path(tmp))
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-c", SERVER, db, str(port)], env=os.environ.copy())
        try:
            wait_healthy(url, tries=200)
            _load(url, key, threads=2, total=40, seconds=10, store=False)  # warm: load the model
            rows = [_load(url, key, threads=n, total=args.requests, seconds=args.seconds, store=store)
                    for store in (False, True) for n in (1, 8, 32)]
            batch = _batch(url, key, rounds=20)
        finally:
            proc.terminate()
            proc.wait(10)
    print(table(["clients", "doNotStore", "requests", "errors", "req/s", "x Perspective 1 QPS", "p50 ms", "p99 ms"],
                [[r["threads"], str(not r["store"]).lower(), r["requests"], r["errors"], r["rps"],
                  r["rps"] / PERSPECTIVE_QPS, r["p50_ms"], r["p99_ms"]] for r in rows]))
    print(f"\nPOST /v1/score, batches of 100: {batch['comments_per_s']:,.0f} comments/s")
    path = write_result("service", {"perspective_endpoint": rows, "batch_score": batch,
                                    "perspective_default_qps": PERSPECTIVE_QPS})
    print(f"Results: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
