"""Score a segmentation against a gold annotation.

A gold annotation is the JSON written next to each capture in
``tests/fixtures/segmentation/<split>/<name>.gold.json``::

    {"layout": str, "title": str|null, "credits": [str], "captions": [str],
     "paragraphs": [{"text": str, "kind": "body"|"subheading"}], "boilerplate": [str],
     "comments": [{"id": "c1", "author": str|null, "timestamp": str|null, "text": str,
                   "reply_to": "cK"|null}]}

Metrics (per document in :class:`DocScores`, pooled in :class:`Summary`):

* **body** — token precision / recall / F1 of the bag of lowercased word tokens
  of all paragraphs, predicted against gold;
* **comments** — a predicted comment matches a gold one when their token F1 is
  at least :data:`MATCH_F1`; matching is one-to-one and greedy in gold order;
  precision / recall / F1 over the matches;
* **author / timestamp accuracy** — over matched gold comments that have one;
* **reply accuracy** — over matched gold comments with a ``reply_to``: right when
  the predicted parent is the prediction matched to the gold parent;
  **reply precision** — the share of predicted reply links that are right;
* **boilerplate leaks** — gold boilerplate lines found inside predicted
  paragraphs (and, separately, inside predicted comment texts);
* **caption / title exactness**, **credits recall** and **subheading F1**.

Example:
    >>> from belowtheline.document import Document, Article, Paragraph
    >>> pred = Document(id="x", article=Article(paragraphs=[Paragraph("The cat sat.")]))
    >>> gold = {"layout": "t", "title": None, "credits": [], "captions": [],
    ...         "paragraphs": [{"text": "The cat sat.", "kind": "body"}], "boilerplate": [], "comments": []}
    >>> evaluate_document(pred, gold).body_f1
    1.0
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document

__all__ = [
    "FLOOR_METRICS",
    "MATCH_F1",
    "CorpusScores",
    "DocScores",
    "Summary",
    "evaluate_corpus",
    "data_sha256",
    "evaluate_dir",
    "evaluate_document",
    "load_gold_dir",
    "match_comments",
    "token_f1",
    "tokens",
]

#: Token F1 at or above which a predicted comment counts as the gold comment.
MATCH_F1 = 0.8

#: Summary figures the quality gate keeps floors for (all "higher is better").
FLOOR_METRICS: tuple[str, ...] = (
    "body_f1",
    "comment_precision",
    "comment_recall",
    "comment_f1",
    "author_accuracy",
    "timestamp_accuracy",
    "reply_accuracy",
    "reply_precision",
    "boilerplate_kept_out",
    "caption_exact",
    "title_exact",
    "credits_recall",
    "subheading_f1",
)

_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def tokens(text: str) -> list[str]:
    """Lowercased word tokens (Unicode ``\\w+`` runs) of ``text``."""
    return _WORD.findall(text.lower())


def _prf(overlap: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty prediction of an empty gold scores 1."""
    if n_pred == 0 and n_gold == 0:
        return 1.0, 1.0, 1.0
    p = overlap / n_pred if n_pred else 0.0
    r = overlap / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def token_f1(a: str | Counter[str], b: str | Counter[str]) -> float:
    """F1 of the bags of word tokens of ``a`` and ``b`` (1.0 when both are empty).

    Example:
        >>> token_f1("the cat sat", "The cat sat down")
        0.8571428571428571
    """
    ca = a if isinstance(a, Counter) else Counter(tokens(a))
    cb = b if isinstance(b, Counter) else Counter(tokens(b))
    return _prf(sum((ca & cb).values()), sum(ca.values()), sum(cb.values()))[2]


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip().casefold()


def match_comments(
    pred_texts: Sequence[str], gold_texts: Sequence[str], *, threshold: float = MATCH_F1
) -> dict[int, int]:
    """One-to-one matching of gold comments to predicted ones.

    Gold comments are taken in reading order; each takes the unused predicted
    comment with the highest token F1 (the earliest on ties), if that F1 is at
    least ``threshold``.

    Returns:
        ``{gold index: predicted index}`` for the matched gold comments.
    """
    pred_bags = [Counter(tokens(t)) for t in pred_texts]
    used: set[int] = set()
    out: dict[int, int] = {}
    for gi, g in enumerate(gold_texts):
        gb = Counter(tokens(g))
        best, best_f = -1, threshold
        for pi, pb in enumerate(pred_bags):
            if pi in used:
                continue
            f = token_f1(gb, pb)
            if f >= best_f and (best < 0 or f > best_f):
                best, best_f = pi, f
        if best >= 0:
            used.add(best)
            out[gi] = best
    return out


@dataclass(slots=True)
class DocScores:
    """Scores of one predicted document against its gold annotation.

    Count fields let :func:`evaluate_corpus` pool over documents (micro
    averages); the ratio properties are per document and are ``None`` when
    the gold has nothing to score (e.g. no authors in the layout).
    """

    name: str
    layout: str
    body_precision: float
    body_recall: float
    body_f1: float
    gold_comments: int
    pred_comments: int
    matched_comments: int
    author_total: int
    author_correct: int
    timestamp_total: int
    timestamp_correct: int
    reply_total: int
    reply_correct: int
    pred_links: int
    pred_links_correct: int
    boilerplate_total: int
    boilerplate_leaks: int
    boilerplate_leaks_comments: int
    caption_exact: bool
    title_exact: bool
    credits_total: int
    credits_found: int
    subheading_f1: float
    leaked: list[str] = field(default_factory=list)

    @property
    def comment_precision(self) -> float:
        return _prf(self.matched_comments, self.pred_comments, self.gold_comments)[0]

    @property
    def comment_recall(self) -> float:
        return _prf(self.matched_comments, self.pred_comments, self.gold_comments)[1]

    @property
    def comment_f1(self) -> float:
        return _prf(self.matched_comments, self.pred_comments, self.gold_comments)[2]

    @property
    def author_accuracy(self) -> float | None:
        return self.author_correct / self.author_total if self.author_total else None

    @property
    def timestamp_accuracy(self) -> float | None:
        return self.timestamp_correct / self.timestamp_total if self.timestamp_total else None

    @property
    def reply_accuracy(self) -> float | None:
        return self.reply_correct / self.reply_total if self.reply_total else None

    @property
    def reply_precision(self) -> float | None:
        return self.pred_links_correct / self.pred_links if self.pred_links else None

    @property
    def credits_recall(self) -> float | None:
        return self.credits_found / self.credits_total if self.credits_total else None

    def to_dict(self) -> dict[str, Any]:
        """All fields and ratios, JSON-ready."""
        d = asdict(self)
        for name in (
            "comment_precision",
            "comment_recall",
            "comment_f1",
            "author_accuracy",
            "timestamp_accuracy",
            "reply_accuracy",
            "reply_precision",
            "credits_recall",
        ):
            d[name] = getattr(self, name)
        return d


def _leaks(boilerplate: Iterable[str], texts: Sequence[str], keep: set[str]) -> list[str]:
    """Distinct boilerplate lines that occur in ``texts``: as a whole text, as a whole line of
    one, or (for lines of 25+ characters) anywhere inside one. Lines in ``keep`` (also real
    content in the gold) are skipped."""
    whole = {_norm(t) for t in texts}
    lines = {_norm(line) for t in texts for line in t.splitlines()}
    joined = "\n".join(_norm(t) for t in texts)
    out = []
    for b in dict.fromkeys(_norm(b) for b in boilerplate):
        if not b or b in keep:
            continue
        if b in whole or b in lines or (len(b) >= 25 and b in joined):
            out.append(b)
    return out


def evaluate_document(pred: Document, gold: Mapping[str, Any], *, name: str = "") -> DocScores:
    """Score one predicted document against its gold annotation.

    Args:
        pred: the document as the pipeline produced it.
        gold: the gold annotation (schema in the module docstring).
        name: a label for reports (the capture's file stem).

    Returns:
        The :class:`DocScores` of the document.

    Example:
        >>> from belowtheline.document import Comment, Document
        >>> pred = Document(id="x", comments=[Comment("c1", "Great piece, thanks", author="Ann")])
        >>> gold = {"layout": "t", "paragraphs": [], "comments": [
        ...     {"id": "c1", "author": "Ann", "timestamp": None, "text": "Great piece, thanks", "reply_to": None}]}
        >>> s = evaluate_document(pred, gold)
        >>> s.comment_f1, s.author_accuracy
        (1.0, 1.0)
    """
    art = pred.article
    gold_paras = [p["text"] for p in gold.get("paragraphs") or []]
    pred_paras = [p.text for p in art.paragraphs]

    gb = Counter(t for p in gold_paras for t in tokens(p))
    pb = Counter(t for p in pred_paras for t in tokens(p))
    bp, br, bf = _prf(sum((gb & pb).values()), sum(pb.values()), sum(gb.values()))

    gold_subs = Counter(_norm(p["text"]) for p in gold.get("paragraphs") or [] if p.get("kind") == "subheading")
    pred_subs = Counter(_norm(p.text) for p in art.paragraphs if p.kind == "subheading")
    sub_f1 = _prf(sum((gold_subs & pred_subs).values()), sum(pred_subs.values()), sum(gold_subs.values()))[2]

    # -- comments
    gold_cs = list(gold.get("comments") or [])
    pred_cs = pred.comments
    m = match_comments([c.text for c in pred_cs], [g["text"] for g in gold_cs])
    gold_index = {g["id"]: i for i, g in enumerate(gold_cs)}
    pred_index = {c.id: i for i, c in enumerate(pred_cs)}
    pred_to_gold = {p: g for g, p in m.items()}

    author_total = author_correct = time_total = time_correct = 0
    reply_total = reply_correct = 0
    for gi, pi in m.items():
        g, p = gold_cs[gi], pred_cs[pi]
        if g.get("author"):
            author_total += 1
            author_correct += _norm(p.author) == _norm(g["author"])
        if g.get("timestamp"):
            time_total += 1
            time_correct += _norm(p.timestamp) == _norm(g["timestamp"])
        if g.get("reply_to"):
            reply_total += 1
            gp = gold_index.get(g["reply_to"])
            want = m.get(gp) if gp is not None else None
            got = pred_index.get(p.reply_to) if p.reply_to else None
            reply_correct += want is not None and got == want

    pred_links = pred_links_correct = 0
    for pi, p in enumerate(pred_cs):
        if not p.reply_to:
            continue
        pred_links += 1
        matched = pred_to_gold.get(pi)
        parent_pi = pred_index.get(p.reply_to)
        if matched is None or parent_pi is None:
            continue
        g_parent = gold_cs[matched].get("reply_to")
        pred_links_correct += g_parent is not None and pred_to_gold.get(parent_pi) == gold_index.get(g_parent)

    # -- furniture
    boiler = list(gold.get("boilerplate") or [])
    keep = {_norm(line) for p in gold_paras for line in p.splitlines()}
    leaked = _leaks(boiler, pred_paras, keep)
    keep_c = {_norm(line) for g in gold_cs for line in g["text"].splitlines()}
    leaked_c = _leaks(boiler, [c.text for c in pred_cs], keep_c)

    gold_caps = Counter(_norm(c) for c in gold.get("captions") or [])
    pred_caps = Counter(_norm(c) for c in art.captions)
    gold_credits = [_norm(c) for c in gold.get("credits") or []]
    pred_credits = [_norm(c) for c in art.credits]
    found = sum(any(g == p or g in p for p in pred_credits) for g in gold_credits)

    return DocScores(
        name=name,
        layout=str(gold.get("layout") or "unknown"),
        body_precision=bp,
        body_recall=br,
        body_f1=bf,
        gold_comments=len(gold_cs),
        pred_comments=len(pred_cs),
        matched_comments=len(m),
        author_total=author_total,
        author_correct=author_correct,
        timestamp_total=time_total,
        timestamp_correct=time_correct,
        reply_total=reply_total,
        reply_correct=reply_correct,
        pred_links=pred_links,
        pred_links_correct=pred_links_correct,
        boilerplate_total=len({_norm(b) for b in boiler} - keep - {""}),
        boilerplate_leaks=len(leaked),
        boilerplate_leaks_comments=len(leaked_c),
        caption_exact=gold_caps == pred_caps,
        title_exact=_norm(gold.get("title")) == _norm(art.title),
        credits_total=len(gold_credits),
        credits_found=found,
        subheading_f1=sub_f1,
        leaked=leaked,
    )


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(slots=True)
class Summary:
    """Pooled scores of a set of documents.

    Body F1, caption, title and subheading scores are means over documents;
    comment, author, timestamp, reply and credit scores are micro averages
    over all comments / links / credit lines of the set. A ratio is ``None``
    when the set has nothing to score for it.
    """

    docs: int
    body_f1: float | None
    body_precision: float | None
    body_recall: float | None
    comment_precision: float | None
    comment_recall: float | None
    comment_f1: float | None
    author_accuracy: float | None
    timestamp_accuracy: float | None
    reply_accuracy: float | None
    reply_precision: float | None
    boilerplate_leaks: int
    boilerplate_leaks_comments: int
    #: Share of distinct gold boilerplate lines that stayed out of the paragraphs.
    boilerplate_kept_out: float | None
    caption_exact: float | None
    title_exact: float | None
    credits_recall: float | None
    subheading_f1: float | None
    #: Share of documents whose predicted comment count equals the gold count.
    comment_count_exact: float | None

    @classmethod
    def of(cls, scores: Sequence[DocScores]) -> Summary:
        """Pool per-document scores."""
        g = sum(s.gold_comments for s in scores)
        p = sum(s.pred_comments for s in scores)
        mt = sum(s.matched_comments for s in scores)
        cp, cr, cf = _prf(mt, p, g) if scores else (None, None, None)
        bt = sum(s.boilerplate_total for s in scores)
        bl = sum(s.boilerplate_leaks for s in scores)
        return cls(
            docs=len(scores),
            body_f1=_mean([s.body_f1 for s in scores]),
            body_precision=_mean([s.body_precision for s in scores]),
            body_recall=_mean([s.body_recall for s in scores]),
            comment_precision=cp,
            comment_recall=cr,
            comment_f1=cf,
            author_accuracy=_ratio(sum(s.author_correct for s in scores), sum(s.author_total for s in scores)),
            timestamp_accuracy=_ratio(sum(s.timestamp_correct for s in scores), sum(s.timestamp_total for s in scores)),
            reply_accuracy=_ratio(sum(s.reply_correct for s in scores), sum(s.reply_total for s in scores)),
            reply_precision=_ratio(sum(s.pred_links_correct for s in scores), sum(s.pred_links for s in scores)),
            boilerplate_leaks=bl,
            boilerplate_leaks_comments=sum(s.boilerplate_leaks_comments for s in scores),
            boilerplate_kept_out=(1 - bl / bt) if bt else None,
            caption_exact=_mean([float(s.caption_exact) for s in scores]),
            title_exact=_mean([float(s.title_exact) for s in scores]),
            credits_recall=_ratio(sum(s.credits_found for s in scores), sum(s.credits_total for s in scores)),
            subheading_f1=_mean([s.subheading_f1 for s in scores]),
            comment_count_exact=_mean([float(s.gold_comments == s.pred_comments) for s in scores]),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class CorpusScores:
    """Scores of a corpus: overall, per layout, and per document."""

    overall: Summary
    by_layout: dict[str, Summary]
    documents: list[DocScores]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"overall": {...}, "by_layout": {layout: {...}}, "documents": [...]}``."""
        return {
            "overall": self.overall.to_dict(),
            "by_layout": {k: v.to_dict() for k, v in self.by_layout.items()},
            "documents": [d.to_dict() for d in self.documents],
        }


def evaluate_corpus(pairs: Iterable[tuple[Document, Mapping[str, Any]]]) -> CorpusScores:
    """Score (predicted document, gold annotation) pairs and pool the scores.

    Args:
        pairs: predictions with their gold; a document's ``source.path`` (or id)
            names it in the per-document list.

    Returns:
        :class:`CorpusScores` with the overall summary, one per layout
        (sorted by layout name) and the per-document scores.
    """
    docs: list[DocScores] = []
    for pred, gold in pairs:
        name = Path(pred.source.path).name.removesuffix(".txt") if pred.source.path else pred.id
        docs.append(evaluate_document(pred, gold, name=name))
    groups: dict[str, list[DocScores]] = defaultdict(list)
    for d in docs:
        groups[d.layout].append(d)
    return CorpusScores(
        overall=Summary.of(docs),
        by_layout={k: Summary.of(v) for k, v in sorted(groups.items())},
        documents=docs,
    )


def load_gold_dir(path: str | Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Yield ``(capture path, gold dict)`` for every ``<name>.txt`` with a ``<name>.gold.json``.

    Files are visited in sorted order, recursively.

    Raises:
        FileNotFoundError: ``path`` is not a directory.
        ValueError: a capture has no gold file next to it (the message names it).
    """
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"no gold directory at {root}")
    for txt in sorted(root.rglob("*.txt")):
        gold = txt.with_name(txt.name.removesuffix(".txt") + ".gold.json")
        if not gold.is_file():
            raise ValueError(f"{txt} has no gold annotation; expected {gold.name} next to it")
        yield txt, json.loads(gold.read_text(encoding="utf-8"))


def evaluate_dir(path: str | Path, *, stages: tuple[str, ...] = ("segment.text.v1",)) -> CorpusScores:
    """Run :func:`belowtheline.analyze` on every capture under ``path`` and score it.

    Args:
        path: a folder of ``<name>.txt`` captures with ``<name>.gold.json`` next to them.
        stages: the pipeline to run; by default segmentation alone, so that links
            inferred later (``replies.text.v1``) do not blur what the layout shows.

    Returns:
        The :class:`CorpusScores` of the folder.

    Raises:
        FileNotFoundError, ValueError: as :func:`load_gold_dir`.
    """
    from ..api import analyze  # the pipeline imports the segmenter, which imports this package

    return evaluate_corpus((analyze(txt, stages=stages), gold) for txt, gold in load_gold_dir(path))


#: Fixture splits in the order reports list them; others found on disk follow.
SPLIT_ORDER = ("dev", "heldout", "seeds", "handwritten", "unseen", "unseen2")


def discover_splits(root: str | Path) -> tuple[str, ...]:
    """The sub-folders of ``root`` that hold annotated captures, in :data:`SPLIT_ORDER`."""
    base = Path(root)
    found = {p.parent.name for p in base.glob("*/*.gold.json")}
    return tuple(s for s in SPLIT_ORDER if s in found) + tuple(sorted(found - set(SPLIT_ORDER)))


def data_sha256(path: str | Path) -> str:
    """A SHA-256 of every ``.txt`` and ``.json`` file under ``path`` (names and contents).

    The quality gate stores it with its floors, so a change to the evaluation
    data cannot pass silently.
    """
    root = Path(path)
    h = hashlib.sha256()
    for f in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".txt", ".json")):
        h.update(f.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(f.read_bytes() + b"\0")
    return h.hexdigest()
