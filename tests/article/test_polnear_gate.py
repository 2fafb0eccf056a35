"""Quality gate for quotes with speakers on PolNeAR dev (floors in benchmarks/quotes_baseline.json).

The first ``gate.limit`` dev articles (file-name order) are parsed and scored
with :mod:`belowtheline.article.polnear`; the full report is
``benchmarks/eval_quotes.py``. A changed evaluation set (different fingerprint
or file count) fails the gate until the baseline is regenerated on purpose.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from belowtheline.article import polnear

ROOT = Path(__file__).resolve().parents[2]
BASELINE: dict[str, Any] = json.loads((ROOT / "benchmarks" / "quotes_baseline.json").read_text(encoding="utf-8"))

pytestmark = [pytest.mark.shared_data]


def _root() -> Path:
    root = polnear.default_root()
    if not (root / "dev" / "text").is_dir():
        pytest.skip(f"PolNeAR is not at {root} (see ../shared/data/polnear/README.md)")
    return root


@lru_cache(maxsize=1)
def _gate() -> tuple[str, dict[str, float]]:
    from belowtheline.article import nlp
    from belowtheline.article.quotes import attributions

    articles = polnear.load("dev", _root(), limit=int(BASELINE["gate"]["limit"]))
    preds = [
        [
            polnear.Predicted(a.quote.start or 0, a.quote.end or 0, a.quote.speaker, a.speaker_start, a.speaker_end)
            for a in attributions(nlp.parse(art.text))
        ]
        for art in articles
    ]
    scores = polnear.score(articles, preds)
    return polnear.fingerprint(articles), {k: float(v) for k, v in scores.as_dict().items()}


def test_dataset_unchanged() -> None:
    root = _root()
    files = BASELINE["files"]
    assert len(list((root / "dev" / "text").glob("*.txt"))) == files["dev_text"]
    assert len(list((root / "dev" / "attributions").glob("*.ann"))) == files["dev_attributions"]
    assert _gate()[0] == BASELINE["gate"]["fingerprint"], "PolNeAR dev changed: regenerate quotes_baseline.json"


@pytest.mark.parametrize("metric", sorted(BASELINE["gate"]["floors"]))
def test_quality_floor(metric: str) -> None:
    floor = float(BASELINE["gate"]["floors"][metric])
    value = _gate()[1][metric]
    assert value >= floor, f"{metric} fell to {value:.4f} (floor {floor})"
