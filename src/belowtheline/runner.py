"""Batch analysis of many inputs into an output directory (what ``btl analyze`` runs)."""

from __future__ import annotations

import json
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
    #: Documents whose entity names were changed to the corpus's names.
    renamed: int = 0


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
    corpus_names: bool = True,
) -> RunSummary:
    """Analyse every input and write ``<id>.json`` per document plus ``report.html``.

    A bad input is recorded in :attr:`RunSummary.problems` and the run goes on.
    Each document's JSON is written as soon as it is analysed; when the run is
    over, the documents whose entity names the corpus names otherwise ("AP" where
    another document spells out "Associated Press", see
    :mod:`belowtheline.article.corpus`) are renamed and written again.

    Args:
        paths: files, directories (walked recursively) and ``-`` for standard input.
        out_dir: where to write; created if needed.
        stages: registered stage names to run.
        options: ingest limits and format override.
        report: also write the HTML report.
        progress: called as ``progress(done, total, input_name)`` after each input.
        stdin: bytes to read for ``-`` instead of the process's standard input.
        db: a database URL; documents are also stored there (idempotent by content hash).
        corpus_names: give each entity one canonical name across the run's documents.
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
    names = _CorpusPass() if corpus_names else None
    try:
        for done, result in enumerate(iter_inputs(files, options=options, stdin=stdin), start=1):
            if result.error is not None:
                reason = str(result.error)
                prefix = f"{result.source}: "
                summary.problems.append((result.source, reason.removeprefix(prefix)))
            for doc in result.documents:
                doc = nlp(doc)
                row_id = None
                if store is not None:
                    from .store import store_documents

                    row_id = store_documents([doc], store).document_ids[0]
                name = _unique_name(doc, taken)
                summary.json_files.append(write_json(doc, out, name=name))
                if names is not None:
                    names.add(doc, summary.json_files[-1], row_id, keep=report)
                summary.documents += 1
                summary.comments += len(doc.comments)
                summary.warnings.extend((doc.id, w) for w in doc.warnings)
                if report:
                    entries.append(ReportEntry(doc, name))
            if progress is not None:
                progress(done, len(files), result.source)
        if names is not None:
            summary.renamed = names.apply(store)
    finally:
        if store is not None:
            store.dispose()
    if report:
        summary.report = write_report(entries, out, problems=summary.problems)
    return summary


class _CorpusPass:
    """The corpus-names pass of a run: what each written document names, then the renames."""

    def __init__(self) -> None:
        from .article.corpus import CorpusNames

        self.names = CorpusNames()
        #: (JSON path, database row id, the document when it is kept in memory, its canonical names)
        self.written: list[tuple[Path, int | None, Document | None, frozenset[str]]] = []

    def add(self, doc: Document, path: Path, row_id: int | None, *, keep: bool) -> None:
        entities = doc.article.entities
        if not entities:
            return
        self.names.add(entities)
        self.written.append((path, row_id, doc if keep else None, frozenset(e.canonical for e in entities)))

    def apply(self, store: Store | None) -> int:
        """Rename and rewrite the documents the corpus names otherwise; how many there were."""
        from .article.corpus import rename_article_dict, rename_entities
        from .report import write_json

        renames = self.names.renames()
        changed = 0
        for path, row_id, kept, canonicals in self.written:
            if renames.keys().isdisjoint(canonicals):
                continue
            if kept is not None:  # the report shows this very object: rename it
                if not rename_entities(kept, renames):
                    continue
                write_json(kept, path.parent, name=path.stem)
                article = kept.to_dict()["article"]
            else:
                data = json.loads(path.read_text(encoding="utf-8"))
                article = data["article"]
                if not rename_article_dict(article, renames):
                    continue
                tmp = path.with_suffix(".json.tmp")
                tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
                os.replace(tmp, path)
            if store is not None and row_id is not None:
                from .store import replace_article

                replace_article(store, row_id, article)
            changed += 1
        return changed


def _open_store(db: str | None) -> Store | None:
    if not db:
        return None
    from .store import open_store

    return open_store(db)
