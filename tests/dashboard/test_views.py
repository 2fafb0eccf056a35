"""Pure pieces of the dashboard: evidence highlighting, signing, escaping, charts, CSV cells."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belowtheline.dashboard.charts import bar_chart, heatmap, line_chart
from belowtheline.dashboard.routes import _csv_cell, _http_url, _plain, _reveal, _reveal_svg, _safe_next
from belowtheline.dashboard.security import CSP, Signer
from belowtheline.dashboard.views import comment_day, highlight, page_of


def test_highlight_overlapping_spans_per_label() -> None:
    text = "you stupid idiot"
    ev = [
        {"label": "insult", "start": 4, "end": 16, "text": "stupid idiot"},
        {"label": "toxicity", "start": 11, "end": 16, "text": "idiot"},
    ]
    assert highlight(text, ev) == [("you ", ()), ("stupid ", ("insult",)), ("idiot", ("insult", "toxicity"))]


def test_highlight_repairs_or_drops_bad_offsets() -> None:
    assert highlight("a moron here", [{"label": "insult", "start": 0, "end": 3, "text": "moron"}]) == [
        ("a ", ()),
        ("moron", ("insult",)),
        (" here", ()),
    ]
    assert highlight("abc", [{"label": "x<script>", "start": -5, "end": 99}]) == [("abc", ("other",))]
    assert highlight("abc", [{"label": "insult", "start": 2, "end": 1}, {"oops": 1}]) == [("abc", ())]


@given(
    st.text(max_size=60),
    st.lists(
        st.tuples(st.integers(-5, 70), st.integers(-5, 70), st.sampled_from(["insult", "threat", "bogus"])), max_size=5
    ),
)
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
    # Inside SVG an HTML <span> would close the <svg>: chart labels get a <tspan>, tooltips plain text.
    svg = str(_reveal_svg("<b>x</b>\u202eabc"))
    assert svg == '&lt;b&gt;x&lt;/b&gt;<tspan class="ctl">[U+202E]</tspan>abc' and "<span" not in svg
    assert _plain("<b>\u2066x") == "<b>[U+2066]x" and _plain(None) == ""


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1", True),
        ("http://x.y", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,x", False),
        ('https://x.y/"onmouseover=', False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url: str | None, ok: bool) -> None:
    assert (_http_url(url) is not None) is ok


def test_safe_next_and_csv_cells() -> None:
    assert _safe_next("/dashboard/queue?page=2") == "/dashboard/queue?page=2"
    for bad in ("https://evil.example", "//evil.example", "/dashboard/\\\\evil", None, "/other"):
        assert _safe_next(bad) == "/dashboard/"
    assert _csv_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")' and _csv_cell(3) == 3 and _csv_cell("ok") == "ok"


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


@pytest.mark.parametrize(
    "name", ["belowtheline.dashboard.views", "belowtheline.dashboard.security", "belowtheline.dashboard.demo"]
)
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


def _store_docs() -> object:
    """Three stored articles: two with comments on 2025-03-14 / 2025-03-20 on two sites, one without comments."""
    from belowtheline.document import Article, Claim, Comment, Document, Entity, Paragraph, Quote, Source
    from belowtheline.store import open_store
    from belowtheline.store.repository import ingest_document

    store = open_store("sqlite://")

    def doc(n: int, day: str, speakers: list[str | None], comments: bool = True) -> Document:
        return Document(
            id=f"d{n}",
            text=f"doc {n}",
            source=Source(url=f"https://x.example/{n}"),
            article=Article(
                title=f"Article {n}",
                paragraphs=[Paragraph("Body.")],
                entities=[
                    Entity("Trump", "PERSON", "Donald Trump"),
                    Entity("NATO", "ORG", "NATO"),
                    Entity("Donald Trump", "PERSON", "Donald Trump"),
                ],
                quotes=[Quote(f"quote {i}", sp, "direct", cue="said") for i, sp in enumerate(speakers)],
                claims=[Claim("NATO has 30,000 troops ready.", "30,000", 30000.0, "troops", "NATO")],
            ),
            comments=[Comment(f"c{i}", f"comment {i}", timestamp=f"{day}T10:0{i}:00Z") for i in range(3)]
            if comments
            else [],
        )

    with store.session() as s:  # type: ignore[attr-defined]
        ingest_document(s, doc(1, "2025-03-14", ["Donald Trump", "Donald Trump", None, "NATO"]), site="a.example")
        ingest_document(s, doc(2, "2025-03-20", ["Donald Trump", "Kaja Kallas"]), site="b.example")
        ingest_document(s, doc(3, "2025-03-20", ["Mark Rutte"], comments=False), site="a.example")
    return store


def test_article_view_has_entities_quotes_and_claims() -> None:
    from sqlalchemy import select

    from belowtheline.dashboard.views import article_view
    from belowtheline.store.models import DocumentRow

    store = _store_docs()
    with store.session() as s:  # type: ignore[attr-defined]
        row = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == "d1"))
        view = article_view(s, row)
    assert [(e.name, e.kind, e.mentions) for e in view["entities"]] == [
        ("Donald Trump", "person", 2),
        ("NATO", "organisation", 1),
    ]
    assert [(q.speaker, q.cue) for q in view["quotes"]] == [
        ("Donald Trump", "said"),
        ("Donald Trump", "said"),
        (None, "said"),
        ("NATO", "said"),
    ]
    assert [(c.value_text, c.unit, c.actor) for c in view["claims"]] == [("30,000", "troops", "NATO")]
    assert len(view["thread"]) == 3


def test_most_quoted_people_honours_site_and_dates() -> None:
    from belowtheline.dashboard.views import overview_csv_rows, overview_data

    store = _store_docs()
    with store.session() as s:  # type: ignore[attr-defined]
        everything = overview_data(s)
        # NATO is an organisation (not counted), the unattributed quote neither; d3 has no comments but counts.
        assert everything.quoted == [("Donald Trump", 3, 2), ("Kaja Kallas", 1, 1), ("Mark Rutte", 1, 1)]
        site_a = overview_data(s, site="a.example")
        assert [q[0] for q in site_a.quoted] == ["Donald Trump", "Mark Rutte"]
        assert overview_data(s, site="b.example").quoted == [("Donald Trump", 1, 1), ("Kaja Kallas", 1, 1)]
        march_20 = overview_data(s, start=date(2025, 3, 20), end=date(2025, 3, 20))
        assert march_20.quoted == [("Donald Trump", 1, 1), ("Kaja Kallas", 1, 1)]
        assert overview_data(s, site="nowhere.example").quoted == []
        rows = overview_csv_rows(site_a, "quoted")
        assert rows == [["speaker", "quotes", "articles"], ["Donald Trump", 2, 1], ["Mark Rutte", 1, 1]]


def test_overview_flags_follow_each_comments_newest_scores(db_url: str) -> None:
    """The label shares are decided in SQL; they must match the Python rule on the newest score row."""
    from collections import Counter, defaultdict

    from sqlalchemy import select

    from belowtheline.dashboard.demo import seed_demo
    from belowtheline.dashboard.views import flagged_labels, latest_scores_map, overview_data
    from belowtheline.document import LABELS
    from belowtheline.store import open_store
    from belowtheline.store.models import CommentRow, ScoreRow

    store = open_store(db_url)
    try:
        seed_demo(store, documents=2, comments_per_document=30, users=False)
        with store.session() as s:
            first = s.scalar(select(CommentRow.id).order_by(CommentRow.id))
            # A re-score: the newer row wins, and its missing labels count as not flagged.
            s.add(ScoreRow(comment_id=first, model="rescore", model_version="2", scores={"threat": 0.99}))
        with store.session() as s:
            ov = overview_data(s)
            rows = s.execute(select(CommentRow.id, CommentRow.timestamp, CommentRow.created_at)).all()
            latest = latest_scores_map(s, [r[0] for r in rows])
            assert latest[first].scores == {"threat": 0.99}
            per_day: dict[date, Counter[str]] = defaultdict(Counter)
            n: Counter[date] = Counter()
            for cid, ts, created in rows:
                day = comment_day(ts, created)
                assert day is not None
                n[day] += 1
                per_day[day].update(flagged_labels(dict(latest[cid].scores)))
        assert ov.total == 60 and ov.days == sorted(n)
        for lab in LABELS:
            assert ov.label_time[lab] == [per_day[d][lab] / n[d] for d in ov.days], lab
        assert sum(per_day[d]["threat"] for d in n) > 0
    finally:
        store.dispose()


def test_overview_cache_follows_the_data() -> None:
    """A cached overview is reused while nothing changed and recomputed once comments are added."""
    from belowtheline.dashboard.views import overview_cached
    from belowtheline.document import Article, Comment, Document
    from belowtheline.store.repository import ingest_document

    store = _store_docs()
    with store.session() as s:  # type: ignore[attr-defined]
        first = overview_cached(s)
        assert overview_cached(s) is first
        assert overview_cached(s, site="b.example") is not first
    with store.session() as s:  # type: ignore[attr-defined]
        extra = Document(
            id="d9",
            text="x",
            article=Article(title="Nine"),
            comments=[Comment("c1", "one more", timestamp="2025-03-21T10:00:00Z")],
        )
        ingest_document(s, extra, site="a.example")
    with store.session() as s:  # type: ignore[attr-defined]
        again = overview_cached(s)
    assert again is not first
    assert again.total == first.total + 1
