"""Score article understanding (entities, quotes, claims) against annotated fixtures.

A fixture folder (``tests/fixtures/article/<split>/``) holds pairs
``<stem>.txt`` (the article body, paragraphs separated by blank lines) and
``<stem>.gold.json`` (entities, quotes, not-quotes and claims; the format is
described in ``tests/fixtures/article/README`` and the project brief). Each
body is turned into a :class:`~belowtheline.document.Document` whose
paragraphs are the blank-line-separated blocks, so ``article.body`` is the
``.txt`` content without its final newline and every predicted offset points
into the same string as the gold.

Metrics (names as in :data:`FLOOR_METRICS`):

* **entities** (people and organisations): ``entity_recall`` — a gold entity
  is found when some predicted entity's canonical name equals its canonical
  name or one of its mentions (case-insensitive; a leading "the" and a
  possessive are ignored); ``entity_merge`` — among found gold entities, the
  share whose predicted mentions (predicted entities whose surface is one of
  the gold mentions) all carry one canonical name; ``entity_precision`` —
  predicted canonical names (all labels) that name some gold entity;
  ``entity_label_accuracy`` — found gold entities (all labels) whose
  predicted label is the gold label; ``entity_recall_linked`` (reported, no
  floor) — as ``entity_recall``, but a gold entity also counts when one of
  our entities was found at one of its *name-bearing* mentions (a mention
  with a capitalised word once a leading determiner is dropped: "Japan's
  government", not "the government" or "he") and that entity's canonical
  name is not another gold entity's — the right entity under a name of our
  own ("Government of Japan" for gold "Japanese Government").
* **quotes**: a predicted quote matches a gold quote when its character span
  covers at least half of the gold span's word tokens (one-to-one, greedy by
  overlap); ``quote_recall``, ``quote_precision``; among matched quotes
  ``speaker_accuracy`` (the predicted canonical name is the gold one,
  case-insensitive; a null gold speaker is right only when the prediction is
  null too), ``speaker_entity_accuracy`` (as ``speaker_accuracy``, but the
  right entity under another of its names also counts: the predicted name is
  one of the gold speaker's mentions, "IBGE" for "Brazilian Institute of
  Geography and Statistics", or the predicted speaker entity was found at
  one of the gold speaker's name-bearing mentions, as for
  ``entity_recall_linked``) and ``kind_accuracy``;
  ``false_quote_rate`` — the share of ``not_quotes`` strings covered by a
  predicted quote that matches no gold quote.
* **claims**: a predicted claim matches a gold claim when the values are
  equal within 1e-6 (relative; two nulls are equal) and their quantity spans
  overlap; ``claim_recall``, ``claim_precision``; among matched claims
  ``unit_accuracy`` (case-insensitive, singular/plural and extra modifier
  words aside: "powers" matches "nuclear powers") and ``actor_accuracy``
  (the predicted actor is the gold actor or one of that entity's mentions;
  null matches null).

spaCy is imported only when a document is analysed.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Article, Claim, Document, Entity, Paragraph, Quote
from ._matching import one_to_one

__all__ = [
    "FLOOR_METRICS",
    "extraction_ms",
    "ArticleScores",
    "CorpusScores",
    "analyze_text",
    "data_sha256",
    "evaluate_dir",
    "load_fixtures",
    "name_consistency",
    "score_document",
    "spacy_entity_baseline",
]

#: Metrics a quality gate may put a floor on (attributes of :class:`CorpusScores`).
FLOOR_METRICS: tuple[str, ...] = (
    "entity_recall",
    "entity_merge",
    "entity_precision",
    "entity_label_accuracy",
    "quote_recall",
    "quote_precision",
    "speaker_accuracy",
    "kind_accuracy",
    "false_quote_rate",
    "claim_recall",
    "claim_precision",
    "unit_accuracy",
    "actor_accuracy",
)

_WORD = re.compile(r"\w+")
_PERSON_ORG = ("PERSON", "ORG")


# -- loading ------------------------------------------------------------------------------


def load_fixtures(folder: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """``(stem, body, gold)`` for every ``<stem>.txt`` with a ``<stem>.gold.json`` in ``folder``.

    ``body`` is the ``.txt`` content without its final newline (the analysed string).
    """
    out = []
    for txt in sorted(Path(folder).glob("*.txt")):
        gold_path = txt.with_name(txt.stem + ".gold.json")
        if not gold_path.is_file():
            continue
        body = txt.read_text(encoding="utf-8")
        if body.endswith("\n"):
            body = body[:-1]
        out.append((txt.stem, body, json.loads(gold_path.read_text(encoding="utf-8"))))
    return out


def data_sha256(folder: Path) -> str:
    """A hash of the fixture files of ``folder`` (names and bytes, in name order)."""
    h = hashlib.sha256()
    for p in sorted(Path(folder).glob("*")):
        if p.is_file() and (p.suffix == ".txt" or p.name.endswith(".gold.json")):
            h.update(p.name.encode())
            h.update(b"\0")
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def analyze_text(body: str, *, doc_id: str = "article") -> tuple[Document, float]:
    """Run :class:`~belowtheline.article.stage.ArticleAnalyzer` on a body; returns ``(document, seconds)``.

    Raises:
        ValueError: the paragraphs do not join back to ``body`` (offsets would not line up).
    """
    from .stage import ArticleAnalyzer

    paragraphs = [Paragraph(p) for p in body.split("\n\n")]
    doc = Document(id=doc_id, text=body, article=Article(paragraphs=paragraphs))
    if doc.article.body != body:
        raise ValueError(f"{doc_id}: paragraphs do not join back to the body; offsets would not line up")
    start = time.perf_counter()
    ArticleAnalyzer()(doc)
    return doc, time.perf_counter() - start


# -- per-document counts ------------------------------------------------------------------


@dataclass(slots=True)
class ArticleScores:
    """Counts for one article (or summed over a corpus)."""

    name: str = ""
    words: int = 0
    seconds: float = 0.0
    gold_entities: int = 0  # people and organisations
    found_entities: int = 0
    linked_entities: int = 0  # found, or found under a name of our own
    merged_entities: int = 0
    gold_entities_all: int = 0
    found_entities_all: int = 0
    label_right: int = 0
    predicted_entities: int = 0  # distinct canonical names, all labels
    correct_predicted_entities: int = 0
    gold_quotes: int = 0
    predicted_quotes: int = 0
    matched_quotes: int = 0
    speaker_right: int = 0
    speaker_entity_right: int = 0
    kind_right: int = 0
    not_quotes: int = 0
    false_quotes: int = 0
    gold_claims: int = 0
    predicted_claims: int = 0
    matched_claims: int = 0
    unit_right: int = 0
    actor_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: ArticleScores) -> None:
        for name in self.__slots__:
            value = getattr(self, name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                setattr(self, name, value + getattr(other, name))


@dataclass(slots=True)
class CorpusScores:
    """Summed counts, the metrics of :data:`FLOOR_METRICS` and the per-article counts."""

    totals: ArticleScores
    documents: list[ArticleScores]

    @property
    def docs(self) -> int:
        return len(self.documents)

    @property
    def entity_recall(self) -> float | None:
        return _ratio(self.totals.found_entities, self.totals.gold_entities)

    @property
    def entity_recall_linked(self) -> float | None:
        return _ratio(self.totals.linked_entities, self.totals.gold_entities)

    @property
    def entity_merge(self) -> float | None:
        return _ratio(self.totals.merged_entities, self.totals.found_entities)

    @property
    def entity_precision(self) -> float | None:
        return _ratio(self.totals.correct_predicted_entities, self.totals.predicted_entities)

    @property
    def entity_recall_all(self) -> float | None:
        return _ratio(self.totals.found_entities_all, self.totals.gold_entities_all)

    @property
    def entity_label_accuracy(self) -> float | None:
        return _ratio(self.totals.label_right, self.totals.found_entities_all)

    @property
    def quote_recall(self) -> float | None:
        return _ratio(self.totals.matched_quotes, self.totals.gold_quotes)

    @property
    def quote_precision(self) -> float | None:
        return _ratio(self.totals.matched_quotes, self.totals.predicted_quotes)

    @property
    def speaker_accuracy(self) -> float | None:
        return _ratio(self.totals.speaker_right, self.totals.matched_quotes)

    @property
    def speaker_entity_accuracy(self) -> float | None:
        return _ratio(self.totals.speaker_entity_right, self.totals.matched_quotes)

    @property
    def kind_accuracy(self) -> float | None:
        return _ratio(self.totals.kind_right, self.totals.matched_quotes)

    @property
    def false_quote_rate(self) -> float | None:
        return _ratio(self.totals.false_quotes, self.totals.not_quotes)

    @property
    def claim_recall(self) -> float | None:
        return _ratio(self.totals.matched_claims, self.totals.gold_claims)

    @property
    def claim_precision(self) -> float | None:
        return _ratio(self.totals.matched_claims, self.totals.predicted_claims)

    @property
    def unit_accuracy(self) -> float | None:
        return _ratio(self.totals.unit_right, self.totals.matched_claims)

    @property
    def actor_accuracy(self) -> float | None:
        return _ratio(self.totals.actor_right, self.totals.matched_claims)

    @property
    def ms_per_1000_words(self) -> float | None:
        if not self.totals.words:
            return None
        return 1000.0 * self.totals.seconds / self.totals.words * 1000.0

    def metrics(self) -> dict[str, float | None]:
        """Every metric by name (the floor metrics plus recall over all labels and speed)."""
        out: dict[str, float | None] = {m: getattr(self, m) for m in FLOOR_METRICS}
        out["entity_recall_all"] = self.entity_recall_all
        out["entity_recall_linked"] = self.entity_recall_linked
        out["speaker_entity_accuracy"] = self.speaker_entity_accuracy
        out["ms_per_1000_words"] = self.ms_per_1000_words
        return out


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _norm(name: str | None) -> str:
    """A name as compared: case, spacing, apostrophe style, a quoted nickname and "the" aside.

    The fixture format leaves open whether a canonical name keeps a nickname written
    inside it ('Terrence “T-Bone” Abernathy' or "Terrence Abernathy"); our annotators
    did both, so both count as the same name.
    """
    if name is None:
        return ""
    name = re.sub(r" [\"“‘][^\"“”‘’]{1,30}[\"”’] ", " ", name).replace("’", "'")
    s = re.sub(r"\s+", " ", name).strip().casefold()
    s = re.sub(r"[’']s?$", "", s) if s.endswith(("’s", "'s", "s’", "s'")) else s
    return s[4:] if s.startswith("the ") else s


def score_document(name: str, body: str, gold: dict[str, Any], doc: Document, seconds: float = 0.0) -> ArticleScores:
    """Compare the analysed ``doc`` with the ``gold`` annotation of ``body``."""
    s = ArticleScores(name=name, words=len(body.split()), seconds=seconds)
    _score_entities(s, gold.get("entities", []), doc.article.entities)
    gold_canonicals = {_norm(e["canonical"]) for e in gold.get("entities", [])}
    aliases = {}
    for e in gold.get("entities", []):
        names = {_norm(e["canonical"])} | {_norm(m) for m in e.get("mentions", ())}
        # Our canonical names whose entity was found at one of this entity's name-bearing
        # mentions, unless that canonical is another gold entity's name.
        linked = {
            _norm(p.canonical)
            for p in doc.article.entities
            if _norm(p.text) in names and _name_bearing(p.text) and _norm(p.canonical) not in gold_canonicals
        }
        aliases[_norm(e["canonical"])] = names | linked
    _score_quotes(s, body, gold.get("quotes", []), gold.get("not_quotes", []), doc.article.quotes, aliases)
    _score_claims(s, body, gold.get("claims", []), gold.get("entities", []), doc.article.claims)
    return s


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "his", "its", "their", "them", "we", "i", "you"})


def _name_bearing(mention: str) -> bool:
    """Whether ``mention`` carries a name: a capitalised word once a leading determiner is dropped.

    "Japan's government", "Police" and "BOJ" do; "the government", "the minister" and "he" do not.
    """
    words = mention.split()
    if words and words[0].casefold() in _DETERMINERS:
        words = words[1:]
    if not words or mention.strip().casefold() in _PRONOUNS:
        return False
    return any(w[:1].isupper() for w in words)


def _score_entities(s: ArticleScores, gold: Sequence[dict[str, Any]], predicted: Sequence[Entity]) -> None:
    canon_of_surface: dict[str, set[str]] = {}
    label_of_canonical: dict[str, dict[str, int]] = {}
    surfaces_of_canonical: dict[str, set[str]] = {}
    for e in predicted:
        canon_of_surface.setdefault(_norm(e.text), set()).add(_norm(e.canonical))
        votes = label_of_canonical.setdefault(_norm(e.canonical), {})
        votes[e.label] = votes.get(e.label, 0) + 1
        surfaces_of_canonical.setdefault(_norm(e.canonical), set()).add(_norm(e.text))
    canonicals = set(label_of_canonical)
    gold_canonicals = {_norm(g["canonical"]) for g in gold}
    gold_names: set[str] = set()
    for g in gold:
        names = {_norm(g["canonical"]), *(_norm(m) for m in g.get("mentions", []))}
        gold_names |= names
        hit = names & canonicals
        is_person_org = g.get("label") in _PERSON_ORG
        s.gold_entities_all += 1
        s.gold_entities += is_person_org
        if not hit:
            if is_person_org:
                linked = {
                    c
                    for m in g.get("mentions", [])
                    if _name_bearing(m)
                    for c in canon_of_surface.get(_norm(m), set())
                    if c not in gold_canonicals
                }
                s.linked_entities += bool(linked)
                tag = f"entity missed (found as {sorted(linked)})" if linked else "entity missed"
                s.errors.append(f"{tag}: {g['canonical']}")
            continue
        s.linked_entities += is_person_org
        s.found_entities_all += 1
        label_votes: dict[str, int] = {}
        for c in hit:
            for label, n in label_of_canonical[c].items():
                label_votes[label] = label_votes.get(label, 0) + n
        if max(label_votes, key=lambda k: label_votes[k]) == g.get("label"):
            s.label_right += 1
        if is_person_org:
            s.found_entities += 1
            mentioned = set()
            for m in names:
                mentioned |= canon_of_surface.get(m, set())
            if len(mentioned | hit) <= 1 or len(mentioned) <= 1 and mentioned <= hit:
                s.merged_entities += 1
            else:
                s.errors.append(f"entity split: {g['canonical']} -> {sorted(mentioned | hit)}")
    for c in canonicals:
        s.predicted_entities += 1
        if c in gold_names or surfaces_of_canonical[c] & gold_names:
            s.correct_predicted_entities += 1
        else:
            s.errors.append(f"entity extra: {c}")


def _locate(body: str, text: str, after: int = 0) -> tuple[int, int] | None:
    if not text:
        return None
    i = body.find(text, after)
    if i < 0:
        i = body.find(text)
    return None if i < 0 else (i, i + len(text))


def _tokens(body: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    return [(m.start() + span[0], m.end() + span[0]) for m in _WORD.finditer(body[span[0] : span[1]])]


def _covered(tokens: Iterable[tuple[int, int]], span: tuple[int, int]) -> int:
    return sum(1 for a, b in tokens if a >= span[0] and b <= span[1])


def _score_quotes(
    s: ArticleScores,
    body: str,
    gold: Sequence[dict[str, Any]],
    not_quotes: Sequence[str],
    predicted: Sequence[Quote],
    aliases: dict[str, set[str]] | None = None,
) -> None:
    gold_spans: list[tuple[dict[str, Any], tuple[int, int]]] = []
    pos = 0
    for g in gold:
        span = _locate(body, g["text"], pos)
        if span is None:
            s.errors.append(f"gold quote not in text: {g['text'][:40]!r}")
            continue
        gold_spans.append((g, span))
        pos = span[0]
    pred_spans: list[tuple[Quote, tuple[int, int]]] = []
    for q in predicted:
        if q.start is not None and q.end is not None:
            pred_spans.append((q, (q.start, q.end)))
        else:
            span = _locate(body, q.text)
            if span is not None:
                pred_spans.append((q, span))
    s.gold_quotes += len(gold_spans)
    s.predicted_quotes += len(predicted)
    pairs = []
    for gi, (_, gspan) in enumerate(gold_spans):
        toks = _tokens(body, gspan)
        for pi, (_, pspan) in enumerate(pred_spans):
            n = _covered(toks, pspan)
            if toks and n * 2 >= len(toks):
                pairs.append((n / len(toks), gi, pi))
    pairs.sort(reverse=True)
    matches = one_to_one(pairs)
    used_g = {gi for gi, _ in matches}
    used_p = {pi for _, pi in matches}
    for gi, pi in matches:
        g, _span = gold_spans[gi]
        q = pred_spans[pi][0]
        s.matched_quotes += 1
        gold_speaker = g.get("speaker")
        if (gold_speaker is None and q.speaker is None) or (
            gold_speaker is not None and q.speaker is not None and _norm(gold_speaker) == _norm(q.speaker)
        ):
            s.speaker_right += 1
            s.speaker_entity_right += 1
        else:
            # The right entity under another of its names ("IBGE" for the Brazilian
            # Institute of Geography and Statistics) counts for speaker_entity_accuracy.
            same = (
                gold_speaker is not None
                and q.speaker is not None
                and _norm(q.speaker) in (aliases or {}).get(_norm(gold_speaker), ())
            )
            s.speaker_entity_right += same
            tag = "quote speaker (same entity, other name)" if same else "quote speaker"
            s.errors.append(f"{tag}: {q.speaker!r} != {gold_speaker!r} for {g['text'][:40]!r}")
        if q.kind == g.get("kind"):
            s.kind_right += 1
    for gi, (g, _span) in enumerate(gold_spans):
        if gi not in used_g:
            s.errors.append(f"quote missed: {g['text'][:50]!r}")
    unmatched = [span for pi, (_, span) in enumerate(pred_spans) if pi not in used_p]
    for nq in not_quotes:
        s.not_quotes += 1
        span = _locate(body, nq)
        if span is None:
            continue
        toks = _tokens(body, span)
        if any(toks and _covered(toks, p) * 2 >= len(toks) for p in unmatched):
            s.false_quotes += 1
            s.errors.append(f"false quote: {nq!r}")


def _claim_span(body: str, sentence: str, quantity: str, nth: int = 0) -> tuple[int, int] | None:
    """Where ``quantity`` is in ``body``: its ``nth`` occurrence inside ``sentence`` when possible."""
    sent = _locate(body, sentence) if sentence else None
    if sent is not None:
        i = body.find(quantity, sent[0], sent[1])
        for _ in range(nth):
            j = body.find(quantity, i + 1, sent[1]) if i >= 0 else -1
            if j < 0:
                break
            i = j
        if i >= 0:
            return i, i + len(quantity)
    return _locate(body, quantity)


def _claim_spans(body: str, items: Iterable[tuple[str, str]]) -> list[tuple[int, int] | None]:
    """Spans of ``(sentence, quantity)`` pairs; a repeated pair takes the next occurrence."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for sentence, quantity in items:
        nth = seen.get((sentence, quantity), 0)
        seen[(sentence, quantity)] = nth + 1
        out.append(_claim_span(body, sentence, quantity, nth))
    return out


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def unit_matches(predicted: str | None, gold: str | None) -> bool:
    """Units agree: equal case-insensitively, singular/plural and extra modifier words aside."""
    if predicted is None or gold is None:
        return predicted is None and gold is None

    def words(u: str) -> list[str]:
        return [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in re.findall(r"\w+", u.casefold())]

    p, g = words(predicted), words(gold)
    if not p or not g:
        return p == g
    return p == g or set(p) <= set(g) and p[-1] in g or set(g) <= set(p) and g[-1] in p


def _score_claims(
    s: ArticleScores,
    body: str,
    gold: Sequence[dict[str, Any]],
    gold_entities: Sequence[dict[str, Any]],
    predicted: Sequence[Claim],
) -> None:
    mentions: dict[str, set[str]] = {}
    for e in gold_entities:
        mentions[_norm(e["canonical"])] = {_norm(e["canonical"]), *(_norm(m) for m in e.get("mentions", []))}
    gold_spans = []
    located = _claim_spans(body, [(g.get("sentence", ""), g["quantity"]) for g in gold])
    for g, span in zip(gold, located, strict=True):
        if span is None:
            s.errors.append(f"gold claim not in text: {g['quantity']!r}")
            continue
        gold_spans.append((g, span))
    pred_spans = []
    for c, span in zip(predicted, _claim_spans(body, [(c.text, c.quantity) for c in predicted]), strict=True):
        if span is not None:
            pred_spans.append((c, span))
    s.gold_claims += len(gold_spans)
    s.predicted_claims += len(predicted)
    used_p: set[int] = set()
    for g, gspan in gold_spans:
        match = None
        for pi, (c, pspan) in enumerate(pred_spans):
            if pi in used_p or pspan[0] >= gspan[1] or gspan[0] >= pspan[1]:
                continue
            if _same_value(c.value, None if g.get("value") is None else float(g["value"])):
                match = pi
                break
        if match is None:
            s.errors.append(f"claim missed: {g['quantity']!r} = {g.get('value')}")
            continue
        used_p.add(match)
        c = pred_spans[match][0]
        s.matched_claims += 1
        if unit_matches(c.unit, g.get("unit")):
            s.unit_right += 1
        else:
            s.errors.append(f"claim unit: {c.unit!r} != {g.get('unit')!r} for {g['quantity']!r}")
        gold_actor = g.get("actor")
        if gold_actor is None:
            right = c.actor is None
        else:
            right = c.actor is not None and _norm(c.actor) in mentions.get(_norm(gold_actor), {_norm(gold_actor)})
        if right:
            s.actor_right += 1
        else:
            s.errors.append(f"claim actor: {c.actor!r} != {gold_actor!r} for {g['quantity']!r}")
    for pi, (c, _span) in enumerate(pred_spans):
        if pi not in used_p:
            s.errors.append(f"claim extra: {c.quantity!r} = {c.value}")


# -- corpus -------------------------------------------------------------------------------


def evaluate_dir(folder: Path, *, analyze: Callable[[str, str], tuple[Document, float]] | None = None) -> CorpusScores:
    """Analyse and score every fixture of ``folder``.

    Args:
        folder: a fixture folder of ``<stem>.txt`` / ``<stem>.gold.json`` pairs.
        analyze: ``(body, stem) -> (document, seconds)``; defaults to :func:`analyze_text`.
    """
    if analyze is None:
        from . import nlp

        nlp.load()  # load the pipeline before the clock starts
    run = analyze or (lambda body, stem: analyze_text(body, doc_id=stem))
    totals = ArticleScores(name="total")
    docs = []
    for stem, body, gold in load_fixtures(folder):
        doc, seconds = run(body, stem)
        scores = score_document(stem, body, gold, doc, seconds)
        totals.add(scores)
        docs.append(scores)
    return CorpusScores(totals, docs)


def name_consistency(documents: Iterable[tuple[dict[str, Any], Sequence[Entity]]]) -> tuple[int, int]:
    """Whether a corpus gives each entity one name: ``(recurring, consistent)``.

    ``recurring`` counts the gold people and organisations (by gold canonical
    name) found in two or more of ``documents`` (``(gold, predicted entities)``
    pairs); ``consistent`` those whose predicted canonical name is the same in
    every document where they are found. Found: a predicted canonical name is one
    of the gold entity's names, else a predicted mention sits at one of its
    name-bearing mentions under a single canonical name.
    """
    named: dict[str, list[str]] = {}
    for gold, predicted in documents:
        canonical = {_norm(e.canonical): e.canonical for e in predicted}
        at_surface: dict[str, set[str]] = {}
        for e in predicted:
            at_surface.setdefault(_norm(e.text), set()).add(e.canonical)
        for g in gold.get("entities", []):
            if g.get("label") not in _PERSON_ORG:
                continue
            names = [g["canonical"], *g.get("mentions", [])]
            ours = next((canonical[_norm(n)] for n in names if _norm(n) in canonical), None)
            if ours is None:
                ours = next(
                    (
                        next(iter(at_surface[_norm(n)]))
                        for n in names
                        if _name_bearing(n) and len(at_surface.get(_norm(n), ())) == 1
                    ),
                    None,
                )
            if ours is not None:
                named.setdefault(g["canonical"], []).append(ours)
    recurring = [ours for ours in named.values() if len(ours) >= 2]
    return len(recurring), sum(len(set(ours)) == 1 for ours in recurring)


def spacy_entity_baseline(folder: Path) -> CorpusScores:
    """Raw spaCy NER, no repair and no canonical names (each surface is its own entity).

    Scored like :func:`evaluate_dir` for entities only; recall is by exact text.
    """
    from . import nlp
    from .entities import LABELS

    nlp.load()
    totals = ArticleScores(name="total")
    docs = []
    for stem, body, gold in load_fixtures(folder):
        start = time.perf_counter()
        parsed = nlp.parse(body)
        seconds = time.perf_counter() - start
        ents = [Entity(e.text, e.label_, e.text, e.start_char, e.end_char) for e in parsed.ents if e.label_ in LABELS]
        doc = Document(id=stem, text=body, article=Article(paragraphs=[Paragraph(body)], entities=ents))
        scores = ArticleScores(name=stem, words=len(body.split()), seconds=seconds)
        _score_entities(scores, gold.get("entities", []), doc.article.entities)
        totals.add(scores)
        docs.append(scores)
    return CorpusScores(totals, docs)


def extraction_ms(folder: Path) -> dict[str, float]:
    """Milliseconds per 1,000 words: the spaCy parse, and entities + claims on top of it.

    Each body is parsed once; the extractors then run on the parse, so their
    time is measured apart from the parse.
    """
    from . import nlp
    from .claims import extract_claims
    from .entities import extract_entities

    nlp.load()
    words = 0
    parse_s = extract_s = 0.0
    for _stem, body, _gold in load_fixtures(folder):
        words += len(body.split())
        t0 = time.perf_counter()
        parsed = nlp.parse(body)
        t1 = time.perf_counter()
        entities, _ = extract_entities(parsed)
        extract_claims(parsed, entities)
        t2 = time.perf_counter()
        parse_s += t1 - t0
        extract_s += t2 - t1
    if not words:
        return {"parse": 0.0, "entities_claims": 0.0}
    return {"parse": 1e6 * parse_s / words, "entities_claims": 1e6 * extract_s / words}
