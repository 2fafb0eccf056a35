"""Greedy one-to-one matching of predicted and gold spans (shared by the scorers)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["one_to_one"]


def one_to_one(pairs: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Take ``(score, a, b)`` candidate pairs best first; keep each ``a`` and each ``b`` once.

    The caller orders ``pairs`` (its tie-breaking is part of its scoring rule).

    >>> one_to_one([(0.9, 0, 1), (0.8, 0, 0), (0.5, 1, 1), (0.4, 1, 0)])
    [(0, 1), (1, 0)]
    """
    used_a: set[int] = set()
    used_b: set[int] = set()
    kept: list[tuple[int, int]] = []
    for _score, a, b in pairs:
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        kept.append((a, b))
    return kept
