"""REST routes against a live server: batches, documents and threads, authorisation, the queue."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from belowtheline.moderation.accounts import create_user
from belowtheline.service.app import create_app
from belowtheline.service.settings import Settings
from belowtheline.store import open_store
from belowtheline.testing import CAPTURES

POLICY = "version: '7'\nthresholds:\n  toxicity: {review: 0.5, remove: 0.99}\n"


def _user(db_url: str, name: str, role: str) -> None:
    store = open_store(db_url)
    with store.session() as s:
        create_user(s, name, "correct horse", role)
    store.dispose()


def _login(url: str, name: str) -> dict[str, str]:
    r = httpx.post(url + "/v1/auth/token", json={"username": name, "password": "correct horse"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_openapi_lists_every_mutating_route_and_each_is_tested_below() -> None:
    paths = create_app(Settings(database_url="sqlite://")).openapi()["paths"]
    mutating = {(m, p) for p, ops in paths.items() for m in ops if m in ("post", "put", "patch", "delete")}
    tested = {p for m, p in UNAUTHORISED if m == "post"}
    assert {p.replace("{item_id}", "1").replace("{decision_id}", "1") for _m, p in mutating} - tested == {
        "/v1/auth/token"}
    assert {p for _m, p in mutating} == {
        "/v1/score", "/v1/documents", "/v1/queue/{item_id}/claim", "/v1/queue/{item_id}/decision",
        "/v1/decisions/{decision_id}/undo", "/v1alpha1/comments:analyze", "/v1/auth/token"}


def test_score_batch_and_store(live_server: Any, make_key: Any) -> None:
    srv = live_server()
    key = make_key("score", "read")
    r = httpx.post(srv.url + "/v1/score", headers={"X-Api-Key": key},
                   json={"comments": [{"text": "nice", "id": "a"}, {"text": "idiot", "id": "b"}], "store": True})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["model"] == {"name": "keyword.fake", "version": "1"}
    assert [x["id"] for x in out["results"]] == ["a", "b"]
    assert out["results"][1]["evidence"][0] == {"label": "toxicity", "start": 0, "end": 5, "text": "idiot"}
    r = httpx.post(srv.url + "/v1/score", headers={"X-Api-Key": key}, json={"comments": []})
    assert r.status_code == 400 and "comments" in r.json()["error"]["message"]


def test_documents_threads_and_queue_over_the_api(live_server: Any, make_key: Any, db_url: str,
                                                  tmp_path: Any) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(POLICY)
    srv = live_server(policy=policy)
    key = make_key("score", "read")
    hostile = "<script>alert(1)</script>'; DROP TABLE comments;--"
    r = httpx.post(srv.url + "/v1/documents", headers={"Authorization": f"Bearer {key}"},
                   json={"text": CAPTURES["blocks"], "url": "https://news.example/bus", "site": hostile})
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["ingest"] == {"status": "added", "comments_added": 2}
    assert doc["site"] == hostile
    assert [c["scores"]["toxicity"] for c in doc["comments"]] == [0.02, 0.95]
    again = httpx.post(srv.url + "/v1/documents", headers={"Authorization": f"Bearer {key}"},
                       json={"text": CAPTURES["blocks"], "url": "https://news.example/bus", "site": hostile})
    assert again.json()["ingest"] == {"status": "unchanged", "comments_added": 0}
    db_id = doc["db_id"]
    got = httpx.get(f"{srv.url}/v1/documents/{db_id}", headers={"X-Api-Key": key}).json()
    assert [c["text"] for c in got["comments"]] == [c["text"] for c in doc["comments"]]
    thread = httpx.get(f"{srv.url}/v1/documents/{db_id}/thread", headers={"X-Api-Key": key}).json()
    assert len(thread["thread"]) == 2
    assert httpx.get(f"{srv.url}/v1/documents/999999", headers={"X-Api-Key": key}).status_code == 404

    # The policy queued the insult; two moderators race for it.
    _user(db_url, "alice", "moderator")
    _user(db_url, "bob", "moderator")
    _user(db_url, "vera", "viewer")
    alice, bob, vera = _login(srv.url, "alice"), _login(srv.url, "bob"), _login(srv.url, "vera")
    items = httpx.get(srv.url + "/v1/queue", headers=vera).json()["items"]
    assert len(items) == 1 and "toxicity 0.95 >= 0.50" in items[0]["reasons"][0]
    item = items[0]["id"]
    assert httpx.post(f"{srv.url}/v1/queue/{item}/claim", headers=vera).status_code == 403
    assert httpx.post(f"{srv.url}/v1/queue/{item}/claim", headers=key and {"X-Api-Key": key}).status_code == 403
    assert httpx.post(f"{srv.url}/v1/queue/{item}/claim", headers=alice).status_code == 200
    conflict = httpx.post(f"{srv.url}/v1/queue/{item}/claim", headers=bob)
    assert conflict.status_code == 409 and conflict.json()["error"]["status"] == "ABORTED"
    assert httpx.post(f"{srv.url}/v1/queue/{item}/decision", headers=bob, json={"action": "reject"}).status_code == 403
    d = httpx.post(f"{srv.url}/v1/queue/{item}/decision", headers=alice, json={"action": "reject", "note": "slur"})
    assert d.status_code == 200, d.text
    decision = d.json()
    assert decision["scores"]["toxicity"] == 0.95 and decision["models"] == [{"model": "keyword.fake", "version": "1"}]
    assert httpx.post(f"{srv.url}/v1/decisions/{decision['id']}/undo", headers=bob).status_code == 403
    assert httpx.post(f"{srv.url}/v1/decisions/{decision['id']}/undo", headers=alice).status_code == 200
    history = httpx.get(f"{srv.url}/v1/comments/{decision['comment_id']}/decisions", headers=vera).json()
    assert [(h["source"], h["action"]) for h in history["decisions"]] == [
        ("policy", "review"), ("human", "reject"), ("human", "undo")]
    assert history["decisions"][0]["policy_version"] == "7"
    assert httpx.get(srv.url + "/v1/queue", headers=vera).json()["items"][0]["id"] == item


UNAUTHORISED = [
    ("post", "/v1/score"), ("post", "/v1/documents"), ("post", "/v1/queue/1/claim"),
    ("post", "/v1/queue/1/decision"), ("post", "/v1/decisions/1/undo"), ("post", "/v1alpha1/comments:analyze"),
    ("get", "/v1/documents"), ("get", "/v1/queue"),
]


@pytest.mark.parametrize(("method", "path"), UNAUTHORISED)
def test_routes_refuse_requests_without_a_key(live_server: Any, method: str, path: str) -> None:
    srv = live_server()
    r = httpx.request(method.upper(), srv.url + path, json={})
    assert r.status_code == 401
    assert r.json()["error"]["status"] == "UNAUTHENTICATED"
