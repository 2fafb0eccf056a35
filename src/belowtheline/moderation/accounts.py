"""Moderator accounts (argon2id password hashes) and API keys (SHA-256 of a random secret).

Roles grant scopes: ``viewer`` reads, ``moderator`` also works the queue, ``admin``
may do everything. Machine keys carry explicit scopes (``read``, ``score``,
``moderate``, ``admin``). A key is a 256-bit random secret, so a fast hash is
enough to store it safely; passwords are low-entropy, so they get argon2id.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import BelowTheLineError, ConfigError
from ..store.models import ApiKey, User, utcnow
from ..store.repository import audit

__all__ = [
    "ROLES",
    "SCOPES",
    "AccountError",
    "authenticate",
    "create_api_key",
    "create_user",
    "hash_password",
    "lookup_key",
    "verify_password",
]

SCOPES: tuple[str, ...] = ("read", "score", "moderate", "admin")
ROLES: dict[str, frozenset[str]] = {
    "viewer": frozenset({"read"}),
    "moderator": frozenset({"read", "moderate"}),
    "admin": frozenset(SCOPES),
}
KEY_PREFIX = "btl_"


class AccountError(BelowTheLineError):
    """A user or key cannot be created (duplicate name, unknown role or scope, weak password)."""


def hash_password(password: str) -> str:
    """An argon2id PHC string for ``password``."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(PasswordHasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def create_user(s: Session, username: str, password: str, role: str = "moderator", *, actor: str = "cli") -> User:
    """Create an account.

    Raises:
        AccountError: the role is unknown, the name is taken or the password is shorter than 8 characters.
    """
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    if not username.strip():
        raise AccountError("the user name is empty; give a name such as 'alice'.")
    if len(password) < 8:
        raise AccountError("the password is shorter than 8 characters; choose a longer one.")
    if s.scalar(select(User).where(User.username == username)) is not None:
        raise AccountError(f"a user named {username!r} already exists; choose another name.")
    user = User(username=username, password_hash=hash_password(password), role=role)
    s.add(user)
    s.flush()
    audit(s, actor, "user.create", target_type="user", target_id=user.id, details={"username": username, "role": role})
    return user


def authenticate(s: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None. Re-hashes outdated argon2 parameters."""
    from argon2 import PasswordHasher

    user = s.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        # Spend the same time as a real check so user names cannot be probed by timing.
        verify_password(_DUMMY_HASH(), password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if PasswordHasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


_dummy: list[str] = []


def _DUMMY_HASH() -> str:  # noqa: N802
    if not _dummy:
        _dummy.append(hash_password(secrets.token_hex(8)))
    return _dummy[0]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def parse_scopes(scopes: Iterable[str]) -> list[str]:
    """Validate scope names (comma- or space-separated strings accepted)."""
    out: list[str] = []
    for item in scopes:
        for sc in item.replace(",", " ").split():
            if sc not in SCOPES:
                raise ConfigError(f"unknown scope {sc!r}; choose from {', '.join(SCOPES)}.")
            if sc not in out:
                out.append(sc)
    if not out:
        raise ConfigError(f"no scope given; choose from {', '.join(SCOPES)}.")
    return out


def create_api_key(s: Session, scopes: Iterable[str], *, name: str | None = None, user: User | None = None,
                   ttl: timedelta | None = None, actor: str = "cli") -> tuple[ApiKey, str]:
    """Create a key; return the row and the secret (shown once, never stored)."""
    scope_list = parse_scopes(scopes)
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(prefix=secret[:12], key_hash=_digest(secret), scopes=" ".join(scope_list), name=name,
                 user_id=user.id if user else None, expires_at=utcnow() + ttl if ttl else None)
    s.add(row)
    s.flush()
    audit(s, actor, "apikey.create", target_type="api_key", target_id=row.id,
          details={"prefix": row.prefix, "scopes": scope_list, "name": name})
    return row, secret


def lookup_key(s: Session, secret: str) -> tuple[ApiKey, User | None] | None:
    """The live key with this secret and its user (None for machine keys), or None."""
    if not secret or len(secret) > 200:
        return None
    row = s.scalar(select(ApiKey).where(ApiKey.key_hash == _digest(secret)))
    if row is None or row.revoked_at is not None:
        return None
    if row.expires_at is not None and _aware(row.expires_at) < utcnow():
        return None
    user = s.get(User, row.user_id) if row.user_id else None
    if row.user_id and (user is None or not user.active):
        return None
    return row, user


def _aware(dt: datetime) -> datetime:
    from datetime import UTC

    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
