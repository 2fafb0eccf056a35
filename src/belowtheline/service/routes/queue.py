"""The review queue and decisions over HTTP (moderator accounts only)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from ...store.models import CommentRow, QueueItem, User
from ...store.repository import comment_to_dict, latest_scores
from ..deps import DB, MAX_ID, ModerateKey, Principal, ReadKey, RowId
from ..errors import ApiError

router = APIRouter(tags=["queue"])


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["approve", "reject", "escalate"]
    note: str | None = Field(default=None, max_length=5000)


def _user(s: Session, p: Principal) -> User:
    user = s.get(User, p.user_id) if p.user_id else None
    if user is None:
        raise ApiError(403, "queue work needs a moderator account: log in with POST /v1/auth/token "
                            "and use that token (machine keys cannot claim or decide).")
    return user


def _item(s: Session, item: QueueItem) -> dict[str, Any]:
    c = s.get(CommentRow, item.comment_id)
    return {"id": item.id, "status": item.status, "priority": item.priority, "reasons": list(item.reasons),
            "claimed_by": item.claimed_by, "comment": comment_to_dict(c, latest_scores(s, c.id)) if c else None}


def _run(fn: Any, *args: Any, **kw: Any) -> Any:
    from ...moderation.queue import QueueError

    try:
        return fn(*args, **kw)
    except QueueError as exc:
        raise ApiError(exc.status, str(exc)) from exc


@router.get("/v1/queue", summary="Queue items by priority")
def list_items(_p: ReadKey, s: DB, status: Literal["open", "claimed", "done", "escalated"] = "open",
               limit: Annotated[int, Query(ge=1, le=500)] = 50,
               offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0) -> Any:
    from ...moderation.queue import list_queue

    return {"items": [_item(s, i) for i in list_queue(s, status=status, limit=limit, offset=offset)]}


@router.post("/v1/queue/{item_id}/claim", summary="Claim an item (409 if someone else holds it)")
def claim_item(item_id: RowId, p: ModerateKey, s: DB) -> Any:
    from ...moderation.queue import claim

    return _item(s, _run(claim, s, item_id, _user(s, p)))


@router.post("/v1/queue/{item_id}/decision", summary="Approve, reject or escalate a claimed item")
def decide_item(item_id: RowId, body: DecisionIn, p: ModerateKey,
                s: DB) -> Any:
    from ...moderation.decisions import decision_to_dict
    from ...moderation.queue import decide

    return decision_to_dict(_run(decide, s, item_id, _user(s, p), body.action, note=body.note))


@router.post("/v1/decisions/{decision_id}/undo", tags=["decisions"], summary="Undo a human decision")
def undo_decision(decision_id: RowId, p: ModerateKey,
                  s: DB) -> Any:
    from ...moderation.decisions import decision_to_dict
    from ...moderation.queue import undo

    return decision_to_dict(_run(undo, s, decision_id, _user(s, p)))
