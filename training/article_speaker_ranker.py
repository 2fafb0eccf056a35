"""Experiment: a small learned speaker ranker over the rule system's output, cross-validated by folder.

Not shipped. For each predicted quote that matches a gold quote with a named
speaker, the candidates are the rule system's speaker, the previous quote's
speaker and every person/organisation entity mentioned within 1,500
characters before the quote (or 200 after it). A logistic regression scores
candidates from surface features (distance, before/after, same paragraph,
label, mention count, rule choice, previous speaker, cue present); the top
candidate is the speaker. Trained on three of the four annotated folders
(dev, blind, blind2, blind3) and scored on the fourth, against the rules on
the same quotes.

Run: python training/article_speaker_ranker.py
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

from belowtheline.article._matching import one_to_one
from belowtheline.article.evaluate import _covered, _locate, _norm, _tokens, analyze_text, load_fixtures

ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "article"
FOLDERS = ("dev", "blind", "blind2", "blind3")


def _matched(body: str, gold: dict[str, Any], quotes: list[Any]) -> list[tuple[Any, str | None]]:
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
    """Features of one candidate speaker (normalised name ``key``) for one quote."""
    return [
        1.0 if rule and _norm(rule) == key else 0.0,
        1.0 if prev and _norm(prev) == key else 0.0,
        math.log1p(max(dist, 0.0)),
        1.0 if after else 0.0,
        1.0 if same_para else 0.0,
        1.0 if label == "PERSON" else 0.0,
        math.log1p(counts.get(key, 0)),
        1.0 if cue else 0.0,
    ]


def _examples(folder: str) -> list[list[tuple[list[float], bool, bool]]]:
    """Per quote: [(features, is_gold, is_rule_choice)] over its candidates."""
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
            if gspk is None or q.start is None or q.end is None:
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
            for name, dist, after, same_para, label in rows:
                if not name:
                    continue
                key = _norm(name)
                f = _features(q.speaker, q.cue, prev, counts, key, dist, after, same_para, label)
                if key not in cands or f[2] < cands[key][2]:
                    cands[key] = f
            if not cands:
                continue
            gold_key = _norm(gspk)
            out.append([(f, k == gold_key, f[0] == 1.0) for k, f in cands.items()])
    return out


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    data = {f: _examples(f) for f in FOLDERS}
    print(f"{'held out':9} {'quotes':>6} {'rules':>6} {'ranker':>6} {'r|rule':>6} {'oracle':>6}")
    for held in FOLDERS:
        train = [c for f in FOLDERS if f != held for quote in data[f] for c in quote]
        x = [f for f, _, _ in train]
        y = [int(g) for _, g, _ in train]
        model = LogisticRegression(max_iter=1000, C=1.0).fit(x, y)
        n = rules = ranker = kept = oracle = 0
        for quote in data[held]:
            n += 1
            rules += any(g and r for _, g, r in quote)
            oracle += any(g for _, g, _ in quote)
            scores = model.predict_proba([f for f, _, _ in quote])[:, 1]
            best = max(range(len(quote)), key=lambda i: scores[i])
            ranker += quote[best][1]
            # where the rules named nobody the ranker may not name someone: gold-None quotes are not scored here
            kept += quote[best][1] if any(r for _, _, r in quote) else 0
        print(f"{held:9} {n:6d} {rules / n:6.3f} {ranker / n:6.3f} {kept / n:6.3f} {oracle / n:6.3f}")
        print("  weights:", [round(float(w), 2) for w in model.coef_[0]], round(float(model.intercept_[0]), 2))


if __name__ == "__main__":
    main()
