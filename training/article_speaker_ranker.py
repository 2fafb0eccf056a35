"""Experiment: a small learned speaker ranker over the rule system's output, cross-validated by folder.

Not shipped (see ``MODEL_CARD.md``, Sessions 4 and 5). For each predicted quote
that matches a gold quote, the candidates are "nobody" (a null speaker), the
rule system's speaker, the previous quote's speaker and every person or
organisation entity mentioned within 1,500 characters before the quote (or 200
after it). A logistic regression scores candidates from surface features (rule
choice, previous speaker, distance, before/after, same paragraph, label,
mention count, cue present, null candidate); the top candidate is the speaker.

Scored leave-one-folder-out over every annotated folder (train on all folders
but one, score the held-out one), against the rules on the same matched quotes,
with the project's speaker scoring (a null gold speaker is right only when the
prediction is null). Session 4 used four folders and scored named gold speakers
only; Session 5 uses all eight folders and every matched quote, so the null
decision is learned too.

Run: python training/article_speaker_ranker.py [--folders dev blind ...]
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from pathlib import Path
from typing import Any

from belowtheline.article._matching import one_to_one
from belowtheline.article.evaluate import _covered, _locate, _norm, _tokens, analyze_text, load_fixtures

ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "article"
FOLDERS = ("dev", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7")
#: The key of the "nobody" candidate.
NULL = "\0null"


def _matched(body: str, gold: dict[str, Any], quotes: list[Any]) -> list[tuple[Any, str | None]]:
    """Predicted quotes paired with their gold speaker, matched as ``evaluate`` matches them."""
    spans = []
    pos = 0
    for g in gold.get("quotes", []):
        sp = _locate(body, g["text"], pos)
        if sp is None:
            continue
        spans.append((g, sp))
        pos = sp[0]
    pairs = []
    for gi, (_, gs) in enumerate(spans):
        toks = _tokens(body, gs)
        for pi, q in enumerate(quotes):
            n = _covered(toks, (q.start, q.end))
            if toks and n * 2 >= len(toks):
                pairs.append((n / len(toks), gi, pi))
    pairs.sort(reverse=True)
    return [(quotes[pi], spans[gi][0].get("speaker")) for gi, pi in one_to_one(pairs)]


def _features(
    rule: str | None,
    cue: str | None,
    prev: str | None,
    counts: Counter[str],
    key: str,
    dist: float,
    after: bool,
    same_para: bool,
    label: str,
) -> list[float]:
    """Features of one candidate speaker (normalised name ``key``, or :data:`NULL`) for one quote."""
    if key == NULL:
        return [1.0 if rule is None else 0.0, 1.0 if prev is None else 0.0, 0, 0, 0, 0, 0, 1.0 if cue else 0.0, 1.0]
    return [
        1.0 if rule and _norm(rule) == key else 0.0,
        1.0 if prev and _norm(prev) == key else 0.0,
        math.log1p(max(dist, 0.0)),
        1.0 if after else 0.0,
        1.0 if same_para else 0.0,
        1.0 if label == "PERSON" else 0.0,
        math.log1p(counts.get(key, 0)),
        1.0 if cue else 0.0,
        0.0,
    ]


def _examples(folder: str) -> list[list[tuple[list[float], bool, bool]]]:
    """Per matched quote: ``[(features, is_gold, is_rule_choice)]`` over its candidates."""
    out = []
    for stem, body, gold in load_fixtures(ROOT / folder):
        doc, _ = analyze_text(body, doc_id=stem)
        ents = [e for e in doc.article.entities if e.label in ("PERSON", "ORG") and e.start is not None]
        counts = Counter(_norm(e.canonical) for e in ents)
        quotes = sorted(doc.article.quotes, key=lambda q: q.start or 0)
        prev_speaker: dict[int, str | None] = {}
        last = None
        for q in quotes:
            prev_speaker[id(q)] = last
            last = q.speaker or last
        for q, gspk in _matched(body, gold, quotes):
            if q.start is None or q.end is None:
                continue
            cands: dict[str, list[float]] = {}
            prev = prev_speaker[id(q)]
            rows = [(q.speaker, 0.0, False, True, "PERSON"), (prev, 2000.0, False, False, "PERSON")]
            for e in ents:
                assert e.start is not None and e.end is not None
                if q.start - 1500 <= e.end <= q.start:
                    d, after = q.start - e.end, False
                elif q.end <= e.start <= q.end + 200:
                    d, after = e.start - q.end, True
                else:
                    continue
                lo, hi = sorted((e.start, q.start))
                rows.append((e.canonical, d, after, "\n\n" not in body[lo:hi], e.label))
            cands[NULL] = _features(q.speaker, q.cue, prev, counts, NULL, 0.0, False, False, "")
            for name, dist, after, same_para, label in rows:
                if not name:
                    continue
                key = _norm(name)
                f = _features(q.speaker, q.cue, prev, counts, key, dist, after, same_para, label)
                if key not in cands or f[2] < cands[key][2]:
                    cands[key] = f
            gold_key = NULL if gspk is None else _norm(gspk)
            rule_key = NULL if q.speaker is None else _norm(q.speaker)
            out.append([(f, k == gold_key, k == rule_key) for k, f in cands.items()])
    return out


def main(argv: list[str] | None = None) -> None:
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folders", nargs="+", default=list(FOLDERS))
    folders = ap.parse_args(argv).folders
    data = {f: _examples(f) for f in folders}
    print(f"{'held out':9} {'quotes':>6} {'rules':>6} {'ranker':>6} {'oracle':>6}")
    tot = [0, 0, 0, 0]
    for held in folders:
        train = [c for f in folders if f != held for quote in data[f] for c in quote]
        x = [f for f, _, _ in train]
        y = [int(g) for _, g, _ in train]
        model = LogisticRegression(max_iter=2000, C=1.0).fit(x, y)
        n = rules = ranker = oracle = 0
        for quote in data[held]:
            n += 1
            rules += any(g and r for _, g, r in quote)
            oracle += any(g for _, g, _ in quote)
            scores = model.predict_proba([f for f, _, _ in quote])[:, 1]
            best = max(range(len(quote)), key=lambda i: scores[i])
            ranker += quote[best][1]
        tot = [tot[0] + n, tot[1] + rules, tot[2] + ranker, tot[3] + oracle]
        print(f"{held:9} {n:6d} {rules / n:6.3f} {ranker / n:6.3f} {oracle / n:6.3f}")
    n = tot[0]
    print(f"{'pooled':9} {n:6d} {tot[1] / n:6.3f} {tot[2] / n:6.3f} {tot[3] / n:6.3f}")


if __name__ == "__main__":
    main()
