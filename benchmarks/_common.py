"""Helpers shared by the benchmark scripts: paths, tables, result files."""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
SHARED_DATA = ROOT.parent / "shared" / "data"


def seed_comments() -> list[str]:
    """The 28 comments of seed 000 (one per line after the article)."""
    lines = (ROOT / "examples" / "000_0f8eaa86e6e37add.txt").read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines[-28:] if ln.strip()]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


def scoring_db(tmp: Path) -> tuple[str, str]:
    """A fresh SQLite database in ``tmp`` and an API key with the score scope: ``(url, key)``."""
    from belowtheline.moderation.accounts import create_api_key
    from belowtheline.store import open_store

    db = f"sqlite:///{tmp / 'bench.db'}"
    store = open_store(db)
    with store.session() as s:
        key = create_api_key(s, ["score"], name="bench")[1]
    store.dispose()
    return db, key


def wait_healthy(url: str, *, tries: int = 300) -> None:
    """Poll ``url``/healthz until the server answers (0.1 s apart)."""
    import httpx

    for _ in range(tries):
        try:
            httpx.get(url + "/healthz", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table with right-aligned numbers."""
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False))
    out = [line, "  ".join("-" * w for w in widths)]
    for r in cells:
        out.append("  ".join(c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(r, widths, strict=False)))
    return "\n".join(out)


def _fmt(c: Any) -> str:
    if isinstance(c, float):
        return f"{c:,.3f}" if abs(c) < 100 else f"{c:,.0f}"
    if isinstance(c, int):
        return f"{c:,}"
    return str(c)


def _numeric(s: str) -> bool:
    return s.replace(",", "").replace(".", "", 1).replace("-", "", 1).replace("x", "").isdigit()


def write_result(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": name,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()},
        **payload,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
