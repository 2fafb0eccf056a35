"""Pure pieces of the dashboard: evidence highlighting, signing, escaping, charts, CSV cells."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belowtheline.dashboard.charts import bar_chart, heatmap, line_chart
from belowtheline.dashboard.routes import _csv_cell, _http_url, _reveal, _safe_next
from belowtheline.dashboard.security import CSP, Signer
from belowtheline.dashboard.views import comment_day, highlight, page_of


def test_highlight_overlapping_spans_per_label() -> None:
    text = "you stupid idiot"
    ev = [{"label": "insult", "start": 4, "end": 16, "text": "stupid idiot"},
          {"label": "toxicity", "start": 11, "end": 16, "text": "idiot"}]
    assert highlight(text, ev) == [("you ", ()), ("stupid ", ("insult",)), ("idiot", ("insult", "toxicity"))]


def test_highlight_repairs_or_drops_bad_offsets() -> None:
    assert highlight("a moron here", [{"label": "insult", "start": 0, "end": 3, "text": "moron"}]) == [
        ("a ", ()), ("moron", ("insult",)), (" here", ())]
    assert highlight("abc", [{"label": "x<script>", "start": -5, "end": 99}]) == [("abc", ("other",))]
    assert highlight("abc", [{"label": "insult", "start": 2, "end": 1}, {"oops": 1}]) == [("abc", ())]


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70),
                                                st.sampled_from(["insult", "threat", "bogus"])), max_size=5))
def test_highlight_covers_text_exactly_once(text: str, spans: list[tuple[int, int, str]]) -> None:
    chunks = highlight(text, [{"label": lab, "start": a, "end": b} for a, b, lab in spans])
    assert "".join(c for c, _ in chunks) == text


def test_signer_rejects_forgery_expiry_and_other_keys() -> None:
    signer = Signer(b"k" * 32)
    data = signer.new_session(user_id=3)
    cookie = signer.dump(data)
    loaded = signer.load(cookie, max_age=60)
    assert loaded and (loaded.nonce, loaded.user_id) == (data.nonce, 3)
    assert signer.load(cookie[:-2] + "xx", max_age=60) is None
    assert Signer(b"j" * 32).load(cookie, max_age=60) is None
    assert signer.load(cookie, max_age=-1) is None
    assert signer.load("garbage", max_age=60) is None
    assert not signer.check_csrf(data, signer.csrf_token(signer.new_session(user_id=3)))
    assert not signer.check_csrf(None, "x")


def test_csp_is_strict() -> None:
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP and "default-src 'none'" in CSP


def test_reveal_escapes_and_shows_bidi_controls() -> None:
    out = str(_reveal("<b>x</b>\u202eabc"))
    assert out.startswith("&lt;b&gt;x&lt;/b&gt;") and "[U+202E]" in out and "\u202e" not in out


@pytest.mark.parametrize(("url", "ok"), [("https://example.org/a?b=1", True), ("http://x.y", True),
                                         ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
                                         ("data:text/html,x", False), ("https://x.y/\"onmouseover=", False),
                                         (None, False)])
def test_only_http_urls_become_links(url: str | None, ok: bool) -> None:
    assert (_http_url(url) is not None) is ok


def test_safe_next_and_csv_cells() -> None:
    assert _safe_next("/dashboard/queue?page=2") == "/dashboard/queue?page=2"
    for bad in ("https://evil.example", "//evil.example", "/dashboard/\\\\evil", None, "/other"):
        assert _safe_next(bad) == "/dashboard/"
    assert _csv_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and _csv_cell(3) == 3 and _csv_cell("ok") == "ok"


def test_charts_geometry() -> None:
    days = [date(2025, 3, d) for d in (1, 2, 3)]
    ch = line_chart(days, {"toxicity": [0.1, 0.2, 0.0], "insult": [0.0, 0.0, 0.3]})
    assert len(ch["lines"]) == 2 and len(ch["lines"][0]["points"].split()) == 3 and not ch["empty"]
    assert line_chart([], {})["empty"]
    hm = heatmap([("doc", {"toxicity": 0.5})], ["toxicity", "insult"])
    assert [c["opacity"] for c in hm["cells"]] == [0.53, 0.06]
    bars = bar_chart([("a", 4.0), ("b", 2.0)])
    assert bars["bars"][0]["w"] == 2 * bars["bars"][1]["w"]


def test_comment_day_and_pages() -> None:
    assert comment_day("2025-03-14T23:30:00-02:00", None) == date(2025, 3, 15)
    assert comment_day("3 hours ago", None) is None
    p = page_of(9, 20, 45)
    assert (p.number, p.pages, p.offset, p.has_next) == (3, 3, 40, False)


@pytest.mark.parametrize("name", ["belowtheline.dashboard.views", "belowtheline.dashboard.security",
                                  "belowtheline.dashboard.demo"])
def test_doctests(name: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_secret_from_environment_keeps_sessions_across_restarts(monkeypatch: pytest.MonkeyPatch) -> None:
    from belowtheline.service.settings import Settings

    monkeypatch.setenv("BTL_DASHBOARD_SECRET", "s" * 40)
    Settings(database_url="sqlite://")  # the variable does not upset the service settings
    a, b = Signer(), Signer()
    assert b.load(a.dump(a.new_session(user_id=1)), max_age=60) is not None
