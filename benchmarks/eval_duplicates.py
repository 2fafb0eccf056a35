"""Copy-paste groups: pairwise precision / recall / F1 on constructed near-duplicates.

Real news comments (Civil Comments posts from ``../shared/data/toxic_spans``,
CC0) are cut into comment sections of 40; into each section we put two
constructed groups (a source comment from the same pool plus 1-3 variants)
of one of six kinds — exact copies, small edits (typos, dropped words,
punctuation), word/sentence reorderings, name swaps, an added or removed
sentence, a URL appended — and two pairs of identical very short comments
("Agreed.", "+1"), which must *not* be grouped.

The pool is split in two by a hash of each comment's text: ``dev`` (the
options were tuned on it) and ``test`` (reported). Scores are pairwise: a
pair of comments is a true positive when both are in one constructed group
and the grouper put them together. Pairs the grouper finds between two
unrelated real comments count as false positives (the pool is deduplicated
only for exact copies, so a few of them are real near-duplicates of the
corpus; ``--show-unplanned`` prints them).

Two settings: within a thread (stage ``duplicates.minhash.v1``, exact
verification) and across a corpus (one :class:`DuplicateIndex` holding every
comment of the split, queried with each; verification on signatures).

Run: python benchmarks/eval_duplicates.py [--grid] [--show-unplanned] [--write-baseline]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import table, write_result  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TOXIC_SPANS = DATA / "toxic_spans"

KINDS = ("exact", "small_edits", "reorder", "name_swap", "add_remove_sentence", "url_appended")
SHORT = ("Agreed.", "+1", "Well said!", "So true.", "This.", "Exactly!", "lol", "Thank you!", "Nonsense.", "Yes!")
NAMES = ("Laymond Ree", "Big Rooster", "Trump", "Biden", "Macron", "Sarah", "Mr. Smith", "Putin", "Zelensky",
         "Angela", "Dave", "Priya", "Ms. Okafor", "Trudeau", "Kevin", "Boris", "Justin", "Maria")
URLS = ("https://bit.ly/3xYz9Qa", "http://www.truth-news.example/article/12345?ref=fb",
        "https://youtu.be/dQw4w9WgXcQ", "www.example.org/read-this", "https://t.co/AbCdEf123")
SECTION = 40


@dataclass
class Section:
    texts: list[str]
    group: list[str | None]  # constructed group id of each comment (None: real background comment)
    kind: dict[str, str]  # group id -> construction kind
    short: list[int]  # indices of the very short copies


def available() -> bool:
    return (TOXIC_SPANS / "semeval2021" / "tsd_train.csv").is_file()


def load_pool() -> list[str]:
    """Distinct (after normalisation) comments of the toxic_spans tables."""
    from belowtheline.comments._shingles import normalise

    csv.field_size_limit(10_000_000)
    texts: list[str] = []
    for name in ("tsd_train.csv", "tsd_trial.csv", "tsd_test.csv"):
        with open(TOXIC_SPANS / "semeval2021" / name, encoding="utf-8", newline="") as f:
            texts += [row["text"] for row in csv.DictReader(f)]
    raw = TOXIC_SPANS / "acl2022_raw" / "comments.csv"
    if raw.is_file():
        with open(raw, encoding="utf-8", newline="") as f:
            texts += [row["comment_text"] for row in csv.DictReader(f)]
    seen: set[str] = set()
    pool = []
    for t in texts:
        t = t.strip()
        key = normalise(t)
        if key and key not in seen:
            seen.add(key)
            pool.append(t)
    return pool


def split(pool: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"dev": [], "test": []}
    for t in pool:
        h = hashlib.blake2b(t.encode("utf-8"), digest_size=2).digest()[0]
        out["dev" if h % 2 == 0 else "test"].append(t)
    return out


# --------------------------------------------------------------------------- constructions

_SENT = re.compile(r"(?<=[.!?])\s+(?=\S)")


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text.strip()) if s]


def small_edits(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    out, edits = [], 0
    for w in words:
        r = rng.random()
        if r < 0.04 and len(w) > 3:  # typo
            i = rng.randrange(1, len(w) - 1)
            op = rng.choice(("swap", "drop", "double", "sub"))
            if op == "swap":
                w = w[: i - 1] + w[i] + w[i - 1] + w[i + 1 :]
            elif op == "drop":
                w = w[:i] + w[i + 1 :]
            elif op == "double":
                w = w[:i] + w[i] + w[i:]
            else:
                w = w[:i] + rng.choice("aeiourstn") + w[i + 1 :]
            edits += 1
        elif r < 0.07:  # dropped word
            edits += 1
            continue
        elif r < 0.09:  # inserted word
            out.append(rng.choice(("really", "just", "very", "so", "totally", "all")))
            edits += 1
        out.append(w)
    text2 = " ".join(out)
    if rng.random() < 0.5:
        text2 = text2.replace(". ", "! ", 1).replace(",", " ,", 1)
    if edits == 0 or text2 == text:
        text2 = text2.rstrip(".!?") + rng.choice(("!!", "...", " lol", "?"))
    return text2


def reorder(text: str, rng: random.Random) -> str:
    sents = sentences(text)
    if len(sents) >= 2:
        for _ in range(10):
            s2 = sents[:]
            rng.shuffle(s2)
            if s2 != sents:
                return " ".join(s2)
    clauses = [c.strip() for c in text.split(",") if c.strip()]
    if len(clauses) >= 2:
        rng.shuffle(clauses)
        return ", ".join(clauses)
    words = text.split()
    cut = max(1, len(words) // 3)
    return " ".join(words[cut:] + words[:cut])


_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{2,}(?: [A-Z][a-z]+)?")


def name_swap(text: str, rng: random.Random) -> str:
    found = list(dict.fromkeys(_NAME.findall(text)))
    if found:
        for old in found[:2]:
            text = text.replace(old, rng.choice([n for n in NAMES if n != old]))
        return text
    return f"{rng.choice(NAMES)}, {text[:1].lower()}{text[1:]}"


def add_remove_sentence(text: str, rng: random.Random, pool: list[str]) -> str:
    sents = sentences(text)
    if len(sents) >= 3 and rng.random() < 0.5:
        del sents[rng.randrange(len(sents))]
        return " ".join(sents)
    while True:
        other = sentences(rng.choice(pool))
        if other and 4 <= len(other[0].split()) <= 25:
            break
    return " ".join([other[0], *sents] if rng.random() < 0.3 else [*sents, other[0]])


def url_appended(text: str, rng: random.Random) -> str:
    return f"{text} {rng.choice(('', 'See ', 'More here: '))}{rng.choice(URLS)}"


def make_variant(kind: str, text: str, rng: random.Random, pool: list[str]) -> str:
    if kind == "exact":
        return text
    if kind == "small_edits":
        return small_edits(text, rng)
    if kind == "reorder":
        return reorder(text, rng)
    if kind == "name_swap":
        return name_swap(text, rng)
    if kind == "add_remove_sentence":
        return add_remove_sentence(text, rng, pool)
    return url_appended(text, rng)


def eligible_source(text: str) -> bool:
    n = len(text.split())
    return 6 <= n <= 250


def build_sections(pool: list[str], n_sections: int, seed: int) -> list[Section]:
    rng = random.Random(seed)
    sources = [t for t in pool if eligible_source(t)]
    sections = []
    for s in range(n_sections):
        texts = rng.sample(pool, SECTION)
        group: list[str | None] = [None] * len(texts)
        kinds: dict[str, str] = {}
        for g in range(2):
            kind = KINDS[(2 * s + g) % len(KINDS)]
            src = rng.choice(sources)
            while src in texts:
                src = rng.choice(sources)
            gid = f"s{s}g{g}"
            kinds[gid] = kind
            members = [src] + [make_variant(kind, src, rng, pool) for _ in range(rng.choice((1, 1, 2, 3)))]
            for m in members:
                pos = rng.randrange(len(texts) + 1)
                texts.insert(pos, m)
                group.insert(pos, gid)
        for _ in range(2):
            t = rng.choice(SHORT)
            for _ in range(2):
                pos = rng.randrange(len(texts) + 1)
                texts.insert(pos, t)
                group.insert(pos, None)
        short = [i for i, t in enumerate(texts) if t in SHORT]
        sections.append(Section(texts, group, kinds, short))
    return sections


# --------------------------------------------------------------------------- scoring


def score(sections: list[Section], predict: Callable[[list[str]], list[list[int]]]) -> dict[str, Any]:
    """Pairwise P/R/F1 per construction kind, overall, and false pairs among short copies."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    unplanned: list[tuple[str, str]] = []
    short_pairs = 0
    for sec in sections:
        pred_pairs = {p for g in predict(sec.texts) for p in combinations(sorted(g), 2)}
        gold_pairs = {
            (i, j) for i, j in combinations(range(len(sec.texts)), 2) if sec.group[i] and sec.group[i] == sec.group[j]
        }
        for i, j in gold_pairs:
            kind = sec.kind[sec.group[i] or ""]
            (tp if (i, j) in pred_pairs else fn)[kind] += 1
        for i, j in pred_pairs - gold_pairs:
            gi, gj = sec.group[i], sec.group[j]
            kind = sec.kind.get(gi or gj or "", "background")
            fp[kind] += 1
            if i in sec.short or j in sec.short:
                short_pairs += 1
            elif kind == "background":
                unplanned.append((sec.texts[i], sec.texts[j]))
    rows = {}
    for kind in (*KINDS, "background", "all"):
        t = sum(tp.values()) if kind == "all" else tp[kind]
        f_p = sum(fp.values()) if kind == "all" else fp[kind]
        f_n = sum(fn.values()) if kind == "all" else fn[kind]
        p = t / (t + f_p) if t + f_p else 1.0
        r = t / (t + f_n) if t + f_n else (1.0 if kind != "background" else float("nan"))
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows[kind] = {"pairs": t + f_n, "tp": t, "fp": f_p, "fn": f_n, "precision": p, "recall": r, "f1": f1}
    return {"by_kind": rows, "short_copy_pairs_grouped": short_pairs, "unplanned": unplanned}


def within_thread(options: Any) -> Callable[[list[str]], list[list[int]]]:
    from belowtheline.comments.duplicates import find_duplicate_groups

    def predict(texts: list[str]) -> list[list[int]]:
        return [[m for m, _, _ in g] for g in find_duplicate_groups(texts, options=options)]

    return predict


def across_corpus(sections: list[Section], options: Any) -> Callable[[list[str]], list[list[int]]]:
    """Index every comment of every section, then group each section's comments by index matches."""
    from belowtheline.comments.duplicates import DuplicateIndex

    idx = DuplicateIndex(options=options)
    for s, sec in enumerate(sections):
        for i, t in enumerate(sec.texts):
            idx.add(f"{s}/{i}", t)
    by_text = {id(sec.texts): s for s, sec in enumerate(sections)}

    def predict(texts: list[str]) -> list[list[int]]:
        s = by_text[id(texts)]
        groups = []
        for i, t in enumerate(texts):
            for m in idx.query(t):
                ms, _, mi = m.id.partition("/")
                if int(ms) == s and int(mi) != i:
                    groups.append([i, int(mi)])
        return groups

    return predict


def print_table(title: str, result: dict[str, Any]) -> None:
    print(title)
    rows = []
    for kind, r in result["by_kind"].items():
        if kind == "background":
            rows.append([kind + " (false pairs)", "-", r["fp"], "-", "-", "-"])
            continue
        rows.append([kind, r["pairs"], r["fp"], r["precision"], r["recall"], r["f1"]])
    print(table(["construction", "gold pairs", "false pairs", "precision", "recall", "F1"], rows))
    print(f"short identical comments ('Agreed.', '+1', ...) grouped: {result['short_copy_pairs_grouped']} pairs\n")


def grid(sections: list[Section]) -> list[dict[str, Any]]:
    from belowtheline.comments.duplicates import DuplicateOptions

    out = []
    for k in (4, 5, 6):
        for th in (0.4, 0.45, 0.5, 0.55, 0.6):
            for cont in (0.7, 0.8, 0.9):
                o = DuplicateOptions(shingle=k, threshold=th, containment=cont)
                r = score(sections, within_thread(o))["by_kind"]["all"]
                out.append({"shingle": k, "threshold": th, "containment": cont, **r})
                print(f"k={k} t={th} c={cont}: P={r['precision']:.4f} R={r['recall']:.4f} F1={r['f1']:.4f}",
                      file=sys.stderr)
    return out


def evaluate(split_name: str = "test", n_sections: int = 300, corpus: bool = True) -> dict[str, Any]:
    """Score the default options on one split (used by the gate test)."""
    from belowtheline.comments.duplicates import DuplicateOptions

    pool = split(load_pool())[split_name]
    sections = build_sections(pool, n_sections, seed=7 if split_name == "test" else 3)
    o = DuplicateOptions()
    res = {"within_thread": score(sections, within_thread(o))}
    if corpus:
        res["across_corpus"] = score(sections, across_corpus(sections, o))
    res["data_hash"] = data_hash(sections)
    return res


def data_hash(sections: Iterable[Section]) -> str:
    h = hashlib.sha256()
    for sec in sections:
        for t in sec.texts:
            h.update(t.encode("utf-8") + b"\0")
    return h.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grid", action="store_true", help="tune shingle / thresholds on the dev split")
    ap.add_argument("--sections", type=int, default=300)
    ap.add_argument("--show-unplanned", action="store_true")
    ap.add_argument("--write-baseline", action="store_true",
                    help="rewrite benchmarks/duplicates_baseline.json from this run (the explicit step that "
                         "lowers or raises the gate's floors)")
    args = ap.parse_args(argv)
    if not available():
        print(f"eval_duplicates: skipped, the toxic_spans data is not at {TOXIC_SPANS}")
        return 0
    from belowtheline.comments.duplicates import DuplicateOptions

    splits = split(load_pool())
    payload: dict[str, Any] = {"options": DuplicateOptions().to_json(), "pool": {k: len(v) for k, v in splits.items()}}
    if args.grid:
        dev = build_sections(splits["dev"], args.sections, seed=3)
        payload["grid_dev"] = grid(dev)
    for name, seed in (("dev", 3), ("test", 7)):
        sections = build_sections(splits[name], args.sections, seed=seed)
        o = DuplicateOptions()
        for setting, predict in (("within_thread", within_thread(o)),
                                 ("across_corpus", across_corpus(sections, o))):
            res = score(sections, predict)
            print_table(f"{name} split, {setting} ({len(sections)} sections of {SECTION}+ real comments)", res)
            if args.show_unplanned:
                for a, b in res["unplanned"][:20]:
                    print("  UNPLANNED:", a[:100].replace("\n", " "), "||", b[:100].replace("\n", " "))
            payload[f"{name}_{setting}"] = {
                "by_kind": res["by_kind"], "short_copy_pairs_grouped": res["short_copy_pairs_grouped"],
                "data_hash": data_hash(sections),
            }
    path = write_result("eval_duplicates", payload)
    print(f"wrote {path}")
    if args.write_baseline:
        print(f"wrote {write_baseline(payload, args.sections)}")
    return 0


BASELINE = Path(__file__).resolve().parent / "duplicates_baseline.json"
MARGIN = 0.01  # floors sit this far under the measured value, so run-to-run noise does not fail the gate


def write_baseline(payload: dict[str, Any], n_sections: int) -> Path:
    import json

    floors: dict[str, Any] = {}
    for setting in ("within_thread", "across_corpus"):
        by_kind = payload[f"test_{setting}"]["by_kind"]
        floors[setting] = {
            kind: {m: round(max(0.0, by_kind[kind][m] - MARGIN), 3) for m in ("precision", "recall", "f1")}
            for kind in (*KINDS, "all")
        }
    baseline = {
        "what": "Floors of tests/comments/test_duplicates_gate.py: pairwise precision / recall / F1 of "
                "copy-paste groups on the test split of benchmarks/eval_duplicates.py. Change them only "
                "by re-running `python benchmarks/eval_duplicates.py --write-baseline` and saying why in "
                "the commit.",
        "split": "test",
        "sections": n_sections,
        "data_hash": payload["test_within_thread"]["data_hash"],
        "options": payload["options"],
        "max_short_copy_pairs_grouped": 0,
        "floors": floors,
    }
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return BASELINE


if __name__ == "__main__":
    raise SystemExit(main())
