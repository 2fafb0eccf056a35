"""The database: SQLAlchemy 2 models, Alembic migrations and repository functions.

SQLite by default, at :func:`default_url` (``$BTL_HOME/belowtheline.db``, else
``$XDG_DATA_HOME/belowtheline/belowtheline.db``, else
``~/.local/share/belowtheline/belowtheline.db``), created and migrated on first
use; PostgreSQL when ``BTL_DATABASE_URL`` (or ``--db``) is a ``postgresql://`` URL.

Importing this package imports SQLAlchemy; ``import belowtheline`` does not.

Example:
    >>> from belowtheline.store import Store, store_documents
    >>> from belowtheline.document import Comment, Document
    >>> doc = Document(id="d1", text="Title\\n\\nA comment.", comments=[Comment(id="c1", text="A comment.")])
    >>> store_documents([doc], "sqlite://").comments_added
    1
"""

from __future__ import annotations

from .repository import IngestSummary, replace_article, store_documents
from .session import Store, default_url, normalize_url, open_store

__all__ = [
    "IngestSummary",
    "Store",
    "default_url",
    "normalize_url",
    "open_store",
    "replace_article",
    "store_documents",
]
