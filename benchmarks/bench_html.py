"""Benchmark the HTML reader against trafilatura, side by side in one run.

Systems:

* ``trafilatura``       ``trafilatura.extract(html)`` with its default settings
                        (which include comments in the output);
* ``traf_no_comments``  ``trafilatura.extract(html, include_comments=False)``;
* ``belowtheline``      :func:`belowtheline.ingest.html.read_html` — article
                        paragraphs as the body, comments apart.

Data (from ``../shared/data``, read in place, never extracted into the repo):

* ``scrapinghub_article_extraction_benchmark`` — 181 pages with gold
  ``articleBody``: body precision / recall / F1.
* ``dragnet_content_comments`` test split (``test.txt``) — gold text where the
  part after ``!@#$%^&*()  COMMENTS`` is the comments: body P/R/F1 against
  the article part; on pages with comments, *leakage* (share of gold comment
  tokens that turn up in the extracted body beyond what the gold article
  accounts for) and, for belowtheline, comment *recall* (share of gold
  comment tokens found in the extracted comments: author, time and text) and
  comment precision.

Tokens are lower-cased ``\\w+`` runs compared as multisets (bags), per page,
then averaged over pages (macro). Leakage on page p is
``|C ∩ (B − A)| / |C|`` with C, B, A the bags of gold comment, extracted
body and gold article tokens, so common words the article also uses do not
count as leaks.

Usage::

    python benchmarks/bench_html.py [--limit N] [--split test|training] [--no-write]

Prints a table and writes ``benchmarks/results/html.json``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import tarfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
SCRAPINGHUB = DATA / "scrapinghub_article_extraction_benchmark"
DRAGNET = DATA / "dragnet_content_comments"
RESULTS = ROOT / "benchmarks" / "results" / "html.json"
MARKER = "!@#$%^&*()  COMMENTS"
SYSTEMS = ("trafilatura", "traf_no_comments", "belowtheline")

_TOKEN = re.compile(r"\w+")


# --- data ------------------------------------------------------------------------


@dataclass(slots=True)
class Page:
    id: str
    html: str
    article: str
    comments: str = ""


def data_available() -> list[str]:
    """Names of the missing data files (empty when everything is there)."""
    need = [
        SCRAPINGHUB / "ground-truth.json",
        SCRAPINGHUB / "html",
        DRAGNET / "dragnet_HTML.tar.gz",
        DRAGNET / "dragnet_Corrected.tar.gz",
        DRAGNET / "test.txt",
    ]
    return [str(p) for p in need if not p.exists()]


def _decode(data: bytes) -> str:
    from belowtheline.ingest.decode import decode

    return decode(data).text


def scrapinghub_ids(limit: int | None = None) -> list[str]:
    gold = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)
    return ids[:limit] if limit else ids


def scrapinghub_pages(ids: list[str]) -> Iterator[Page]:
    gold = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    for item in ids:
        raw = gzip.decompress((SCRAPINGHUB / "html" / f"{item}.html.gz").read_bytes())
        yield Page(item, _decode(raw), gold[item]["articleBody"])


def dragnet_split(split: str = "test") -> list[str]:
    return (DRAGNET / f"{split}.txt").read_text(encoding="utf-8").split()


def _read_members(path: Path, wanted: dict[str, str]) -> dict[str, bytes]:
    """Members of a tarball by id, streaming it once (``wanted``: member name -> id)."""
    out: dict[str, bytes] = {}
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            key = wanted.get(member.name)
            if key is not None and member.isfile():
                fh = tar.extractfile(member)
                if fh is not None:
                    out[key] = fh.read()
    return out


def dragnet_gold(ids: list[str]) -> dict[str, tuple[str, str]]:
    """Gold (article, comments) text per id."""
    names = {f"Corrected/{i}.html.corrected.txt": i for i in ids}
    gold = {}
    for key, raw in _read_members(DRAGNET / "dragnet_Corrected.tar.gz", names).items():
        text = raw.decode("utf-8", "replace")
        article, _, comments = text.partition(MARKER)
        gold[key] = (article, comments)
    return gold


def dragnet_pages(ids: list[str], gold: dict[str, tuple[str, str]] | None = None) -> list[Page]:
    gold = gold if gold is not None else dragnet_gold(ids)
    html = _read_members(DRAGNET / "dragnet_HTML.tar.gz", {f"HTML/{i}.html": i for i in ids})
    return [Page(i, _decode(html[i]), *gold[i]) for i in ids if i in html and i in gold]


def dragnet_comment_ids(split: str = "test", limit: int | None = None) -> list[str]:
    """Ids of the split whose gold text has a comments part, in split order."""
    ids = dragnet_split(split)
    gold = dragnet_gold(ids)
    with_comments = [i for i in ids if i in gold and tokens(gold[i][1])]
    return with_comments[:limit] if limit else with_comments


def ids_sha256(ids: list[str]) -> str:
    return hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()


# --- systems ---------------------------------------------------------------------


@dataclass(slots=True)
class Output:
    body: str
    comments: str = ""
    n_comments: int = 0
    title: str = ""


def run_trafilatura(html: str) -> Output:
    import trafilatura

    return Output(trafilatura.extract(html) or "")


def run_traf_no_comments(html: str) -> Output:
    import trafilatura

    return Output(trafilatura.extract(html, include_comments=False) or "")


def run_belowtheline(html: str) -> Output:
    from belowtheline.document import Source
    from belowtheline.errors import FormatError
    from belowtheline.ingest.html import read_html

    try:
        doc = read_html(html, source=Source(format="html"))
    except FormatError:
        return Output("")
    parts: list[str] = []
    for c in doc.comments:
        parts.extend(x for x in (c.author, c.timestamp, c.text) if x)
    return Output(doc.article.body, "\n".join(parts), len(doc.comments), doc.article.title or "")


RUNNERS: dict[str, Callable[[str], Output]] = {
    "trafilatura": run_trafilatura,
    "traf_no_comments": run_traf_no_comments,
    "belowtheline": run_belowtheline,
}


# --- metrics ---------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def prf(pred: Counter[str], gold: Counter[str]) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1 (0 when either side is empty)."""
    if not pred or not gold:
        return 0.0, 0.0, 0.0
    hit = sum((pred & gold).values())
    p = hit / sum(pred.values())
    r = hit / sum(gold.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def leakage(body: Counter[str], article: Counter[str], comments: Counter[str]) -> float:
    """Share of gold comment tokens found in the body beyond the gold article's."""
    total = sum(comments.values())
    if not total:
        return 0.0
    extra = body - article
    return sum((extra & comments).values()) / total


@dataclass
class Scores:
    n: int = 0
    p: list[float] = field(default_factory=list)
    r: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    f1_title: list[float] = field(default_factory=list)
    leak: list[float] = field(default_factory=list)
    c_recall: list[float] = field(default_factory=list)
    c_precision: list[float] = field(default_factory=list)
    found: int = 0
    false_threads: int = 0
    no_comment_pages: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        def mean(xs: list[float]) -> float | None:
            return round(sum(xs) / len(xs), 4) if xs else None

        out: dict[str, Any] = {
            "pages": self.n,
            "body_precision": mean(self.p),
            "body_recall": mean(self.r),
            "body_f1": mean(self.f1),
            "body_f1_with_title": mean(self.f1_title),
            "seconds": round(self.seconds, 2),
            "ms_per_page": round(1000 * self.seconds / self.n, 1) if self.n else None,
        }
        if self.leak:
            out["pages_with_comments"] = len(self.leak)
            out["comment_leakage"] = mean(self.leak)
        if self.c_recall:
            out["comment_recall"] = mean(self.c_recall)
            out["comment_precision"] = mean(self.c_precision)
            out["threads_found"] = self.found
            out["comments_on_pages_without"] = self.false_threads
            out["pages_without_comments"] = self.no_comment_pages
        return out


def evaluate(pages: list[Page], systems: tuple[str, ...] = SYSTEMS,
             *, dragnet: bool = False) -> dict[str, Scores]:
    """Score each system on ``pages``; ``dragnet`` adds the comment measures."""
    scores = {name: Scores() for name in systems}
    for page in pages:
        gold_a = Counter(tokens(page.article))
        gold_c = Counter(tokens(page.comments))
        for name in systems:
            t0 = time.perf_counter()
            out = RUNNERS[name](page.html)
            s = scores[name]
            s.seconds += time.perf_counter() - t0
            s.n += 1
            body = Counter(tokens(out.body))
            if gold_a:
                p, r, f1 = prf(body, gold_a)
                s.p.append(p)
                s.r.append(r)
                s.f1.append(f1)
                if out.title:
                    # Our headline is kept apart in article.title; Dragnet's gold includes it.
                    s.f1_title.append(prf(body + Counter(tokens(out.title)), gold_a)[2])
                elif name == "belowtheline":
                    s.f1_title.append(f1)
            if not dragnet:
                continue
            if gold_c:
                s.leak.append(leakage(body, gold_a, gold_c))
            if name == "belowtheline":
                ours = Counter(tokens(out.comments))
                if gold_c:
                    cp, cr, _ = prf(ours, gold_c)
                    s.c_recall.append(cr)
                    s.c_precision.append(cp if ours else 0.0)
                    s.found += out.n_comments > 0
                else:
                    s.no_comment_pages += 1
                    s.false_threads += out.n_comments > 0
    return scores


# --- quality gate ----------------------------------------------------------------

BASELINE = ROOT / "benchmarks" / "html_baseline.json"
GATE_PAGES = 40
#: How far below the measured value a new floor is set (ceiling above, for leakage).
GATE_MARGIN = {"body_f1": 0.02, "comment_recall": 0.03, "comment_leakage": 0.015}


def gate_ids() -> dict[str, list[str]]:
    """The fixed gate subset: the first Dragnet test pages with comments, the first
    scrapinghub pages (sorted ids)."""
    return {
        "dragnet_test_with_comments": dragnet_comment_ids("test", GATE_PAGES),
        "scrapinghub": scrapinghub_ids(GATE_PAGES),
    }


def gate_measure(ids: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """belowtheline's measures on the gate subset."""
    dn = evaluate(dragnet_pages(ids["dragnet_test_with_comments"]), ("belowtheline",),
                  dragnet=True)["belowtheline"].summary()
    sh = evaluate(list(scrapinghub_pages(ids["scrapinghub"])),
                  ("belowtheline",))["belowtheline"].summary()
    return {"dragnet_test_with_comments": dn, "scrapinghub": sh}


def write_baseline(*, allow_lower: bool = False) -> dict[str, Any]:
    """Measure the gate subset and write floors to ``html_baseline.json``.

    Raises:
        SystemExit: a floor would get worse and ``allow_lower`` is not set.
    """
    ids = gate_ids()
    measured = gate_measure(ids)
    old = json.loads(BASELINE.read_text("utf-8")) if BASELINE.exists() else {}
    out: dict[str, Any] = {
        "description": "Floors for tests/ingest/test_html_gate.py (belowtheline's HTML reader on "
                       "a fixed subset). Rewrite with: python benchmarks/bench_html.py "
                       "--write-baseline (add --allow-lower to lower a floor).",
        "trafilatura_version": _traf_version(),
    }
    for name, m in measured.items():
        floors = {"body_f1_min": round(m["body_f1"] - GATE_MARGIN["body_f1"], 3)}
        if "comment_recall" in m:
            floors["comment_recall_min"] = round(m["comment_recall"] - GATE_MARGIN["comment_recall"], 3)
            floors["comment_leakage_max"] = round(
                m["comment_leakage"] + GATE_MARGIN["comment_leakage"], 3)
        before = (old.get(name) or {}).get("floors", {})
        for key, value in floors.items():
            prev = before.get(key)
            worse = prev is not None and (value > prev if key.endswith("_max") else value < prev)
            if worse and not allow_lower:
                raise SystemExit(f"Error: {name}.{key} would go from {prev} to {value}; "
                                 "pass --allow-lower to accept a lower floor")
        out[name] = {"pages": len(ids[name]), "ids_sha256": ids_sha256(ids[name]),
                     "ids": ids[name], "measured": m, "floors": floors}
    BASELINE.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


def _traf_version() -> str:
    import trafilatura

    return str(trafilatura.__version__)


# --- report ----------------------------------------------------------------------


def _fmt(x: Any) -> str:
    return "   -  " if x is None else f"{x:6.3f}" if isinstance(x, float) else str(x)


def table(results: dict[str, dict[str, dict[str, Any]]]) -> str:
    head = (f"{'dataset':<22}{'system':<18}{'pages':>6}{'P':>8}{'R':>8}{'F1':>8}"
            f"{'leak':>8}{'c.rec':>8}{'c.prec':>8}{'ms/pg':>8}")
    lines = [head, "-" * len(head)]
    for dataset, systems in results.items():
        for name, s in systems.items():
            lines.append(
                f"{dataset:<22}{name:<18}{s['pages']:>6}{_fmt(s['body_precision']):>8}"
                f"{_fmt(s['body_recall']):>8}{_fmt(s['body_f1']):>8}"
                f"{_fmt(s.get('comment_leakage')):>8}{_fmt(s.get('comment_recall')):>8}"
                f"{_fmt(s.get('comment_precision')):>8}{_fmt(s['ms_per_page']):>8}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="use the first N pages of each set")
    parser.add_argument("--split", default="test", choices=("test", "training"),
                        help="Dragnet split (default: test)")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help=f"comma-separated subset of {','.join(SYSTEMS)}")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    parser.add_argument("--write-baseline", action="store_true",
                        help=f"measure the gate subset and rewrite {BASELINE.name}")
    parser.add_argument("--allow-lower", action="store_true",
                        help="with --write-baseline: accept floors lower than the current ones")
    args = parser.parse_args(argv)
    missing = data_available()
    if missing:
        print("skipping the HTML benchmark: shared data not found:\n  " + "\n  ".join(missing),
              file=sys.stderr)
        return 0
    if args.write_baseline:
        base = write_baseline(allow_lower=args.allow_lower)
        for name in ("dragnet_test_with_comments", "scrapinghub"):
            print(f"{name}: floors {base[name]['floors']}")
        print(f"wrote {BASELINE.relative_to(ROOT)}")
        return 0
    systems = tuple(s for s in args.systems.split(",") if s)
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems {sorted(unknown)}; choose from {', '.join(SYSTEMS)}")

    import trafilatura

    t0 = time.perf_counter()
    results: dict[str, dict[str, dict[str, Any]]] = {}
    sh_ids = scrapinghub_ids(args.limit)
    sh = evaluate(list(scrapinghub_pages(sh_ids)), systems)
    results["scrapinghub"] = {k: v.summary() for k, v in sh.items()}
    dn_ids = dragnet_split(args.split)[: args.limit] if args.limit else dragnet_split(args.split)
    dn = evaluate(dragnet_pages(dn_ids), systems, dragnet=True)
    results[f"dragnet_{args.split}"] = {k: v.summary() for k, v in dn.items()}
    elapsed = time.perf_counter() - t0

    print(table(results))
    for dataset, systems_ in results.items():
        ours = systems_.get("belowtheline", {})
        if ours.get("body_f1_with_title") is not None:
            print(f"{dataset}: belowtheline body F1 counting article.title as body text: "
                  f"{ours['body_f1_with_title']:.3f}")
    print(f"\n{elapsed:.1f} s in all; trafilatura {trafilatura.__version__}")
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "benchmark": "html",
            "trafilatura_version": trafilatura.__version__,
            "limit": args.limit,
            "seconds": round(elapsed, 1),
            "ids_sha256": {"scrapinghub": ids_sha256(sh_ids),
                           f"dragnet_{args.split}": ids_sha256(dn_ids)},
            "metric": "bag-of-token (\\w+, lower-cased) P/R/F1 per page, macro-averaged; "
                      "leakage = |gold comments & (body - gold article)| / |gold comments|",
            "results": results,
        }
        RESULTS.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
