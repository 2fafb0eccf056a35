"""The store on SQLite and (marked postgres) PostgreSQL: migrations, ingest, scores, audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from belowtheline.document import Comment, Document, Evidence, Source
from belowtheline.service.scoring import KeywordScorer, ScoreResult
from belowtheline.store import default_url, open_store, store_documents
from belowtheline.store.models import AuditEntry, CommentRow, ScoreRow
from belowtheline.store.repository import audit, save_scores
from belowtheline.store.session import downgrade, upgrade

TABLES = {"sites", "documents", "captures", "comments", "scores", "decisions", "queue_items", "users",
          "api_keys", "audit_log", "alembic_version"}
HOSTILE = [
    "Robert'); DROP TABLE comments;--",
    "<script>alert('x')</script> & <b>bold</b>",
    "' OR 1=1 -- \\ % _ \" ;",
    "emoji 🚀 and RTL \u202e text and combining e\u0301",
]


def _doc(text: str, comments: list[tuple[str, str | None]], *, url: str | None = "https://news.example/a") -> Document:
    return Document(id="a", text=text, source=Source(url=url),
                    comments=[Comment(id=f"c{i + 1}", text=t, reply_to=r) for i, (t, r) in enumerate(comments)])


def test_migrations_create_every_table_and_downgrade(db_url: str) -> None:
    store = open_store(db_url)
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    upgrade(store.engine)  # idempotent
    downgrade(store.engine, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    upgrade(store.engine)
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    store.dispose()


def test_default_sqlite_file_is_created_on_first_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BTL_DATABASE_URL", raising=False)
    monkeypatch.setenv("BTL_HOME", str(tmp_path / "home" / "btl"))
    assert default_url() == f"sqlite:///{tmp_path / 'home' / 'btl' / 'belowtheline.db'}"
    store = open_store()
    store.dispose()
    assert (tmp_path / "home" / "btl" / "belowtheline.db").is_file()
    monkeypatch.setenv("BTL_DATABASE_URL", "postgresql://u@127.0.0.1:1/x")
    assert default_url() == "postgresql://u@127.0.0.1:1/x"


def test_reingest_is_idempotent_and_new_comments_are_appended(db_url: str) -> None:
    store = open_store(db_url)
    first = _doc("v1", [("First!", None), ("Agreed.", "c1"), ("Agreed.", "c1")])
    s1 = store_documents([first], store)
    assert (s1.documents_added, s1.comments_added) == (1, 3)
    again = store_documents([first], store)
    assert (again.documents_unchanged, again.comments_added) == (1, 0)
    # A later capture of the same thread: one new reply inserted in the middle renumbers the ids.
    later = _doc("v2", [("First!", None), ("New reply", "c1"), ("Agreed.", "c1"), ("Agreed.", "c1")])
    s2 = store_documents([later], store)
    assert (s2.documents_updated, s2.comments_added) == (1, 1)
    with store.session() as s:
        rows = s.scalars(select(CommentRow).order_by(CommentRow.position)).all()
        assert [r.text for r in rows] == ["First!", "Agreed.", "Agreed.", "New reply"]
        assert len({r.key for r in rows}) == 4
        assert rows[-1].reply_to == rows[0].key
    store.dispose()


def test_scores_are_kept_per_model_version(db_url: str) -> None:
    store = open_store(db_url)
    summary = store_documents([_doc("t", [("you idiot", None)])], store, scorer=KeywordScorer())
    assert summary.comments_added == 1
    with store.session() as s:
        c = s.scalars(select(CommentRow)).one()
        save_scores(s, c, ScoreResult({"toxicity": 0.5}, [Evidence("toxicity", 4, 9, "idiot")]), "keyword.fake", "2")
        save_scores(s, c, ScoreResult({"toxicity": 0.1}), "keyword.fake", "2")  # same version: kept as is
    with store.session() as s:
        rows = s.scalars(select(ScoreRow).order_by(ScoreRow.id)).all()
        assert [(r.model_version, r.scores["toxicity"]) for r in rows] == [("1", 0.95), ("2", 0.5)]
        assert rows[1].evidence == [{"label": "toxicity", "start": 4, "end": 9, "text": "idiot"}]
    store.dispose()


def test_audit_log_is_append_only(db_url: str) -> None:
    store = open_store(db_url)
    with store.session() as s:
        audit(s, "cli", "test.event", details={"x": 1})
    for stmt in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), store.session() as s:
            s.execute(text(stmt))
    with store.session() as s:
        assert [e.actor for e in s.scalars(select(AuditEntry))] == ["cli"]
    store.dispose()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_stored_verbatim(db_url: str, hostile: str) -> None:
    store = open_store(db_url)
    store_documents([_doc(hostile, [(hostile, None)], url=hostile)], store)
    with store.session() as s:
        assert s.scalars(select(CommentRow.text)).one() == hostile
        assert s.execute(text("SELECT count(*) FROM comments")).scalar() == 1
    store.dispose()


def test_segmented_capture_is_stored(tmp_path: Path, seed_000: str) -> None:
    from belowtheline.api import load_pipeline

    doc = load_pipeline()(Document(id="seed", text=seed_000))
    assert doc.comments
    url = f"sqlite:///{tmp_path / 'x.db'}"
    summary = store_documents([doc], url, site="example.org", scorer=KeywordScorer())
    assert summary.comments_added == len(doc.comments)
    assert store_documents([doc], url).documents_unchanged == 1
