"""Request dependencies: the store, the scorer, and who is calling (API key or login token)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Path, Request, Security
from fastapi.security import APIKeyHeader, APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ..store.session import Store
from .errors import ApiError
from .scoring import CommentScorer, default_scorer
from .settings import Settings

__all__ = ["DB", "MAX_ID", "ModerateKey", "Principal", "ReadKey", "RowId", "Runtime", "ScoreKey", "get_runtime",
           "require", "session"]


@dataclass(slots=True)
class Principal:
    """The caller: a machine key (``user`` None) or a moderator's login token."""

    key_id: int
    prefix: str
    scopes: frozenset[str]
    user_id: int | None = None
    username: str | None = None
    role: str | None = None

    @property
    def actor(self) -> str:
        return f"user:{self.username}" if self.username else f"key:{self.prefix}"


@dataclass
class Runtime:
    """What the app holds: settings, the lazily opened store and scorer, a short key cache."""

    settings: Settings
    scorer_override: CommentScorer | None = None
    _store: Store | None = None
    _scorer: CommentScorer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _keys: dict[str, tuple[float, Principal | None]] = field(default_factory=dict)
    policy: Any = None

    @property
    def store(self) -> Store:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = Store(self.settings.database_url)
        return self._store

    @property
    def scorer_loaded(self) -> bool:
        return self._scorer is not None

    @property
    def scorer(self) -> CommentScorer:
        if self._scorer is None:
            with self._lock:
                if self._scorer is None:
                    self._scorer = self.scorer_override or default_scorer()
        return self._scorer

    def cached_principal(self, secret: str) -> tuple[bool, Principal | None]:
        """``(True, principal)`` when the key's answer is in the cache, else ``(False, None)`` (no I/O)."""
        hit = self._keys.get(secret)
        if hit is not None and hit[0] > time.monotonic():
            return True, hit[1]
        return False, None

    def principal(self, secret: str) -> Principal | None:
        """Look a key up, caching the answer for 5 s (a revoked key stops working within 5 s)."""
        now = time.monotonic()
        hit = self._keys.get(secret)
        if hit is not None and hit[0] > now:
            return hit[1]
        from ..moderation.accounts import ROLES, lookup_key

        with self.store.session() as s:
            found = lookup_key(s, secret)
            p = None
            if found is not None:
                key, user = found
                scopes = frozenset(key.scopes.split())
                if user is not None:
                    scopes &= ROLES.get(user.role, frozenset())
                p = Principal(key.id, key.prefix, scopes, user.id if user else None,
                              user.username if user else None, user.role if user else None)
        if len(self._keys) > 10_000:
            self._keys.clear()
        self._keys[secret] = (now + 5.0, p)
        return p


def get_runtime(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


def session(request: Request) -> Iterator[Session]:
    """A session committed when the route returns without error, before the response is sent.

    (``DB`` declares it with ``scope="function"``: FastAPI's default runs the exit code of a
    ``yield`` dependency after the response, so a client could be told "200" for a decision
    that a crash, or a failed commit, then loses.)
    """
    with get_runtime(request).store.session() as s:
        yield s


def _secret(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-api-key") or request.query_params.get("key")


# The three ways to pass a key, declared so the OpenAPI schema lists them as security schemes.
# (auto_error=False: :func:`require` gives the one error shape itself.)
_KEY_QUERY = APIKeyQuery(name="key", auto_error=False, scheme_name="ApiKeyQuery")
_KEY_HEADER = APIKeyHeader(name="X-Api-Key", auto_error=False, scheme_name="ApiKeyHeader")
_BEARER = HTTPBearer(auto_error=False, scheme_name="Bearer", description="an API key or a login token")


def require(scope: str) -> Callable[..., Any]:
    """A dependency that lets the request through only with a key holding ``scope``."""

    async def dep(request: Request, _query: Annotated[str | None, Security(_KEY_QUERY)] = None,
                  _header: Annotated[str | None, Security(_KEY_HEADER)] = None,
                  _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)] = None) -> Principal:
        # async: a cached key (the hot path) costs no thread hop; a lookup runs in the thread pool.
        secret = _secret(request)
        if not secret:
            raise ApiError(401, "The request is missing an API key: pass ?key=KEY, 'Authorization: Bearer KEY' "
                                "or 'X-Api-Key: KEY' (create one with `btl apikey create`).",
                           headers={"WWW-Authenticate": "Bearer"})
        rt = get_runtime(request)
        cached, p = rt.cached_principal(secret)
        if not cached:
            p = await run_in_threadpool(rt.principal, secret)
        if p is None:
            raise ApiError(400 if request.url.path.startswith("/v1alpha1/") else 401,
                           "API key not valid. Please pass a valid API key.", error_type="API_KEY_INVALID")
        if scope not in p.scopes and "admin" not in p.scopes:
            raise ApiError(403, f"this key lacks the {scope!r} scope (it has: {', '.join(sorted(p.scopes))}).")
        request.state.principal = p
        return p

    dep.__name__ = f"require_{scope}"
    return dep


#: Route parameter types: ``p: ScoreKey`` admits callers holding the ``score`` scope, and so on.
ReadKey = Annotated[Principal, Depends(require("read"))]
ScoreKey = Annotated[Principal, Depends(require("score"))]
ModerateKey = Annotated[Principal, Depends(require("moderate"))]
DB = Annotated[Session, Depends(session, scope="function")]
#: Row ids and offsets are 32-bit integer columns (PostgreSQL ``integer``): larger numbers are refused with
#: 400 rather than reaching the database driver (which cannot bind them: a 500).
MAX_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
