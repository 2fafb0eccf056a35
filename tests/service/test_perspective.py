"""The Perspective-compatible endpoint, driven by real Perspective clients against a live server.

- npm ``perspective-api-client`` 3.1.0 (installed from tests/service/js/package-lock.json with
  ``npm ci`` into a temporary folder; only its constant Google URL is redirected);
- PyPI ``perspective`` 1.0.3 (``PerspectiveAPI``; only ``api_client.url`` is redirected).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from belowtheline.store import open_store
from belowtheline.store.models import CommentRow, ScoreRow

JS = Path(__file__).parent / "js"
ANALYZE = "/v1alpha1/comments:analyze"


@pytest.fixture(scope="session")
def npm_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("node and npm are needed to run the npm perspective-api-client (apt-get install nodejs npm)")
    where = tmp_path_factory.mktemp("npm-perspective")
    for name in ("package.json", "package-lock.json", "run_client.js"):
        shutil.copy(JS / name, where / name)
    proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=where,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"npm ci failed:\n{proc.stderr}"
    return where


def _count(db_url: str) -> tuple[int, int]:
    store = open_store(db_url)
    try:
        with store.session() as s:
            return (s.scalar(select(func.count()).select_from(CommentRow)) or 0,
                    s.scalar(select(func.count()).select_from(ScoreRow)) or 0)
    finally:
        store.dispose()


def test_npm_perspective_api_client(npm_client: Path, live_server: Any, make_key: Any, db_url: str) -> None:
    srv = live_server()
    key = make_key("score")
    calls = [
        ["You are an idiot", {"attributes": ["toxicity", "insult", "threat"], "doNotStore": False}],
        ["<p>A perfectly <b>civil</b> remark</p>", {}],  # the client strips HTML; doNotStore defaults to true
        ["You moron", {"attributes": ["TOXICITY", "NOT_AN_ATTRIBUTE"]}],
    ]
    env = {**os.environ, "BTL_PERSPECTIVE_BASE": srv.url}
    proc = subprocess.run(["node", "run_client.js", key, json.dumps(calls)], cwd=npm_client, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    toxic, civil, bad = json.loads(proc.stdout)
    scores = toxic["ok"]["attributeScores"]
    assert set(scores) == {"TOXICITY", "INSULT", "THREAT"}
    assert scores["TOXICITY"]["summaryScore"] == {"value": 0.95, "type": "PROBABILITY"}
    assert civil["ok"]["attributeScores"]["TOXICITY"]["summaryScore"]["value"] < 0.1
    assert civil["ok"]["languages"] == ["en"] and civil["ok"]["detectedLanguages"] == ["en"]
    assert bad["error"] == "ResponseError" and bad["status"] == 400
    assert "NOT_AN_ATTRIBUTE is not supported" in bad["message"]
    assert _count(db_url) == (1, 1)  # only the doNotStore: false call was stored


def test_python_perspective_client(live_server: Any, make_key: Any, db_url: str) -> None:
    perspective = pytest.importorskip("perspective", reason="pip install perspective==1.0.3 (the PyPI client)")
    srv = live_server()
    client = perspective.PerspectiveAPI(make_key("score"))
    client.api_client.url = srv.url + "/v1alpha1/{endpoint}"
    assert client.score("what a moron", tests=["TOXICITY", "SEVERE_TOXICITY"]) == {
        "TOXICITY": 0.95, "SEVERE_TOXICITY": 0.95}
    full = client.analyze_comment("You idiot, idiot", requested_attributes={"INSULT": {"scoreThreshold": 0.5}},
                                  span_annotations=True, languages=["en"], do_not_store=True,
                                  client_token="tok-1")
    spans = full["attributeScores"]["INSULT"]["spanScores"]
    assert [(s["begin"], s["end"]) for s in spans] == [(0, 16), (4, 9), (11, 16)]
    assert full["clientToken"] == "tok-1"
    below = client.analyze_comment("fine words", requested_attributes={"INSULT": {"scoreThreshold": 0.5}})
    assert below["attributeScores"] == {}
    import urllib.error

    with pytest.raises(urllib.error.HTTPError) as err:
        client.analyze_comment("hola", languages=["es"])
    body = json.loads(err.value.read())
    assert body["error"]["status"] == "INVALID_ARGUMENT"
    assert body["error"]["details"][0]["errorType"] == "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"
    assert _count(db_url) == (2, 2)  # score() and the thresholded call stored; do_not_store=True did not


@pytest.mark.parametrize(("body", "status", "error_type"), [
    ({"comment": {"text": ""}, "requestedAttributes": {"TOXICITY": {}}}, 400, "COMMENT_EMPTY"),
    ({"comment": {"text": "x"}, "requestedAttributes": {}}, 400, "NO_REQUESTED_ATTRIBUTES"),
    ({"comment": {"text": "x"}, "requestedAttributes": {"LIKELY_TO_REJECT": {}}}, 400, "ATTRIBUTE_NOT_SUPPORTED"),
    ({"comment": {"text": "x"}, "requestedAttributes": {"TOXICITY": {"scoreType": "STD_DEV"}}}, 400,
     "SCORE_TYPE_NOT_SUPPORTED"),
    ({"comment": {"text": "x" * 20481}, "requestedAttributes": {"TOXICITY": {}}}, 400, "COMMENT_TOO_LONG"),
    ({"comment": "not an object"}, 400, "INVALID_REQUEST"),
])
def test_error_shape(live_server: Any, make_key: Any, body: Any, status: int, error_type: str) -> None:
    srv = live_server()
    r = httpx.post(srv.url + ANALYZE, params={"key": make_key("score")}, json=body)
    assert r.status_code == status
    err = r.json()["error"]
    assert err["code"] == status and err["status"] == "INVALID_ARGUMENT" and err["message"]
    assert err["details"][0]["errorType"] == error_type


def test_keys_and_limits(live_server: Any, make_key: Any) -> None:
    srv = live_server(max_body_bytes=10_000)
    body = {"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}}
    assert httpx.post(srv.url + ANALYZE, json=body).status_code == 401
    r = httpx.post(srv.url + ANALYZE, params={"key": "btl_wrong"}, json=body)
    assert r.status_code == 400 and r.json()["error"]["details"][0]["errorType"] == "API_KEY_INVALID"
    assert httpx.post(srv.url + ANALYZE, params={"key": make_key("read")}, json=body).status_code == 403
    key = make_key("score")
    r = httpx.post(srv.url + ANALYZE, params={"key": key}, content=b'{"comment": {"text": "' + b"a" * 20_000 + b'"}}')
    assert r.status_code == 413 and r.json()["error"]["status"] == "PAYLOAD_TOO_LARGE"
    r = httpx.post(srv.url + ANALYZE, params={"key": key}, content=b'{"comment": {"text": "\xff\xfe"}}',
                   headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["status"] == "INVALID_ARGUMENT"
