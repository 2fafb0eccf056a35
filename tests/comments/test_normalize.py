"""Normalisation: de-obfuscation and the offset map back to the original text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belowtheline.comments import load_scorer, normalize


@pytest.fixture(scope="module", autouse=True)
def _wildcards() -> None:
    load_scorer()  # registers the words a starred token may stand for


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("You F.U.C.K.I.N.G id1ot", "you fucking idiot"),
        ("sh!t", "shit"),
        ("b@stard", "bastard"),
        ("ba66age", "baggage"),
        ("f*ck off", "fuck off"),
        ("a$$hole", "asshole"),
        ("r e t a r d e d", "retarded"),
        ("you are a r e t a r d", "you are a retard"),
        ("stuuuuupid", "stuupid"),
        ("ΡUTIN", "putin"),
        ("fück", "fuck"),
        ("ｆｕｃｋ", "fuck"),
        ("i\u200bdiot", "idiot"),
        ("In 2050 the 10s of millions", "in 2050 the 10s of millions"),
    ],
)
def test_deobfuscation(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_offsets_point_into_the_original() -> None:
    raw = "Total I.D.I.O.T and a stuuuupid one"
    n = normalize(raw)
    s = n.text.index("idiot")
    start, end = n.original_span(s, s + 5)
    assert raw[start:end] == "I.D.I.O.T"
    s = n.text.index("stuupid")
    start, end = n.original_span(s, s + len("stuupid"))
    assert raw[start:end] == "stuuuupid"


@given(st.text(alphabet=st.sampled_from("abcdeiost .*!@1 \u200bÉéа"), max_size=60))
def test_offset_map_is_monotonic_and_in_range(raw: str) -> None:
    n = normalize(raw)
    if n.offsets is None:
        assert len(n.text) == len(raw)
    else:
        assert len(n.offsets) == len(n.text)
        assert list(n.offsets) == sorted(set(n.offsets))
        assert all(0 <= o < len(raw) for o in n.offsets)
    for i in range(len(n.text)):
        start, end = n.original_span(i, i + 1)
        assert 0 <= start < end <= len(raw)


@pytest.mark.parametrize("text", ["You are a stuuupid b@stard", "shut up you idoit", "a fukcing moron"])
def test_respelled_words_keep_whole_original_spans(text: str) -> None:
    from belowtheline.comments import score

    r = score([text])[0]
    assert r.evidence
    for e in r.evidence:  # spans start and end on word boundaries of the original
        assert e.start == 0 or not text[e.start - 1].isalnum(), e
        assert e.end == len(text) or not text[e.end].isalnum(), e
