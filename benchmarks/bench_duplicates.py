"""Near-duplicate index: lookup latency, build speed and memory per million comments.

The index is filled with real comments (toxic_spans Civil Comments posts,
Davidson and OLID tweets, HateXplain posts from ``../shared/data``) and, to
reach the requested size, synthetic comments: 1-4 sentences drawn at random
from the real ones (10% of them edited copies of a real comment, so the index
holds near-duplicate groups as a real corpus does). It is then queried with
1,000 comments (half edited copies of indexed comments, half real comments not
in the index) and each lookup is timed on its own.

Memory is what the index holds (signature and band arrays, id table, group
counts), measured at the built size and scaled linearly to one million.

Run: python benchmarks/bench_duplicates.py [--size 100000]   (--size 1000000 takes ~4 minutes)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import table, write_result  # noqa: E402
from eval_duplicates import DATA, available, load_pool, sentences, small_edits  # noqa: E402


def extra_real() -> list[str]:
    """Tweets and posts of other shared datasets (short texts, unlike Civil Comments)."""
    out: list[str] = []
    dav = DATA / "davidson_hate_offensive" / "labeled_data.csv"
    if dav.is_file():
        with open(dav, encoding="utf-8", newline="") as f:
            out += [r["tweet"] for r in csv.DictReader(f)]
    olid = DATA / "olid_offenseval2019" / "olid-training-v1.0.tsv"
    if olid.is_file():
        with open(olid, encoding="utf-8") as f:
            out += [line.split("\t")[1] for line in f.read().splitlines()[1:] if "\t" in line]
    for name in ("hatexplain_val.jsonl", "hatexplain_test.jsonl"):
        p = DATA / "hatexplain_val_test" / name
        if p.is_file():
            for line in p.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                toks = row.get("post_tokens") or row.get("tokens")
                if isinstance(toks, list):
                    out.append(" ".join(map(str, toks)))
    return out


def corpus(size: int, held: set[str], rng: random.Random) -> tuple[list[str], int]:
    real = [t for t in load_pool() + extra_real() if t not in held]
    rng.shuffle(real)
    real = real[:size]
    sents = [s for t in real for s in sentences(t) if len(s.split()) >= 3]
    out = list(real)
    while len(out) < size:
        if rng.random() < 0.1:
            out.append(small_edits(rng.choice(real), rng))
        else:
            out.append(" ".join(rng.choice(sents) for _ in range(rng.randint(1, 4))))
    return out, len(real)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100_000, help="comments in the index (default 100,000)")
    ap.add_argument("--queries", type=int, default=1000)
    args = ap.parse_args(argv)
    if not available():
        print(f"bench_duplicates: skipped, the shared data is not at {DATA}")
        return 0
    from belowtheline.comments.duplicates import DuplicateIndex

    rng = random.Random(11)
    held = load_pool()[-(args.queries // 2) :]  # real comments kept out of the index
    texts, n_real = corpus(args.size, set(held), rng)
    idx = DuplicateIndex()
    start = time.perf_counter()
    for i, t in enumerate(texts):
        idx.add(str(i), t)
    build_s = time.perf_counter() - start
    mem = idx.memory_bytes()

    sources = [t for t in texts[:20_000] if len(t.split()) >= 8]
    queries = [small_edits(rng.choice(sources), rng) for _ in range(args.queries // 2)] + held
    for q in queries[:50]:  # warm up
        idx.query(q)
    lat, hits = [], [0, 0]
    for k, q in enumerate(queries):
        t0 = time.perf_counter()
        found = idx.query(q)
        lat.append((time.perf_counter() - t0) * 1000)
        hits[k >= args.queries // 2] += bool(found)
    lat_a = np.asarray(lat)
    with tempfile.TemporaryDirectory() as tmp:
        path = idx.save(Path(tmp) / "index.npz")
        file_mb = path.stat().st_size / 1e6
        t0 = time.perf_counter()
        DuplicateIndex.load(path)
        load_s = time.perf_counter() - t0
    row = {
        "index_size": len(idx),
        "real_comments": n_real,
        "synthetic_comments": len(idx) - n_real,
        "build_s": build_s,
        "adds_per_s": len(idx) / build_s,
        "query_ms_p50": float(np.percentile(lat_a, 50)),
        "query_ms_p95": float(np.percentile(lat_a, 95)),
        "query_ms_p99": float(np.percentile(lat_a, 99)),
        # Edited copies of indexed comments should match; real comments from outside the index
        # mostly should not (a few are genuine near-duplicates of indexed ones).
        "edited_copies_matched": hits[0] / (args.queries // 2),
        "fresh_comments_matched": hits[1] / (len(queries) - args.queries // 2),
        "memory_mb": mem / 1e6,
        "memory_bytes_per_comment": mem / len(idx),
        "memory_mb_per_million": mem / len(idx) * 1e6 / 1e6,
        "memory_extrapolated": len(idx) < 1_000_000,
        "file_mb": file_mb,
        "load_s": load_s,
    }
    print(f"Near-duplicate index: {len(idx):,} comments ({n_real:,} real, {len(idx) - n_real:,} synthetic), one core")
    print(table(["adds/s", "query p50 ms", "p95 ms", "p99 ms", "MB", "bytes/comment",
                 "MB per 1M" + (" (extrapolated)" if row["memory_extrapolated"] else ""), "file MB", "load s"],
                [[row["adds_per_s"], row["query_ms_p50"], row["query_ms_p95"], row["query_ms_p99"], row["memory_mb"],
                  row["memory_bytes_per_comment"], row["memory_mb_per_million"], file_mb, load_s]]))
    path = write_result(f"bench_duplicates_{len(idx)}", row)
    print(f"edited copies of indexed comments matched: {row['edited_copies_matched']:.1%}; "
          f"real comments not in the index matched: {row['fresh_comments_matched']:.1%}")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
