"""Train the segmenter's caption-vs-paragraph line classifier (``belowtheline/models/segment/captions.json``).

The rules of ``belowtheline.segment`` and the furniture model run first; every article line
they leave as text and that :func:`belowtheline.segment.captions.caption_candidates` looks at
becomes one example when the gold calls it a caption (1) or a body paragraph / subheading (0),
described by :func:`belowtheline.segment.captions.caption_features`.

Most gold captions carry a photographer credit that the rules already catch, so each capture is
also read a second time with the credits taken off its captions ("… on Monday. Photograph: Jo
Bloggs/Agency" → "… on Monday."; a credit line of its own is dropped): the bare descriptions
that remain are positive examples in their real context. Hand-written bare captions
(``training/segment_caption_lines.txt``) and short one-sentence article paragraphs
(``training/segment_caption_prose.txt``) are inserted between two paragraphs of the training
captures and featurised there.

Data and licences: the annotated captures in ``tests/fixtures/segmentation`` except ``seeds/``
(real third-party pages) and the blind folders of ``NEVER_OPENED`` in
``segment_train_furniture.py``; all generated or hand-written for the project.

Run::

    python training/segment_train_captions.py                  # writes the shipped model
    python training/segment_train_captions.py --lofo unseen8   # leave-one-folder-out report
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from random import Random
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

from segment_train_furniture import (  # noqa: E402
    FIXTURES,
    NOT_TRAINED,
    Example,
    _norm,
    evaluate_split,
    fit,
    read_blocks,
    splits_available,
)

from belowtheline.segment import core  # noqa: E402
from belowtheline.segment import patterns as P  # noqa: E402
from belowtheline.segment.captions import (  # noqa: E402
    DEFAULT_CAPTION_MODEL,
    caption_candidates,
    caption_features,
    line_counts,
)
from belowtheline.segment.evaluate import load_gold_dir  # noqa: E402
from belowtheline.segment.furniture import load_model  # noqa: E402

EXTRA_CAPTIONS = ROOT / "training" / "segment_caption_lines.txt"
EXTRA_PROSE = ROOT / "training" / "segment_caption_prose.txt"
FURNITURE_PROSE = ROOT / "training" / "segment_prose_lines.txt"
DEFAULT_LOFO = ("unseen7", "unseen8")

#: Where a credit starts inside a caption line: after the description's full stop, or at a label.
_CREDIT_TAIL = re.compile(
    r"(?<=[.!?])\s+(?:[|/–—-]\s*)?(?:\(|\[|(?:photo(?:graph)?|picture|image|pic|credit|illustration|foto)s?\b|courtesy|"
    r"stock|file|handout|getty|reuters|ap photo|afp|epa|alamy|shutterstock|pa\b|©|"
    r"(?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+){0,3}\s*(?:/|$)).*$"
    r"|\s+(?:[|/–—-]\s*)?(?:photo(?:graph)?|picture|image|credit|illustration)s?\s*[:©].*$"
    r"|\s*\((?:photo|image|picture|credit|pic|file)[^)]*\)\s*$",
    re.IGNORECASE,
)


def _prepared(text: str) -> tuple[list[Any], int]:
    """The lines of a capture as the caption model sees them (rules + furniture model), and the comment start."""
    opts = core.SegmentOptions()
    lines, _, _, start, _ = core._analyse(text, opts)
    model = load_model(None)
    if model is not None:
        for i in model.mark(lines, start, skip=core._kept_lines(lines[:start], opts)):
            lines[i].kind = "boilerplate"
    return lines, start


def _first(lines: list[Any], start: int) -> int:
    opts = core.SegmentOptions()
    title_at = core._title_index(lines[:start], opts)
    return core._first_body(lines[:start], after=title_at if title_at is not None else -1)


def _examples(
    text: str, labels: dict[str, int], *, only: Iterable[int] | None = None, unmark: bool = False
) -> list[Example]:
    """Examples of the candidate lines of a capture; with ``unmark``, labelled lines that the rules
    already took for captions are featurised as text lines too (positives the rules also catch)."""
    lines, start = _prepared(text)
    if unmark:
        for line in lines[:start]:
            if line.kind == "caption" and labels.get(_norm(line.text)) == 1:
                line.kind = "text"
    first = _first(lines, start)
    skip = core._kept_lines(lines[:start], core.SegmentOptions())
    counts = line_counts(lines)
    wanted = None if only is None else set(only)
    out = []
    for i in caption_candidates(lines, first, start, skip):
        if wanted is not None and i not in wanted:
            continue
        y = labels.get(_norm(lines[i].text))
        if y is not None:
            out.append((caption_features(lines, i, first, start, counts), y))
    return out


def _labels(gold: dict[str, Any]) -> dict[str, int]:
    caps = {_norm(c) for c in gold.get("captions") or []}
    body = {_norm(line) for p in gold.get("paragraphs") or [] for line in p["text"].splitlines() if line.strip()}
    labels = {b: 0 for b in body - caps}
    labels.update({c: 1 for c in caps - body})
    return labels


def bare_caption(caption: str) -> str | None:
    """The description of a caption without its credit, or None when nothing would remain."""
    stripped = _CREDIT_TAIL.sub("", caption.strip()).strip(" |–—-")
    if stripped == caption.strip() or len(stripped.split()) < 3:
        return None
    return stripped if stripped.endswith((".", "!", "?", ")")) else stripped + "."


def stripped_variant(text: str, gold: dict[str, Any]) -> tuple[str, set[str]]:
    """The capture with the credits taken off its captions, and the bare descriptions (normalised)."""
    caps = [c for c in gold.get("captions") or [] if c.strip()]
    out_lines: list[str] = []
    bare: set[str] = set()
    cap_norm = {_norm(c) for c in caps}
    for raw in text.split("\n"):
        key = _norm(raw)
        if key in cap_norm:
            if P.CAPTION_CREDIT.match(raw.strip()) and len(raw.split()) <= 8:
                continue  # a credit line of its own
            b = bare_caption(raw)
            if b is not None:
                bare.add(_norm(b))
                indent = raw[: len(raw) - len(raw.lstrip())]
                out_lines.append(indent + b)
                continue
            if not P.CAPTION.match(raw.strip()):
                bare.add(key)  # already bare
        out_lines.append(raw)
    return "\n".join(out_lines), bare


def split_examples(split: str) -> tuple[list[Example], list[str]]:
    out: list[Example] = []
    texts = []
    for path, gold in load_gold_dir(FIXTURES / split):
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        labels = _labels(gold)
        out.extend(_examples(text, labels))
        variant, bare = stripped_variant(text, gold)
        if bare:
            out.extend(_examples(variant, {b: 1 for b in bare}, unmark=True))
    return out, texts


def inserted_examples(
    blocks: Sequence[Sequence[str]], label: int, hosts: Sequence[str], rng: Random, *, copies: int = 1
) -> list[Example]:
    """Insert each one-line entry between two paragraphs of a random host's article and featurise it there."""
    out: list[Example] = []
    opts = core.SegmentOptions()
    for block in blocks:
        if len(block) != 1:
            continue
        for _ in range(copies):
            host = hosts[rng.randrange(len(hosts))]
            lines, _, _, start, _ = core._analyse(host, opts)
            first = _first(lines, start)
            spots = [
                k
                for k in range(first + 1, start)
                if lines[k - 1].kind == "text"
                and len(lines[k - 1].text.split()) >= 10
                and lines[k].kind == "text"
                and len(lines[k].text.split()) >= 10
            ]
            if not spots:
                continue
            at = spots[rng.randrange(len(spots))]
            tight = lines[at].blank_before == 0
            chunk = block[0] + ("\n" if tight else "\n\n")
            offset = lines[at].start
            text = host[:offset] + chunk + host[offset:]
            new_lines = core._read_lines(text)[0]
            wanted = [i for i, ln in enumerate(new_lines) if offset <= ln.start < offset + len(chunk)]
            out.extend(_examples(text, {_norm(block[0]): label}, only=wanted, unmark=True))
    return out


def build(train_splits: Sequence[str], *, extra: bool = True, seed: int = 17) -> tuple[Any, dict[str, int]]:
    examples: list[Example] = []
    hosts: list[str] = []
    for split in train_splits:
        ex, texts = split_examples(split)
        examples.extend(ex)
        hosts.extend(texts)
    stats = {"fixture_examples": len(examples), "fixture_captions": sum(y for _, y in examples)}
    if extra:
        rng = Random(seed)
        caps = inserted_examples(read_blocks(EXTRA_CAPTIONS), 1, hosts, rng, copies=2)
        prose = inserted_examples(read_blocks(EXTRA_PROSE), 0, hosts, rng, copies=2)
        prose += inserted_examples(read_blocks(FURNITURE_PROSE), 0, hosts, rng, copies=1)
        examples += caps + prose
        stats.update(extra_captions=len(caps), extra_prose=len(prose))
    model = fit(examples, c=0.3)
    return model, stats


def _row(s: Any) -> dict[str, Any]:
    return {
        "body_f1": s.body_f1,
        "caption_exact": s.caption_exact,
        "subheading_f1": s.subheading_f1,
        "leaks": s.boilerplate_leaks,
        "comment_f1": s.comment_f1,
    }


def lofo(held: Sequence[str], *, extra: bool = True) -> dict[str, Any]:
    report: dict[str, Any] = {}
    available = splits_available()
    for split in held:
        train = [s for s in available if s != split and s not in NOT_TRAINED]
        model, stats = build(train, extra=extra)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "captions.json"
            path.write_text(json.dumps(model.to_dict()), encoding="utf-8")
            before = evaluate_split(split, core.SegmentOptions(caption_model=False))
            after = evaluate_split(split, core.SegmentOptions(caption_model_path=str(path)))
        report[split] = {"train": train, **stats, "without": _row(before), "with": _row(after)}
        print(
            f"{split:12s} without: body {before.body_f1:.3f} captions {before.caption_exact:.3f} "
            f"subhead {before.subheading_f1:.3f} | with: body {after.body_f1:.3f} captions "
            f"{after.caption_exact:.3f} subhead {after.subheading_f1:.3f}",
            flush=True,
        )
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_CAPTION_MODEL)
    ap.add_argument("--exclude", nargs="*", default=[], help="folders not to train on")
    ap.add_argument("--no-extra", action="store_true", help="without the hand-written line files")
    ap.add_argument("--lofo", nargs="*", default=None, metavar="SPLIT", help="leave-one-folder-out report")
    ap.add_argument("--report", type=Path, default=None, help="write the --lofo report as JSON here")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    if args.lofo is not None:
        report = lofo(args.lofo or DEFAULT_LOFO, extra=not args.no_extra)
        if args.report:
            args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return 0
    train = [s for s in splits_available() if s not in NOT_TRAINED and s not in args.exclude]
    model, stats = build(train, extra=not args.no_extra)
    payload = {
        "name": "segment.captions",
        "version": 1,
        "trained_on": train,
        **stats,
        "features": len(model.weights),
        **model.to_dict(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(
        f"trained on {train}: {stats}; {len(model.weights)} weights -> {args.out} "
        f"({args.out.stat().st_size / 1024:.0f} KB) in {time.perf_counter() - start:.0f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
