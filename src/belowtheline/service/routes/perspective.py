"""``POST /v1alpha1/comments:analyze``: the Perspective API's request and response shapes.

Existing Perspective integrations switch by changing the base URL. Attributes
map to our labels (``TOXICITY`` -> toxicity, ``SEXUALLY_EXPLICIT`` -> sexual_explicit,
...); ``spanAnnotations`` adds the evidence spans; ``doNotStore: true`` stores nothing.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat
from starlette.concurrency import run_in_threadpool

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


def _document(required: tuple[str, ...] = (), **props: dict[str, Any]) -> Any:
    """A ``json_schema_extra`` that documents what the route accepts.

    The model stays lenient so that the route itself can answer each mistake with
    Perspective's own ``errorType`` (COMMENT_EMPTY, ATTRIBUTE_NOT_SUPPORTED, ...); the
    schema says what a request must be to succeed: the listed fields required and not
    null, and the extra keywords in ``props``.
    """

    def extra(schema: dict[str, Any]) -> None:
        properties = schema.get("properties", {})
        for name in required:
            field = properties.get(name, {})
            branches = [b for b in field.get("anyOf", ()) if b.get("type") != "null"]
            if len(branches) == 1:
                rest = {k: v for k, v in field.items() if k not in ("anyOf", "default")}
                properties[name] = {**branches[0], **rest}
        if required:
            schema["required"] = sorted(set(schema.get("required", [])) | set(required))
        for name, kw in props.items():
            properties.setdefault(name, {}).update(kw)

    return extra


#: Attribute names the route accepts (any case, with or without ``_EXPERIMENTAL``).
_ATTRIBUTE_PATTERN = "^(?i:" + "|".join(ATTRIBUTES) + ")(?i:_EXPERIMENTAL)?$"


class _Open(BaseModel):
    # Perspective ignores fields it does not use (context, sessionId, ...); so do we.
    model_config = ConfigDict(extra="allow")


class CommentIn(_Open):
    model_config = ConfigDict(extra="allow", json_schema_extra=_document(("text",), text={"minLength": 1,
                                                                                           "maxLength": 20480}))
    text: str | None = None
    type: str | None = Field(default=None, description="PLAIN_TEXT (HTML is treated as plain text)")


class AttributeOptions(_Open):
    model_config = ConfigDict(extra="allow", json_schema_extra=_document(
        scoreType={"anyOf": [{"enum": ["PROBABILITY"]}, {"type": "null"}]},
        scoreThreshold={"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "null"}]}))
    scoreType: str | None = None  # noqa: N815
    scoreThreshold: StrictFloat | None = None  # noqa: N815


class AnalyzeRequest(_Open):
    model_config = ConfigDict(extra="allow", json_schema_extra=_document(
        ("comment", "requestedAttributes"),
        requestedAttributes={"minProperties": 1, "propertyNames": {"pattern": _ATTRIBUTE_PATTERN}},
        languages={"anyOf": [{"type": "array", "items": {"type": "string", "pattern": "^(?i:en)(-.*)?$"}},
                             {"type": "null"}]}))
    comment: CommentIn | None = None
    requestedAttributes: dict[str, AttributeOptions | None] | None = None  # noqa: N815
    spanAnnotations: StrictBool = False  # noqa: N815
    languages: list[str] | None = None
    doNotStore: StrictBool = False  # noqa: N815
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
async def analyze(body: AnalyzeRequest, request: Request, principal: ScoreKey) -> Any:
    # async on purpose: the hot path (validate, score one comment, answer) runs on the event loop with no
    # thread hop; scoring is serialised by the scorer's lock anyway. Loading the model and storing go to threads.
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

    scorer = rt.scorer if rt.scorer_loaded else await run_in_threadpool(lambda: rt.scorer)
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

    if not body.doNotStore:  # doNotStore: true touches no database at all
        def store() -> None:
            with rt.store.session() as s:
                site = get_or_create_site(s, body.communityId)
                fp = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
                row = CommentRow(document_id=None, site_id=site.id if site else None, key=body.clientToken,
                                 fingerprint=f"{fp}:api", text=text, signals={"source": "perspective",
                                                                               "key": principal.prefix})
                s.add(row)
                s.flush()
                save_scores(s, row, result, scorer.model, scorer.version)

        await run_in_threadpool(store)  # committed before the answer is sent
    answer: dict[str, Any] = {"attributeScores": out, "languages": languages or ["en"], "detectedLanguages": ["en"]}
    if body.clientToken is not None:
        answer["clientToken"] = body.clientToken
    # Built by hand in the documented shape (AnalyzeResponse): skip re-validating it on the hot path.
    return JSONResponse(answer)
