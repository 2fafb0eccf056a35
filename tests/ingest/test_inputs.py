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


def test_url_from_a_local_server(tmp_path: Path) -> None:
    import http.server
    import threading
    from functools import partial

    (tmp_path / "story.html").write_text(
        "<html><head><title>Local story</title></head><body><article><h1>Local story</h1>"
        + "<p>The council met on Tuesday and agreed the plan for the new bridge over the river.</p>" * 5
        + "</article></body></html>")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        ok, missing = list(iter_inputs([f"{base}/story.html", f"{base}/missing.html"]))
    finally:
        server.shutdown()
        server.server_close()
    assert ok.error is None and ok.documents[0].id == "story"
    assert ok.documents[0].source.url.endswith("/story.html")
    assert missing.error is not None and "could not fetch" in str(missing.error)
