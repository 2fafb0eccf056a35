import json
from pathlib import Path

import pytest

from belowtheline.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_analyze_writes_json_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["analyze", str(EXAMPLES), "--out", str(out)]) == 0
    doc = json.loads((out / "000_0f8eaa86e6e37add.json").read_text())
    assert len(doc["comments"]) == 28
    assert doc["source"]["format"] == "text"
    assert (out / "report.html").exists() and (out / "000_0f8eaa86e6e37add.html").exists()
    assert "report.html" in capsys.readouterr().err


def test_bad_inputs_are_reported_and_strict_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Title\n\nA paragraph long enough to be body text here.\n")
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "bin.dat").write_bytes(b"\x00\x01\x02\x03" * 10)
    args = ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "o")]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "empty.txt" in err and "bin.dat" in err and "Skipped" in err
    assert (tmp_path / "o" / "ok.json").exists()
    assert main([*args, "--strict"]) == 1


def test_user_error_is_one_line_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "x", "--stages", "nope.v1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "Traceback" not in err


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["analyze"])
    assert exc.value.code == 2
