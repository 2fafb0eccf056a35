"""Service settings (pydantic-settings): environment variables prefixed ``BTL_``."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


def _default_db() -> str:
    from ..store.session import default_url

    return default_url()


class Settings(BaseSettings):
    """How the service runs. Every field can be set as ``BTL_<NAME>`` in the environment.

    Example:
        >>> Settings(database_url="sqlite://").max_body_bytes
        1000000
    """

    model_config = SettingsConfigDict(env_prefix="BTL_", extra="forbid")

    #: SQLAlchemy URL; default: ``BTL_DATABASE_URL`` or the SQLite file of :func:`belowtheline.store.default_url`.
    database_url: str = Field(default_factory=_default_db)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    #: Requests with a larger body get 413.
    max_body_bytes: int = Field(default=1_000_000, ge=1)
    #: Most comments in one POST /v1/score.
    max_batch: int = Field(default=1000, ge=1)
    #: Longest comment text accepted (Perspective's own limit is 20 KB).
    max_comment_chars: int = Field(default=20480, ge=1)
    #: A policy file applied to comments stored through the API (None: no decisions).
    policy: Path | None = None
    #: Lifetime of a moderator's login token.
    token_ttl_hours: float = Field(default=12.0, gt=0)
