"""Read JSONL and CSV exports of comments into one document per thread.

Column names vary between platforms (Disqus, Coral Talk, WordPress, in-house
exports), so each field is looked up under its common aliases. A malformed
row is reported in the document's warnings and skipped; the rest is kept.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from ..document import Article, Comment, Document, Paragraph, Source
from ..errors import FormatError

__all__ = ["ALIASES", "read_export"]

#: Field -> accepted column names (compared case-insensitively, "-"/" " read as "_").
ALIASES: dict[str, tuple[str, ...]] = {
    "article_id": ("article_id", "thread_id", "thread", "story_id", "post_id", "asset_id",
                   "document_id", "doc_id", "article_url", "url", "page_url", "article"),
    "id": ("comment_id", "id", "cid", "message_id", "comment_key", "uuid"),
    "parent": ("parent_id", "parent", "reply_to", "in_reply_to", "in_reply_to_id",
               "parent_comment_id", "reply_to_id", "comment_parent"),
    "author": ("author", "author_name", "user", "username", "user_name", "name",
               "screen_name", "display_name", "comment_author", "nickname"),
    "timestamp": ("timestamp", "time", "created_at", "date", "created", "posted_at",
                  "published", "published_at", "comment_date", "datetime"),
    "text": ("text", "body", "comment", "content", "message", "comment_text",
             "comment_content", "raw_message", "body_text"),
    "title": ("article_title", "title", "headline", "thread_title"),
    "article_text": ("article_text", "article_body", "body_article", "story_text"),
}
_NULLS = {"", "null", "none", "nan", "0"}


def _norm(key: str) -> str:
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def _pick(row: dict[str, Any], field_name: str) -> Any:
    for alias in ALIASES[field_name]:
        if alias in row and row[alias] not in (None, ""):
            return row[alias]
    return None


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):  # {"name": ..} style authors
        value = value.get("name") or value.get("username") or value.get("id")
    s = str(value).strip()
    return s or None


def read_export(text: str, *, fmt: str, source: Source, name: str) -> list[Document]:
    """Parse a JSONL or CSV export into documents, one per article id.

    Raises:
        FormatError: not a single usable row, or no text column.
    """
    rows: list[tuple[int, dict[str, Any]]] = []
    problems: list[str] = []
    single = _single_document(text) if fmt == "jsonl" else None
    if single is not None:
        return [single]
    for lineno, row, err in _rows(text, fmt):
        if err:
            problems.append(f"row {lineno}: {err}")
        else:
            rows.append((lineno, {_norm(k): v for k, v in row.items() if isinstance(k, str)}))
    if not rows:
        detail = f" ({problems[0]})" if problems else ""
        raise FormatError(f"no readable {fmt.upper()} rows{detail}", source=name)
    if all(_pick(r, "text") is None for _, r in rows):
        cols = ", ".join(sorted(rows[0][1]))
        raise FormatError(
            f"no comment text column; found {cols}. Name it one of: {', '.join(ALIASES['text'])}",
            source=name,
        )
    threads: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for lineno, row in rows:
        threads.setdefault(_as_str(_pick(row, "article_id")) or "", []).append((lineno, row))
    docs = []
    base = Document.make_id(text, source.path)
    for n, (article_id, thread) in enumerate(threads.items()):
        doc_id = base if len(threads) == 1 else f"{base}-{_slug(article_id) or n}"
        docs.append(_thread_document(doc_id, article_id, thread, source, problems if n == 0 else []))
    return docs


def _single_document(text: str) -> Document | None:
    """A whole-file JSON object in belowtheline's own document shape, if it is one."""
    stripped = text.lstrip()
    if not stripped.startswith("{") or "\n{" in stripped:
        return None
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        return None
    if isinstance(data, dict) and "article" in data and "comments" in data and "id" in data:
        doc = Document.from_dict(data)
        doc.provided |= {"article", "comments"}
        return doc
    return None


def _rows(text: str, fmt: str) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    if fmt == "csv":
        sample = text[:8192]
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        try:
            for row in reader:
                if None in row:  # more cells than headers
                    yield reader.line_num, {}, f"{len(row[None])} cells more than the header has"
                    continue
                yield reader.line_num, row, None
        except csv.Error as exc:
            yield reader.line_num, {}, f"malformed CSV ({exc})"
        return
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield 1, {}, f"malformed JSON array ({exc.msg} at line {exc.lineno})"
            return
        for i, item in enumerate(data, start=1):
            yield (i, item, None) if isinstance(item, dict) else (i, {}, "not a JSON object")
        return
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield i, {}, f"not valid JSON ({exc.msg})"
            continue
        if not isinstance(item, dict):
            yield i, {}, "not a JSON object"
            continue
        yield i, item, None


def _thread_document(
    doc_id: str,
    article_id: str,
    thread: list[tuple[int, dict[str, Any]]],
    source: Source,
    problems: list[str],
) -> Document:
    comments: list[Comment] = []
    seen: set[str] = set()
    title = article_text = None
    for lineno, row in thread:
        title = title or _as_str(_pick(row, "title"))
        article_text = article_text or _as_str(_pick(row, "article_text"))
        text = _as_str(_pick(row, "text"))
        if text is None:
            problems.append(f"row {lineno}: no comment text")
            continue
        cid = _as_str(_pick(row, "id")) or f"c{len(comments) + 1}"
        if cid in seen:
            problems.append(f"row {lineno}: duplicate comment id {cid!r}; renamed")
            cid = f"{cid}~{lineno}"
        seen.add(cid)
        parent = _as_str(_pick(row, "parent"))
        comments.append(
            Comment(
                id=cid,
                text=text,
                author=_as_str(_pick(row, "author")),
                timestamp=_as_str(_pick(row, "timestamp")),
                reply_to=None if parent is None or parent.lower() in _NULLS else parent,
            )
        )
    ids = {c.id for c in comments}
    depth: dict[str, int] = {}
    for c in comments:
        if c.reply_to is not None and c.reply_to not in ids:
            problems.append(f"comment {c.id!r}: parent {c.reply_to!r} is not in the export")
        depth[c.id] = depth.get(c.reply_to or "", -1) + 1 if c.reply_to in depth else 0
        c.depth = depth[c.id]
    article = Article(title=title)
    if article_text:
        article.paragraphs = [Paragraph(p.strip()) for p in article_text.split("\n") if p.strip()]
    doc = Document(
        id=doc_id,
        text="\n\n".join(c.text for c in comments),
        source=Source(path=source.path, url=article_id if article_id.startswith("http") else None,
                      format=source.format),
        article=article,
        comments=comments,
    )
    doc.warnings.extend(problems)
    doc.provided |= {"article", "comments"}
    return doc


def _slug(s: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in s.lower()).strip("-")
    return "-".join(filter(None, out.split("-")))[-60:]
