"""Match comments to a catalogue of known disinformation narratives.

The catalogue is data: a JSON (or YAML) file listing narratives, each with an
``id``, a ``description``, typical ``claims`` (many phrasings) and
``counter_examples`` (sentences that use the same words but argue against
the narrative or merely report facts), plus ``stance`` cue lists and a
``synonyms`` table that maps words to concepts ("putsch", "overthrew" ->
"coup"). The default catalogue (``data/narratives.default.json``) holds the
eight narratives of ``DESIGN.md``, built by ``training/build_narratives.py``
from hand-written comment-register claims and EUvsDisinfo case titles, each
case claim recording the URL it came from. Users replace it with
``NarrativeOptions(catalogue="my.json")`` (a catalogue on any topic works;
the calibration is on catalogue-independent features).

Each comment is split into sentences; every sentence is compared with every
claim and counter-example by TF-IDF cosine over word, bigram and in-word
character 4-gram features (:mod:`._lexical`).

A cosine says what share of the two texts' weight they have in common, not
how much: "Everyone knows it." lies wholly inside the claim "Ukraine is
losing the war and everyone knows it.", and since a topical catalogue uses
"NATO" or "Ukraine" in many claims but "everyone" in one, the inverse
document frequencies learnt from it make that generic tail the heaviest part
of the claim (cosine .71, calibrated score 1.0). So a narrative's claims only
count in full when the sentence shares enough *specific* words with them (with
any of the narrative's claims, not only the most similar one): the shared
concepts' squared specificities must sum to :data:`MIN_SHARED`, below which
the similarities are scaled by the square of the shortfall (:func:`_gate`).
A word's specificity comes from how many texts of a general background corpus
use it (``data/narratives.background.json``: news-site comments from Civil
Comments; :class:`._lexical.Specificity`): "knows" scores .29, "matter" .44,
"NATO" .76 and a word the background never uses 1. It does not depend on the
catalogue; for a catalogue in another language (its words unseen in the
background) it only asks for one shared content word.

Per sentence and narrative, eleven features — best and top-3 (gated) claim
similarity, best counter-example similarity, margin over the other
narratives' ungated similarities (so the gate can only lower a score), stance
cues (debunking words such as "propaganda", "myth"; attribution such as "the
claim that"; negation; blame put on Russia such as "the war the Kremlin
forced on Ukraine"), their products with the similarity, and shortness — go
through a logistic model fitted on the dev half of
``tests/fixtures/narratives/labelled.jsonl`` (``data/narratives.calibration.json``,
fitted before the gate was added and kept), so scores are calibrated
probabilities. The comment's score for a narrative is that of its best
sentence, which is reported as evidence.

Example:
    >>> m = NarrativeMatcher()
    >>> [n["id"] for n in m.match("NATO expansion provoked this war, Russia had no choice.")]
    ['nato_provocation']
    >>> m.match("The claim that NATO provoked the war is Kremlin propaganda.")
    []
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..document import Document
from ..errors import ConfigError
from . import _lexical as lx

__all__ = [
    "DEFAULT_CATALOGUE",
    "FEATURES",
    "Catalogue",
    "NarrativeMatcher",
    "NarrativeOptions",
    "load_catalogue",
]

DATA = Path(__file__).resolve().parent / "data"
#: The default catalogue shipped with the package.
DEFAULT_CATALOGUE = DATA / "narratives.default.json"
CALIBRATION = DATA / "narratives.calibration.json"
#: Document frequencies of word stems in a background corpus of comments (see :class:`._lexical.Specificity`).
BACKGROUND = DATA / "narratives.background.json"

#: Names of the per-(sentence, narrative) features of the calibration model, in order.
FEATURES: tuple[str, ...] = (
    "sim_max",
    "sim_top3",
    "counter_max",
    "margin",
    "debunk",
    "attribution",
    "negation",
    "blame_russia",
    "sim_x_stance",
    "sim_x_negation",
    "short",
)
#: Sentences with fewer content words than this are joined to a neighbour ("War?", "This was the problem.").
MIN_WORDS = 4
#: A narrative's claim similarities count in full when the squared specificities of the concepts the
#: sentence shares with its claims sum to this ("Maidan" alone: 1.0; "NATO" and "war": .78; "everyone"
#: and "knows": .26); below, they are multiplied by ``(shared / MIN_SHARED) ** 2``. Chosen on the dev
#: split of the labelled set and on generic comments that match no narrative.
MIN_SHARED = 0.85
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------- catalogue schema


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Claim(_Model):
    text: str = Field(min_length=3)
    kind: str = "comment"
    source: str | None = None


class Narrative(_Model):
    id: str
    description: str = Field(min_length=3)
    claims: list[Claim] = Field(min_length=1)
    counter_examples: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _valid_id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"narrative id {v!r} must be lower_snake_case (letters, digits, '_')")
        return v

    @field_validator("claims", mode="before")
    @classmethod
    def _plain_claims(cls, v: Any) -> Any:
        # Claims may be given as plain strings in a hand-written catalogue.
        if isinstance(v, list):
            return [{"text": c} if isinstance(c, str) else c for c in v]
        return v


class Stance(_Model):
    debunk: list[str] = Field(default_factory=list)
    attribution: list[str] = Field(default_factory=list)
    negation: list[str] = Field(default_factory=list)
    blame_russia: list[str] = Field(default_factory=list)


class Catalogue(_Model):
    """A validated narrative catalogue (see the module docstring for the file format)."""

    format: str = "belowtheline.narratives"
    version: int = 1
    name: str = "custom"
    description: str = ""
    sources: dict[str, Any] = Field(default_factory=dict)
    stance: Stance = Field(default_factory=Stance)
    synonyms: dict[str, list[str]] = Field(default_factory=dict)
    narratives: list[Narrative] = Field(min_length=1)

    @field_validator("narratives")
    @classmethod
    def _unique_ids(cls, v: list[Narrative]) -> list[Narrative]:
        ids = [n.id for n in v]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"narrative ids must be unique; repeated: {', '.join(dup)}")
        return v

    @property
    def ids(self) -> list[str]:
        return [n.id for n in self.narratives]


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read and validate a narrative catalogue (JSON, or YAML for ``.yaml``/``.yml``).

    Args:
        path: the catalogue file; ``None`` for the default catalogue.

    Returns:
        The validated :class:`Catalogue`.

    Raises:
        ConfigError: the file is missing, unreadable or does not follow the format;
            the message names the offending field.

    Example:
        >>> load_catalogue().ids[:2]
        ['nato_provocation', 'maidan_coup']
    """
    p = Path(path) if path is not None else DEFAULT_CATALOGUE
    if not p.is_file():
        raise ConfigError(
            f"Narrative catalogue {str(p)!r} does not exist. Pass the path of a JSON or YAML catalogue "
            f"(format: {DEFAULT_CATALOGUE}), or leave catalogue unset for the default one."
        )
    try:
        text = p.read_text(encoding="utf-8")
        if p.suffix.lower() in (".yaml", ".yml"):
            import yaml

            raw = yaml.safe_load(text)
        else:
            raw = json.loads(text)
    except (OSError, ValueError) as e:  # yaml.YAMLError is not a ValueError; caught below
        raise ConfigError(f"Narrative catalogue {str(p)!r} could not be read: {e}") from e
    except Exception as e:  # noqa: BLE001 - YAML parser errors
        raise ConfigError(f"Narrative catalogue {str(p)!r} could not be parsed: {e}") from e
    try:
        return Catalogue.model_validate(raw)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc']) or '(top level)'}: {err['msg']}" for err in e.errors()[:5]
        )
        raise ConfigError(
            f"Narrative catalogue {str(p)!r} is not valid: {problems}. Each narrative needs an id "
            "(lower_snake_case), a description and at least one claim; unknown keys are rejected."
        ) from e


# --------------------------------------------------------------------------- matcher


@dataclass(frozen=True, slots=True, kw_only=True)
class NarrativeOptions:
    """Options of :class:`NarrativeMatcher`.

    Attributes:
        catalogue: path of a catalogue file (JSON or YAML); ``None`` for the default.
        threshold: smallest calibrated score reported (0.5: more likely than not).
        max_per_comment: at most this many narratives per comment, best first.
        calibration: path of a calibration file; ``None`` for the shipped one.

    Raises:
        ConfigError: an option is out of range.
    """

    catalogue: str | Path | None = None
    threshold: float = 0.5
    max_per_comment: int = 3
    calibration: str | Path | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ConfigError(f"threshold={self.threshold} is out of range; use a value in [0, 1] (default 0.5).")
        if self.max_per_comment < 1:
            raise ConfigError(f"max_per_comment={self.max_per_comment} must be at least 1 (default 3).")


_PREFIX_WEIGHTS = {"w:": 1.0, "b:": 1.0, "c:": 0.5}


@lru_cache(maxsize=1)
def _specificity() -> lx.Specificity:
    try:
        raw = json.loads(BACKGROUND.read_text(encoding="utf-8"))
        return lx.Specificity({str(k): int(v) for k, v in raw["df"].items()}, int(raw["documents"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError(
            f"Narrative background table {str(BACKGROUND)!r} could not be read ({e}); it needs 'documents' and "
            "'df' (document frequency per word stem). Reinstall belowtheline."
        ) from e


def _gate(shared: float) -> float:
    """Factor on the claim similarities of a narrative that a sentence shares ``shared`` specificity with."""
    return 1.0 if shared >= MIN_SHARED else (shared / MIN_SHARED) ** 2


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str] | None:
    if not cues:
        return None
    parts = sorted((re.escape(lx.fold(c)) for c in cues), key=len, reverse=True)
    # A cue ending in a letter must end a word ("lie" is not "lies"... unless listed).
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?:\w*)", re.UNICODE)


class _Compiled:
    """A catalogue turned into an inverted index of claim vectors and counter-example vectors."""

    def __init__(self, cat: Catalogue) -> None:
        self.catalogue = cat
        self.ids = cat.ids
        self.synonyms = {w.lower(): concept for concept, ws in cat.synonyms.items() for w in ws}
        claim_texts: list[str] = []
        self.claim_owner: list[int] = []
        counter_texts: list[str] = []
        self.counter_owner: list[int] = []
        for k, n in enumerate(cat.narratives):
            for c in n.claims:
                claim_texts.append(c.text)
                self.claim_owner.append(k)
            for t in n.counter_examples:
                counter_texts.append(t)
                self.counter_owner.append(k)
        feats = [lx.features(t, self.synonyms) for t in claim_texts + counter_texts]
        self.idf = lx.Idf(feats)
        vecs = [self.idf.vector(f, prefix_weights=_PREFIX_WEIGHTS) for f in feats]
        self.claims = lx.InvertedIndex(vecs[: len(claim_texts)])
        # The concepts each narrative's claims use, to sum the specificity of those a sentence shares.
        self.specificity = _specificity()
        narr: list[dict[str, float]] = [{} for _ in cat.narratives]
        for t, o in zip(claim_texts, self.claim_owner, strict=True):
            narr[o].update(dict.fromkeys(self.concepts(t), 1.0))
        self.narrative_concepts = lx.InvertedIndex(narr)
        self.counters = lx.InvertedIndex(vecs[len(claim_texts) :])
        self.claim_texts = claim_texts
        st = cat.stance
        self.cues = {
            "debunk": _cue_pattern(st.debunk),
            "attribution": _cue_pattern(st.attribution),
            "negation": _cue_pattern(st.negation),
            "blame_russia": _cue_pattern(st.blame_russia),
        }

    def concepts(self, text: str) -> dict[str, float]:
        """The content concepts of ``text`` (stems, synonyms mapped), each with its squared specificity.

        A concept several words of ``text`` map to takes the most specific word's value.
        """
        out: dict[str, float] = {}
        for w in lx.content_words(text):
            st = lx.stem(w)
            k = self.synonyms.get(w, self.synonyms.get(st, st))
            out[k] = max(out.get(k, 0.0), self.specificity(w) ** 2)
        return out

    def shared(self, sentence: str) -> list[float]:
        """Per narrative, the summed squared specificity of the concepts ``sentence`` shares with its claims."""
        return self.narrative_concepts.scores(self.concepts(sentence))

    def vector(self, text: str) -> lx.Vector:
        return self.idf.vector(lx.features(text, self.synonyms), prefix_weights=_PREFIX_WEIGHTS)

    def sentence_features(self, sentence: str) -> list[list[float]]:
        """One feature row (in :data:`FEATURES` order) per narrative of the catalogue."""
        q = self.vector(sentence)
        k = len(self.ids)
        per: list[list[float]] = [[] for _ in range(k)]
        # A claim the sentence shares only generic words with ("... and everyone knows it") counts little.
        # Gating only lowers similarities, so no sentence scores higher than without it.
        raw = [0.0] * k
        gate = [_gate(m) for m in self.shared(sentence)]
        for owner, s in zip(self.claim_owner, self.claims.scores(q), strict=True):
            per[owner].append(s * gate[owner])
            raw[owner] = max(raw[owner], s)
        counter = [0.0] * k
        for owner, s in zip(self.counter_owner, self.counters.scores(q), strict=True):
            counter[owner] = max(counter[owner], s)
        folded = lx.fold(sentence)
        cue = {name: 1.0 if (p is not None and p.search(folded)) else 0.0 for name, p in self.cues.items()}
        stance = max(cue["debunk"], cue["attribution"], cue["blame_russia"])
        short = 1.0 if len(lx.words(sentence)) < MIN_WORDS else 0.0
        best = [max(p) if p else 0.0 for p in per]
        rows = []
        for j in range(k):
            top = sorted(per[j], reverse=True)[:3]
            # The margin is over the other narratives' ungated similarities: gating a competitor away
            # must not make a weak match stand out more than it did.
            other = max((raw[i] for i in range(k) if i != j), default=0.0)
            rows.append(
                [
                    best[j],
                    sum(top) / max(1, len(top)),
                    counter[j],
                    best[j] - other,
                    cue["debunk"],
                    cue["attribution"],
                    cue["negation"],
                    cue["blame_russia"],
                    best[j] * stance,
                    best[j] * cue["negation"],
                    short,
                ]
            )
        return rows


@lru_cache(maxsize=8)
def _compiled(path: str | None) -> _Compiled:
    return _Compiled(load_catalogue(path))


def _load_calibration(path: str | Path | None) -> tuple[list[float], float]:
    p = Path(path) if path is not None else CALIBRATION
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
        weights = [float(raw["weights"][f]) for f in FEATURES]
        return weights, float(raw["bias"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ConfigError(
            f"Narrative calibration {str(p)!r} could not be read ({e}); it needs 'bias' and a weight for each of "
            f"{', '.join(FEATURES)}. Rebuild it with `python training/build_narratives.py --calibrate`."
        ) from e


def units(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, with very short sentences joined to the one before (or after)."""
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for a, b in lx.sentences(text):
        if pending is not None:
            a, pending = pending, None
        if len(lx.words(text[a:b])) < MIN_WORDS:
            if out:
                out[-1] = (out[-1][0], b)
            else:
                pending = a
            continue
        out.append((a, b))
    if pending is not None:
        out.append((pending, len(text.rstrip())))
    return out or ([(0, len(text))] if text.strip() else [])


class NarrativeMatcher:
    """Pipeline stage ``narratives.catalogue.v1``: fill ``comments[].narratives``.

    Each match is ``{"id", "score", "evidence", "start", "end"}``: the
    narrative id, the calibrated probability, and the sentence of the comment
    that triggered it with its character offsets.

    Args:
        options: a :class:`NarrativeOptions` (catalogue path, threshold).

    Raises:
        ConfigError: the catalogue or calibration file is missing or invalid.

    Example:
        >>> from belowtheline import Comment, Document
        >>> doc = Document(id="d", comments=[Comment("c1", "The CIA organised the coup in Kyiv in 2014.")])
        >>> NarrativeMatcher()(doc).comments[0].narratives[0]["id"]
        'maidan_coup'
    """

    name = "narratives.catalogue.v1"
    requires: tuple[str, ...] = ("comments",)
    assigns: tuple[str, ...] = ("comments.narratives",)

    def __init__(self, *, options: NarrativeOptions | None = None) -> None:
        self.options = options or NarrativeOptions()
        cat = self.options.catalogue
        self._c = _compiled(str(Path(cat).resolve()) if cat is not None else None)
        self._weights, self._bias = _load_calibration(self.options.calibration)

    @property
    def catalogue(self) -> Catalogue:
        return self._c.catalogue

    def _prob(self, row: Sequence[float]) -> float:
        z = self._bias + sum(w * x for w, x in zip(self._weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def scores(self, text: str) -> list[dict[str, Any]]:
        """Every narrative's best calibrated score for ``text`` (unthresholded), best first."""
        best: dict[int, dict[str, Any]] = {}
        for start, end in units(text):
            sent = text[start:end]
            if len(lx.words(sent)) < 2:  # "War?" alone says nothing about a narrative
                continue
            for j, row in enumerate(self._c.sentence_features(sent)):
                p = self._prob(row)
                if j not in best or p > best[j]["score"]:
                    best[j] = {"id": self._c.ids[j], "score": round(p, 4), "evidence": sent, "start": start, "end": end}
        return sorted(best.values(), key=lambda m: -float(m["score"]))

    def match(self, text: str) -> list[dict[str, Any]]:
        """The narratives ``text`` recites, with score at least the threshold, best first.

        Args:
            text: a comment.

        Returns:
            ``[{"id", "score", "evidence", "start", "end"}, ...]`` (empty when none matches).
        """
        o = self.options
        return [m for m in self.scores(text) if m["score"] >= o.threshold][: o.max_per_comment]

    def __call__(self, doc: Document) -> Document:
        for c in doc.comments:
            c.narratives = self.match(c.text)
        return doc
