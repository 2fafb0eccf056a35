"""Writers for analysis results: per-document JSON and the HTML report."""

from __future__ import annotations

from .html import write_report
from .json import write_json

__all__ = ["write_json", "write_report"]
