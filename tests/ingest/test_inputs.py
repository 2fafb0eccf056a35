from pathlib import Path

from belowtheline.errors import BinaryInputError, EmptyInputError, InputNotFoundError
from belowtheline.ingest import detect_format, iter_inputs


def test_a_bad_input_does_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.txt").write_text("Title\n\nA paragraph of the article that is long enough.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / ".hidden.txt").write_text("ignored")
    results = list(iter_inputs([str(tmp_path), str(tmp_path / "missing.txt")]))
    kinds = {Path(r.source).name: (type(r.error) if r.error else len(r.documents)) for r in results}
    assert kinds == {"empty.txt": EmptyInputError, "pic.png": BinaryInputError, "good.txt": 1,
                     "missing.txt": InputNotFoundError}


def test_stdin() -> None:
    [r] = list(iter_inputs(["-"], stdin=b"Some text\n\nMore text here in a paragraph.\n"))
    assert r.error is None and r.documents[0].source.path is None


def test_detect_format() -> None:
    assert detect_format("a.HTML", b"") == "html"
    assert detect_format(None, b"  <!DOCTYPE html><html>") == "html"
    assert detect_format("x.csv", b"") == "csv"
    assert detect_format(None, b'{"text": "x"}') == "jsonl"
    assert detect_format("capture", b"Just text") == "text"
