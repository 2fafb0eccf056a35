"""Segmentation of plain-text captures into article parts and comments."""

from __future__ import annotations

__all__ = ["SegmentOptions", "segment_text"]

from .core import SegmentOptions, segment_text
