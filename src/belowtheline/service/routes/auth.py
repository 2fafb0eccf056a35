"""``POST /v1/auth/token``: a moderator logs in with a password and gets a bearer token."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from ..deps import DB, get_runtime
from ..errors import ApiError

router = APIRouter(tags=["auth"])


class Login(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)


@router.post("/v1/auth/token", summary="Log in; returns a bearer token with the scopes of the user's role")
def login(body: Login, request: Request, s: DB) -> Any:
    from ...moderation.accounts import ROLES, authenticate, create_api_key

    user = authenticate(s, body.username, body.password)
    if user is None:
        raise ApiError(401, "wrong user name or password.")
    ttl = timedelta(hours=get_runtime(request).settings.token_ttl_hours)
    row, secret = create_api_key(s, sorted(ROLES[user.role]), name="login", user=user, ttl=ttl,
                                 actor=f"user:{user.username}")
    return {"token": secret, "token_type": "bearer", "role": user.role, "scopes": row.scopes.split(),
            "expires_at": row.expires_at.isoformat() if row.expires_at else None}
