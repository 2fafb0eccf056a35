"""Loaders for the labelled toxicity data in ../shared/data.

Each loader returns :class:`Example` rows with the labels that source can
speak to; a label a source cannot speak to is ``None`` (left out of that
label's training set, never read as negative). Splits are the official ones
where they exist; otherwise a stable hash of the text decides (``split_of``).

Licences (see each folder's README): toxic_spans CC0; OLID unstated (mirror
CC BY 4.0); HateXplain MIT / CC BY 4.0; Davidson MIT; Scrapinghub article
bodies MIT -- used for training.
ETHOS (GPL-3.0), SFU (CC BY-NC-SA 4.0), the Conversation AI bias sets
(CC BY 4.0, evaluation sets by design) -- evaluation only.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import html
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LABELS = ("toxicity", "severe_toxicity", "insult", "identity_attack", "threat", "sexual_explicit", "profanity")

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

csv.field_size_limit(sys.maxsize)


@dataclass
class Example:
    text: str
    source: str
    split: str  # train / dev / test
    labels: dict[str, float | None] = field(default_factory=dict)
    spans: list[int] | None = None  # toxic character offsets (toxic_spans)


def split_of(text: str, dev_pct: int = 15, test_pct: int = 0) -> str:
    """A stable split from a hash of the text (same text, same split, every run)."""
    h = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 100
    if h < test_pct:
        return "test"
    return "dev" if h < test_pct + dev_pct else "train"


def _clean_tweet(t: str) -> str:
    t = html.unescape(t)
    t = re.sub(r"@\w+", "@user", t)
    t = re.sub(r"https?://\S+|URL", "", t)
    t = re.sub(r"^RT\s+", "", t.replace("!!!", "!"))
    return t.strip()


def semeval_spans(split: str) -> list[Example]:
    """SemEval-2021 Task 5 (train / trial / test) with gold toxic character offsets."""
    name = {"train": "tsd_train.csv", "dev": "tsd_trial.csv", "test": "tsd_test.csv"}[split]
    out = []
    with open(DATA / "toxic_spans" / "semeval2021" / name, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.append(Example(row["text"], "toxic_spans", split, {}, ast.literal_eval(row["spans"])))
    return out


def toxic_spans_raw(proxy_severe: bool = True) -> list[Example]:
    """ACL-2022 raw tables: per-comment labels from the typed spans of >= 3 raters.

    The raters typed spans but did not grade severity: with ``proxy_severe``,
    severe_toxicity is derived from the types (below); without it, it is left
    unlabelled on toxic posts (0 on the others).

    A type label is positive when at least a third of the raters marked a span of
    that type in a toxic comment. Posts that some but under half of the raters
    found toxic are dropped (not clean negatives: all of these posts were rated
    toxic in Civil Comments first); toxicity is positive when at least half did not tick "not toxic".
    Comments whose text is in the SemEval trial or test files are dropped.
    """
    root = DATA / "toxic_spans" / "acl2022_raw"
    held = {e.text.strip() for s in ("dev", "test") for e in semeval_spans(s)}
    with open(root / "comments.csv", newline="", encoding="utf-8") as f:
        texts = {r["comment_id"]: r["comment_text"] for r in csv.DictReader(f)}
    ann_of: dict[str, list[str]] = defaultdict(list)
    not_toxic: dict[str, int] = defaultdict(int)
    all_toxic: dict[str, int] = defaultdict(int)
    with open(root / "annotations.csv", newline="", encoding="utf-8") as f:
        ann_comment = {}
        for r in csv.DictReader(f):
            ann_of[r["comment_id"]].append(r["annotation"])
            ann_comment[r["annotation"]] = r["comment_id"]
            not_toxic[r["comment_id"]] += r["not toxic"] == "True"
            all_toxic[r["comment_id"]] += r["all toxic"] == "True"
    types: dict[str, set[str]] = defaultdict(set)  # annotation -> span types
    with open(root / "spans.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            t = r["type"].strip().lower()
            key = (
                "insult"
                if t.startswith("insu")
                else "identity_attack"
                if t.startswith("identity")
                else "threat"
                if t.startswith("threat")
                else "profanity"
                if t.startswith("profane")
                else "other"
            )
            types[r["annotation"]].add(key)
    out = []
    for cid, text in texts.items():
        anns = ann_of.get(cid)
        if not anns or text.strip() in held:
            continue
        n = len(anns)

        def frac(key: str, anns: list[str] = anns, n: int = n) -> float:
            return sum(key in types.get(a, ()) for a in anns) / n

        frac_toxic = (n - not_toxic[cid]) / n
        if 0 < frac_toxic < 0.5:
            # Every post here was rated toxic in Civil Comments before the span raters saw
            # it; a post that some span raters still call toxic is not a clean negative.
            continue
        tox = 1.0 if frac_toxic >= 0.5 else 0.0
        lab: dict[str, float | None] = {"toxicity": tox}
        # Raters agree on *whether* a post is toxic far more than on the type of its
        # spans, so one rater in three naming a type is enough for that type.
        for k in ("insult", "identity_attack", "threat", "profanity"):
            lab[k] = 1.0 if tox and frac(k) >= 0.33 else 0.0
        strong_profane = all_toxic[cid] / n >= 0.5 and frac("profanity") >= 0.34
        severe = 1.0 if tox and (lab["threat"] or lab["identity_attack"] or strong_profane) else 0.0
        lab["severe_toxicity"] = severe if proxy_severe or not tox else None
        lab["sexual_explicit"] = None if tox else 0.0  # no annotation; weak labels added later
        out.append(Example(text, "toxic_spans_raw", split_of(text), lab))
    return out


def olid(split: str) -> list[Example]:
    """OLID: train file (hash split into train/dev) or the official test set A."""
    root = DATA / "olid_offenseval2019"
    out = []
    if split == "test":
        labels = {}
        with open(root / "labels-levela.csv", encoding="utf-8") as f:
            for line in f:
                i, lab = line.strip().split(",")
                labels[i] = lab
        with open(root / "testset-levela.tsv", encoding="utf-8") as f:
            rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            for r in rows:
                out.append(
                    Example(_clean_tweet(r["tweet"]), "olid", "test", {"toxicity": float(labels[r["id"]] == "OFF")})
                )
        return out
    with open(root / "olid-training-v1.0.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = _clean_tweet(r["tweet"])
            off = r["subtask_a"] == "OFF"
            lab: dict[str, float | None] = {k: 0.0 for k in LABELS}
            if off:
                lab = {k: None for k in LABELS}
                lab["toxicity"] = 1.0
                lab["insult"] = 1.0 if r["subtask_b"] == "TIN" and r["subtask_c"] == "IND" else None
            out.append(Example(text, "olid", split_of(text), lab))
    return [e for e in out if e.split == split] if split != "all" else out


def _hatexplain(path: Path, split: str) -> list[Example]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            votes = [a["label"] for a in r["annotators"]]
            text = " ".join(r["post_tokens"]).replace("<user>", "@user").replace("<number>", "1")
            normal = votes.count("normal")
            hate = votes.count("hatespeech")
            lab: dict[str, float | None] = {"toxicity": float(normal < len(votes) / 2)}
            if lab["toxicity"]:
                lab.update({k: None for k in LABELS if k != "toxicity"})
                lab["identity_attack"] = 1.0 if hate > len(votes) / 2 else None
                lab["severe_toxicity"] = 1.0 if hate > len(votes) / 2 else None
            else:
                lab.update({k: 0.0 for k in LABELS if k != "toxicity"})
            out.append(Example(text, "hatexplain", split, lab))
    return out


def hatexplain(split: str) -> list[Example]:
    """HateXplain: the validation split (hash split into train/dev) or the test split."""
    root = DATA / "hatexplain_val_test"
    if split == "test":
        return _hatexplain(root / "hatexplain_test.jsonl", "test")
    rows = _hatexplain(root / "hatexplain_val.jsonl", "train")
    for e in rows:
        e.split = split_of(e.text, dev_pct=20)
    return [e for e in rows if e.split == split]


def davidson(split: str) -> list[Example]:
    """Davidson et al.: a stable hash split (70 train / 15 dev / 15 test)."""
    out = []
    with open(DATA / "davidson_hate_offensive" / "labeled_data.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            text = _clean_tweet(r["tweet"])
            cls = int(r["class"])
            lab: dict[str, float | None]
            if cls == 2:
                lab = {k: 0.0 for k in LABELS}
            else:
                lab = {k: None for k in LABELS}
                lab["toxicity"] = 1.0
                if cls == 0:
                    lab["identity_attack"] = 1.0
            out.append(Example(text, "davidson", split_of(text, dev_pct=15, test_pct=15), lab))
    return [e for e in out if e.split == split]


def sfu() -> list[Example]:
    """SFU CTC (CC BY-NC-SA: evaluation only): toxic when the popular answer is >= 2."""
    out = []
    with open(
        DATA / "sfu_ctc_constructiveness_toxicity" / "SFU_constructiveness_toxicity.csv", newline="", encoding="utf-8"
    ) as f:
        for r in csv.DictReader(f):
            level = r["is_toxic_popular_answer_1"].strip()
            if not level.isdigit():
                continue
            out.append(Example(r["comment"], "sfu", "test", {"toxicity": float(int(level) >= 2)}))
    return out


def ethos() -> list[Example]:
    """ETHOS binary (GPL-3.0: evaluation only): hate when isHate >= 0.5."""
    out = []
    with open(DATA / "ethos" / "Ethos_Dataset_Binary.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter=";"):
            out.append(Example(r["comment"], "ethos", "test", {"toxicity": float(float(r["isHate"]) >= 0.5)}))
    return out


def news_paragraphs() -> list[Example]:
    """Civil in-domain text: paragraphs of the Scrapinghub benchmark's gold article bodies (MIT).

    News prose names identities, wars, crimes and deaths all the time; as
    negatives for every label it teaches the model that this vocabulary alone
    is not abuse. Split by hash (85 train / 15 dev).
    """
    path = DATA / "scrapinghub_article_extraction_benchmark" / "ground-truth.json"
    truth = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for key in sorted(truth):
        for para in truth[key]["articleBody"].split("\n"):
            para = para.strip()
            if 40 <= len(para) <= 1500:
                out.append(Example(para, "news_paragraphs", split_of(para), {k: 0.0 for k in LABELS}))
    return out


HANDWRITTEN = Path(__file__).resolve().parent / "handwritten"


def handwritten() -> list[Example]:
    """Hand-written news comments in this repository (``training/toxicity/handwritten/*.jsonl``).

    Written for training by helpers who never saw any evaluation set (see the
    README next to each file; Apache-2.0, original text): civil comments that
    name identities or use strong words, and insults, dehumanising
    generalisations, slurs, veiled threats and harassment without explicit
    words, with all seven labels. The one in-domain source with every label
    annotated. Split by hash (85 train / 15 dev).
    """
    out = []
    for path in sorted(HANDWRITTEN.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                lab: dict[str, float | None] = {k: float(r["labels"][k]) for k in LABELS}
                out.append(Example(r["text"], "handwritten", split_of(r["text"]), lab))
    return out


def training_sources(split: str, proxy_severe: bool = True) -> Iterator[list[Example]]:
    """The training sources (each a list) for ``train`` or ``dev``."""
    raw = toxic_spans_raw(proxy_severe)
    yield [e for e in raw if e.split == split]
    yield olid(split)
    yield hatexplain(split)
    yield davidson(split)
    yield [e for e in news_paragraphs() if e.split == split]
    yield [e for e in handwritten() if e.split == split]
