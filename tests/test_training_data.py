"""The hand-written training comments (training/toxicity/handwritten/) keep their schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HANDWRITTEN = Path(__file__).resolve().parents[1] / "training" / "toxicity" / "handwritten"
LABELS = ("toxicity", "severe_toxicity", "insult", "identity_attack", "threat", "sexual_explicit", "profanity")
FILES = sorted(HANDWRITTEN.glob("*.jsonl"))


def test_there_are_training_files() -> None:
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_rows_are_valid(path: Path) -> None:
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        text, labels = row["text"], row["labels"]
        assert text.strip(), f"{path.name}:{n}: empty text"
        assert set(labels) == set(LABELS), f"{path.name}:{n}: labels {sorted(labels)}"
        assert all(labels[k] in (0, 1) for k in LABELS), f"{path.name}:{n}: labels must be 0/1"
        harms = ("severe_toxicity", "insult", "identity_attack", "threat")
        if any(labels[k] for k in harms):
            assert labels["toxicity"] == 1, f"{path.name}:{n}: a harm label without toxicity"
        key = " ".join(text.lower().split())
        assert key not in seen, f"{path.name}:{n}: duplicate text"
        seen.add(key)
    assert (HANDWRITTEN / f"README_{path.stem}.md").exists()


def test_no_text_is_in_a_blind_set() -> None:
    """No comment of four words or more is in both (one-word replies like "This." may recur)."""
    blind = Path(__file__).resolve().parent / "fixtures" / "blind"
    blind_texts = {
        " ".join(json.loads(line)["text"].lower().split())
        for f in blind.glob("toxicity*.jsonl")
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    train = {
        " ".join(json.loads(line)["text"].lower().split())
        for f in FILES
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert not {t for t in blind_texts & train if len(t.split()) >= 4}
