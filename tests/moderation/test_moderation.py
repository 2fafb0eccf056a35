"""Policies, decisions with provenance, the queue, accounts and the policy / export-labels / apikey commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from belowtheline.document import Comment, Document
from belowtheline.errors import BelowTheLineError, ConfigError
from belowtheline.moderation.accounts import authenticate, create_user, hash_password, verify_password
from belowtheline.moderation.decisions import apply_policy, current_decision, dry_run
from belowtheline.moderation.policy import load_policy
from belowtheline.moderation.queue import ClaimConflict, claim, decide, list_queue, priority, undo
from belowtheline.service.scoring import KeywordScorer
from belowtheline.store import open_store, store_documents
from belowtheline.store.models import CommentRow, DecisionRow

POLICY_YAML = """
version: "2025-06-01"
thresholds:
  toxicity: {review: 0.5, remove: 0.99}
banned_words: ["sl*rword"]
suspect_words: ["clown*"]
duplicates: {review: 3}
sites:
  strict.example:
    thresholds: {toxicity: {review: 0.01, remove: 0.02}}
"""
POLICY_TOML = """
version = "3"
suspect_words = ["clown*"]
[thresholds.threat]
review = 0.2
remove = 0.8
"""


def _run(module: str, argv: list[str]) -> int:
    import importlib

    parser = argparse.ArgumentParser()
    importlib.import_module(f"belowtheline.cli.{module}").register(parser.add_subparsers())
    args = parser.parse_args([module.replace("_", "-"), *argv])
    return int(args.func(args))


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    p = tmp_path / "policy.yaml"
    p.write_text(POLICY_YAML)
    return p


def _seed(db_url: str) -> None:
    doc = Document(id="d", text="t", comments=[
        Comment(id="c1", text="Lovely article."), Comment(id="c2", text="You idiot."),
        Comment(id="c3", text="what a clowning"), Comment(id="c4", text="total slurrword"),
    ])
    store_documents([doc], db_url, scorer=KeywordScorer())


def test_policy_files_validate_with_clear_messages(tmp_path: Path, policy_file: Path) -> None:
    assert load_policy(policy_file).version == "2025-06-01"
    toml = tmp_path / "p.toml"
    toml.write_text(POLICY_TOML)
    assert load_policy(toml).thresholds["threat"].remove == 0.8
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: '1'\nthresholds:\n  toxicty: {review: 0.5}\n  threat: {review: 0.9, remove: 0.1}\n"
                   "banned_word: [x]\n")
    with pytest.raises(ConfigError) as err:
        load_policy(bad)
    msg = str(err.value)
    assert "unknown label(s) toxicty" in msg and "valid labels: toxicity" in msg
    assert "banned_word: unknown key" in msg
    missing = tmp_path / "nov.toml"
    missing.write_text("[thresholds]\n")
    with pytest.raises(ConfigError, match="version: Field required"):
        load_policy(missing)


def test_policy_check_command(policy_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("policy", ["check", str(policy_file)]) == 0
    assert "version 2025-06-01" in capsys.readouterr().out
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(BelowTheLineError, match="must end in .yaml, .yml or .toml"):
        _run("policy", ["check", str(tmp_path / "x.json")])


def test_decide_rules_and_site_overrides(policy_file: Path) -> None:
    p = load_policy(policy_file)
    assert p.decide({"toxicity": 0.1}, text="fine").action == "publish"
    out = p.decide({"toxicity": 0.1}, text="a SLURRRWORD here")
    assert out.action == "remove" and "banned word 'sl*rword' matched 'SLURRRWORD'" in out.reasons[0]
    assert p.decide({"toxicity": 0.1}, text="clowns").action == "review"
    assert p.decide({"toxicity": 0.1}, text="x", duplicate_count=3).action == "review"
    assert p.decide({"toxicity": 0.05}, text="x", site="strict.example").action == "remove"


def test_dry_run_apply_and_provenance(db_url: str, policy_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _seed(db_url)
    assert _run("policy", ["dry-run", str(policy_file), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "publish 1, review 2, remove 1; 4 would change" in out
    store = open_store(db_url)
    with store.session() as s:
        assert s.scalars(select(DecisionRow)).all() == []  # a dry run writes nothing
        made = apply_policy(s, load_policy(policy_file))
        assert len(made) == 4
        assert apply_policy(s, load_policy(policy_file)) == []  # same version: nothing new
        idiot = s.scalars(select(CommentRow).where(CommentRow.text == "You idiot.")).one()
        d = current_decision(s, idiot.id)
        assert d is not None and d.action == "review" and d.policy_version == "2025-06-01"
        assert d.scores["toxicity"] == 0.95 and d.models == [{"model": "keyword.fake", "version": "1"}]
        assert dry_run(s, load_policy(policy_file)).changes == []
    store.dispose()


def test_queue_claims_decisions_undo_and_export(db_url: str, policy_file: Path, tmp_path: Path) -> None:
    _seed(db_url)
    store = open_store(db_url)
    with store.session() as s:
        apply_policy(s, load_policy(policy_file))
        alice = create_user(s, "alice", "correct horse", "moderator")
        bob = create_user(s, "bob", "correct horse", "moderator")
        items = list_queue(s)
        assert [s.get(CommentRow, i.comment_id).text for i in items] == ["You idiot.", "what a clowning"]  # type: ignore[union-attr]
        first, second = items
        claim(s, first.id, alice)
        with pytest.raises(ClaimConflict):
            claim(s, first.id, bob)
        rejected = decide(s, first.id, alice, "reject", note="insult")
        claim(s, second.id, bob)
        approved = decide(s, second.id, bob, "approve")
        undone = undo(s, approved.id, bob)
        assert undone.undoes_id == approved.id
        assert [i.id for i in list_queue(s)] == [second.id]
        assert rejected.id
    out = tmp_path / "labels.jsonl"
    assert _run("export_labels", ["--db", db_url, "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["text"], r["label"], r["moderator"], r["note"]) for r in rows] == [("You idiot.", 1, "alice", "insult")]
    store.dispose()


def test_priority_orders_severity_recency_and_reach() -> None:
    from datetime import timedelta

    from belowtheline.store.models import utcnow

    assert priority({"threat": 0.9}) > priority({"profanity": 0.9})
    assert priority({"toxicity": 0.5}) > priority({"toxicity": 0.5}, created_at=utcnow() - timedelta(days=3))
    assert priority({"toxicity": 0.5}, reach=10) > priority({"toxicity": 0.5})


def test_passwords_are_argon2_and_accounts_authenticate(db_url: str) -> None:
    h = hash_password("correct horse")
    assert h.startswith("$argon2id$") and verify_password(h, "correct horse") and not verify_password(h, "wrong")
    store = open_store(db_url)
    with store.session() as s:
        create_user(s, "ann", "correct horse", "admin")
        assert authenticate(s, "ann", "correct horse") is not None
        assert authenticate(s, "ann", "nope") is None and authenticate(s, "nobody", "x") is None
        with pytest.raises(BelowTheLineError, match="already exists"):
            create_user(s, "ann", "another password", "viewer")
        with pytest.raises(BelowTheLineError, match="unknown role 'boss'"):
            create_user(s, "zed", "correct horse", "boss")
    store.dispose()


def test_apikey_command_prints_the_key_alone_on_the_last_line(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("apikey", ["create", "--scope", "score,read", "--db", db_url]) == 0
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert key.startswith("btl_") and len(key) > 40
    from belowtheline.moderation.accounts import lookup_key

    store = open_store(db_url)
    with store.session() as s:
        found: Any = lookup_key(s, key)
        assert found is not None and found[0].scopes == "score read"
        assert found[0].key_hash != key
    store.dispose()
