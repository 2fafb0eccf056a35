"""Chart geometry for the overview: numbers in, SVG coordinates out.

The server draws the charts as inline SVG (no chart library, no script needed
to see them); templates turn these dicts into elements, and every label in
them goes through autoescaping like any other text. Colours are CSS classes
``c0``..``c9`` so the page needs no inline style.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

__all__ = ["bar_chart", "heatmap", "line_chart"]

PALETTE = 10


def _pct(v: float) -> str:
    return f"{v * 100:.1f}%"


def line_chart(
    days: Sequence[date], series: Mapping[str, Sequence[float]], *, width: int = 680, height: int = 240
) -> dict[str, Any]:
    """Lines of shares (0..1) over days; markers with tooltips when there are few days."""
    left, right, top, bottom = 44, 200, 12, 28
    pw, ph = width - left - right, height - top - bottom
    n = len(days)
    peak = max((v for vals in series.values() for v in vals), default=0.0)
    ymax = max(0.05, min(1.0, (int(peak * 20) + 1) / 20)) if peak > 0 else 0.05

    def x(i: int) -> float:
        return left + (pw / 2 if n == 1 else pw * i / (n - 1))

    def y(v: float) -> float:
        return top + ph * (1 - min(v, ymax) / ymax)

    lines = []
    for k, (name, vals) in enumerate(series.items()):
        pts = [(round(x(i), 1), round(y(v), 1), v) for i, v in enumerate(vals)]
        lines.append(
            {
                "name": name,
                "cls": f"c{k % PALETTE}",
                "points": " ".join(f"{px},{py}" for px, py, _ in pts),
                "markers": [
                    {"x": px, "y": py, "title": f"{name} {days[i].isoformat()}: {_pct(v)}"}
                    for i, (px, py, v) in enumerate(pts)
                ]
                if n <= 62
                else [],
                "legend_y": top + 14 * k + 8,
                "latest": _pct(vals[-1]) if vals else "",
            }
        )
    yticks = [{"y": round(y(ymax * f), 1), "label": _pct(ymax * f)} for f in (0, 0.5, 1)]
    step = max(1, n // 6)
    xticks = [{"x": round(x(i), 1), "label": days[i].isoformat()} for i in range(0, n, step)]
    return {
        "width": width,
        "height": height,
        "left": left,
        "top": top,
        "right": left + pw,
        "bottom": top + ph,
        "legend_x": left + pw + 12,
        "lines": lines,
        "yticks": yticks,
        "xticks": xticks,
        "empty": n == 0,
    }


def heatmap(
    rows: Sequence[tuple[str, Mapping[str, float]]], columns: Sequence[str], *, cell: int = 34, label_width: int = 240
) -> dict[str, Any]:
    """Rows (e.g. articles) by columns (labels); each cell's opacity is its share."""
    top = 92
    cells = []
    for r, (name, shares) in enumerate(rows):
        for c, col in enumerate(columns):
            v = float(shares.get(col, 0.0))
            cells.append(
                {
                    "x": label_width + c * cell,
                    "y": top + r * cell,
                    "size": cell - 3,
                    "opacity": round(0.06 + 0.94 * min(1.0, v), 3),
                    "title": f"{name} · {col}: {_pct(v)}",
                    "text": f"{round(v * 100)}" if v >= 0.005 else "",
                }
            )
    return {
        "width": label_width + len(columns) * cell + 70,
        "height": top + len(rows) * cell + 6,
        "columns": [
            {"x": label_width + c * cell + cell / 2 - 1, "y": top - 8, "label": col} for c, col in enumerate(columns)
        ],
        "rows": [
            {"y": top + r * cell + cell / 2 + 3, "label": name if len(name) <= 34 else name[:33] + "…", "full": name}
            for r, (name, _) in enumerate(rows)
        ],
        "cells": cells,
        "label_width": label_width - 8,
        "empty": not rows,
    }


def bar_chart(
    items: Sequence[tuple[str, float]], *, width: int = 520, bar: int = 22, label_width: int = 230
) -> dict[str, Any]:
    """Horizontal bars, longest first as given."""
    peak = max((v for _, v in items), default=0.0) or 1.0
    span = width - label_width - 60
    bars = [
        {
            "y": 4 + i * (bar + 6),
            "w": round(max(2.0, span * v / peak), 1),
            "value": f"{v:g}",
            "label": name if len(name) <= 36 else name[:35] + "…",
            "full": name,
            "ty": 4 + i * (bar + 6) + bar / 2 + 4,
        }
        for i, (name, v) in enumerate(items)
    ]
    return {
        "width": width,
        "height": 8 + len(items) * (bar + 6),
        "x": label_width,
        "bar": bar,
        "bars": bars,
        "label_x": label_width - 8,
        "empty": not items,
    }
