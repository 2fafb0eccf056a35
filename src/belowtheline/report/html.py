"""The HTML report: an index page per run and a page per document.

Comments and article text are attacker-controlled: every value goes through
Jinja2's autoescaping, the pages load no script, and a Content-Security-Policy
forbids any that an escaping bug might let in. The one stylesheet is inlined
and allowed by its hash, so no injected ``<style>`` or ``style=`` attribute
applies either.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..document import LABELS, Document

__all__ = ["ReportEntry", "article_facts", "write_report"]

CSP = "default-src 'none'; style-src {style}; img-src 'none'; base-uri 'none'; form-action 'none'"


@lru_cache(maxsize=1)
def _stylesheet() -> tuple[str, str]:
    """The report's CSS and the Content-Security-Policy that allows exactly it."""
    from importlib.resources import files

    css = files("belowtheline.report").joinpath("static", "report.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return css, CSP.format(style=f"'sha256-{digest}'")


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One analysed document and the file name stem its pages use."""

    doc: Document
    name: str


def highlight(text: str, evidence: Sequence[Any]) -> Any:
    """Comment text with its evidence spans in ``<mark>``; every piece escaped.

    Overlapping spans are merged; spans outside the text are ignored.
    """
    from markupsafe import Markup, escape

    spans = sorted(
        (max(0, e.start), min(len(text), e.end), e.label) for e in evidence if 0 <= e.start < e.end <= len(text)
    )
    merged: list[list[Any]] = []
    for start, end, label in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if label not in merged[-1][2]:
                merged[-1][2].append(label)
        else:
            merged.append([start, end, [label]])
    out = []
    pos = 0
    for start, end, labels in merged:
        out.append(escape(text[pos:start]))
        out.append(Markup('<mark title="{}">{}</mark>').format(", ".join(labels), text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def article_facts(doc: Document) -> dict[str, Any]:
    """The rows of a document page's "People and organisations", "Who said what" and "Claims" tables."""
    from .facts import claim_rows, entity_rows, kind_summary, quote_rows, split_named

    a = doc.article
    named, also_named = split_named(entity_rows(a.entities))
    return {
        "entities": named,
        "also_named": also_named,
        "also_named_summary": kind_summary(also_named),
        "quotes": quote_rows(a.quotes),
        "claims": claim_rows(a.claims),
    }


def _env() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("belowtheline.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    css, csp = _stylesheet()
    env.globals.update(CSP=csp, CSS=css, LABELS=LABELS)
    env.filters["highlight"] = highlight
    return env


def write_report(
    entries: Sequence[ReportEntry],
    out_dir: str | os.PathLike[str],
    *,
    problems: Sequence[tuple[str, str]] = (),
    title: str = "belowtheline report",
) -> Path:
    """Write ``report.html`` and one ``<name>.html`` per document; return the index path.

    Args:
        entries: the analysed documents with their page names.
        out_dir: the output directory (created if needed).
        problems: ``(input, reason)`` pairs for inputs that could not be read.
        title: the index page's heading.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    env = _env()
    page = env.get_template("document.html")
    for e in entries:
        by_id = {c.id: c for c in e.doc.comments}
        (out / f"{e.name}.html").write_text(
            page.render(doc=e.doc, by_id=by_id, title=e.doc.article.title or e.doc.id, facts=article_facts(e.doc)),
            encoding="utf-8",
        )
    from .facts import corpus_rows

    index = out / "report.html"
    index.write_text(
        env.get_template("index.html").render(
            entries=entries,
            problems=problems,
            title=title,
            n_comments=sum(len(e.doc.comments) for e in entries),
            named=corpus_rows(e.doc.article for e in entries) if len(entries) > 1 else [],
        ),
        encoding="utf-8",
    )
    return index
