"""Batch analysis of many inputs into an output directory (what ``btl analyze`` runs)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .document import Document
from .ingest import IngestOptions, expand_paths, iter_inputs
from .pipeline import DEFAULT_STAGES

if TYPE_CHECKING:
    from .store import Store

__all__ = ["RunSummary", "analyze_paths"]

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class RunSummary:
    """What a run did: documents written, inputs that failed, warnings raised."""

    out_dir: Path
    documents: int = 0
    comments: int = 0
    inputs: int = 0
    #: (input, reason) for each input that could not be read.
    problems: list[tuple[str, str]] = field(default_factory=list)
    #: (document id, message) for each problem inside a readable input.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    report: Path | None = None
    json_files: list[Path] = field(default_factory=list)


def _unique_name(doc: Document, taken: set[str]) -> str:
    base = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in doc.id).strip(".") or "document"
    name, n = base, 1
    while name.lower() in taken or name.lower() == "report":
        n += 1
        name = f"{base}-{n}"
    taken.add(name.lower())
    return name


def analyze_paths(
    paths: Sequence[str],
    out_dir: str | os.PathLike[str],
    *,
    stages: Sequence[str] = DEFAULT_STAGES,
    options: IngestOptions | None = None,
    report: bool = True,
    progress: Progress | None = None,
    stdin: bytes | None = None,
    db: str | None = None,
) -> RunSummary:
    """Analyse every input and write ``<id>.json`` per document plus ``report.html``.

    A bad input is recorded in :attr:`RunSummary.problems` and the run goes on.

    Args:
        paths: files, directories (walked recursively) and ``-`` for standard input.
        out_dir: where to write; created if needed.
        stages: registered stage names to run.
        options: ingest limits and format override.
        report: also write the HTML report.
        progress: called as ``progress(done, total, input_name)`` after each input.
        stdin: bytes to read for ``-`` instead of the process's standard input.
        db: a database URL; documents are also stored there (idempotent by content hash).
    """
    from .api import load_pipeline
    from .report import write_json, write_report
    from .report.html import ReportEntry

    nlp = load_pipeline(tuple(stages))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = expand_paths(paths)
    summary = RunSummary(out_dir=out, inputs=len(files))
    entries: list[ReportEntry] = []
    taken: set[str] = set()
    store = _open_store(db)
    try:
        for done, result in enumerate(iter_inputs(files, options=options, stdin=stdin), start=1):
            if result.error is not None:
                reason = str(result.error)
                prefix = f"{result.source}: "
                summary.problems.append((result.source, reason.removeprefix(prefix)))
            for doc in result.documents:
                doc = nlp(doc)
                if store is not None:
                    from .store import store_documents

                    store_documents([doc], store)
                name = _unique_name(doc, taken)
                summary.json_files.append(write_json(doc, out, name=name))
                summary.documents += 1
                summary.comments += len(doc.comments)
                summary.warnings.extend((doc.id, w) for w in doc.warnings)
                if report:
                    entries.append(ReportEntry(doc, name))
            if progress is not None:
                progress(done, len(files), result.source)
    finally:
        if store is not None:
            store.dispose()
    if report:
        summary.report = write_report(entries, out, problems=summary.problems)
    return summary


def _open_store(db: str | None) -> Store | None:
    if not db:
        return None
    from .store import open_store

    return open_store(db)
