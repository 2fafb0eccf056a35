"""``btl serve``: the REST API (and Perspective-compatible endpoint) with uvicorn."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="run the REST API and the Perspective-compatible endpoint (127.0.0.1:8000)",
        description="Serve the REST API. Machine clients need a key (`btl apikey create --scope score`); "
        "the OpenAPI schema is at /openapi.json and the docs at /docs.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--db", metavar="URL", help="database URL (default: $BTL_DATABASE_URL or the SQLite file)")
    p.add_argument("--policy", metavar="FILE", help="apply this policy to comments stored through the API")
    p.add_argument("--workers", type=int, default=1,
                   help="uvicorn worker processes (default: 1); 2 on a 2-core machine doubles scoring throughput")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import MissingDependencyError

    try:
        import uvicorn

        from ..service.app import create_app
        from ..service.settings import Settings
    except ImportError as exc:
        raise MissingDependencyError.for_extra(getattr(exc, "name", None) or "fastapi", "service") from exc
    from ..store.session import Store

    kw: dict[str, Any] = {"host": args.host, "port": args.port}
    if args.db:
        kw["database_url"] = args.db
    if args.policy:
        kw["policy"] = args.policy
    settings = Settings(**kw)
    Store(settings.database_url).dispose()  # create and migrate before the first request
    if args.workers > 1:
        # Worker processes build their own app from the environment (uvicorn needs an import string).
        import os

        os.environ["BTL_DATABASE_URL"] = settings.database_url
        if settings.policy is not None:
            os.environ["BTL_POLICY"] = str(settings.policy)
        _run_workers(settings.host, settings.port, args.workers)
        return 0
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info", access_log=False)
    return 0


def _run_workers(host: str, port: int, workers: int) -> None:
    """``uvicorn.run(..., workers=N)``, but with a listening socket that keeps TCP_NODELAY on.

    uvicorn binds the shared socket with protocol 0, and asyncio only sets TCP_NODELAY on
    sockets whose protocol is IPPROTO_TCP; without it, Nagle's algorithm and delayed ACKs
    add ~40 ms to every keep-alive response (headers and body are two writes).
    """
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config("belowtheline.service.app:create_app", factory=True, host=host, port=port,
                            workers=workers, log_level="info", access_log=False)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
