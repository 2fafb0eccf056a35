"""``POST /v1/score``: score comments in batches."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from ...store.models import CommentRow
from ...store.repository import get_or_create_site, save_scores
from ..deps import ScoreKey, get_runtime
from ..errors import ApiError

router = APIRouter(tags=["score"])


class CommentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    id: str | None = None


class ScoreRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    comments: list[CommentIn] = Field(min_length=1)
    #: Keep the comments and their scores in the database.
    store: StrictBool = False
    site: str | None = None


class EvidenceOut(BaseModel):
    label: str
    start: int
    end: int
    text: str


class ScoreOut(BaseModel):
    id: str | None
    scores: dict[str, float]
    evidence: list[EvidenceOut]


class ScoreResponse(BaseModel):
    model: dict[str, str]
    results: list[ScoreOut]


@router.post("/v1/score", response_model=ScoreResponse, summary="Score a batch of comments")
def score(body: ScoreRequest, request: Request, principal: ScoreKey) -> Any:
    rt = get_runtime(request)
    if len(body.comments) > rt.settings.max_batch:
        raise ApiError(400, f"{len(body.comments)} comments in one request; the limit is {rt.settings.max_batch} "
                            "(BTL_MAX_BATCH). Split the batch.")
    for i, c in enumerate(body.comments):
        if len(c.text) > rt.settings.max_comment_chars:
            raise ApiError(400, f"comments.{i}.text is {len(c.text)} characters; the limit is "
                                f"{rt.settings.max_comment_chars}.")
    scorer = rt.scorer
    results = scorer.score([c.text for c in body.comments])
    if body.store:
        with rt.store.session() as s:
            site = get_or_create_site(s, body.site)
            for c, res in zip(body.comments, results, strict=True):
                fp = hashlib.sha256(c.text.encode("utf-8", "surrogatepass")).hexdigest()
                row = CommentRow(document_id=None, site_id=site.id if site else None, key=c.id,
                                 fingerprint=f"{fp}:api", text=c.text,
                                 signals={"source": "score", "key": principal.prefix})
                s.add(row)
                s.flush()
                save_scores(s, row, res, scorer.model, scorer.version)
    return {
        "model": {"name": scorer.model, "version": scorer.version},
        "results": [{"id": c.id, "scores": r.scores,
                     "evidence": [{"label": e.label, "start": e.start, "end": e.end, "text": e.text}
                                  for e in r.evidence]}
                    for c, r in zip(body.comments, results, strict=True)],
    }
