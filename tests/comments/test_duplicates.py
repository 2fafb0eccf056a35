"""Copy-paste groups (duplicates.minhash.v1) and the persistent DuplicateIndex."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import belowtheline
from belowtheline.comments.duplicates import (
    DuplicateGrouper,
    DuplicateIndex,
    DuplicateOptions,
    explain,
    explain_groups,
    find_duplicate_groups,
    group_id,
)
from belowtheline.document import Comment, Document
from belowtheline.errors import ConfigError, FormatError
from belowtheline.pipeline import Pipeline

ROOSTER_1 = (
    "Mr. Big Rooster, you excite me, You constantly refer to sexual stuff and sausages, weapons , spears etc. "
    "Obviously you are an expert with the male organ. Lets grind. Us boyz will make you enjoy every squirt."
)
ROOSTER_2 = (
    "Mr. Big Rooster, you excite us, boyz. You constantly refer to sexual stuff and sausages and weapons, spears "
    "etc. You obviously are an expert with the male organ. Let’s grind. Us boyz will make you enjoy every squirt."
)
SPAM = "Earn $500 a day working from home, no experience needed, ask me how on my profile"
OTHER = [
    "The council should fix the potholes on Station Road before spending on anything else.",
    "I cycle my kids to school on that road and every morning someone passes within a foot of us.",
    "Rent controls have failed everywhere they've been tried, supply dries up and queues grow.",
    "The price cap is a cap on the unit rate and standing charge, not on your bill.",
]


def _groups(texts: list[str], **kw: object) -> list[list[int]]:
    return [[m for m, _, _ in g] for g in find_duplicate_groups(texts, options=DuplicateOptions(**kw))]


def _doc(texts: list[str], doc_id: str = "d") -> Document:
    return Document(id=doc_id, comments=[Comment(f"c{i + 1}", t) for i, t in enumerate(texts)])


# --------------------------------------------------------------------------- the seed


def test_seed_000_groups_the_two_rooster_comments_and_nothing_else(seed_000: str) -> None:
    doc = Pipeline.from_names(["segment.text.v1", "duplicates.minhash.v1"])(
        Document(id="000", text=seed_000)
    )
    grouped = {c.id: c.duplicate_group for c in doc.comments if c.duplicate_group}
    assert set(grouped) == {"c14", "c28"}
    assert grouped["c14"] == grouped["c28"] == group_id(doc.comment("c14").text)
    groups = explain_groups(doc)
    (group,) = groups.values()
    assert group.members == ["c14", "c28"]
    ev = group.evidence[0]
    assert (ev.a, ev.b) == ("c14", "c28") and ev.jaccard > 0.7
    a, b = doc.comment("c14").text, doc.comment("c28").text
    assert any("Big Rooster" in a[s:e] for s, e, _, _ in ev.spans)
    shared = sum(e - s for s, e, _, _ in ev.spans)
    assert shared > 0.6 * len(a)
    for sa, ea, sb, eb in ev.spans:
        assert _norm(a[sa:ea]) == _norm(b[sb:eb])


def _norm(s: str) -> str:
    from belowtheline.comments._shingles import normalise

    return normalise(s)


def test_stock_defaults_would_miss_the_seed_pair() -> None:
    # Why the defaults are not datasketch's: word 3-grams / char 5-grams at 0.7 miss this pair.
    assert _groups([ROOSTER_1, ROOSTER_2]) == [[0, 1]]
    assert _groups([ROOSTER_1, ROOSTER_2], threshold=0.9, containment=0.95) == []


# --------------------------------------------------------------------------- constructions


@pytest.mark.parametrize(
    "variant",
    [
        SPAM,  # exact copy
        "Earn $500 a day workin from home, no experiance needed - ask me how on my profile!!",  # typos
        "No experience needed, earn $500 a day working from home, ask me how on my profile",  # reordered
        SPAM + " https://bit.ly/3xYz9Qa",  # URL appended
        "@Margaret " + SPAM,  # mention added
        SPAM.upper(),  # case
        SPAM + ". Best decision I ever made.",  # sentence added
    ],
)
def test_constructed_variants_are_grouped(variant: str) -> None:
    assert _groups([SPAM, *OTHER, variant]) == [[0, len(OTHER) + 1]]


@pytest.mark.parametrize("short", ["Agreed.", "+1", "Well said!", "This.", "So true.", "lol", "Exactly, thank you!"])
def test_very_short_copies_never_group(short: str) -> None:
    assert _groups([short, *OTHER, short, short]) == []
    doc = DuplicateGrouper()(_doc([short, short]))
    assert [c.duplicate_group for c in doc.comments] == [None, None]


def test_unrelated_comments_on_one_topic_do_not_group() -> None:
    texts = [
        "NATO expansion provoked this war and the West should admit it.",
        "NATO expansion did not provoke anything, countries asked to join.",
        "The West should admit it provoked this war with NATO expansion, not Russia.",
    ]
    assert _groups(texts) == [] or all(len(g) == 2 for g in _groups(texts))
    assert _groups(texts[:2]) == []


def test_a_quote_inside_a_long_reply_is_not_a_copy() -> None:
    quote = "NATO has come to the end of its usefulness by pursuing an aggressive expansion."
    reply = (
        f'"{quote}" Aggressive? Like the re-liberation of Hungary in 1956, Czechoslovakia in 1968 or Poland in '
        "1980? The ex Warsaw Pact countries and the Balts begged to join NATO to protect themselves against the "
        "Russian Empire, and they were right to, as the last three years have shown to anyone paying attention."
    )
    assert _groups([quote, reply]) == []


# --------------------------------------------------------------------------- ids and invariants


def test_group_ids_are_stable_and_do_not_depend_on_other_comments() -> None:
    a = DuplicateGrouper()(_doc([SPAM, OTHER[0], SPAM + "!"]))
    b = DuplicateGrouper()(_doc([OTHER[1], OTHER[2], SPAM, SPAM + "!", OTHER[3]]))
    gid = group_id(SPAM)
    assert gid.startswith("dup-") and len(gid) == 14
    assert a.comments[0].duplicate_group == a.comments[2].duplicate_group == gid
    assert b.comments[2].duplicate_group == b.comments[3].duplicate_group == gid
    assert a.comments[1].duplicate_group is None


def test_stage_resets_stale_groups_and_keeps_the_json_shape() -> None:
    doc = _doc(OTHER)
    doc.comments[0].duplicate_group = "dup-stale"
    keys = set(doc.to_dict()["comments"][0])
    DuplicateGrouper()(doc)
    assert all(c.duplicate_group is None for c in doc.comments)
    assert set(doc.to_dict()["comments"][0]) == keys


_VOCAB = "the council road bikes lanes potholes money cyclists shops parking survey grant budget winter ice"
_WORDS = st.sampled_from((_VOCAB + " drivers school children morning traffic speed").split(" "))
_TEXT = st.lists(_WORDS, min_size=4, max_size=30).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(a=_TEXT, b=_TEXT, edits=st.lists(st.integers(0, 29), max_size=3))
def test_grouping_is_symmetric(a: str, b: str, edits: list[int]) -> None:
    words = a.split()
    for e in edits:
        if e < len(words):
            words[e] = words[e][::-1]
    c = " ".join(words)
    for x, y in ((a, b), (a, c)):
        assert bool(_groups([x, y])) == bool(_groups([y, x]))


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(_TEXT, min_size=0, max_size=8))
def test_groups_partition_the_eligible_comments(texts: list[str]) -> None:
    groups = _groups(texts)
    members = [m for g in groups for m in g]
    assert len(members) == len(set(members))
    assert all(len(g) >= 2 and g == sorted(g) for g in groups)
    for g in groups:  # every member of a group has the same normalised text as... at least one other
        assert all(0 <= m < len(texts) for m in g)


# --------------------------------------------------------------------------- explain


def test_explain_finds_moved_sentences_with_offsets() -> None:
    a = "Europe is finished. The elites hate their own people. Wake up before it is too late."
    b = "Wake up before it is too late! Europe is finished, the elites hate their own people"
    spans = explain(a, b)
    assert len(spans) >= 2
    for sa, ea, sb, eb in spans:
        assert _norm(a[sa:ea]) == _norm(b[sb:eb])
    covered = {_norm(a[sa:ea]) for sa, ea, _, _ in spans}
    assert "wake up before it is too late" in covered


def test_explain_ignores_runs_shorter_than_min_run() -> None:
    assert explain("the cat sat", "a dog sat on the cat") == []
    assert explain("the cat sat", "the cat sat", min_run=3) == [(0, 11, 0, 11)]


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize(
    "kw",
    [{"shingle": 1}, {"num_perm": 100, "bands": 32}, {"num_perm": 128, "bands": 16}, {"threshold": 0.0},
     {"containment": 1.5}, {"min_words": -1}],
)
def test_bad_options_raise_config_error(kw: dict[str, int | float]) -> None:
    with pytest.raises(ConfigError):
        DuplicateOptions(**kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the index


def test_index_finds_near_duplicates_and_not_others() -> None:
    idx = DuplicateIndex()
    for i, t in enumerate(OTHER):
        idx.add(f"t1/{i}", t)
    idx.add("t1/spam", SPAM)
    found = idx.query("Earn $500 a day working from home!! No experience needed, ask me how on my profile")
    assert [m.id for m in found] == ["t1/spam"] and 0.5 <= found[0].similarity <= 1.0
    assert idx.query("Completely different words about the weather in Spain this summer.") == []
    assert idx.query("Agreed.") == []
    assert len(idx) == 5 and "t1/spam" in idx


def test_index_add_returns_the_group_of_what_it_matched() -> None:
    idx = DuplicateIndex()
    g1 = idx.add("a/1", SPAM)
    assert g1 == group_id(SPAM)
    assert idx.add("a/2", OTHER[0]) == group_id(OTHER[0])
    assert idx.add("b/7", SPAM + " https://t.co/x") == g1
    assert idx.add("b/8", "+1") is None
    assert idx.group_size("a/1") == 2 and idx.group_size("a/2") == 1 and idx.group_size("b/8") == 0
    with pytest.raises(ConfigError):
        idx.add("a/1", "again")


def test_index_save_load_round_trip(tmp_path: Path) -> None:
    idx = DuplicateIndex()
    texts = [f"{t} number {i}" for i in range(300) for t in OTHER[:1]] + OTHER + [SPAM]
    for i, t in enumerate(texts):
        idx.add(f"id{i}", t)
    path = idx.save(tmp_path / "dups")
    assert path.suffix == ".npz"
    loaded = DuplicateIndex.load(path)
    assert len(loaded) == len(idx) and loaded.options == idx.options
    for q in (SPAM + "!", OTHER[2], f"{OTHER[0]} number 7"):
        assert loaded.query(q) == idx.query(q)
    assert loaded.group_of("id5") == idx.group_of("id5")
    assert loaded.add("new", SPAM) == idx.group_of(f"id{len(texts) - 1}")


def test_index_load_refuses_pickles_and_damaged_files(tmp_path: Path) -> None:
    evil = tmp_path / "evil.npz"
    np.savez(evil, meta=np.array([{"format": "x"}], dtype=object))
    with pytest.raises(FormatError):
        DuplicateIndex.load(evil)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(FormatError):
        DuplicateIndex.load(junk)
    good = DuplicateIndex()
    good.add("x", SPAM)
    path = good.save(tmp_path / "good.npz")
    with np.load(path) as data:
        arrays = dict(data)
    arrays["sig"] = arrays["sig"][:, :10]
    bad = tmp_path / "bad.npz"
    np.savez(bad, **arrays)
    with pytest.raises(FormatError):
        DuplicateIndex.load(bad)
    meta = json.loads(bytes(arrays["meta"]).decode())
    meta["version"] = 99
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    np.savez(bad, **arrays)
    with pytest.raises(FormatError, match="version"):
        DuplicateIndex.load(bad)


def test_index_buffer_merge_keeps_results() -> None:
    idx = DuplicateIndex()
    n = 2500  # more than one buffer merge
    for i in range(n):
        idx.add(str(i), f"comment number {i} about the council budget and the bins {i * 7919 % 1000}")
    idx.add("spam", SPAM)
    assert [m.id for m in idx.query(SPAM + "!!")] == ["spam"]
    assert "1234" in [m.id for m in idx.query("comment number 1234 about the council budget and the bins 762")]


def test_stage_with_an_index_links_groups_across_threads() -> None:
    idx = DuplicateIndex()
    stage = DuplicateGrouper(index=idx)
    first = stage(_doc([SPAM, OTHER[0]], "thread-1"))
    second = stage(_doc([OTHER[1], SPAM + " https://bit.ly/x", OTHER[2]], "thread-2"))
    # The first thread was processed before the copy existed; the index knows the group now.
    assert first.comments[0].duplicate_group is None
    assert second.comments[1].duplicate_group == idx.group_of("thread-1/c1") == group_id(SPAM)
    assert second.comments[0].duplicate_group is None and idx.group_size("thread-1/c1") == 2
    assert len(idx) == 5
    with pytest.raises(ConfigError):
        DuplicateGrouper(index=idx, options=DuplicateOptions(threshold=0.6))


def test_registered_stage_runs_in_a_pipeline() -> None:
    nlp = Pipeline.from_names(["segment.text.v1", "duplicates.minhash.v1"])
    doc = nlp(Document(id="x", text="Headline\n\nThe story of the day, told at some length here.\n\n" + SPAM + "\n" + SPAM))
    assert doc.stages[-1] == "duplicates.minhash.v1"
    assert isinstance(belowtheline.Pipeline, type)
