"""The dashboard over plain HTTP (no browser): access control, CSRF, decisions with provenance,
pagination, CSV export, dry run, headers. Runs on SQLite and, in CI, on PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import httpx
import pytest

from conftest import PASSWORD, Dash, csrf_of, login_http

PAGES = [
    "/dashboard/queue",
    "/dashboard/queue?status=escalated",
    "/dashboard/articles",
    "/dashboard/articles/1",
    "/dashboard/articles/1?label=insult&decision=review",
    "/dashboard/overview",
    "/dashboard/overview?site=example.org&start=2000-01-01&end=2100-01-01",
    "/dashboard/policy",
]


@pytest.fixture
def served(dash_factory: Any, db_url: str) -> Dash:
    return dash_factory(db_url=db_url)


def _client() -> httpx.Client:
    return httpx.Client(follow_redirects=True, timeout=20)


def test_pages_need_sign_in_and_send_strict_headers(served: Dash) -> None:
    with httpx.Client(timeout=20) as c:
        for path in PAGES:
            r = c.get(served.url + path)
            assert r.status_code == 303 and r.headers["location"].startswith("/dashboard/login?next=")
        r = c.get(served.url + "/dashboard/static/app.js")
        assert r.status_code == 200 and "text/javascript" in r.headers["content-type"]
        assert c.get(served.url + "/dashboard/static/../app.py").status_code == 404
    with _client() as c:
        assert login_http(c, served.url).url.path == "/dashboard/queue"
        for path in PAGES:
            r = c.get(served.url + path)
            assert r.status_code == 200, (path, r.text[:300])
            csp = r.headers["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
            assert r.headers["x-content-type-options"] == "nosniff"
            assert "<script>" not in r.text and " style=" not in r.text and "on" + "click" not in r.text
            assert re.findall(r'<script src="([^"]+)"', r.text) == [
                re.search(r'src="(/dashboard/static/app\.js[^"]*)"', r.text).group(1)
            ]


def test_wrong_password_and_forged_cookie(served: Dash) -> None:
    with _client() as c:
        r = login_http(c, served.url, password="wrong password")
        assert r.status_code == 401 and "Wrong user name or password" in r.text
        c.cookies.set("btl_session", "eyJuIjoieCIsInUiOjEsInQiOjF9.forged")
        assert c.get(served.url + "/dashboard/queue").url.path == "/dashboard/login"


def test_csrf_is_required(served: Dash) -> None:
    with _client() as c:
        page = c.get(served.url + "/dashboard/login")
        r = c.post(served.url + "/dashboard/login", data={"username": "alice", "password": PASSWORD})
        assert r.status_code == 403, "sign-in without the form's token is refused"
        login_http(c, served.url)
        item = re.search(r'data-item="(\d+)"', c.get(served.url + "/dashboard/queue").text).group(1)
        url = f"{served.url}/dashboard/queue/{item}/decide"
        assert c.post(url, data={"action": "approve"}).status_code == 403
        assert c.post(url, data={"action": "approve", "csrf": "nope"}).status_code == 403
        token = csrf_of(c.get(served.url + "/dashboard/queue").text)
        r = c.post(url, data={"action": "approve", "csrf": token}, headers={"Origin": "https://evil.example"})
        assert r.status_code == 403
        assert page.status_code == 200


def test_decision_records_moderator_and_undo(served: Dash) -> None:
    from sqlalchemy import select

    from belowtheline.store.models import AuditEntry, DecisionRow, QueueItem

    with _client() as c:
        login_http(c, served.url)
        html = c.get(served.url + "/dashboard/queue").text
        token, item = csrf_of(html), int(re.search(r'data-item="(\d+)"', html).group(1))
        r = c.post(
            f"{served.url}/dashboard/queue/{item}/decide",
            data={"action": "reject", "csrf": token},
            headers={"Accept": "application/json"},
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["by"] == "alice" and body["label"] == "rejected"
        r2 = c.post(
            f"{served.url}/dashboard/queue/{item}/decide",
            data={"action": "approve", "csrf": token},
            headers={"Accept": "application/json"},
        )
        assert r2.status_code == 409, "a decided item cannot be decided again"
        with served.store().session() as s:
            d = s.get(DecisionRow, body["decision"])
            assert d.action == "reject" and d.source == "human" and d.scores and d.models
            assert s.get(QueueItem, item).status == "done"
            assert s.scalar(select(AuditEntry).where(AuditEntry.action == "decision.reject")).actor == "user:alice"
        r = c.post(
            f"{served.url}/dashboard/decisions/{body['decision']}/undo",
            data={"csrf": token},
            headers={"Accept": "application/json"},
        )
        assert r.status_code == 200 and r.json()["item"] == item
        with served.store().session() as s:
            assert s.get(QueueItem, item).status == "open"
        # Without script, the form posts and redirects back to the queue.
        r = c.post(
            f"{served.url}/dashboard/queue/{item}/decide",
            data={"action": "approve", "csrf": token},
            headers={"Referer": served.url + "/dashboard/queue?page=1"},
        )
        assert r.status_code == 200 and r.url.path == "/dashboard/queue"


def test_viewer_cannot_act(served: Dash) -> None:
    with _client() as c:
        login_http(c, served.url, username="victor")
        html = c.get(served.url + "/dashboard/queue").text
        assert 'class="actions"' not in html and "viewer" in html
        item = re.search(r'data-item="(\d+)"', html).group(1)
        r = c.post(
            f"{served.url}/dashboard/queue/{item}/decide",
            data={"action": "approve", "csrf": csrf_of(html)},
            headers={"Accept": "application/json"},
        )
        assert r.status_code == 403 and "Viewers" in r.json()["message"]
        r = c.post(
            f"{served.url}/dashboard/groups/decide", data={"action": "reject", "group": "g1", "csrf": csrf_of(html)}
        )
        assert r.status_code == 403


def test_group_bulk_action(served: Dash) -> None:
    from sqlalchemy import select

    from belowtheline.store.models import CommentRow, DecisionRow

    with _client() as c:
        login_http(c, served.url)
        token = csrf_of(c.get(served.url + "/dashboard/queue").text)
        r = c.post(
            f"{served.url}/dashboard/groups/decide",
            data={"action": "reject", "group": "g1", "csrf": token},
            headers={"Accept": "application/json"},
        )
        assert r.status_code == 200, r.text
        made = r.json()["decisions"]
        assert len(made) >= 2
    with served.store().session() as s:
        for d in made:
            row = s.get(DecisionRow, d["decision"])
            assert row.action == "reject" and "g1" in (row.note or "")
            assert s.get(CommentRow, row.comment_id).signals["duplicate_group"] == "g1"
        assert len(list(s.scalars(select(DecisionRow).where(DecisionRow.source == "human")))) == len(made)


def test_lists_are_paginated(dash_factory: Any) -> None:
    served = dash_factory(documents=40, comments=60)
    with _client() as c:
        login_http(c, served.url)
        q1 = c.get(served.url + "/dashboard/queue").text
        assert q1.count('<article class="item') == 20 and 'rel="next"' in q1
        q2 = c.get(served.url + "/dashboard/queue?page=2").text
        assert set(re.findall(r'data-item="(\d+)"', q1)).isdisjoint(re.findall(r'data-item="(\d+)"', q2))
        a = c.get(served.url + "/dashboard/articles").text
        assert a.count("/dashboard/articles/") == 30 and "page 1 of 2" in a
        t = c.get(served.url + "/dashboard/articles/1").text
        assert t.count('class="comment ') == 50 and "page 1 of 2" in t
        assert c.get(served.url + "/dashboard/articles/1?page=2").text.count('class="comment ') == 10
        assert c.get(served.url + "/dashboard/articles/1?page=999").status_code == 200


def test_overview_csv_matches_chart(served: Dash) -> None:
    with _client() as c:
        login_http(c, served.url)
        for chart in ("label_time", "label_article", "narrative_time", "groups", "quoted"):
            r = c.get(f"{served.url}/dashboard/overview.csv", params={"chart": chart, "site": "example.org"})
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
            rows = list(csv.reader(io.StringIO(r.text)))
            assert len(rows) >= 2, chart
        rows = list(
            csv.reader(io.StringIO(c.get(f"{served.url}/dashboard/overview.csv", params={"chart": "label_time"}).text))
        )
        assert rows[0][:3] == ["date", "comments", "toxicity"]
        assert sum(int(r[1]) for r in rows[1:]) == served.seed.comments
        assert c.get(f"{served.url}/dashboard/overview.csv", params={"chart": "nope"}).status_code == 404


def test_policy_dry_run_counts_changes(served: Dash) -> None:
    with _client() as c:
        login_http(c, served.url, username="victor")
        html = c.get(served.url + "/dashboard/policy").text
        assert "demo-1" in html
        r = c.post(
            served.url + "/dashboard/policy/dry-run",
            data={
                "csrf": csrf_of(html),
                "policy": 'version: "same"\n'
                + html.split("version: demo-1\n", 1)[1].split("</pre>")[0].replace("&#39;", "'").replace("&#34;", '"'),
            },
        )
        assert r.status_code == 200, r.text[-800:]
        assert re.search(r'id="changed-count">0<', r.text), "the active policy under a new name changes nothing"
        r = c.post(served.url + "/dashboard/policy/dry-run", data={"csrf": csrf_of(html), "policy": 'version: "lax"\n'})
        changed = int(re.search(r'id="changed-count">(\d+)<', r.text).group(1))
        assert changed == served.seed.queued  # every review becomes publish
        r = c.post(served.url + "/dashboard/policy/dry-run", data={"csrf": csrf_of(html), "policy": "[unclosed"})
        assert r.status_code == 400 and "not valid YAML" in r.text


def test_article_page_shows_people_quotes_and_claims(served: Dash) -> None:
    with _client() as c:
        login_http(c, served.url, username="victor")
        html = c.get(served.url + "/dashboard/articles/1").text
    sections = [html.index(f'id="article-{name}"') for name in ("entities", "quotes", "claims")]
    assert sections == sorted(sections) and sections[-1] < html.index('class="thread"')
    entities = html[sections[0] : sections[1]]
    assert "People and organisations" in entities
    named, _, also = entities.partition('id="entities-other"')
    kinds = re.findall(r'<tr class="kind-(\w+)">', named)
    assert kinds == ["person"] * 3 + ["organisation"] * 2, "people first, then organisations"
    assert re.search(
        r"<td><bdi class=\"name\">[^<]+</bdi> <span class=\"muted small\">also <bdi>\w+</bdi></span></td>"
        r"<td class=\"short\">person <span class=\"muted small\">PERSON</span></td><td class=\"num\">2</td>",
        named,
    ), "mentions are grouped by canonical name and counted"
    assert re.findall(r'<tr class="kind-(\w+)">', also) == ["place"] and "Brussels" in also
    quotes = html[sections[1] : sections[2]]
    assert quotes.count("<tr>") == 1 + 3 and "indirect" in quotes
    claims = html[sections[2] : html.index('class="thread"')]
    assert '<td class="num">10 billion</td><td class="short">EUR</td><td>budget</td>' in claims
    assert '<td class="num">30,000</td><td class="short">jobs</td>' in claims


def test_most_quoted_chart_matches_its_csv(served: Dash) -> None:
    with _client() as c:
        login_http(c, served.url, username="victor")
        for params in ({}, {"site": "example.org"}, {"start": "2000-01-01", "end": "2000-01-02"}):
            html = c.get(served.url + "/dashboard/overview", params=params).text
            box = html[html.index('id="chart-quoted"') :]
            box = box[: box.index("</section>")]
            shown = re.findall(r"<title>(.+?): (\d+)</title>", box)
            r = c.get(served.url + "/dashboard/overview.csv", params={"chart": "quoted", **params})
            rows = list(csv.reader(io.StringIO(r.text)))
            assert rows[0] == ["speaker", "quotes", "articles"]
            assert [(name, n) for name, n, _k in rows[1:]] == shown
            if "start" in params:
                assert shown == [] and "No data for these filters" in box
            else:
                assert len(shown) >= 3 and int(shown[0][1]) >= int(shown[-1][1])
