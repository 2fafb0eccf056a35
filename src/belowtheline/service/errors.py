"""One error shape for every route, Google API style (what Perspective clients parse)::

    {"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT",
               "details": [{"@type": "...", "errorType": "..."}]}}
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ApiError", "ErrorOut", "error_body", "error_response"]

STATUS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
          405: "METHOD_NOT_ALLOWED", 409: "ABORTED", 413: "PAYLOAD_TOO_LARGE", 415: "INVALID_ARGUMENT",
          422: "INVALID_ARGUMENT", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}
ERROR_TYPE_URL = "type.googleapis.com/google.commentanalyzer.v1alpha1.Error"


class ErrorDetail(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    type: str = Field(alias="@type")
    errorType: str  # noqa: N815


class ErrorInfo(BaseModel):
    code: int
    message: str
    status: str
    details: list[ErrorDetail] | None = None


class ErrorOut(BaseModel):
    """The one error shape (documented in the OpenAPI schema as ``Error``)."""

    error: ErrorInfo


class ApiError(Exception):
    """Raised by route code; rendered in the one error shape."""

    def __init__(self, code: int, message: str, *, error_type: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.error_type = error_type
        self.headers = headers


def error_body(code: int, message: str, error_type: str | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message, "status": STATUS.get(code, "UNKNOWN")}
    if error_type:
        err["details"] = [{"@type": ERROR_TYPE_URL, "errorType": error_type}]
    return {"error": err}


def error_response(code: int, message: str, error_type: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, error_type), status_code=code, headers=headers)


async def api_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.code, exc.message, exc.error_type, exc.headers)
