"""Sessions, CSRF tokens and the security headers of the dashboard.

The session is a signed cookie (HMAC-SHA256, no server-side state): a random
nonce, the user id and the time it was issued. The user is looked up on every
request, so a deactivated account or a changed role takes effect at once.
A CSRF token is the HMAC of the session nonce; every POST must carry it (form
field ``csrf`` or header ``X-CSRF-Token``), and a POST whose ``Origin`` is
another site is refused as well. Signing in issues a new nonce, so a token
seen before sign-in is useless after it.

The signing key is ``$BTL_DASHBOARD_SECRET`` when set (set it when running
several workers, or to keep people signed in across restarts); otherwise a
random key per process.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from typing import Any

__all__ = ["CSP", "SECURITY_HEADERS", "SessionData", "Signer"]

COOKIE = "btl_session"
SECRET_ENV = "BTL_DASHBOARD_SECRET"

#: No inline script or style anywhere; scripts and styles only from this server.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@dataclass(slots=True, frozen=True)
class SessionData:
    """What the cookie holds: a nonce (CSRF tokens derive from it), the user id (None: signed out)."""

    nonce: str
    user_id: int | None = None
    issued: float = 0.0


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """Signs and checks session cookies and CSRF tokens with one key.

    Example:
        >>> signer = Signer(b"k" * 32)
        >>> data = signer.new_session(user_id=7)
        >>> signer.load(signer.dump(data), max_age=60).user_id
        7
        >>> signer.check_csrf(data, signer.csrf_token(data))
        True
    """

    def __init__(self, key: bytes | None = None) -> None:
        env = os.environ.get(SECRET_ENV)
        self.key = key or (env.encode("utf-8") if env else secrets.token_bytes(32))

    def _mac(self, purpose: str, data: str) -> str:
        return _b64(hmac.new(self.key, f"{purpose}|{data}".encode(), hashlib.sha256).digest())

    @staticmethod
    def new_session(user_id: int | None = None) -> SessionData:
        return SessionData(nonce=secrets.token_urlsafe(18), user_id=user_id, issued=time.time())

    def dump(self, data: SessionData) -> str:
        body = _b64(
            json.dumps({"n": data.nonce, "u": data.user_id, "t": round(data.issued)}, separators=(",", ":")).encode()
        )
        return f"{body}.{self._mac('session', body)}"

    def load(self, cookie: str | None, *, max_age: float) -> SessionData | None:
        """The session in ``cookie``, or None when it is missing, forged, malformed or older than ``max_age`` s."""
        if not cookie or len(cookie) > 1000 or "." not in cookie:
            return None
        body, _, mac = cookie.rpartition(".")
        if not hmac.compare_digest(mac, self._mac("session", body)):
            return None
        try:
            raw: Any = json.loads(_unb64(body))
            data = SessionData(
                nonce=str(raw["n"]), user_id=None if raw["u"] is None else int(raw["u"]), issued=float(raw["t"])
            )
        except (ValueError, KeyError, TypeError):
            return None
        if data.user_id is not None and time.time() - data.issued > max_age:
            return None
        return data

    def csrf_token(self, data: SessionData) -> str:
        return self._mac("csrf", data.nonce)

    def check_csrf(self, data: SessionData | None, token: str | None) -> bool:
        return bool(data and token and hmac.compare_digest(token, self.csrf_token(data)))
