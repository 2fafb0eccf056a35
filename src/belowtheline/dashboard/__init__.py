"""The web dashboard served by ``btl serve`` under ``/dashboard/``.

Moderators sign in with their accounts (``btl user create``) and work the
review queue from the keyboard; editors and researchers read an article with
its thread, the overview charts and the policy. Pages are rendered on the
server (Jinja2 with autoescaping); one small script adds keyboard shortcuts;
every asset is served by the app itself under a strict Content-Security-Policy.

:data:`router` is included by :func:`belowtheline.service.app.create_app`.
"""

from __future__ import annotations

from .routes import router

__all__ = ["router"]
