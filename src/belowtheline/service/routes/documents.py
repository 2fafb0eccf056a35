"""Documents: analyse a capture (``POST /v1/documents``), read documents and threads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...store.models import CommentRow, DecisionRow, DocumentRow
from ...store.repository import document_to_dict, save_scores
from ..deps import DB, MAX_ID, ReadKey, RowId, ScoreKey, get_runtime
from ..errors import ApiError

router = APIRouter(tags=["documents"])


class CaptureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="the capture: article text followed by its comments")
    id: str | None = None
    url: str | None = None
    site: str | None = None


@router.post("/v1/documents", status_code=201, summary="Analyse a capture and store it")
def analyze_capture(body: CaptureIn, request: Request, principal: ScoreKey) -> Any:
    from ...api import load_pipeline
    from ...document import Document, Source
    from ...store.repository import ingest_document

    rt = get_runtime(request)
    doc = Document(id=body.id or Document.make_id(body.text), text=body.text, source=Source(url=body.url))
    doc = load_pipeline()(doc)
    scorer = rt.scorer
    with rt.store.session() as s:
        row, new, status = ingest_document(s, doc, site=body.site, actor=principal.actor)
        if new:
            for cr, res in zip(new, scorer.score([c.text for c in new]), strict=True):
                save_scores(s, cr, res, scorer.model, scorer.version)
            if rt.policy is not None:
                from ...moderation.decisions import apply_policy

                apply_policy(s, rt.policy, comment_ids=[c.id for c in new], actor=principal.actor)
        out = document_to_dict(s, row)
        out["ingest"] = {"status": status, "comments_added": len(new)}
        return out


@router.get("/v1/documents", summary="List stored documents")
def list_documents(_p: ReadKey, s: DB, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                   offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0) -> Any:
    rows = s.scalars(select(DocumentRow).order_by(DocumentRow.id).limit(limit).offset(offset))
    return {"documents": [document_to_dict(s, r, with_comments=False) for r in rows]}


def _doc(s: Session, doc_id: int) -> DocumentRow:
    row = s.get(DocumentRow, doc_id)
    if row is None:
        raise ApiError(404, f"document {doc_id} does not exist; list documents with GET /v1/documents.")
    return row


@router.get("/v1/documents/{doc_id}", summary="A document with its comments and their latest scores")
def get_document(doc_id: RowId, _p: ReadKey, s: DB) -> Any:
    return document_to_dict(s, _doc(s, doc_id))


@router.get("/v1/documents/{doc_id}/thread", summary="The discussion as a reply tree")
def get_thread(doc_id: RowId, _p: ReadKey, s: DB) -> Any:
    comments = document_to_dict(s, _doc(s, doc_id))["comments"]
    by_key = {c["id"]: {**c, "replies": []} for c in comments}
    roots: list[dict[str, Any]] = []
    for c in comments:
        node = by_key[c["id"]]
        parent = by_key.get(c["reply_to"]) if c["reply_to"] else None
        (parent["replies"] if parent is not None and parent is not node else roots).append(node)
    return {"document": doc_id, "thread": roots}


@router.get("/v1/comments/{comment_id}/decisions", tags=["decisions"], summary="A comment's decision history")
def comment_decisions(comment_id: RowId, _p: ReadKey,
                      s: DB) -> Any:
    from ...moderation.decisions import decision_to_dict

    if s.get(CommentRow, comment_id) is None:
        raise ApiError(404, f"comment {comment_id} does not exist.")
    rows = s.scalars(select(DecisionRow).where(DecisionRow.comment_id == comment_id).order_by(DecisionRow.id))
    return {"comment": comment_id, "decisions": [decision_to_dict(d) for d in rows]}
