"""``create_app(settings)``: the FastAPI application.

Nothing connects to a database or loads a model until the first request that needs it.

Example:
    >>> from belowtheline.service.app import create_app
    >>> from belowtheline.service.settings import Settings
    >>> app = create_app(Settings(database_url="sqlite://"))
    >>> "/v1alpha1/comments:analyze" in app.openapi()["paths"]
    True
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from .deps import Runtime
from .errors import ApiError, api_error_handler, error_body, error_response
from .scoring import CommentScorer
from .settings import Settings

__all__ = ["create_app"]


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, whether declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1
                if declared > self.limit:
                    await self._refuse(send)
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(error_body(413, f"The request body is larger than the limit of {self.limit} bytes "
                                          "(BTL_MAX_BODY_BYTES); send fewer or shorter comments per request."))
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body.encode()})


class _TooLarge(Exception):
    pass


def create_app(settings: Settings | None = None, *, scorer: CommentScorer | None = None) -> FastAPI:
    """Build the service.

    Args:
        settings: service settings (default: from ``BTL_*`` environment variables).
        scorer: the comment scorer to use (default: :func:`belowtheline.service.scoring.default_scorer`,
            loaded on first use). Tests pass a double here.

    Returns:
        the FastAPI app; run it with uvicorn (``btl serve``).
    """
    from .routes import auth, documents, perspective, queue, score

    settings = settings or Settings()
    app = FastAPI(
        title="belowtheline",
        version=__version__,
        description="Comment scoring, moderation and a Perspective-compatible endpoint. "
        "Errors always have the shape {\"error\": {\"code\", \"message\", \"status\"}}.",
    )
    app.state.runtime = Runtime(settings=settings, scorer_override=scorer)
    if settings.policy is not None:
        from ..moderation.policy import load_policy

        app.state.runtime.policy = load_policy(settings.policy)

    app.add_exception_handler(ApiError, api_error_handler)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
            problems.append(f"{loc}: {err.get('msg', 'invalid')}")
        return error_response(400, "Invalid request: " + "; ".join(problems[:10]), "INVALID_REQUEST")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            # The router only knows the methods of the first route matching the path; list them all.
            headers = {**(headers or {}), "Allow": ", ".join(_allowed(app, request.url.path))}
        return error_response(exc.status_code, str(exc.detail), headers=headers)

    @app.exception_handler(Exception)
    async def _crash(_request: Request, _exc: Exception) -> JSONResponse:
        return error_response(500, "Internal error; the server log has the details.")

    @app.get("/healthz", tags=["meta"], summary="Liveness")
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__}

    for module in (perspective, score, documents, queue, auth):
        app.include_router(module.router)
    from ..dashboard import router as dashboard_router

    app.include_router(dashboard_router)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    _document_errors_and_auth(app)
    return app


def _allowed(app: FastAPI, path: str) -> list[str]:
    """The methods the OpenAPI schema documents for ``path`` (matched against its templates)."""
    import re

    methods: set[str] = set()
    for template, ops in app.openapi().get("paths", {}).items():
        pattern = "^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            methods |= {m.upper() for m in ops}
    return sorted(methods)


#: Error statuses every API operation may answer (in the one error shape), beyond its success.
_ERRORS = {400: "Invalid request (bad JSON, failed validation, unsupported attribute, ...)",
           413: "Request body over the size limit", 500: "Internal error"}
_AUTH_ERRORS = {401: "Missing or invalid API key / token", 403: "The key lacks the scope, or is not a moderator's"}
_ITEM_ERRORS = {404: "No such resource", 409: "Conflict (claimed by someone else, already decided or undone)"}


def _document_errors_and_auth(app: FastAPI) -> None:
    """Make the OpenAPI schema say what the service really answers.

    FastAPI documents 422 for validation errors, but every error here is rendered as
    ``{"error": {...}}`` with 400 (Perspective's convention); document that shape and the
    statuses each route can return (the security schemes come from :func:`.deps.require`).
    """
    from fastapi.openapi.utils import get_openapi

    from .errors import ErrorOut

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        comps = schema.setdefault("components", {})
        schemas = comps.setdefault("schemas", {})
        schemas["Error"] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in schemas["Error"].pop("$defs", {}).items():
            schemas[name] = sub
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path, ops in schema.get("paths", {}).items():
            if path == "/healthz":
                continue
            for _method, op in ops.items():
                responses = op.setdefault("responses", {})
                responses.pop("422", None)
                codes = dict(_ERRORS)
                if op.get("security"):  # routes behind ``require(scope)``
                    codes |= _AUTH_ERRORS
                if "{" in path or path == "/v1/auth/token":
                    codes |= _ITEM_ERRORS if "{" in path else {401: "Wrong user name or password"}
                for code, text in sorted(codes.items()):
                    responses.setdefault(str(code), {"description": text, "content": ref})
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
