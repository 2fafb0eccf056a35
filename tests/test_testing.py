import doctest

import pytest

import belowtheline.testing
from belowtheline.segment import segment_text
from belowtheline.testing import CAPTURES


def test_doctests() -> None:
    assert doctest.testmod(belowtheline.testing).failed == 0


@pytest.mark.parametrize(("layout", "n"), [("blocks", 2), ("says", 2), ("bullet", 2), ("bare", 2), ("no_comments", 0)])
def test_canned_captures_segment_as_described(layout: str, n: int) -> None:
    r = segment_text(CAPTURES[layout])
    assert len(r.comments) == n
    assert r.article.title == "Council approves new bus lanes on Riverside Road"
