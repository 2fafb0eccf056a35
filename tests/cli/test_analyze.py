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


def test_a_huge_line_and_a_bad_encoding_do_not_stop_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "huge.txt").write_bytes(b"x" * 1_500_000)
    (tmp_path / "in" / "latin.txt").write_bytes("Caf\xe9 society\n\nThe caf\xe9 was full of people discussing the news today.\n".encode("latin-1").replace(b"\\xe9", b"\xe9"))
    (tmp_path / "in" / "rows.jsonl").write_text('{"id": "1", "text": "fine"}\n{broken\n')
    assert main(["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "huge.txt" in err and "characters" in err
    assert "row 2" in err
    assert json.loads((tmp_path / "o" / "latin.json").read_text())["article"]["title"] == "Café society"
    assert json.loads((tmp_path / "o" / "rows.json").read_text())["comments"][0]["text"] == "fine"


def test_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    fake = io.TextIOWrapper(io.BytesIO(b"Headline\n\nA paragraph of the article long enough to be body.\n"))
    monkeypatch.setattr(sys, "stdin", fake)
    assert main(["analyze", "-", "--out", str(tmp_path)]) == 0
    [doc] = [p for p in tmp_path.glob("*.json")]
    assert json.loads(doc.read_text())["article"]["title"] == "Headline"
