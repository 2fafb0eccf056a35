"""Killing the server in the middle of a batch of decisions loses no acknowledged decision.

A real ``btl serve`` (uvicorn in its own process) on a SQLite file and, when
``BTL_TEST_POSTGRES_URL`` is set, on PostgreSQL. Moderators claim and decide queue
items from several threads; the server gets SIGKILL after some decisions have been
acknowledged; after a restart every acknowledged decision is there with its
provenance, and nothing is half-written (a decision without its queue item done
and its audit entry, or the reverse).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from belowtheline.moderation.accounts import create_user
from belowtheline.store import open_store
from belowtheline.store.models import AuditEntry, CommentRow, DecisionRow, QueueItem, ScoreRow

ITEMS = 240
THREADS = 8
KILL_AFTER = 60  # acknowledged decisions before the SIGKILL
ACTIONS = ("approve", "reject", "escalate")
MODEL = {"model": "keyword.fake", "version": "1"}


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


def _btl() -> list[str]:
    exe = Path(sys.executable).parent / "btl"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "import sys; from belowtheline.cli.main import main; sys.exit(main())"]


class Served:
    """``btl serve --db URL`` as a subprocess on a free loopback port."""

    def __init__(self, db_url: str, log: Path) -> None:
        self.db_url, self.log = db_url, log
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""

    def start(self) -> Served:
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen([*_btl(), "serve", "--db", self.db_url, "--port", str(port)],
                                         stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"btl serve exited with {self.proc.returncode}:\n{self.log.read_text()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"btl serve did not answer:\n{self.log.read_text()}")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def served(db_url: str, tmp_path: Path) -> Iterator[Served]:
    srv = Served(db_url, tmp_path / "serve.log")
    yield srv
    srv.stop()


def _seed(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.session() as s:
            create_user(s, "mo", "correct horse", "moderator")
            for i in range(ITEMS):
                c = CommentRow(document_id=None, fingerprint=f"crash{i}:api", key=f"k{i}", text=f"comment {i} <b>'\"")
                s.add(c)
                s.flush()
                s.add(ScoreRow(comment_id=c.id, model=MODEL["model"], model_version=MODEL["version"],
                               scores={"toxicity": 0.5 + i / 1000}, evidence=[]))
                s.add(QueueItem(comment_id=c.id, status="open", priority=1 - i / 1000,
                                reasons=[f"toxicity {0.5 + i / 1000:.3f} >= 0.50"]))
    finally:
        store.dispose()


def _login(url: str) -> dict[str, str]:
    r = httpx.post(url + "/v1/auth/token", json={"username": "mo", "password": "correct horse"}, timeout=30)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_sigkill_mid_batch_loses_no_acknowledged_decision(served: Served, db_url: str) -> None:
    _seed(db_url)
    served.start()
    auth = _login(served.url)
    # Ask for the item ids over the API (they are the queue's, not ours to guess).
    items = []
    with httpx.Client(base_url=served.url, headers=auth, timeout=30) as client:
        for offset in range(0, ITEMS, 200):
            items += [it["id"] for it in client.get("/v1/queue", params={"limit": 200, "offset": offset}).json()["items"]]
    assert len(items) == ITEMS

    acked: dict[int, dict[str, Any]] = {}  # queue item -> the decision the server acknowledged
    lock = threading.Lock()
    enough = threading.Event()
    todo = iter(enumerate(items))

    def worker() -> None:
        with httpx.Client(base_url=served.url, headers=auth, timeout=30) as client:
            for n, item in todo:
                try:
                    if client.post(f"/v1/queue/{item}/claim").status_code != 200:
                        continue
                    r = client.post(f"/v1/queue/{item}/decision",
                                    json={"action": ACTIONS[n % 3], "note": f"note {item} ' OR 1=1 --"})
                except httpx.TransportError:
                    return  # the server is gone: this decision was never acknowledged
                if 200 <= r.status_code < 300:
                    with lock:
                        acked[item] = r.json()
                        if len(acked) >= KILL_AFTER:
                            enough.set()

    pool = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in pool:
        t.start()
    assert enough.wait(120), "the server acknowledged too few decisions before the deadline"
    served.kill()  # SIGKILL while the other threads are still sending
    for t in pool:
        t.join(60)
    with lock:
        acked_now = dict(acked)
    assert KILL_AFTER <= len(acked_now) < ITEMS, "the kill did not land in the middle of the batch"

    served.start()
    with httpx.Client(base_url=served.url, headers=auth, timeout=30) as client:  # the login token survived too
        for item, d in acked_now.items():
            r = client.get(f"/v1/comments/{d['comment_id']}/decisions")
            assert r.status_code == 200, r.text
            stored = [x for x in r.json()["decisions"] if x["id"] == d["id"]]
            assert stored == [d], f"acknowledged decision {d['id']} on item {item} lost or changed"
            assert d["source"] == "human" and d["action"] in ACTIONS and d["user_id"] is not None
            assert d["note"] == f"note {item} ' OR 1=1 --"
            assert d["models"] == [MODEL] and set(d["scores"]) == {"toxicity"} and d["reasons"]
        # The restarted server goes on working: the next open item can be claimed and decided.
        nxt = client.get("/v1/queue", params={"limit": 1}).json()["items"]
        if nxt:
            assert client.post(f"/v1/queue/{nxt[0]['id']}/claim").status_code == 200
            assert client.post(f"/v1/queue/{nxt[0]['id']}/decision", json={"action": "approve"}).status_code == 200
    served.stop()

    # Nothing half-written: decisions, queue states and audit entries agree row for row.
    store = open_store(db_url)
    try:
        with store.session() as s:
            decisions = list(s.scalars(select(DecisionRow).where(DecisionRow.source == "human")))
            by_comment: dict[int, list[DecisionRow]] = {}
            for d in decisions:
                by_comment.setdefault(d.comment_id, []).append(d)
            audited = {(a.action, a.target_id) for a in s.scalars(select(AuditEntry))}
            for d in decisions:
                assert (f"decision.{d.action}", str(d.id)) in audited, f"decision {d.id} has no audit entry"
                assert d.models == [MODEL] and d.scores and d.reasons and d.user_id is not None
            for q in s.scalars(select(QueueItem)):
                made = by_comment.get(q.comment_id, [])
                if q.status in ("done", "escalated"):
                    assert len(made) == 1, f"queue item {q.id} is {q.status} with {len(made)} decisions"
                    assert q.status == ("escalated" if made[0].action == "escalate" else "done")
                else:
                    assert q.status in ("open", "claimed") and not made, f"queue item {q.id}: {q.status}, {made}"
            assert {d["id"] for d in acked_now.values()} <= {d.id for d in decisions}
    finally:
        store.dispose()


def test_acknowledgement_comes_after_the_commit(live_server: Any, db_url: str, monkeypatch: Any) -> None:
    """The response to a mutating route is sent only once its transaction is committed.

    (FastAPI runs the exit code of ``yield`` dependencies after the response unless told otherwise;
    the session dependency must commit before.) A slow commit makes the order observable.
    """
    from sqlalchemy.orm import Session

    store = open_store(db_url)
    with store.session() as s:
        create_user(s, "mo", "correct horse", "moderator")
    store.dispose()
    srv = live_server()
    committed: list[float] = []
    real_commit = Session.commit

    def slow_commit(self: Session) -> None:
        time.sleep(0.3)
        real_commit(self)
        committed.append(time.monotonic())

    monkeypatch.setattr(Session, "commit", slow_commit)
    r = httpx.post(srv.url + "/v1/auth/token", json={"username": "mo", "password": "correct horse"})
    answered = time.monotonic()
    assert r.status_code == 200, r.text
    assert committed and committed[0] <= answered, "the token was acknowledged before it was committed"
