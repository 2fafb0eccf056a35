"""The analyst's path end to end, on the real seed captures and the real command line.

``btl analyze`` (a subprocess, the default pipeline) stores seeds 000 and 004 in a fresh SQLite
database and writes the static report; ``btl user add`` makes a viewer account in the same
database; the dashboard is served from it and driven in headless Chromium: sign in, open the
seed 000 article, read its thread page by page with the reply nesting the pipeline found, its
people, who-said-what and claims sections, then the overview charts and one chart's CSV.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Dash, browser_login, shot

pytestmark = pytest.mark.browser

SEEDS = ROOT / "examples"
SEED_000 = SEEDS / "000_0f8eaa86e6e37add.txt"
SEED_004 = SEEDS / "004_26225b9601bd87ed.txt"
ANALYST, ANALYST_PASSWORD = "vera", "a long analyst passphrase"
#: Seed 000 as a careful reader counts it: 28 comments below the article.
SEED_000_COMMENTS = 28


def _btl(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``btl`` (or ``python -m belowtheline.cli``) as a real process."""
    exe = Path(sys.executable).with_name("btl")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "belowtheline.cli"]
    done = subprocess.run([*cmd, *args], input=stdin, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, f"btl {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}"
    return done


@pytest.fixture
def seeded(tmp_path: Path, dash_factory: Any) -> tuple[Dash, Path]:
    """The seeds analysed into a database by the CLI, an analyst account, and the dashboard on it."""
    db = f"sqlite:///{tmp_path / 'seeds.db'}"
    out = tmp_path / "out"
    run = _btl("analyze", str(SEED_000), str(SEED_004), "--db", db, "--out", str(out), "--no-progress")
    assert "Analysed 2 document(s)" in run.stderr, run.stderr
    _btl("user", "add", ANALYST, "--role", "viewer", "--db", db, "--password-stdin", stdin=ANALYST_PASSWORD + "\n")
    return dash_factory(db_url=db, seed=False), out


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _check_quotes(page: Any, stored: list[dict[str, Any]]) -> None:
    """Who said what: every quote the pipeline stored, Donald Trump among the speakers."""
    assert page.inner_text("#article-quotes h2") == "Who said what"
    rows = page.query_selector_all("#quotes tbody tr")
    assert rows, "seed 000 quotes Donald Trump and Ursula von der Leyen"
    assert len(rows) == len(stored), "the page shows every quote the pipeline stored"
    speakers = [el.inner_text() for el in page.query_selector_all("#quotes td.speaker")]
    assert "Donald Trump" in speakers, speakers
    assert all(s and s.strip() for s in speakers), "unattributed quotes say so"


def _check_claims(page: Any, stored: list[dict[str, Any]], body: str) -> None:
    """Claims: the section is there; every figure shows its quantity and a sentence of the article."""
    assert page.inner_text("#article-claims h2") == "Claims"
    rows = page.query_selector_all("#claims tbody tr")
    assert rows, "seed 000 states figures"
    assert len(rows) == len(stored)
    for row in rows:
        quantity, _value, _unit, _actor, evidence = (td.inner_text() for td in row.query_selector_all("td"))
        assert quantity.strip() and _normalise(evidence) in body, (quantity, evidence)


def test_analyst_reads_seed_article_thread_facts_and_charts(seeded: tuple[Dash, Path], page: Any) -> None:
    from sqlalchemy import select

    from belowtheline.store.models import DocumentRow

    dash, out = seeded
    stored = json.loads((out / f"{SEED_000.stem}.json").read_text(encoding="utf-8"))
    assert len(stored["comments"]) == SEED_000_COMMENTS
    with dash.store().session() as s:
        doc_id = s.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == SEED_000.stem))
    assert doc_id is not None

    # Sign in as the viewer the CLI made, find the article in the list, open it.
    browser_login(page, dash.url, username=ANALYST, password=ANALYST_PASSWORD, next_path="/dashboard/articles")
    assert page.inner_text("#whoami") == ANALYST
    assert len(page.query_selector_all("table.list tbody a")) == 2
    page.click(f"table.list a[href='/dashboard/articles/{doc_id}']")
    page.wait_for_selector("#article-title")

    # The cleaned article: its paragraphs, the author bio as credits, no boilerplate.
    paragraphs = [_normalise(p["text"]) for p in stored["article"]["paragraphs"]]
    shown = [_normalise(el.inner_text()) for el in page.query_selector_all(".doc .body p, .doc .body h3")]
    assert shown == paragraphs and len(paragraphs) > 10
    assert "Read the original article" not in page.inner_text(".doc")
    body = _normalise(" ".join(paragraphs))

    # The thread, page by page as the view paginates it, nested as the pipeline found the replies.
    assert page.inner_text("#thread-count") == f"{SEED_000_COMMENTS} of {SEED_000_COMMENTS} comments"
    texts: list[str] = []
    depths: list[int] = []
    while True:
        for li in page.query_selector_all("li.comment"):
            texts.append(_normalise(li.query_selector(".text").inner_text()))
            depths.append(int(re.search(r"depth-(\d+)", li.get_attribute("class")).group(1)))
        nxt = page.query_selector("nav.pager a[rel=next]")
        if nxt is None:
            break
        nxt.click()
        page.wait_for_load_state()
    assert len(texts) == SEED_000_COMMENTS
    assert texts == [_normalise(c["text"]) for c in stored["comments"]]
    assert depths == [min(c.get("depth", 0), 8) for c in stored["comments"]]
    assert any(depths), "replies are nested"
    if page.query_selector("nav.pager"):
        page.goto(f"{dash.url}/dashboard/articles/{doc_id}")
    shot(page, "seed-article")

    # People and organisations, who said what, the claims.
    assert page.inner_text("#article-entities h2") == "People and organisations"
    kinds = [el.get_attribute("class") for el in page.query_selector_all("#entities tbody tr")]
    assert kinds == sorted(kinds, key=["kind-person", "kind-organisation"].index), "people first, then organisations"
    more = [el.get_attribute("class") for el in page.query_selector_all("#entities-more tbody tr")]
    assert "kind-person" not in more and "kind-organisation" not in more, "groups and places are folded away"
    if stored["article"]["entities"]:
        assert kinds and "Donald Trump" in page.inner_text("#entities")
    _check_quotes(page, stored["article"]["quotes"])
    _check_claims(page, stored["article"]["claims"], body)
    page.click("nav.toc a[href='#article-entities']")
    shot(page, "seed-article-facts")

    # The overview: charts drawn over the stored seeds, and a chart's CSV.
    page.click("header.top nav a[href='/dashboard/overview']")
    page.wait_for_selector("#overview-total")
    total = sum(len(json.loads(p.read_text(encoding="utf-8"))["comments"]) for p in out.glob("*.json"))
    assert page.inner_text("#overview-total") == f"{total} comments"
    for box in ("#chart-label-time", "#chart-label-article"):
        svg = page.wait_for_selector(f"{box} svg.chart")
        bbox = svg.bounding_box()
        assert bbox and bbox["width"] > 200 and bbox["height"] > 30
    quoted = page.inner_text("#chart-quoted")
    assert "Most-quoted people" in quoted
    if stored["article"]["quotes"]:
        assert page.query_selector("#chart-quoted svg.chart") is not None and "Donald Trump" in quoted
    href = page.get_attribute("#chart-quoted a.csv", "href")
    resp = page.request.get(dash.url + href)
    assert resp.ok and resp.text().splitlines()[0] == "speaker,quotes,articles"
    shot(page, "seed-overview", full_page=True)
    assert not page.problems, page.problems

    # The static report of the same run has the same sections.
    report = (out / f"{SEED_000.stem}.html").read_text(encoding="utf-8")
    for section in ("People and organisations", "Who said what", "Claims"):
        assert f"<h2>{section}</h2>" in report
