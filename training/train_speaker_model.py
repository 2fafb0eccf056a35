"""Experiment (not shipped): a learned speaker chooser over the rules' candidates, cross-validated by folder.

For every annotated article (``tests/fixtures/article/<folder>``, our own,
Apache-2.0) the article stage runs as shipped; each predicted quote that
matches a gold quote (as ``evaluate.py`` matches them) gives one ranking
example. Its candidates (:func:`candidate_features`) are every person or
organisation mentioned in the quote's paragraph and the two before it, the
rules' speaker, the previous quote's speaker and "nobody"; the right ones are
those whose name is the gold speaker (case-insensitive, as
``speaker_accuracy`` counts; "nobody" is right for a null gold speaker). A
conditional logit (a softmax over each quote's candidates, L2-penalised,
fitted with L-BFGS) learns one weight per named feature; the rules' choice is
replaced when another candidate scores higher by more than ``--margin``.

Features: the rules' choice (crossed with how the rules found the speaker — a
named mention, a pronoun, inferred — the quote kind and what the cue's
subject is: a pronoun "it/they/we" or "he/she", a name, an organisation or
role description, a colon or "according to" cue, none), the previous quote's
speaker, label (person / organisation / not an entity, crossed with the cue
subject's kind), mention counts inside and outside the quote and in the
document, token distance and direction to the nearest mention outside the
quote, same paragraph / previous / two back, same sentence, subject of the
cue verb or of any speech verb, head of the cue's subject, object of
"according to", at the span the rules read, paragraph-initial, nearest
mention before (any / person / organisation) or after.

``--cv`` scores leave-one-folder-out: each folder's speakers come from a model
that never saw it, applied to the stage's output and scored with
``evaluate.score_document`` (speaker accuracy and same-entity speaker
accuracy, rules vs rules + model, per folder, pooled over all folders and over
blind14..blind19).

Result (MODEL_CARD.md, "Learned speaker chooser, round 8"): no gain; the
out-of-fold model changes few speakers and more of its changes are wrong than
right, so nothing is shipped.

Run (48 s wall on 2 cores with a warm ``--cache``; cold, the parse of 347 bodies comes on top)::

    PYTHONHASHSEED=0 .venv/bin/python training/train_speaker_model.py --cv --cache /tmp/btl_parse_cache
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belowtheline.article import evaluate as ev
from belowtheline.article import nlp, stage
from belowtheline.article._matching import one_to_one
from belowtheline.document import Document, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from belowtheline.article.quotes import Attribution

ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "article"
FOLDERS = ("dev", "blind", *(f"blind{i}" for i in range(2, 20)))
NEWEST = tuple(f"blind{i}" for i in range(14, 20))
#: L2 penalty on the weights (the summed log-likelihood is over ~4,700 quotes).
L2 = 1.0

_SPEECH = frozenset(
    {
        "say", "tell", "add", "note", "write", "explain", "insist", "argue", "warn", "claim", "state", "announce",
        "confirm", "deny", "acknowledge", "admit", "ask", "reply", "respond", "answer", "suggest", "describe", "call",
        "urge", "predict", "promise", "estimate", "agree", "complain", "stress", "report", "reveal", "recall",
        "continue", "conclude", "vow", "pledge"
    }
)  # fmt: skip
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_KINDS = ("direct", "indirect", "mixed", "partial")
#: Head nouns of descriptions that stand for an organisation ("the company said").
_ORG_HEADS = frozenset(
    {
        "company", "firm", "group", "agency", "ministry", "department", "office", "government", "council", "party",
        "union", "bank", "court", "police", "regulator", "authority", "board", "commission", "committee", "airline",
        "carrier", "charity", "church", "newspaper", "paper", "broadcaster", "network", "institute", "university",
        "hospital", "club", "federation", "association", "organisation", "organization", "operator", "maker",
        "manufacturer", "retailer", "insurer", "lender", "developer", "campaign", "statement", "spokesperson", "team",
        "army", "military", "service", "administration", "utility", "league", "embassy", "coalition", "alliance",
        "municipality", "city", "state"
    }
)  # fmt: skip
#: Head nouns of descriptions that stand for a person ("the minister said").
_ROLE_HEADS = frozenset(
    {
        "minister", "president", "premier", "chancellor", "secretary", "leader", "mayor", "governor", "senator",
        "spokesman", "spokeswoman", "chief", "director", "executive", "chairman", "chairwoman", "chair", "head",
        "official", "officer", "commissioner", "ambassador", "envoy", "coach", "manager", "judge", "prosecutor",
        "lawyer", "researcher", "professor", "doctor", "economist", "analyst", "king", "queen", "captain", "general",
        "founder", "owner", "author", "woman", "man", "resident", "protester", "mother", "father"
    }
)  # fmt: skip
_FLAGS = ("it", "he", "name", "org_desc", "role_desc", "desc", "colon", "nocue", "according", "nosubj")
_LABELS = ("PERSON", "ORG")


@dataclass(slots=True)
class Candidate:
    """One possible speaker of one quote: a canonical ``name`` (``None`` = nobody) and its features."""

    name: str | None
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SpeakerModel:
    """Weights by feature name and the margin by which a candidate must beat the rules' choice."""

    weights: dict[str, float]
    margin: float = 0.0

    def score(self, features: dict[str, float]) -> float:
        """The linear score of one candidate."""
        w = self.weights
        return sum(w.get(k, 0.0) * v for k, v in features.items())


def _key(name: str | None) -> str:
    return " ".join(name.split()).casefold() if name else ""


def _paragraph_starts(body: str) -> list[int]:
    starts = [0]
    pos = body.find("\n\n")
    while pos >= 0:
        starts.append(pos + 2)
        pos = body.find("\n\n", pos + 2)
    return starts


def _speech_subjects(
    doc: Doc, sents: Sequence[tuple[int, int]], qs: int, qe: int, cue: str | None
) -> tuple[Token | None, list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """The speech verbs' subjects and "according to" objects outside the quote, in its sentences.

    Returns ``(cue_subject, cue_subjects, speech_subjects, according)``: the subject
    token of the verb written as the quote's cue (nearest the quote), the
    character spans of the subjects of that verb, of any speech verb, and of
    the objects of "according to".
    """
    cue_tok: Token | None = None
    cue_dist = 10**9
    cue_subj: list[tuple[int, int]] = []
    speech_subj: list[tuple[int, int]] = []
    according: list[tuple[int, int]] = []
    cue_l = cue.casefold() if cue else None
    for s0, s1 in sents:
        for tok in doc[s0:s1]:
            if qs <= tok.idx < qe:
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                for obj in doc[tok.i + 1].children:
                    if obj.dep_ == "pobj":
                        according.append((obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)))
                continue
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            is_cue = cue_l is not None and tok.lower_ == cue_l
            if not is_cue and tok.lemma_.casefold() not in _SPEECH:
                continue
            for child in tok.children:
                if child.dep_ in _SUBJ:
                    span = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text))
                    speech_subj.append(span)
                    if is_cue:
                        cue_subj.append(span)
                        d = min(abs(tok.idx - qs), abs(tok.idx - qe))
                        if d < cue_dist:
                            cue_tok, cue_dist = child, d
    return cue_tok, cue_subj, speech_subj, according


def _subject_kind(subj: Token | None, cue: str | None) -> str:
    """What the cue's subject is: a pronoun, an organisation or role description, a name, or nothing."""
    if subj is None:
        if cue in (":", None):
            return "colon" if cue == ":" else "nocue"
        return "according" if cue and cue.casefold().startswith("according") else "nosubj"
    low = subj.lower_
    if low in ("it", "they", "we"):
        return "it"
    if low in ("he", "she", "i"):
        return "he"
    if subj.pos_ == "PROPN":
        return "name"
    if low in _ORG_HEADS or any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subj.children):
        return "org_desc"
    if low in _ROLE_HEADS:
        return "role_desc"
    return "desc"


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


def candidate_features(doc: Doc, entities: Sequence[Entity], found: Sequence[Attribution]) -> list[list[Candidate]]:
    """The candidates of every attribution in ``found`` (text order), each with its features.

    Args:
        doc: the spaCy parse of the article body (``doc.text`` is the body).
        entities: the document's entities with canonical names and offsets.
        found: the rules' attributions; their ``quote.speaker`` is the rules' choice.

    Returns:
        One list per attribution; the first candidate is always the rules' choice
        (possibly ``None``), and every candidate name appears once.
    """
    body = doc.text
    pstarts = _paragraph_starts(body)
    tok_starts = [t.idx for t in doc]
    sent_bounds = [(s.start, s.end) for s in doc.sents]
    sent_starts = [s for s, _ in sent_bounds]
    people = [e for e in entities if e.label in _LABELS and e.start is not None and e.end is not None]
    doc_counts: dict[str, int] = {}
    for e in people:
        doc_counts[_key(e.canonical)] = doc_counts.get(_key(e.canonical), 0) + 1
    label_of = {_key(e.canonical): e.label for e in people}

    def para(i: int) -> int:
        return bisect_right(pstarts, i) - 1

    def tok(i: int) -> int:
        return max(bisect_right(tok_starts, i) - 1, 0)

    def sent(i: int) -> int:
        return max(bisect_right(sent_starts, tok(i)) - 1, 0)

    order = sorted(range(len(found)), key=lambda k: found[k].quote.start or 0)
    prev_of: dict[int, str | None] = {}
    last: str | None = None
    for k in order:
        prev_of[k] = last
        last = found[k].quote.speaker or last
    out: list[list[Candidate]] = []
    for k, a in enumerate(found):
        q = a.quote
        if q.start is None or q.end is None:
            out.append([Candidate(q.speaker, {"rule": 1.0})])
            continue
        out.append(
            _quote_candidates(doc, a, prev_of[k], people, label_of, doc_counts, para, tok, sent, sent_bounds, pstarts)
        )
    return out


def _quote_candidates(
    doc: Doc,
    a: Attribution,
    prev: str | None,
    people: Sequence[Entity],
    label_of: dict[str, str],
    doc_counts: dict[str, int],
    para: Callable[[int], int],
    tok: Callable[[int], int],
    sent: Callable[[int], int],
    sent_bounds: Sequence[tuple[int, int]],
    pstarts: Sequence[int],
) -> list[Candidate]:
    """The candidates of one quote (with offsets), the rules' choice first."""
    q = a.quote
    assert q.start is not None and q.end is not None
    body = doc.text
    qs, qe = q.start, q.end
    p0, p1 = para(qs), para(max(qe - 1, qs))
    s0, s1 = sent(qs), sent(max(qe - 1, qs))
    quote_sents = list(sent_bounds[s0 : s1 + 1])
    # the sentence right after the quote may hold the cue ("... ." The minister said.)
    if s1 + 1 < len(sent_bounds) and para(doc[sent_bounds[s1 + 1][0]].idx) == p1:
        quote_sents.append(sent_bounds[s1 + 1])
    cue_tok, cue_subj, speech_subj, according = _speech_subjects(doc, quote_sents, qs, qe, q.cue)
    flag = _subject_kind(cue_tok, q.cue)
    sent_lo = doc[quote_sents[0][0]].idx
    last_tok = doc[quote_sents[-1][1] - 1]
    sent_hi = last_tok.idx + len(last_tok.text)
    rule_key, prev_key = _key(q.speaker), _key(prev)
    span_text = (
        body[a.speaker_start : a.speaker_end].strip().casefold()
        if a.speaker_start is not None and a.speaker_end is not None
        else ""
    )
    span = "none" if not span_text else ("pronoun" if span_text in _PRONOUNS else "words")
    kind = q.kind if q.kind in _KINDS else "direct"
    qtok0, qtok1 = tok(qs), tok(max(qe - 1, qs))
    # mentions in the quote's paragraph and the two before it, by candidate
    window: dict[str, list[Entity]] = {}
    names: dict[str, str] = {}
    for e in people:
        assert e.start is not None
        if p0 - 2 <= para(e.start) <= p1:
            window.setdefault(_key(e.canonical), []).append(e)
            names.setdefault(_key(e.canonical), e.canonical)
    if q.speaker:
        names[rule_key] = q.speaker
    if prev and prev_key not in names:
        names[prev_key] = prev
    keys: list[str] = [rule_key]
    for extra in (prev_key, *window, ""):
        if extra not in keys:
            keys.append(extra)
    # the nearest mention outside the quote, before it, of any / each label
    nearest: dict[str, tuple[int, str]] = {}
    for key_, ms in window.items():
        for e in ms:
            assert e.start is not None and e.end is not None
            if e.end <= qs:
                for tag in ("before", "before_" + e.label):
                    if tag not in nearest or qs - e.end < nearest[tag][0]:
                        nearest[tag] = (qs - e.end, key_)
            elif e.start >= qe and ("after" not in nearest or e.start - qe < nearest["after"][0]):
                nearest["after"] = (e.start - qe, key_)
    cands: list[Candidate] = []
    for key_ in keys:
        f: dict[str, float] = {}
        if key_ == rule_key:
            f["rule"] = 1.0
            f[f"rule_span_{span}"] = 1.0
            f[f"rule_kind_{kind}"] = 1.0
            f[f"rule_subj_{flag}"] = 1.0
            if key_ == prev_key:
                f["rule_is_prev"] = 1.0
        if key_ == "":
            f["null"] = 1.0
            f[f"null_subj_{flag}"] = 1.0
            f[f"null_kind_{kind}"] = 1.0
            cands.append(Candidate(None, f))
            continue
        if key_ == prev_key:
            f["prev"] = 1.0
            f[f"prev_subj_{flag}"] = 1.0
        label = label_of.get(key_, "NONE")
        f[f"label_{label}"] = 1.0
        f[f"label_{label}_subj_{flag}"] = 1.0
        f["log_doc_count"] = math.log1p(doc_counts.get(key_, 0))
        ms = window.get(key_, [])
        outside = [e for e in ms if e.end is not None and e.start is not None and (e.end <= qs or e.start >= qe)]
        f["log_inside_count"] = math.log1p(len(ms) - len(outside))
        f["log_outside_count"] = math.log1p(len(outside))
        for tag, (_, who) in nearest.items():
            if who == key_:
                f[f"nearest_{tag}"] = 1.0
                f[f"nearest_{tag}_subj_{flag}"] = 1.0
        if not outside:
            f["no_outside_mention"] = 1.0
            cands.append(Candidate(names.get(key_, key_), f))
            continue
        dists = []
        for e in outside:
            assert e.start is not None and e.end is not None
            dists.append((qtok0 - tok(e.end - 1), "before") if e.end <= qs else (tok(e.start) - qtok1, "after"))
        d, side = min(dists)
        f["log_tok_dist"] = math.log1p(max(d, 0))
        f[side] = 1.0
        spans = [(e.start or 0, e.end or 0) for e in outside]
        same_para = any(p0 <= para(s) <= p1 for s, _ in spans)
        f[
            "same_para" if same_para else ("prev_para" if any(para(s) == p0 - 1 for s, _ in spans) else "para_minus_2")
        ] = 1.0
        f["same_sent"] = float(any(sent_lo <= s and e <= sent_hi for s, e in spans))
        f["subj_cue"] = float(any(_overlaps(s, e, cue_subj) for s, e in spans))
        if cue_tok is not None and any(s <= cue_tok.idx < e for s, e in spans):
            f["head_of_cue_subj"] = 1.0
            f[f"head_of_cue_subj_{label}"] = 1.0
        f["subj_speech"] = float(any(_overlaps(s, e, speech_subj) for s, e in spans))
        f["according_obj"] = float(any(_overlaps(s, e, according) for s, e in spans))
        if a.speaker_start is not None and a.speaker_end is not None:
            f["at_rule_span"] = float(any(_overlaps(s, e, [(a.speaker_start, a.speaker_end)]) for s, e in spans))
        f["para_initial"] = float(any(s in pstarts for s, _ in spans))
        cands.append(Candidate(names.get(key_, key_), f))
    return cands


@dataclass
class Article:
    """One analysed fixture: the rules' document, its candidates and the gold speaker of each matched quote."""

    folder: str
    stem: str
    body: str
    gold: dict[str, Any]
    doc: Document
    cands: list[list[Candidate]]
    #: gold speaker (or None) of each quote of ``doc.article.quotes`` that matches a gold quote; absent otherwise
    gold_of: dict[int, str | None]


def _matched(body: str, gold: dict[str, Any], quotes: Sequence[Any]) -> dict[int, str | None]:
    """Index of each predicted quote matched to a gold quote -> that gold quote's speaker."""
    spans = []
    pos = 0
    for g in gold.get("quotes", []):
        sp = ev._locate(body, g["text"], pos)
        if sp is None:
            continue
        spans.append((g, sp))
        pos = sp[0]
    pairs = []
    for gi, (_, gs) in enumerate(spans):
        toks = ev._tokens(body, gs)
        for pi, q in enumerate(quotes):
            if q.start is None or q.end is None:
                continue
            n = ev._covered(toks, (q.start, q.end))
            if toks and n * 2 >= len(toks):
                pairs.append((n / len(toks), gi, pi))
    pairs.sort(reverse=True)
    return {pi: spans[gi][0].get("speaker") for gi, pi in one_to_one(pairs)}


def _cached_parse(cache: Path) -> Callable[[str], Any]:
    real = nlp.parse

    def parse(text: str) -> Any:
        from spacy.tokens import DocBin

        path = cache / (hashlib.sha1(text.encode()).hexdigest() + ".spacy")
        if not path.exists():
            db = DocBin(store_user_data=True)
            db.add(real(text))
            path.write_bytes(db.to_bytes())
        return next(iter(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.load().vocab)))

    return parse


def analyse(body: str, doc_id: str = "article") -> tuple[Document, list[list[Candidate]]]:
    """Run the article stage as shipped on ``body``; the document and each quote's candidates.

    The stage's parse, final entities and attributions are read by wrapping
    ``stage.attributions`` and ``stage.extract_claims`` (called last, with the
    final entities) for this call only; the stage itself is unchanged.
    """
    seen: dict[str, Any] = {}
    real_attr, real_claims = getattr(stage, "attributions"), getattr(stage, "extract_claims")  # noqa: B009

    def attributions(doc: Any, *args: Any, **kwargs: Any) -> Any:
        seen["found"] = real_attr(doc, *args, **kwargs)
        return seen["found"]

    def extract_claims(doc: Any, entities: Any, *args: Any, **kwargs: Any) -> Any:
        seen["cands"] = candidate_features(doc, entities, seen["found"])
        return real_claims(doc, entities, *args, **kwargs)

    setattr(stage, "attributions", attributions)  # noqa: B010 - patched for this call only
    setattr(stage, "extract_claims", extract_claims)  # noqa: B010
    try:
        doc, _ = ev.analyze_text(body, doc_id=doc_id)
    finally:
        setattr(stage, "attributions", real_attr)  # noqa: B010
        setattr(stage, "extract_claims", real_claims)  # noqa: B010
    cands: list[list[Candidate]] = seen.get("cands", [])
    if len(cands) != len(doc.article.quotes):
        raise RuntimeError(f"{doc_id}: candidates for {len(cands)} of {len(doc.article.quotes)} quotes")
    return doc, cands


def collect(folders: Sequence[str], cache: Path | None = None) -> list[Article]:
    """Analyse every fixture of ``folders`` (see :func:`analyse`), with spaCy parses kept in ``cache`` if given."""
    real_parse = nlp.parse
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        setattr(nlp, "parse", _cached_parse(cache))  # noqa: B010
    out = []
    try:
        for folder in folders:
            for stem, body, gold in ev.load_fixtures(ROOT / folder):
                doc, cands = analyse(body, f"{folder}/{stem}")
                out.append(Article(folder, stem, body, gold, doc, cands, _matched(body, gold, doc.article.quotes)))
    finally:
        setattr(nlp, "parse", real_parse)  # noqa: B010
    return out


def _examples(articles: Sequence[Article]) -> list[tuple[list[dict[str, float]], list[bool]]]:
    """Per matched quote with a right candidate: its candidates' features and which are right."""
    out = []
    for art in articles:
        for pi, gspk in art.gold_of.items():
            cands = art.cands[pi]
            right = [
                (c.name is None and gspk is None)
                or (c.name is not None and gspk is not None and ev._norm(c.name) == ev._norm(gspk))
                for c in cands
            ]
            if any(right) and not all(right) and len(cands) > 1:
                out.append(([c.features for c in cands], right))
    return out


def fit(articles: Sequence[Article], l2: float = L2, margin: float = 0.0) -> SpeakerModel:
    """Fit the conditional logit on the matched quotes of ``articles``."""
    import numpy as np
    from scipy.optimize import minimize  # type: ignore[import-untyped]

    examples = _examples(articles)
    names = sorted({k for feats, _ in examples for f in feats for k in f})
    index = {n: i for i, n in enumerate(names)}
    mats, masks = [], []
    for feats, right in examples:
        m = np.zeros((len(feats), len(names)))
        for r, f in enumerate(feats):
            for k, v in f.items():
                m[r, index[k]] = v
        mats.append(m)
        masks.append(np.array(right))
    x = np.vstack(mats)
    gold = np.concatenate(masks)
    group = np.concatenate([np.full(len(m), i) for i, m in enumerate(mats)])
    n_groups = len(mats)

    def loss(w: Any) -> tuple[float, Any]:
        s = x @ w
        mx = np.full(n_groups, -np.inf)
        np.maximum.at(mx, group, s)
        e = np.exp(s - mx[group])
        z = np.zeros(n_groups)
        np.add.at(z, group, e)
        zg = np.zeros(n_groups)
        np.add.at(zg, group, e * gold)
        nll = float(np.sum(np.log(z) - np.log(zg))) + 0.5 * l2 * float(w @ w)
        p_all = e / z[group]
        p_gold = np.where(gold, e / zg[group], 0.0)
        grad = x.T @ (p_all - p_gold) + l2 * w
        return nll, grad

    res = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return SpeakerModel(weights={n: round(float(v), 6) for n, v in zip(names, res.x, strict=True)}, margin=margin)


def apply(art: Article, model: SpeakerModel | None) -> Document:
    """A copy of the article's document with the model's speakers (the rules' when ``model`` is None)."""
    import copy

    doc = copy.deepcopy(art.doc)
    if model is None:
        return doc
    for q, cands in zip(doc.article.quotes, art.cands, strict=True):
        if len(cands) < 2:
            continue
        scores = [model.score(c.features) for c in cands]
        best = max(range(len(cands)), key=lambda i: scores[i])
        if best != 0 and scores[best] > scores[0] + model.margin:
            q.speaker = cands[best].name
    return doc


def score(articles: Sequence[Article], model_of: Callable[[str], SpeakerModel | None]) -> dict[str, ev.ArticleScores]:
    """Per-folder summed scores with the speakers of ``model_of(folder)``."""
    out: dict[str, ev.ArticleScores] = {}
    for art in articles:
        s = ev.score_document(art.stem, art.body, art.gold, apply(art, model_of(art.folder)))
        out.setdefault(art.folder, ev.ArticleScores(name=art.folder)).add(s)
    return out


def _pool(scores: dict[str, ev.ArticleScores], folders: Sequence[str]) -> ev.ArticleScores:
    tot = ev.ArticleScores(name="pooled")
    for f in folders:
        if f in scores:
            tot.add(scores[f])
    return tot


def cross_validate(
    articles: Sequence[Article], folders: Sequence[str], l2: float = L2, margin: float = 0.0
) -> dict[str, Any]:
    """Leave-one-folder-out figures, rules vs rules + model; prints a table and returns it."""
    models = {f: fit([a for a in articles if a.folder != f], l2, margin) for f in folders}
    rules = score(articles, lambda f: None)
    learned = score(articles, lambda f: models[f])
    rows: dict[str, Any] = {}
    print(
        f"{'folder':14} {'quotes':>6} {'rules sp':>8} {'model sp':>8} {'d':>4}"
        f" {'rules spe':>9} {'model spe':>9} {'d':>4}"
    )
    groups = [(f, [f]) for f in folders] + [
        ("pooled all", list(folders)),
        ("blind14-19", [f for f in folders if f in NEWEST]),
    ]
    for name, fs in groups:
        r, m = _pool(rules, fs), _pool(learned, fs)
        n = r.matched_quotes
        if not n:
            continue
        row = {
            "quotes": n,
            "rules_right": r.speaker_right,
            "model_right": m.speaker_right,
            "rules_entity_right": r.speaker_entity_right,
            "model_entity_right": m.speaker_entity_right,
        }
        rows[name] = row
        print(
            f"{name:14} {n:6d} {r.speaker_right / n:8.3f} {m.speaker_right / n:8.3f}"
            f" {row['model_right'] - row['rules_right']:+4d}"
            f" {r.speaker_entity_right / n:9.3f} {m.speaker_entity_right / n:9.3f}"
            f" {row['model_entity_right'] - row['rules_entity_right']:+4d}"
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folders", nargs="+", default=list(FOLDERS))
    ap.add_argument("--cv", action="store_true", help="leave-one-folder-out figures, rules vs rules + model")
    ap.add_argument("--cache", type=Path, default=None, help="a folder to keep spaCy parses in between runs")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--margin", type=float, default=0.0, help="score gap needed to overrule the rules")
    ap.add_argument("--weights-out", type=Path, default=None, help="fit on every folder and write the weights (JSON)")
    args = ap.parse_args(argv)
    articles = collect(args.folders, args.cache)
    n = sum(len(a.gold_of) for a in articles)
    print(f"{len(articles)} articles, {n} matched quotes, {len(_examples(articles))} ranking examples")
    cv = cross_validate(articles, args.folders, args.l2, args.margin) if args.cv else None
    if args.weights_out:
        model = fit(articles, args.l2, args.margin)
        payload = {
            "about": "Weights of the speaker-chooser experiment (a conditional logit over each quote's speaker "
            "candidates), fitted by training/train_speaker_model.py on the annotated fixtures (our own, Apache-2.0).",
            "folders": list(args.folders),
            "l2": args.l2,
            "margin": model.margin,
            "cross_validation": cv,
            "weights": dict(sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))),
        }
        args.weights_out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.weights_out} ({len(model.weights)} weights)")


if __name__ == "__main__":
    main()
