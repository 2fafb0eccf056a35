"""``POST /v1alpha1/comments:analyze``: the Perspective API's request and response shapes.

Existing Perspective integrations switch by changing the base URL. Attributes
map to our labels (``TOXICITY`` -> toxicity, ``SEXUALLY_EXPLICIT`` -> sexual_explicit,
...); ``spanAnnotations`` adds the evidence spans; ``doNotStore: true`` stores nothing.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from ...store.models import CommentRow
from ...store.repository import get_or_create_site, save_scores
from ..deps import ScoreKey, get_runtime
from ..errors import ApiError

__all__ = ["ATTRIBUTES", "router"]

router = APIRouter(tags=["perspective"])

#: Perspective attribute -> our label.
ATTRIBUTES: dict[str, str] = {
    "TOXICITY": "toxicity",
    "SEVERE_TOXICITY": "severe_toxicity",
    "IDENTITY_ATTACK": "identity_attack",
    "INSULT": "insult",
    "PROFANITY": "profanity",
    "THREAT": "threat",
    "SEXUALLY_EXPLICIT": "sexual_explicit",
}
SUPPORTED_LANGUAGES = ("en",)


class _Open(BaseModel):
    # Perspective ignores fields it does not use (context, sessionId, ...); so do we.
    model_config = ConfigDict(extra="allow")


class CommentIn(_Open):
    text: str | None = None
    type: str | None = Field(default=None, description="PLAIN_TEXT (HTML is treated as plain text)")


class AttributeOptions(_Open):
    scoreType: str | None = None  # noqa: N815
    scoreThreshold: float | None = None  # noqa: N815


class AnalyzeRequest(_Open):
    comment: CommentIn | None = None
    requestedAttributes: dict[str, AttributeOptions | None] | None = None  # noqa: N815
    spanAnnotations: bool = False  # noqa: N815
    languages: list[str] | None = None
    doNotStore: bool = False  # noqa: N815
    clientToken: str | None = None  # noqa: N815
    communityId: str | None = None  # noqa: N815
    sessionId: str | None = None  # noqa: N815


class Score(BaseModel):
    value: float
    type: str = "PROBABILITY"


class SpanScore(BaseModel):
    begin: int
    end: int
    score: Score


class AttributeScore(BaseModel):
    summaryScore: Score  # noqa: N815
    spanScores: list[SpanScore] = Field(default_factory=list)  # noqa: N815


class AnalyzeResponse(BaseModel):
    attributeScores: dict[str, AttributeScore]  # noqa: N815
    languages: list[str]
    detectedLanguages: list[str]  # noqa: N815
    clientToken: str | None = None  # noqa: N815


def _bad(message: str, error_type: str | None = None) -> ApiError:
    return ApiError(400, message, error_type=error_type)


@router.post(
    "/v1alpha1/comments:analyze",
    response_model=AnalyzeResponse,
    response_model_exclude_none=True,
    summary="Score a comment (Perspective API compatible)",
)
def analyze(body: AnalyzeRequest, request: Request, principal: ScoreKey) -> Any:
    rt = get_runtime(request)
    text = body.comment.text if body.comment else None
    if not text:
        raise _bad("Comment must be non-empty.", "COMMENT_EMPTY")
    if len(text) > rt.settings.max_comment_chars:
        raise _bad(f"Comment text too long: {len(text)} characters, the limit is {rt.settings.max_comment_chars}.",
                   "COMMENT_TOO_LONG")
    if not body.requestedAttributes:
        raise _bad("requestedAttributes must be non-empty: ask for at least one of "
                   + ", ".join(ATTRIBUTES) + ".", "NO_REQUESTED_ATTRIBUTES")
    requested: dict[str, AttributeOptions] = {}
    for name, opts in body.requestedAttributes.items():
        base = name.upper().removesuffix("_EXPERIMENTAL")
        if base not in ATTRIBUTES:
            raise _bad(f"Attribute {name} is not supported. Supported attributes: {', '.join(ATTRIBUTES)}.",
                       "ATTRIBUTE_NOT_SUPPORTED")
        opts = opts or AttributeOptions()
        if opts.scoreType not in (None, "PROBABILITY"):
            raise _bad(f"Score type {opts.scoreType} is not supported for {name}; use PROBABILITY.",
                       "SCORE_TYPE_NOT_SUPPORTED")
        if opts.scoreThreshold is not None and not 0 <= opts.scoreThreshold <= 1:
            raise _bad(f"scoreThreshold of {name} must be between 0 and 1.", "INVALID_SCORE_THRESHOLD")
        requested[name] = opts
    languages = [lang.lower() for lang in body.languages or []]
    for lang in languages:
        if lang.split("-")[0] not in SUPPORTED_LANGUAGES:
            first = next(iter(requested))
            raise _bad(f"Attribute {first} does not support request languages: {lang}",
                       "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE")

    scorer = rt.scorer
    result = scorer.score([text])[0]
    out: dict[str, Any] = {}
    for name, opts in requested.items():
        label = ATTRIBUTES[name.upper().removesuffix("_EXPERIMENTAL")]
        value = round(float(result.scores.get(label, 0.0)), 6)
        if opts.scoreThreshold is not None and value < opts.scoreThreshold:
            continue
        spans = [{"begin": 0, "end": len(text), "score": {"value": value, "type": "PROBABILITY"}}]
        if body.spanAnnotations:
            spans += [{"begin": e.start, "end": e.end, "score": {"value": value, "type": "PROBABILITY"}}
                      for e in result.evidence if e.label == label]
        out[name] = {"summaryScore": {"value": value, "type": "PROBABILITY"}, "spanScores": spans}

    if not body.doNotStore:
        with rt.store.session() as s:
            site = get_or_create_site(s, body.communityId)
            fp = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            row = CommentRow(document_id=None, site_id=site.id if site else None, key=body.clientToken,
                             fingerprint=f"{fp}:api", text=text, signals={"source": "perspective",
                                                                           "key": principal.prefix})
            s.add(row)
            s.flush()
            save_scores(s, row, result, scorer.model, scorer.version)
    return {"attributeScores": out, "languages": languages or ["en"], "detectedLanguages": ["en"],
            "clientToken": body.clientToken}
