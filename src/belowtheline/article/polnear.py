"""PolNeAR attribution corpus: a reader and a quote scorer.

PolNeAR (Newell, Margolin & Ruths 2018, LREC) annotates every attribution
relation in 1,008 US political news articles as brat standoff spans: the
``Source`` (who), the ``Cue`` (said, according to ...) and the ``Content``
(what). It is much broader than direct quotation: indirect speech, beliefs
and hedged reports ("It is believed that ...") are all annotated, so every
quote extractor has modest recall against it.

The corpus lives at ``../shared/data/polnear`` (see its README) with
``train``/``dev``/``test`` compartments, each holding ``text/<name>.txt`` and
``attributions/<name>_<annotator>.ann``. When several annotators did an
article we keep the annotator whose id sorts first, so a run is
deterministic.

Scoring rules (:func:`score`):

* **content** — a predicted quote matches a gold ``Content`` when their
  character spans overlap; matching is one-to-one, greedy by overlap size.
  Precision, recall and F1 count matched pairs. A word-level variant counts
  the words (``\\w+``) covered by predicted contents against those covered
  by gold contents, over all documents.
* **speaker** — of the matched pairs whose gold has a ``Source``, the speaker
  is right when the predicted speaker mention's span overlaps the gold
  ``Source`` span, or when the last word of the predicted (resolved) speaker
  name equals the last word of the gold source text, case-insensitively
  ("Keir Giles" vs "Giles"). A resolved pronoun therefore counts through the
  span of the pronoun it came from.

Nothing heavy is imported here; the module only reads files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ._matching import one_to_one

__all__ = [
    "GoldAttribution",
    "GoldArticle",
    "Predicted",
    "QuoteScores",
    "default_root",
    "fingerprint",
    "load",
    "score",
]

Segments = tuple[tuple[int, int], ...]
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution relation: content, source and cue spans."""

    content: Segments
    source: Segments | None
    cue: Segments | None
    source_text: str | None


@dataclass(slots=True)
class GoldArticle:
    """A PolNeAR article with the attributions of one annotator."""

    name: str
    split: str
    annotator: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Predicted:
    """A predicted quote: content span, speaker name and speaker mention span."""

    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(slots=True)
class QuoteScores:
    """Counts and rates from :func:`score`."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_total: int = 0
    speaker_correct: int = 0
    word_gold: int = 0
    word_predicted: int = 0
    word_overlap: int = 0

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return self._f1(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_total if self.speaker_total else 0.0

    @property
    def word_precision(self) -> float:
        return self.word_overlap / self.word_predicted if self.word_predicted else 0.0

    @property
    def word_recall(self) -> float:
        return self.word_overlap / self.word_gold if self.word_gold else 0.0

    @property
    def word_f1(self) -> float:
        return self._f1(self.word_precision, self.word_recall)

    def as_dict(self) -> dict[str, float | int]:
        """Counts and rounded rates, for JSON reports."""
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_total": self.speaker_total,
            "speaker_correct": self.speaker_correct,
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "word_precision": round(self.word_precision, 4),
            "word_recall": round(self.word_recall, 4),
            "word_f1": round(self.word_f1, 4),
        }


def default_root() -> Path:
    """``../shared/data/polnear`` next to the repository checkout."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "polnear"


def _segments(spec: str) -> Segments:
    out = []
    for part in spec.split(";"):
        a, _, b = part.strip().partition(" ")
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """The attribution relations of one brat ``.ann`` file.

    Text fields can hold newlines, so only the ``T``/``E`` line heads are
    trusted and span texts are taken from ``text``.
    """
    spans: dict[str, tuple[str, Segments]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        m = _T_LINE.match(line)
        if m:
            try:
                spans[m.group(1)] = (m.group(2), _segments(m.group(3)))
            except ValueError:
                continue
            continue
        e = _E_LINE.match(line)
        if e:
            roles: dict[str, str] = {}
            for arg in e.group(2).split():
                role, _, ref = arg.partition(":")
                roles[role.rstrip("0123456789")] = ref
            events.append(roles)
    out: list[GoldAttribution] = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        source_text = " ".join(text[a:b] for a, b in source[1]) if source else None
        out.append(GoldAttribution(content[1], source[1] if source else None, cue[1] if cue else None, source_text))
    return out


def _pick(split_dir: Path) -> dict[str, Path]:
    """One ``.ann`` per article: the annotator id that sorts first."""
    chosen: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        stem, _, _annotator = ann.stem.rpartition("_")
        chosen.setdefault(stem, ann)
    return chosen


def load(split: str = "dev", root: Path | None = None, *, limit: int | None = None) -> list[GoldArticle]:
    """Articles of one PolNeAR compartment, in file-name order.

    Args:
        split: ``train``, ``dev`` or ``test``.
        root: the corpus folder (default :func:`default_root`).
        limit: keep only the first ``limit`` articles.

    Raises:
        FileNotFoundError: the corpus or the compartment is absent.
    """
    base = (root or default_root()) / split
    if not (base / "text").is_dir():
        raise FileNotFoundError(f"PolNeAR compartment not found: {base} (expected text/ and attributions/)")
    out: list[GoldArticle] = []
    for stem, ann in sorted(_pick(base).items()):
        txt = base / "text" / f"{stem}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        gold = parse_ann(ann.read_text(encoding="utf-8"), text)
        out.append(GoldArticle(stem, split, ann.stem.rpartition("_")[2], text, gold))
        if limit is not None and len(out) >= limit:
            break
    return out


def fingerprint(articles: Iterable[GoldArticle]) -> str:
    """A short hash of the texts and gold spans, to notice a changed dataset."""
    h = hashlib.sha256()
    for a in articles:
        h.update(a.name.encode())
        h.update(a.text.encode())
        for g in a.attributions:
            h.update(repr((g.content, g.source)).encode())
    return h.hexdigest()[:16]


def _overlap(a: tuple[int, int], segs: Segments) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in segs)


def _last_word(s: str) -> str:
    words = _WORD.findall(s.lower().replace("’s", "").replace("'s", ""))
    return words[-1] if words else ""


def _words(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    covered: set[int] = set()
    for a, b in spans:
        for m in _WORD.finditer(text, a, b):
            covered.add(m.start())
    return covered


def score(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Predicted]]) -> QuoteScores:
    """Score predicted quotes against the gold attributions (rules in the module docstring)."""
    s = QuoteScores()
    for art, preds in zip(articles, predictions, strict=True):
        gold = art.attributions
        s.gold += len(gold)
        s.predicted += len(preds)
        pairs = []
        for i, p in enumerate(preds):
            for j, g in enumerate(gold):
                ov = _overlap((p.start, p.end), g.content)
                if ov > 0:
                    pairs.append((ov, i, j))
        pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
        for i, j in one_to_one(pairs):
            s.matched += 1
            g, p = gold[j], preds[i]
            if g.source is None:
                continue
            s.speaker_total += 1
            ok = False
            if p.speaker_start is not None and p.speaker_end is not None:
                ok = _overlap((p.speaker_start, p.speaker_end), g.source) > 0
            if not ok and p.speaker and g.source_text:
                ok = _last_word(p.speaker) == _last_word(g.source_text)
            s.speaker_correct += ok
        gw = _words(art.text, (seg for g in gold for seg in g.content))
        pw = _words(art.text, ((p.start, p.end) for p in preds))
        s.word_gold += len(gw)
        s.word_predicted += len(pw)
        s.word_overlap += len(gw & pw)
    return s
