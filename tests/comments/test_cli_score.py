"""`btl score`: the JSONL contract, malformed lines, a single text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from belowtheline import LABELS
from belowtheline.cli.main import main

KEYS = {"id", "scores", "evidence", "narratives", "spam", "language"}


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_in_order_with_a_malformed_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path / "in.jsonl", [
        json.dumps({"id": "a", "text": "Thanks, an interesting read."}),
        '{"id": "b", "text": "broken',
        json.dumps({"text": "You are an id1ot."}),
        json.dumps({"id": 7, "body": "no text field"}),
    ])
    out = tmp_path / "out.jsonl"
    assert main(["score", "--input", str(src), "--output", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "2", "3", 7]
    assert set(rows[0]) == KEYS and set(rows[2]) == KEYS
    assert set(rows[0]["scores"]) == set(LABELS)
    assert isinstance(rows[0]["narratives"], list) and 0.0 <= rows[0]["spam"] <= 1.0 and isinstance(rows[0]["language"], str)
    assert rows[0]["scores"]["toxicity"] < 0.5 <= rows[2]["scores"]["insult"]
    assert any(e["text"] == "id1ot" for e in rows[2]["evidence"])
    assert set(rows[1]) == {"id", "error"} and set(rows[3]) == {"id", "error"}
    err = capsys.readouterr().err
    assert "line 2" in err and "line 4" in err


def test_strict_exits_1_on_a_malformed_line(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", ["not json"])
    assert main(["score", "--input", str(src), "--output", str(tmp_path / "o.jsonl"), "--strict"]) == 1


def test_single_text_prints_one_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "Europeans are neanderthals."]) == 0
    row = json.loads(capsys.readouterr().out)
    assert set(row) == KEYS
    assert row["scores"]["identity_attack"] >= 0.5


def test_missing_input_file_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--input", str(tmp_path / "nope.jsonl")]) == 1
    assert "Error:" in capsys.readouterr().err


def test_nothing_to_score_is_a_usage_error() -> None:
    assert main(["score"]) == 2
