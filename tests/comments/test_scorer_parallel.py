"""The scorer's batch paths: several processes, batch normalisation, same results as one process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from belowtheline.cli.main import main
from belowtheline.comments.normalize import normalize, normalize_all
from belowtheline.comments.scorer import PARALLEL_MIN, Scorer, Scores

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "toxicity"
TRICKY = [
    "You F.U.C.K.I.N.G id1ot",
    "what a load of sh*t",
    "stuuuupid moron",
    "a r e t a r d e d idea",
    "i d i o t s everywhere",
    "ΟΔΟΣ Σ and an idiot",
    "İstanbul is lovely, you idiot",
    "zero\u200bwidth id\u200biot",
    "you stupid bаstаrd",  # Cyrillic а
    "Kill yourself.",
    "I know where you live.",
    "Muslims are vermin.",
    "you are an idoit",
    "",
    "   ",
    "a NUL\x00inside, idiot",
    "Thanks, a thoughtful piece.",
]


def _texts(n: int) -> list[str]:
    base = list(TRICKY)
    for path in sorted(FIXTURES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                base.append(json.loads(line)["text"])
    # Vary the copies a little, so batches are not all alike.
    out = [f"{t} ({i // len(base)})" if i >= len(base) else t for i, t in enumerate(base * (n // len(base) + 1))]
    return out[:n]


def _key(results: list[Scores]) -> list[tuple[dict[str, float], list[tuple[str, int, int, str]]]]:
    return [(r.scores, [(e.label, e.start, e.end, e.text) for e in r.evidence]) for r in results]


@pytest.fixture(scope="module")
def scorer() -> Iterator[Scorer]:
    sc = Scorer()
    yield sc
    sc.close()


def test_two_processes_give_identical_results(scorer: Scorer) -> None:
    texts = _texts(PARALLEL_MIN + 700)
    one = scorer.score(texts, workers=1)
    two = scorer.score(texts, workers=2)
    assert _key(two) == _key(one)
    assert any(r.evidence for r in two)
    assert (scorer.probabilities(texts, workers=2) == scorer.probabilities(texts, workers=1)).all()
    assert [r.scores for r in scorer.score(texts, evidence=False, workers=2)] == [r.scores for r in one]
    # The running pool is reused, by explicit and automatic calls alike (its threads do not
    # make the next call fall back to one process).
    pool = scorer._pool
    assert pool is not None and scorer._parallel_chunks(len(texts), None) is not None
    assert _key(scorer.score(texts)) == _key(one) and scorer._pool is pool


def test_threshold_is_passed_to_the_workers(scorer: Scorer) -> None:
    texts = _texts(1500)
    scorer.evidence_threshold = 0.3
    try:
        assert _key(scorer.score(texts, workers=2)) == _key(scorer.score(texts, workers=1))
    finally:
        scorer.evidence_threshold = 0.5


def test_small_batches_stay_in_this_process() -> None:
    sc = Scorer()
    texts = _texts(50)
    assert _key(sc.score(texts, workers=2)) == _key(sc.score(texts, workers=1))
    assert _key(sc.score(texts)) == _key(sc.score(texts, workers=1))
    assert sc._pool is None


def test_falls_back_when_processes_cannot_start(monkeypatch: pytest.MonkeyPatch) -> None:
    sc = Scorer()

    def no_processes(workers: int) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(sc, "_get_pool", no_processes)
    texts = _texts(1500)
    assert _key(sc.score(texts, workers=2)) == _key(sc.score(texts, workers=1))
    assert sc._pool_failed and sc._pool is None


def test_batch_normalisation_matches_one_by_one() -> None:
    Scorer()  # registers the words a starred token may stand for
    texts = _texts(400)
    assert normalize_all(texts) == [normalize(t) for t in texts]


def test_cli_workers_option(tmp_path: Path) -> None:
    texts = _texts(1200)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        assert main(["score", "--input", str(src), "--output", str(out), "--workers", workers]) == 0
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1] and len(outs[0].splitlines()) == len(texts)
    assert main(["score", "--input", str(src), "--workers", "0"]) == 2
