"""Read captures into :class:`~belowtheline.document.Document` objects.

Inputs are plain-text captures (any common encoding), HTML pages, JSONL or
CSV exports of comments, directories of those (recursive) and ``-`` for
standard input. :func:`iter_inputs` never stops at a bad input: it yields an
:class:`InputResult` carrying either documents or the error, so a run reports
which input failed and why and carries on with the rest.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document, Source
from ..errors import FormatError, InputError, InputNotFoundError, InputTooLargeError
from .decode import decode

__all__ = [
    "IngestOptions",
    "InputResult",
    "detect_format",
    "expand_paths",
    "iter_inputs",
    "load",
    "load_bytes",
]

FORMATS = ("text", "html", "jsonl", "csv")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """Limits and choices for reading inputs.

    Attributes:
        max_bytes: refuse a single input larger than this.
        max_line_chars: refuse a text input with a longer line (a sign of a non-capture).
        format: force a format ("text", "html", "jsonl", "csv") instead of detecting it.
        timeout: seconds to wait for a URL.
    """

    max_bytes: int = 64 * 1024 * 1024
    max_line_chars: int = 1_000_000
    format: str | None = None
    timeout: float = 20.0


@dataclass(slots=True)
class InputResult:
    """What reading one input gave: its documents, or the error that stopped it."""

    source: str
    documents: list[Document] = field(default_factory=list)
    error: InputError | None = None


def detect_format(name: str | None, head: bytes) -> str:
    """Guess an input's format from its file name, then from its first bytes."""
    if name:
        ext = os.path.splitext(name)[1].lower()
        if ext in _EXTENSIONS:
            return _EXTENSIONS[ext]
    sniff = head.lstrip()[:512].lower()
    if sniff.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in sniff:
        return "html"
    if sniff.startswith(b"{") and b'"' in sniff:
        return "jsonl"
    return "text"


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    options: IngestOptions | None = None,
    url: str | None = None,
) -> list[Document]:
    """Read one input's bytes into documents (an export may hold several threads).

    Raises:
        InputError: the input cannot be read; the message says why.
    """
    opts = options or IngestOptions()
    source = name or "<input>"
    if len(data) > opts.max_bytes:
        raise InputTooLargeError(
            f"{len(data):,} bytes is over the limit of {opts.max_bytes:,} "
            "(raise IngestOptions.max_bytes / --max-bytes)",
            source=source,
        )
    fmt = opts.format or detect_format(name, data[:1024])
    if fmt not in FORMATS:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", source=source)
    path = None if name in (None, "-", "<stdin>") or url else name
    if fmt in ("jsonl", "csv"):
        from .export import read_export

        decoded = decode(data, source=source)
        return read_export(decoded.text, fmt=fmt, source=Source(path=path, format=fmt), name=source)
    decoded = decode(data, source=source, max_line_chars=None if fmt == "html" else opts.max_line_chars)
    if fmt == "html":
        from .html import read_html

        doc = read_html(decoded.text, source=Source(path=path, url=url, format="html"))
        if url:
            doc.id = _url_id(url)
            doc.source.url = doc.source.url or url
        return [doc]
    doc = Document(
        id=_url_id(url) if url else Document.make_id(decoded.text, path),
        text=decoded.text,
        source=Source(path=path, url=url, format="text"),
    )
    if decoded.lossy:
        doc.warnings.append(f"some bytes were not valid {decoded.encoding} and were replaced")
    return [doc]


def load(path_or_text: str | os.PathLike[str], *, options: IngestOptions | None = None) -> list[Document]:
    """Read a path (file or directory) or, failing that, treat the string as capture text.

    Raises:
        InputError: the first input that cannot be read.
    """
    p = Path(path_or_text)
    is_path = isinstance(path_or_text, os.PathLike) or (
        "\n" not in str(path_or_text) and len(str(path_or_text)) < 4096 and p.exists()
    )
    if not is_path:
        text = str(path_or_text)
        return load_bytes(text.encode("utf-8"), name=None, options=options)
    docs: list[Document] = []
    for result in iter_inputs([str(p)], options=options):
        if result.error is not None:
            raise result.error
        docs.extend(result.documents)
    return docs


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if not f.startswith("."):
                yield Path(dirpath) / f


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Expand directories (recursively, sorted, hidden files skipped); keep files, ``-`` and missing paths."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if raw != "-" and not _is_url(raw) and p.is_dir():
            out.extend(str(f) for f in _walk(p))
        else:
            out.append(raw)
    return out


def iter_inputs(
    paths: Iterable[str],
    *,
    options: IngestOptions | None = None,
    stdin: bytes | None = None,
) -> Iterator[InputResult]:
    """Read every input named in ``paths``, one :class:`InputResult` per file.

    ``"-"`` reads standard input (or ``stdin`` when given). Directories are
    walked recursively in sorted order, skipping hidden files. Errors are
    returned in the result, never raised.
    """
    for raw in expand_paths(paths):
        if _is_url(raw):
            yield _read_url(raw, options)
            continue
        if raw == "-":
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            yield _read("<stdin>", data, options)
            continue
        p = Path(raw)
        if p.exists():
            yield _read_file(p, options)
        else:
            yield InputResult(
                raw, error=InputNotFoundError("no such file or directory", source=raw)
            )


def _is_url(raw: str) -> bool:
    return raw.startswith(("http://", "https://"))


def _url_id(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    tail = [p for p in parts.path.split("/") if p]
    stem = tail[-1].rsplit(".", 1)[0] if tail else parts.netloc
    slug = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem).strip("-")
    return slug[:80] or "page"


def _read_url(url: str, options: IngestOptions | None) -> InputResult:
    """Fetch a page over HTTP(S) (standard library only; the size limit applies)."""
    import urllib.error
    import urllib.request

    opts = options or IngestOptions()
    req = urllib.request.Request(url, headers={"User-Agent": "belowtheline/0.1 (+capture reader)"})
    try:
        with urllib.request.urlopen(req, timeout=opts.timeout) as resp:  # noqa: S310 (scheme checked)
            data = resp.read(opts.max_bytes + 1)
            ctype = resp.headers.get_content_type()
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return InputResult(url, error=InputError(f"could not fetch it: {reason}", source=url))
    if len(data) > opts.max_bytes:
        return InputResult(url, error=InputTooLargeError(
            f"the page is over the limit of {opts.max_bytes:,} bytes", source=url))
    fmt = opts.format or ("html" if "html" in ctype else None)
    try:
        docs = load_bytes(data, name=url, url=url,
                          options=IngestOptions(max_bytes=opts.max_bytes, max_line_chars=opts.max_line_chars,
                                                format=fmt, timeout=opts.timeout))
    except InputError as exc:
        return InputResult(url, error=exc)
    return InputResult(url, documents=docs)


def _read_file(path: Path, options: IngestOptions | None) -> InputResult:
    opts = options or IngestOptions()
    try:
        size = path.stat().st_size
        if size > opts.max_bytes:
            raise InputTooLargeError(
                f"{size:,} bytes is over the limit of {opts.max_bytes:,} "
                "(raise it with --max-bytes)",
                source=str(path),
            )
        data = path.read_bytes()
    except InputError as exc:
        return InputResult(str(path), error=exc)
    except OSError as exc:
        return InputResult(str(path), error=InputError(f"cannot read it: {exc.strerror}", source=str(path)))
    return _read(str(path), data, options)


def _read(name: str, data: bytes, options: IngestOptions | None) -> InputResult:
    try:
        return InputResult(name, documents=load_bytes(data, name=name, options=options))
    except InputError as exc:
        return InputResult(name, error=exc)
    except RecursionError:
        return InputResult(name, error=FormatError("the input is nested too deeply to parse", source=name))
