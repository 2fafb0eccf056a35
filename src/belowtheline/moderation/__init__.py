"""Moderation: versioned policies, decisions with provenance, the human review queue, accounts.

Submodules import SQLAlchemy (``queue``, ``accounts``) or pydantic (``policy``); this
package itself imports nothing heavy.
"""
