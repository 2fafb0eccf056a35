"""The dashboard's routes: sign-in, review queue, articles, overview, policy (HTML under ``/dashboard/``).

Pages are rendered on the server with Jinja2 autoescaping; the one script
(``static/app.js``) adds keyboard shortcuts and is loaded from this server, as
the Content-Security-Policy (no inline script or style) requires. POSTs are
plain ``application/x-www-form-urlencoded`` forms carrying a CSRF token; the
script sends the same forms with ``Accept: application/json`` to get JSON.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..document import LABELS
from ..store.models import DocumentRow, QueueItem, User
from ..store.session import Store
from .security import COOKIE, SECURITY_HEADERS, SessionData, Signer

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
STATIC = Path(__file__).resolve().parent / "static"
_STATIC_TYPES = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
ACTING_ROLES = ("moderator", "admin")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_signer_lock = threading.Lock()


# --- plumbing ---------------------------------------------------------------------------------------------------


def _reveal(value: Any) -> Any:
    """Escape, then show invisible direction controls as ``[U+202E]`` so they cannot reorder what is shown."""
    from markupsafe import Markup, escape

    text = str(escape("" if value is None else value))
    return Markup(
        _BIDI.sub(
            lambda m: f'<span class="ctl" title="invisible direction control">[U+{ord(m.group()):04X}]</span>', text
        )
    )


def _reveal_svg(value: Any) -> Any:
    """:func:`_reveal` inside SVG ``<text>``: a ``<tspan>``, since an HTML ``<span>`` would end the SVG."""
    from markupsafe import Markup, escape

    text = str(escape("" if value is None else value))
    return Markup(_BIDI.sub(lambda m: f'<tspan class="ctl">[U+{ord(m.group()):04X}]</tspan>', text))


def _plain(value: Any) -> str:
    """Text for places that hold no markup (``<title>`` tooltips): direction controls spelled out."""
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", "" if value is None else str(value))


@lru_cache(maxsize=8)
def _static_bytes(name: str) -> tuple[bytes, str]:
    data = (STATIC / name).read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:10]


def _static_url(name: str) -> str:
    return f"/dashboard/static/{name}?v={_static_bytes(name)[1]}"


@lru_cache(maxsize=1)
def _env() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("belowtheline.dashboard", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["reveal"] = _reveal
    env.filters["reveal_svg"] = _reveal_svg
    env.filters["plain"] = _plain
    env.filters["pct"] = lambda v: f"{float(v) * 100:.0f}%"
    env.globals.update(LABELS=LABELS, static=_static_url)
    return env


def _signer(request: Request) -> Signer:
    state = request.app.state
    signer: Signer | None = getattr(state, "dashboard_signer", None)
    if signer is None:
        with _signer_lock:
            signer = getattr(state, "dashboard_signer", None)
            if signer is None:
                signer = state.dashboard_signer = Signer()
    return signer


def _store(request: Request) -> Store:
    store: Store = request.app.state.runtime.store
    return store


def _ttl(request: Request) -> float:
    return float(request.app.state.runtime.settings.token_ttl_hours) * 3600


class Who:
    """The request's session and signed-in user (None when signed out)."""

    def __init__(self, request: Request) -> None:
        signer = _signer(request)
        self.session = signer.load(request.cookies.get(COOKIE), max_age=_ttl(request))
        self.fresh = self.session is None
        if self.session is None:
            self.session = signer.new_session()
        self.user: User | None = None
        if self.session.user_id is not None:
            with _store(request).session() as s:
                u = s.get(User, self.session.user_id)
                self.user = u if u is not None and u.active else None
        self.csrf = signer.csrf_token(self.session)

    @property
    def can_act(self) -> bool:
        return self.user is not None and self.user.role in ACTING_ROLES


def _set_cookie(request: Request, response: Response, data: SessionData) -> None:
    response.set_cookie(
        COOKIE,
        _signer(request).dump(data),
        max_age=int(_ttl(request)),
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def _secure(response: Response) -> Response:
    for k, v in SECURITY_HEADERS.items():
        response.headers.setdefault(k, v)
    return response


def _render(request: Request, who: Who, name: str, code: int = 200, **ctx: Any) -> HTMLResponse:
    html = (
        _env()
        .get_template(name)
        .render(user=who.user, csrf=who.csrf, can_act=who.can_act, path=request.url.path, **ctx)
    )
    resp = HTMLResponse(html, status_code=code)
    if who.fresh:
        assert who.session is not None
        _set_cookie(request, resp, who.session)
    return _secure(resp)  # type: ignore[return-value]


def _to_login(request: Request) -> Response:
    nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return _secure(RedirectResponse("/dashboard/login?" + urlencode({"next": nxt}), status_code=303))


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/dashboard/") and "//" not in value and "\\" not in value:
        return value
    return "/dashboard/"


async def _form(request: Request) -> dict[str, str] | None:
    """The urlencoded body (None when it is another type or too large)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        return None
    body = await request.body()
    if len(body) > 200_000:
        return None
    parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=50)
    return {k: v[0] for k, v in parsed.items()}


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        return False
    return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _fail(request: Request, who: Who, status: int, message: str) -> Response:
    if _wants_json(request):
        return _secure(JSONResponse({"ok": False, "message": message}, status_code=status))
    return _render(request, who, "error.html", code=status, title="Error", message=message)


async def _post(request: Request, *, act: bool = True) -> tuple[Who, dict[str, str]] | Response:
    """Who is posting and the form, or the refusal: signed out, bad CSRF token, not allowed to act."""
    who = await run_in_threadpool(Who, request)
    form = await _form(request)
    if form is None:
        return _fail(request, who, 400, "Send the form as application/x-www-form-urlencoded (at most 200 kB).")
    if not _same_origin(request) or not _signer(request).check_csrf(
        None if who.fresh else who.session, form.get("csrf") or request.headers.get("x-csrf-token")
    ):
        return _fail(request, who, 403, "The form has expired or came from another site; reload the page and retry.")
    if who.user is None:
        return (
            _fail(request, who, 401, "You are signed out; sign in again.")
            if _wants_json(request)
            else _to_login(request)
        )
    if act and not who.can_act:
        return _fail(request, who, 403, "Viewers can read but not act; ask an admin for a moderator account.")
    return who, form


def _int(value: str | None, default: int = 1) -> int:
    try:
        return max(1, min(int(value or default), 1_000_000))
    except ValueError:
        return default


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# --- sign-in ----------------------------------------------------------------------------------------------------


@router.get("/")
def root() -> Response:
    return RedirectResponse("/dashboard/", status_code=307)


@router.get("/dashboard")
@router.get("/dashboard/")
def home(request: Request) -> Response:
    who = Who(request)
    if who.user is None:
        return _to_login(request)
    return _secure(RedirectResponse("/dashboard/queue" if who.can_act else "/dashboard/overview", status_code=303))


@router.get("/favicon.ico")
def favicon() -> Response:
    return _secure(RedirectResponse(_static_url("favicon.svg"), status_code=308))


@router.get("/dashboard/static/{name}")
def static(name: str) -> Response:
    if name not in _STATIC_TYPES:
        return Response("not found", status_code=404, media_type="text/plain")
    data, _ = _static_bytes(name)
    return _secure(
        Response(data, media_type=_STATIC_TYPES[name], headers={"Cache-Control": "public, max-age=86400, immutable"})
    )


@router.get("/dashboard/login")
def login_page(request: Request, next: str | None = None) -> Response:  # noqa: A002
    who = Who(request)
    return _render(request, who, "login.html", title="Sign in", next=_safe_next(next), error=None)


@router.post("/dashboard/login")
async def login(request: Request) -> Response:
    from ..moderation.accounts import authenticate

    who = await run_in_threadpool(Who, request)
    form = await _form(request) or {}
    nxt = _safe_next(form.get("next"))
    if who.fresh or not _same_origin(request) or not _signer(request).check_csrf(who.session, form.get("csrf")):
        return _render(
            request,
            who,
            "login.html",
            code=403,
            title="Sign in",
            next=nxt,
            error="The sign-in form expired; please try again.",
        )

    def check() -> int | None:
        with _store(request).session() as s:
            user = authenticate(s, form.get("username", "")[:200], form.get("password", "")[:1000])
            return user.id if user else None

    user_id = await run_in_threadpool(check)
    if user_id is None:
        return _render(
            request, who, "login.html", code=401, title="Sign in", next=nxt, error="Wrong user name or password."
        )
    resp = RedirectResponse(nxt, status_code=303)
    _set_cookie(request, resp, Signer.new_session(user_id))  # a new nonce: no session fixation
    return _secure(resp)


@router.post("/dashboard/logout")
async def logout(request: Request) -> Response:
    got = await _post(request, act=False)
    if isinstance(got, Response):
        return got
    resp = RedirectResponse("/dashboard/login", status_code=303)
    _set_cookie(request, resp, Signer.new_session())
    return _secure(resp)


# --- queue ------------------------------------------------------------------------------------------------------


@router.get("/dashboard/queue")
def queue(request: Request, page: str | None = None, status: str = "open") -> Response:
    from .views import queue_page

    who = Who(request)
    if who.user is None:
        return _to_login(request)
    status = status if status in ("open", "escalated") else "open"
    with _store(request).session() as s:
        items, pg = queue_page(s, user_id=who.user.id, status=status, page=_int(page))
    return _render(
        request,
        who,
        "queue.html",
        title="Review queue",
        items=items,
        page=pg,
        status=status,
        pq=lambda n: urlencode({"status": status, "page": n}),
    )


def _queue_error(fn: Callable[[], dict[str, Any]]) -> tuple[int, dict[str, Any]]:
    from ..moderation.queue import QueueError

    try:
        return 200, fn()
    except QueueError as exc:
        return exc.status, {"ok": False, "message": str(exc)}


@router.post("/dashboard/queue/{item_id}/decide")
async def decide_item(item_id: int, request: Request) -> Response:
    from ..moderation.queue import HUMAN_ACTIONS, claim, decide
    from .views import ACTION_LABEL

    got = await _post(request)
    if isinstance(got, Response):
        return got
    who, form = got
    action = form.get("action", "")
    if action not in HUMAN_ACTIONS:
        return _fail(request, who, 400, f"Unknown action {action!r}; choose approve, reject or escalate.")
    assert who.user is not None
    user_id = who.user.id

    def work() -> dict[str, Any]:
        with _store(request).session() as s:
            user = s.get(User, user_id)
            assert user is not None
            item = s.get(QueueItem, item_id)
            if item is None or not (item.status == "claimed" and item.claimed_by == user.id):
                claim(s, item_id, user)
            d = decide(s, item_id, user, action, note=(form.get("note") or None))
            return {
                "ok": True,
                "item": item_id,
                "decision": d.id,
                "action": action,
                "label": ACTION_LABEL[action],
                "by": user.username,
            }

    code, body = await run_in_threadpool(_queue_error, lambda: work())
    return _done(request, who, code, body)


@router.post("/dashboard/groups/decide")
async def decide_group(request: Request) -> Response:
    from ..moderation.queue import HUMAN_ACTIONS, QueueError, claim, decide
    from .views import ACTION_LABEL, group_items

    got = await _post(request)
    if isinstance(got, Response):
        return got
    who, form = got
    action, group = form.get("action", ""), form.get("group", "")
    if action not in HUMAN_ACTIONS or not group:
        return _fail(request, who, 400, "Give a copy-paste group and an action (approve, reject or escalate).")
    assert who.user is not None
    user_id = who.user.id

    def work() -> dict[str, Any]:
        done, skipped = [], 0
        with _store(request).session() as s:
            user = s.get(User, user_id)
            assert user is not None
            for item in group_items(s, group):
                try:
                    with s.begin_nested():
                        if not (item.status == "claimed" and item.claimed_by == user.id):
                            claim(s, item.id, user)
                        d = decide(s, item.id, user, action, note=f"bulk: copy-paste group {group}")
                    done.append({"item": item.id, "decision": d.id})
                except QueueError:
                    skipped += 1
            return {
                "ok": True,
                "decisions": done,
                "skipped": skipped,
                "action": action,
                "label": ACTION_LABEL[action],
                "by": user.username,
            }

    code, body = await run_in_threadpool(_queue_error, work)
    return _done(request, who, code, body)


@router.post("/dashboard/decisions/{decision_id}/undo")
async def undo_decision(decision_id: int, request: Request) -> Response:
    from ..moderation.queue import undo

    got = await _post(request)
    if isinstance(got, Response):
        return got
    who, _form_ = got
    assert who.user is not None
    user_id = who.user.id

    def work() -> dict[str, Any]:
        with _store(request).session() as s:
            user = s.get(User, user_id)
            assert user is not None
            u = undo(s, decision_id, user)
            from sqlalchemy import select

            item = s.scalar(select(QueueItem.id).where(QueueItem.comment_id == u.comment_id))
            return {"ok": True, "undo": u.id, "undone": decision_id, "item": item, "by": user.username}

    code, body = await run_in_threadpool(_queue_error, work)
    return _done(request, who, code, body)


def _done(request: Request, who: Who, code: int, body: dict[str, Any]) -> Response:
    if _wants_json(request):
        return _secure(JSONResponse(body, status_code=code))
    if code != 200:
        return _fail(request, who, code, str(body.get("message")))
    back = request.headers.get("referer", "")
    prefix = f"{request.url.scheme}://{request.url.netloc}"
    target = _safe_next(back[len(prefix) :]) if back.startswith(prefix + "/") else "/dashboard/queue"
    return _secure(RedirectResponse(target, status_code=303))


# --- articles ---------------------------------------------------------------------------------------------------


@router.get("/dashboard/articles")
def articles(request: Request, page: str | None = None, site: str | None = None) -> Response:
    from .views import articles_page

    who = Who(request)
    if who.user is None:
        return _to_login(request)
    with _store(request).session() as s:
        rows, pg = articles_page(s, site=site or None, page=_int(page))
    return _render(
        request,
        who,
        "articles.html",
        title="Articles",
        rows=rows,
        page=pg,
        site=site or "",
        pq=lambda n: urlencode({**({"site": site} if site else {}), "page": n}),
    )


@router.get("/dashboard/articles/{doc_id}")
def article(
    request: Request,
    doc_id: int,
    page: str | None = None,
    label: str | None = None,
    narrative: str | None = None,
    decision: str | None = None,
) -> Response:
    from .views import DECISION_FILTERS, article_view

    who = Who(request)
    if who.user is None:
        return _to_login(request)
    with _store(request).session() as s:
        doc = s.get(DocumentRow, doc_id)
        if doc is None:
            return _fail(request, who, 404, f"There is no article {doc_id}.")
        view = article_view(
            s,
            doc,
            label=label if label in LABELS else None,
            narrative=narrative or None,
            decision=decision if decision in DECISION_FILTERS else None,
            page=_int(page),
        )
    query = {k: v for k, v in view["filters"].items() if v}
    return _render(
        request,
        who,
        "article.html",
        title=view["title"] or "Article",
        a=view,
        decisions=DECISION_FILTERS,
        query=query,
        safe_url=_http_url(view["url"]),
        pq=lambda n: urlencode({**query, "page": n}),
    )


def _http_url(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (``javascript:``, ``data:``) is shown as text."""
    if url and re.match(r"(?i)^https?://[^\s\"'<>]+$", url):
        return url
    return None


# --- overview ---------------------------------------------------------------------------------------------------


@router.get("/dashboard/overview")
def overview(request: Request, site: str | None = None, start: str | None = None, end: str | None = None) -> Response:
    from .charts import bar_chart, heatmap, line_chart
    from .views import overview_cached

    who = Who(request)
    if who.user is None:
        return _to_login(request)
    with _store(request).session() as s:
        ov = overview_cached(s, site=site or None, start=_date(start), end=_date(end))
    filters = {k: v for k, v in {"site": site, "start": start, "end": end}.items() if v}
    charts = {
        "label_time": line_chart(ov.days, ov.label_time),
        "label_article": heatmap([(t, sh) for _d, t, _n, sh in ov.label_article], LABELS),
        "narrative_time": line_chart(ov.days, ov.narrative_time),
        "groups": bar_chart([(t, float(n)) for _g, n, t in ov.groups]),
        "quoted": bar_chart([(p, float(n)) for p, n, _k in ov.quoted]),
    }
    return _render(
        request,
        who,
        "overview.html",
        title="Overview",
        ov=ov,
        charts=charts,
        filters=filters,
        csv_query=lambda chart: urlencode({"chart": chart, **filters}),
    )


@router.get("/dashboard/overview.csv")
def overview_csv(
    request: Request, chart: str, site: str | None = None, start: str | None = None, end: str | None = None
) -> Response:
    from .views import CHARTS, overview_cached, overview_csv_rows

    who = Who(request)
    if who.user is None:
        return _to_login(request)
    if chart not in CHARTS:
        return _fail(request, who, 404, f"Unknown chart {chart!r}; choose one of {', '.join(CHARTS)}.")
    with _store(request).session() as s:
        ov = overview_cached(s, site=site or None, start=_date(start), end=_date(end))
    buf = io.StringIO()
    writer = csv.writer(buf)
    for row in overview_csv_rows(ov, chart):
        writer.writerow([_csv_cell(v) for v in row])
    return _secure(
        Response(
            buf.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{chart}.csv"'},
        )
    )


def _csv_cell(v: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (comment text is attacker-controlled)."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


# --- policy -----------------------------------------------------------------------------------------------------


def _policy_yaml(policy: Any) -> str:
    import yaml

    data = policy.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {"version": policy.version, **{k: v for k, v in data.items() if k != "version"}}
    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return text


_DRAFT = 'version: "draft"\nthresholds:\n  toxicity: {review: 0.5, remove: 0.9}\n'


@router.get("/dashboard/policy")
def policy_page(request: Request) -> Response:
    who = Who(request)
    if who.user is None:
        return _to_login(request)
    policy = request.app.state.runtime.policy
    text = _policy_yaml(policy) if policy is not None else _DRAFT
    return _render(
        request,
        who,
        "policy.html",
        title="Policy",
        policy=policy,
        policy_text=text,
        draft=text,
        result=None,
        error=None,
    )


@router.post("/dashboard/policy/dry-run")
async def policy_dry_run(request: Request) -> Response:
    got = await _post(request, act=False)
    if isinstance(got, Response):
        return got
    who, form = got
    draft = form.get("policy", "")
    policy = request.app.state.runtime.policy

    def work() -> tuple[Any, str | None]:
        import yaml
        from pydantic import ValidationError

        from ..moderation.policy import Policy
        from .views import dry_run_batched

        try:
            data = yaml.safe_load(draft)
            edited = Policy.model_validate(data)
        except yaml.YAMLError as exc:
            return None, f"The policy is not valid YAML: {exc}"
        except ValidationError as exc:
            return None, "The policy is invalid: " + "; ".join(
                f"{'.'.join(str(x) for x in e['loc']) or '(top level)'}: {e['msg']}" for e in exc.errors()[:10]
            )
        with _store(request).session() as s:
            return dry_run_batched(s, edited), None

    result, error = await run_in_threadpool(work)
    return _render(
        request,
        who,
        "policy.html",
        code=200 if error is None else 400,
        title="Policy",
        policy=policy,
        policy_text=_policy_yaml(policy) if policy is not None else None,
        draft=draft,
        result=result,
        error=error,
    )
