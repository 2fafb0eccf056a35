"""Versioned moderation policies: signals in, publish / review / remove with reasons out.

A policy is a YAML or TOML file::

    version: "2025-06-01"          # required; recorded with every decision
    thresholds:                    # per label: review at or above, remove at or above
      toxicity: {review: 0.5, remove: 0.9}
      threat: {review: 0.3, remove: 0.7}
    banned_words: ["f*ck*"]        # remove; * matches any run of letters inside a word
    suspect_words: ["idiot*"]      # review
    narratives: {review: 0.6, ids: [nato_provocation]}   # ids empty: every narrative
    duplicates: {review: 3, remove: 10}                 # copy-paste group sizes
    spam: {review: 0.5, remove: 0.9}
    sites:                         # per-site overrides, merged over the top level
      example.org:
        thresholds: {toxicity: {review: 0.4, remove: 0.8}}

Example:
    >>> p = Policy.model_validate({"version": "1", "thresholds": {"toxicity": {"review": 0.5, "remove": 0.9}}})
    >>> p.decide({"toxicity": 0.95}, text="x").action
    'remove'
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..document import LABELS
from ..errors import ConfigError

__all__ = ["Outcome", "Policy", "load_policy"]

_ORDER = {"publish": 0, "review": 1, "remove": 2}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Threshold(_Strict):
    review: float | None = Field(default=None, ge=0, le=1)
    remove: float | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> Threshold:
        if self.review is not None and self.remove is not None and self.review > self.remove:
            raise ValueError(f"review ({self.review}) must not be above remove ({self.remove})")
        return self


class NarrativeRule(Threshold):
    #: Narrative ids the rule applies to; empty means every narrative.
    ids: list[str] = Field(default_factory=list)


class CountRule(_Strict):
    review: int | None = Field(default=None, ge=2)
    remove: int | None = Field(default=None, ge=2)


class Rules(_Strict):
    thresholds: dict[str, Threshold] = Field(default_factory=dict)
    banned_words: list[str] = Field(default_factory=list)
    suspect_words: list[str] = Field(default_factory=list)
    narratives: NarrativeRule | None = None
    duplicates: CountRule | None = None
    spam: Threshold | None = None

    @field_validator("thresholds", mode="before")
    @classmethod
    def _known_labels(cls, v: Any) -> Any:
        unknown = sorted(set(v) - set(LABELS)) if isinstance(v, dict) else []
        if unknown:
            raise ValueError(f"unknown label(s) {', '.join(unknown)}; valid labels: {', '.join(LABELS)}")
        return v

    @field_validator("banned_words", "suspect_words")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        for w in v:
            if not w.strip("* "):
                raise ValueError(f"word pattern {w!r} matches everything; give letters, e.g. 'idiot*'")
        return v


@dataclass(slots=True)
class Outcome:
    """A policy's decision on one comment."""

    action: str
    reasons: list[str] = field(default_factory=list)


class Policy(Rules):
    """A validated policy (see the module docstring for the file format)."""

    version: str = Field(min_length=1)
    sites: dict[str, Rules] = Field(default_factory=dict)

    def for_site(self, site: str | None) -> Rules:
        """The rules for ``site``: its overrides merged over the top-level rules."""
        if not site or site not in self.sites:
            return self
        over = self.sites[site]
        merged = self.model_dump(exclude={"version", "sites"})
        for key in over.model_fields_set:
            value = getattr(over, key)
            if key == "thresholds":
                merged["thresholds"] = {**merged["thresholds"], **{k: t.model_dump() for k, t in value.items()}}
            else:
                merged[key] = value.model_dump() if isinstance(value, BaseModel) else value
        return Rules.model_validate(merged)

    def decide(self, scores: Mapping[str, float], *, text: str = "", site: str | None = None,
               narratives: list[dict[str, Any]] | None = None, duplicate_count: int = 0,
               spam: float | None = None) -> Outcome:
        """Decide on one comment from its signals; reasons say which rule fired and why."""
        rules = self.for_site(site)
        action = "publish"
        reasons: list[str] = []

        def hit(what: str, reason: str) -> None:
            nonlocal action
            reasons.append(f"{what}: {reason}")
            if _ORDER[what] > _ORDER[action]:
                action = what

        for label, t in rules.thresholds.items():
            v = scores.get(label)
            if v is None:
                continue
            if t.remove is not None and v >= t.remove:
                hit("remove", f"{label} {v:.2f} >= {t.remove:.2f}")
            elif t.review is not None and v >= t.review:
                hit("review", f"{label} {v:.2f} >= {t.review:.2f}")
        for what, words in (("remove", rules.banned_words), ("review", rules.suspect_words)):
            for pattern in words:
                m = _word_regex(pattern).search(text)
                if m:
                    hit(what, f"{'banned' if what == 'remove' else 'suspect'} word {pattern!r} matched {m.group(0)!r}")
        if rules.narratives is not None:
            for n in narratives or []:
                nid, v = str(n.get("id")), float(n.get("score", 0.0))
                if rules.narratives.ids and nid not in rules.narratives.ids:
                    continue
                if rules.narratives.remove is not None and v >= rules.narratives.remove:
                    hit("remove", f"narrative {nid} {v:.2f} >= {rules.narratives.remove:.2f}")
                elif rules.narratives.review is not None and v >= rules.narratives.review:
                    hit("review", f"narrative {nid} {v:.2f} >= {rules.narratives.review:.2f}")
        if rules.duplicates is not None and duplicate_count:
            d = rules.duplicates
            if d.remove is not None and duplicate_count >= d.remove:
                hit("remove", f"copy-paste group of {duplicate_count} >= {d.remove}")
            elif d.review is not None and duplicate_count >= d.review:
                hit("review", f"copy-paste group of {duplicate_count} >= {d.review}")
        if rules.spam is not None and spam is not None:
            if rules.spam.remove is not None and spam >= rules.spam.remove:
                hit("remove", f"spam {spam:.2f} >= {rules.spam.remove:.2f}")
            elif rules.spam.review is not None and spam >= rules.spam.review:
                hit("review", f"spam {spam:.2f} >= {rules.spam.review:.2f}")
        return Outcome(action=action, reasons=reasons)


_regex_cache: dict[str, re.Pattern[str]] = {}


def _word_regex(pattern: str) -> re.Pattern[str]:
    rx = _regex_cache.get(pattern)
    if rx is None:
        body = r"\w*".join(re.escape(part) for part in pattern.strip().split("*"))
        rx = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
        _regex_cache[pattern] = rx
    return rx


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy file (``.yaml``/``.yml`` or ``.toml``).

    Raises:
        ConfigError: the file is missing, unparsable or invalid; the message lists every problem
            with its location (``thresholds.toxicity.review: ...``).
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read policy {p}: {exc.strerror or exc}.") from exc
    try:
        if p.suffix.lower() == ".toml":
            data: Any = tomllib.loads(raw)
        elif p.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(raw)
        else:
            raise ConfigError(f"policy {p} must end in .yaml, .yml or .toml.")
    except ConfigError:
        raise
    except Exception as exc:
        raise ConfigError(f"policy {p} is not valid {p.suffix.lstrip('.').upper()}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"policy {p} must be a mapping with at least 'version'; see `btl policy check --help`.")
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = ".".join(str(x) for x in err["loc"]) or "(top level)"
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown key (check the spelling; see the policy format in `btl policy check --help`)"
            lines.append(f"  {loc}: {msg}")
        raise ConfigError(f"policy {p} has {len(lines)} problem(s):\n" + "\n".join(lines)) from None
