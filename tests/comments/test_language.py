from __future__ import annotations

import sys
from pathlib import Path

import pytest

from belowtheline import Comment, Document
from belowtheline.comments.language import LanguageOptions, identify
from belowtheline.errors import ConfigError
from belowtheline.registry import make_stage

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("This is a rather good article about the economy.", "en"),
        ("Das ist wirklich ein sehr guter Artikel über die Wirtschaft.", "de"),
        ("Zgadzam się z autorem, to jest skandal.", "pl"),
        ("lol", "und"),
        ("", "und"),
    ],
)
def test_identify(text: str, code: str) -> None:
    assert identify(text) == code


def test_stage_and_options() -> None:
    doc = make_stage("language.charngram.v1")(Document(id="d", comments=[Comment("c", "Le gouvernement ment encore une fois.")]))
    assert doc.comments[0].language == "fr"
    with pytest.raises(ConfigError):
        LanguageOptions(min_confidence=1.5)


def test_held_out_accuracy() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_language
    finally:
        sys.path.pop(0)
    assert eval_language.evaluate()["accuracy"] >= 0.95
