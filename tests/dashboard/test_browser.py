"""End to end in a real headless Chromium: sign in, clear the queue from the keyboard, read an article, see charts."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import Dash, browser_login, shot

pytestmark = pytest.mark.browser


def _decisions(dash: Dash) -> list[Any]:
    from sqlalchemy import select

    from belowtheline.store.models import DecisionRow, User

    with dash.store().session() as s:
        names = {u.id: u.username for u in s.scalars(select(User))}
        return [
            (d.action, names.get(d.user_id), d.comment_id)
            for d in s.scalars(select(DecisionRow).where(DecisionRow.source == "human").order_by(DecisionRow.id))
        ]


def _open_items(dash: Dash) -> int:
    from sqlalchemy import func, select

    from belowtheline.store.models import QueueItem

    with dash.store().session() as s:
        return int(
            s.scalar(select(func.count()).select_from(QueueItem).where(QueueItem.status.in_(("open", "claimed"))))
        )


def test_sign_in_then_clear_queue_from_keyboard(dash: Dash, page: Any) -> None:
    total = dash.seed.queued
    assert 40 <= total <= 60
    page.goto(f"{dash.url}/dashboard/queue")
    assert "/dashboard/login" in page.url
    browser_login(page, dash.url)
    assert page.inner_text("#whoami") == "alice"
    page.wait_for_selector(".item.current[data-state=open]")
    shot(page, "queue")
    keys = {0: "a", 1: "r", 2: "e"}
    for i in range(total):
        item = page.wait_for_selector(".item.current[data-state=open]")
        item_id = item.get_attribute("data-item")
        action = {"a": "approve", "r": "reject", "e": "escalate"}[keys[i % 3]]
        if i == 3:
            # Navigate with j/k before deciding: the highlight moves, then comes back.
            page.keyboard.press("j")
            assert page.get_attribute(".item.current", "data-item") != item_id
            page.keyboard.press("k")
            assert page.get_attribute(".item.current", "data-item") == item_id
        page.keyboard.press(keys[i % 3])
        # The decision shows at once (or, after the page's last item, the next page loads).
        page.wait_for_function(
            "([id, a]) => { const el = document.getElementById('item-' + id); return !el || el.dataset.state === a; }",
            arg=[item_id, action],
        )
        if i == 0:
            outcome = page.inner_text(f"#item-{item_id} [data-outcome]")
            assert outcome == "approved by alice"
            shot(page, "queue-decided")
    page.wait_for_selector("#queue-empty")
    made = _decisions(dash)
    assert len(made) == total
    assert {who for _a, who, _c in made} == {"alice"}
    assert [a for a, _w, _c in made].count("approve") == len(range(0, total, 3))
    assert _open_items(dash) == 0
    assert not page.problems, page.problems


def test_undo_from_keyboard_returns_item(dash: Dash, page: Any) -> None:
    browser_login(page, dash.url)
    first = page.wait_for_selector(".item.current[data-state=open]").get_attribute("data-item")
    page.keyboard.press("r")
    page.wait_for_selector(f"#item-{first}[data-state=reject]")
    page.keyboard.press("u")
    page.wait_for_selector(f"#item-{first}[data-state=open]")
    assert page.get_attribute(".item.current", "data-item") == first
    actions = [a for a, _w, _c in _decisions(dash)]
    assert actions == ["reject", "undo"]
    assert not page.problems, page.problems


def test_bulk_reject_copy_paste_group(dash: Dash, page: Any) -> None:
    browser_login(page, dash.url)
    page.wait_for_selector(".item.current")
    group_item = page.query_selector(".item[data-group^=g]")
    n = 1
    while group_item is None and page.query_selector("a[rel=next]") is not None:
        n += 1
        page.goto(f"{dash.url}/dashboard/queue?page={n}")
        group_item = page.query_selector(".item[data-group^=g]")
    assert group_item is not None, "the demo queue holds copy-paste comments"
    group = group_item.get_attribute("data-group")
    group_item.query_selector(".prio").click()
    assert page.get_attribute(".item.current", "data-group") == group
    before = _open_items(dash)
    page.keyboard.press("Shift+R")
    page.wait_for_function(
        "g => [...document.querySelectorAll('.item[data-group=\"' + g + '\"]')]"
        ".every(el => el.dataset.state === 'reject')",
        arg=group,
    )
    made = _decisions(dash)
    assert len(made) >= 2 and all(a == "reject" and w == "alice" for a, w, _c in made)
    assert _open_items(dash) == before - len(made)
    assert not page.problems, page.problems


def test_viewer_sees_queue_but_cannot_act(dash: Dash, page: Any) -> None:
    browser_login(page, dash.url, username="victor", next_path="/dashboard/queue")
    page.wait_for_selector(".item.current")
    assert page.query_selector("form.actions") is None
    page.keyboard.press("a")
    page.wait_for_function("document.getElementById('status').textContent.includes('Viewers cannot act')")
    assert _decisions(dash) == []
    assert page.get_attribute(".item.current", "data-state") == "open"


def test_article_thread_filters_and_tables(dash: Dash, page: Any) -> None:
    browser_login(page, dash.url, next_path="/dashboard/articles")
    page.click("table.list a >> nth=0")
    page.wait_for_selector("#article-title")
    assert page.query_selector("#quotes") and page.query_selector("#claims")
    assert "People and organisations" in page.inner_text(".entities")
    kinds = [el.get_attribute("class") for el in page.query_selector_all("#entities tbody tr")]
    assert kinds == ["kind-person"] * 3 + ["kind-organisation"] * 2, "people first, then organisations"
    speakers = [el.inner_text() for el in page.query_selector_all("#quotes td.speaker")]
    assert len(speakers) == 3 and all(speakers)
    claims = page.inner_text("#claims")
    assert "10 billion" in claims and "EUR" in claims and "30,000" in claims
    # The article, its facts and the thread fit the page: nothing spills sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.click("nav.toc a[href='#article-entities']")
    shot(page, "article-facts")
    page.evaluate("window.scrollTo(0, 0)")
    all_count = len(page.query_selector_all("li.comment"))
    assert all_count == 40
    assert page.query_selector("li.comment.depth-1") is not None, "replies are nested"
    assert page.query_selector(".badge.dup") is not None, "copy-paste groups are marked"
    shot(page, "article", full_page=False)
    page.select_option("#thread-filters select[name=label]", "insult")
    page.wait_for_url(re.compile(r"label=insult"))
    shown = page.query_selector_all("li.comment")
    assert 0 < len(shown) < all_count
    for li in shown:
        assert "insult" in li.inner_text()
    assert page.query_selector("li.comment mark.ev-insult") is not None, "evidence spans are highlighted per label"
    page.select_option("#thread-filters select[name=decision]", "review")
    page.wait_for_url(re.compile(r"decision=review"))
    assert all("sent to review" in li.inner_text() for li in page.query_selector_all("li.comment"))
    shot(page, "article-filtered")
    assert not page.problems, page.problems


def test_overview_charts_render(dash: Dash, page: Any) -> None:
    browser_login(page, dash.url, next_path="/dashboard/overview")
    for box in ("#chart-label-time", "#chart-label-article", "#chart-narrative-time", "#chart-groups", "#chart-quoted"):
        svg = page.wait_for_selector(f"{box} svg.chart")
        bbox = svg.bounding_box()
        assert bbox and bbox["width"] > 200 and bbox["height"] > 30
    assert len(page.query_selector_all("#chart-label-time polyline")) == 7
    assert len(page.query_selector_all("#chart-quoted rect")) >= 3
    # Colours come from the stylesheet (no inline style is allowed): a line is really stroked.
    stroke = page.eval_on_selector("#chart-label-time polyline", "el => getComputedStyle(el).stroke")
    assert stroke not in ("none", "", "rgba(0, 0, 0, 0)")
    shot(page, "overview", full_page=True)
    page.select_option("#overview-filters select[name=site]", "example.org")
    page.click("#overview-filters button")
    page.wait_for_url(re.compile(r"site=example.org"))
    total = int(page.inner_text("#overview-total").split()[0])
    assert 0 < total < dash.seed.comments
    href = page.get_attribute("#chart-groups a.csv", "href")
    assert href and "chart=groups" in href and "site=example.org" in href
    assert not page.problems, page.problems


def test_policy_dry_run(dash: Dash, page: Any) -> None:
    browser_login(page, dash.url, next_path="/dashboard/policy")
    assert page.inner_text("#policy-version") == "demo-1"
    page.fill("#dry-run textarea", 'version: "strict-2"\nthresholds:\n  toxicity: {review: 0.3, remove: 0.5}\n')
    page.click("#dry-run button")
    page.wait_for_selector("#dry-run-result")
    assert int(page.inner_text("#changed-count")) > 0
    shot(page, "policy")
    page.fill("#dry-run textarea", "version: x\nthresholds:\n  toxicityy: {review: 2}\n")
    page.click("#dry-run button")
    assert "unknown label" in page.inner_text("#dry-run-error")
