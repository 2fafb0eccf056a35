"""Per-document JSON files (the shape documented in DESIGN.md)."""

from __future__ import annotations

import os
from pathlib import Path

from ..document import Document

__all__ = ["write_json"]


def write_json(doc: Document, out_dir: str | os.PathLike[str], *, name: str | None = None) -> Path:
    """Write ``<out_dir>/<name or doc.id>.json`` atomically and return its path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name or doc.id}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(doc.to_json(), encoding="utf-8")
    os.replace(tmp, path)
    return path
